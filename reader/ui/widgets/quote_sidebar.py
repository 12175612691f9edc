"""The quote sidebar: who speaks in an article, what they say, and a search over it.

A reader opens the sidebar to answer two questions: "who is quoted here?" and "where
did someone say X?". So it shows the speakers (full name, role, how often they speak)
as a filter, and below them every quote grouped by speaker, with a search field that
narrows the list as the reader types.

It is built for articles with thousands of quotes, and never holds the app up for
more than a few milliseconds at a time. Both lists are ``OptionList``s, which draw
only the lines on screen but measure every option they are given, so:

* the quote list is (re)built in slices of at most ``SLICE`` seconds, the first at
  once and the rest in a worker that lets keys and paints through in between; the
  next keystroke or filter change takes over from a rebuild not yet finished;
* a quote is prepared (cleaned, measured) only when it is first listed, and a
  preview cut to ``PREVIEW_LINES`` knows its height from the length of its text;
* each quote's search text is folded once, in the background after the list is
  built (or by the first search that needs it), so a keystroke costs a scan of
  folded strings, not a re-render of every quote;
* line breaks are measured once per width and kept, and the styled text is built
  only when a quote scrolls into view.

Article text is never markup: every piece of text is a ``Content`` built from plain
strings, so a quote containing ``[bold]`` shows those characters.

Styles live in ``styles/reader.tcss`` (the "quote sidebar" block), including the
component classes below, so the app's theme decides how matches and names look.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from time import perf_counter
from typing import ClassVar

from rich.cells import cell_len, get_character_cell_size
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article, Quote, Speaker
from reader.core.search import find_spans, normalise, terms
from reader.core.text import clean_text
from reader.ui.labels import clipped
from reader.ui.widgets.cursor_list import CursorList

__all__ = ["QuoteSidebar", "citation"]

#: How many lines of a quote the list shows while not searching. Enough to recognise
#: a quote; the whole text is one Enter away, in the article.
PREVIEW_LINES = 3

# Component class names, resolved at render time (a ``.name`` style in a Content span
# is looked up on the widget's ancestors), so a theme switch restyles without rebuilds.
_MATCH = "quote-sidebar--match"
_NAME = "quote-sidebar--name"
_ROLE = "quote-sidebar--role"
_COUNT = "quote-sidebar--count"
_ACTIVE = "quote-sidebar--active"
_ATTRIBUTION = "quote-sidebar--attribution"
_ATTRIBUTION_PREFIX = "   — "
_DIRECT_MARKER = Content(" “")
_REPORTED_MARKER = Content("  ")

#: A rebuild of the quote list holds the app for at most about this many seconds at a
#: time; then keys are handled and the screen painted before it goes on.
SLICE = 0.008
#: Quotes searched, and options added to the list, between checks of the time.
SCAN_CHUNK = 500
LIST_CHUNK = 100


_WORD = re.compile(r"\S+(\s*)")


def _narrow(text: str) -> bool:
    """True when every character takes one cell, so ``len`` measures cells exactly."""
    if text.isascii():
        return True
    if "\u200d" in text or "\ufe0f" in text:  # joiners and emoji selectors change widths
        return False
    return all(get_character_cell_size(character) == 1 for character in set(text))


def wrap_lines(text: str, width: int) -> list[tuple[int, int]]:
    """Where ``text`` breaks into lines of at most ``width`` cells, as (start, end) offsets.

    Greedy word wrap, folding words longer than a line, keeping newlines. A line's span
    may end in the spaces the break swallowed; the renderer strips them.

    The list wraps quotes itself rather than asking ``Content`` because it needs only
    the number of lines for most quotes (``OptionList`` measures every option, but
    draws only the visible ones), and counting this way is several times cheaper
    than a full ``Content.wrap``.
    """
    width = max(width, 1)
    measure = len if _narrow(text) else cell_len
    lines: list[tuple[int, int]] = []
    offset = 0
    for paragraph in text.split("\n"):
        line_start = offset
        if measure(paragraph) <= width:
            lines.append((line_start, offset + len(paragraph)))
            offset += len(paragraph) + 1
            continue
        # Leading whitespace is drawn (only trailing whitespace is swallowed), so it
        # takes its cells on the first line.
        indent = len(paragraph) - len(paragraph.lstrip())
        column = measure(paragraph[:indent])
        for match in _WORD.finditer(paragraph):
            word_start = offset + match.start()
            word_end = offset + match.start(1)
            word_cells = measure(paragraph[match.start() : match.start(1)])
            space_cells = measure(match.group(1))
            if word_start > line_start and column + word_cells > width:
                lines.append((line_start, word_start))
                line_start, column = word_start, 0
            if word_cells > width:
                # A word wider than a line (a URL, say): cut it into line-sized pieces.
                position = word_start
                for character in text[word_start:word_end]:
                    cells = measure(character)
                    if position > line_start and column + cells > width:
                        lines.append((line_start, position))
                        line_start, column = position, 0
                    column += cells
                    position += len(character)
            else:
                column += word_cells
            column += space_cells
        lines.append((line_start, offset + len(paragraph)))
        offset += len(paragraph) + 1
    return lines


Lines = list[tuple[int, int]]
"""Line spans, as ``wrap_lines`` returns them."""


#: Whitespace other than single spaces: where a line span may be longer than its line.
_IRREGULAR_SPACE = re.compile(r"\s\s|[^\S ]")


def _regular(text: str) -> bool:
    """True when ``text`` is one paragraph of one-cell characters and single spaces.

    Then each wrapped line spans at most ``width + 1`` characters (its cells and the
    one space the break swallowed), so a text longer than ``n * (width + 1)`` certainly
    takes more than ``n`` lines: a clamped preview's height is known without wrapping.
    """
    return _narrow(text) and _IRREGULAR_SPACE.search(text) is None


class _Block(Visual):
    """Text with a hanging indent, optionally cut to a few lines with "…", and a footer.

    ``Content`` alone can wrap but neither hang its continuation lines under a marker
    ("● ", an opening quote mark) nor stop after N lines, and where lines break depends
    on the width the list gets, so this is done at render time.

    ``OptionList`` measures every option it is given but draws only the visible ones.
    So a block measures from plain text: a clamped preview of a long, regular text
    (most quotes) knows its height from its length alone; other texts are wrapped, with
    line breaks cached per width in ``breaks`` (which the sidebar keeps per quote, so
    searching never re-wraps a quote already measured). ``build`` makes the styled
    ``Content`` only when the block is first drawn: a list of thousands of quotes then
    wraps and styles just the screenful in view.

    ``regular`` says ``plain`` passes ``_regular``; ``footer_cells`` is the footer's
    width when it is one line. Both only let ``get_height`` skip wrapping.
    """

    def __init__(
        self,
        build: Callable[[], tuple[Content, Content | None]],
        *,
        plain: str,
        footer_plain: str | None = None,
        marker: Content | str = "",
        max_lines: int | None = None,
        breaks: dict[int, tuple[Lines, Lines]] | None = None,
        regular: bool = False,
        footer_cells: int | None = None,
    ) -> None:
        self._build: Callable[[], tuple[Content, Content | None]] | None = build
        self._styled: tuple[Content, Content | None] | None = None
        self._plain = plain
        self._footer_plain = footer_plain
        self._marker = Content(marker) if isinstance(marker, str) else marker
        self._max_lines = max_lines
        self._breaks = {} if breaks is None else breaks
        self._regular = regular
        self._footer_cells = footer_cells
        self._laid_out: tuple[int, Content] | None = None

    @classmethod
    def of(cls, body: Content, *, marker: Content | str = "") -> _Block:
        """A block for Content that is already styled (short texts such as labels)."""
        return cls(lambda: (body, None), plain=body.plain, marker=marker)

    def _lines(self, width: int) -> tuple[Lines, Lines]:
        """Body and footer line spans for ``width`` cells, the body clamped."""
        if (cached := self._breaks.get(width)) is None:
            if len(self._breaks) > 4:  # widths change rarely: keep the last few only
                self._breaks.clear()
            body = wrap_lines(self._plain, width - self._marker.cell_length)
            footer = [] if self._footer_plain is None else wrap_lines(self._footer_plain, width)
            self._breaks[width] = cached = (body, footer)
        body, footer = cached
        if self._max_lines is not None:
            body = body[: self._max_lines]
        return body, footer

    def _layout(self, width: int) -> Content:
        """The whole block laid out for ``width`` cells, one Content line per row."""
        if self._laid_out is not None and self._laid_out[0] == width:
            return self._laid_out[1]
        if self._styled is None:
            assert self._build is not None
            self._styled, self._build = self._build(), None
        body, footer = self._styled
        body_lines, footer_lines = self._lines(width)
        text_width = max(width - self._marker.cell_length, 1)
        hang = Content(" " * self._marker.cell_length)
        rows: list[Content] = []
        for row, (start, end) in enumerate(body_lines):
            line = body[start:end].rstrip()
            if row == len(body_lines) - 1 and end < len(self._plain.rstrip()):
                # Clamped: say so where the text stops.
                if line.cell_length >= text_width:
                    line = line.truncate(text_width - 1)
                line += "…"
            rows.append((self._marker if row == 0 else hang) + line)
        if footer is not None:
            rows.extend(footer[start:end].rstrip() for start, end in footer_lines)
        laid_out = Content("\n").join(rows)
        self._laid_out = (width, laid_out)
        return laid_out

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self._layout(width).render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        texts = [self._plain, self._footer_plain or ""]
        widest = max(cell_len(line) for text in texts for line in text.split("\n"))
        return self._marker.cell_length + widest

    def get_minimal_width(self, rules: RulesMap) -> int:
        longest = max((cell_len(word) for word in self._plain.split()), default=0)
        return self._marker.cell_length + longest

    def get_height(self, rules: RulesMap, width: int) -> int:
        clamp = self._max_lines
        if (
            clamp is not None
            and self._regular
            and width not in self._breaks
            and len(self._plain) > clamp * (max(width - self._marker.cell_length, 1) + 1)
        ):
            # Certainly more lines than the preview shows: no need to wrap to know.
            if self._footer_plain is None:
                return clamp
            if self._footer_cells is not None and self._footer_cells <= width:
                return clamp + 1
        body, footer_lines = self._lines(width)
        return len(body) + len(footer_lines)


@dataclass(slots=True)
class _Entry:
    """One quote with what the sidebar needs to show it, prepared when first listed."""

    quote: Quote
    speaker: Speaker
    text: str
    """The quote's text as shown: what the line breaks and highlights are measured on."""
    regular: bool
    """Whether ``text`` is one paragraph of one-cell characters and single spaces."""
    breaks: dict[int, tuple[Lines, Lines]] = field(default_factory=dict)
    """Where the quote's lines break at the widths it has been shown at."""


def _cleaned(speaker: Speaker) -> Speaker:
    """The speaker with name and role fit to show in a list: cleaned (see
    ``reader.core.text.clean_text``) and clipped (see ``reader.ui.labels.clipped``)."""
    role = None if speaker.role is None else clipped(clean_text(speaker.role))
    return replace(speaker, name=clipped(clean_text(speaker.name)), role=role)


def _highlighted(text: str, query: str, style: str = "") -> Content:
    """``text`` as plain Content in ``style``, with every word of ``query`` marked."""
    content = Content.styled(text, style) if style else Content(text)
    for start, end in find_spans(text, query) if query else ():
        content = content.stylize(f".{_MATCH}", start, end)
    return content


def _speaker_label(speaker: Speaker, count: int, query: str = "") -> Content:
    """``Name — Role (count)``, with the parts styled separately so a theme can tell them apart."""
    label = _highlighted(speaker.name, query, f".{_NAME}")
    if speaker.role:
        label += Content(" — ") + _highlighted(speaker.role, query, f".{_ROLE}")
    return label + Content.styled(f" ({count})", f".{_COUNT}")


def citation(quote: Quote, article: Article) -> str:
    """A quote as one cites it: “text” — Name, role (the whole name and role, cleaned)."""
    try:
        speaker = article.speaker(quote.speaker)
    except KeyError:  # an article built in code need not list every speaker
        return f"“{clean_text(quote.text)}” — {quote.speaker}"
    who = clean_text(speaker.name)
    if speaker.role:
        who += f", {clean_text(speaker.role)}"
    return f"“{clean_text(quote.text)}” — {who}"


class QuoteSidebar(Widget):
    """The speakers of an article and their quotes, filterable by speaker and by search.

    Choosing a quote (Enter or click in the list, or Enter in the search field for the
    first hit) posts :class:`QuoteSidebar.QuoteChosen`; what "going to a quote" means
    is the screen's business, so the sidebar only reports the choice.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "clear_search",
            "Clear search",
            tooltip="Clear the quote search; again to leave the search field",
            id="quote_sidebar.clear_search",
        ),
        Binding(
            "slash",
            "focus_search",
            "Search quotes",
            show=False,
            tooltip="Search quote text, speaker names and roles",
            id="quote_sidebar.focus_search",
        ),
        Binding(
            "down",
            "focus_results",
            "Results",
            show=False,
            tooltip="From the search field, move into the list of quotes",
            id="quote_sidebar.focus_results",
        ),
        Binding(
            "c,y",
            "copy_quote",
            "Copy quote",
            show=False,
            tooltip="Copy the highlighted quote with who said it: “…” — Name, role",
            id="quote_sidebar.copy_quote",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        _MATCH,
        _NAME,
        _ROLE,
        _COUNT,
        _ACTIVE,
        _ATTRIBUTION,
    }
    """Styled in ``styles/reader.tcss``: matched words, speaker name, role, count,
    the active speaker filter, and the speaker line under each quote."""

    speaker_filter: reactive[str | None] = reactive(None)
    """Show only this speaker's quotes; ``None`` shows everyone's."""

    class QuoteChosen(Message):
        """The reader chose a quote: the screen should take them to it."""

        def __init__(self, sidebar: QuoteSidebar, quote_id: str) -> None:
            super().__init__()
            self.sidebar = sidebar
            self.quote_id = quote_id

        @property
        def control(self) -> QuoteSidebar:
            """The sidebar the quote was chosen in (for ``@on(..., "#id")``)."""
            return self.sidebar

    class Left(Message):
        """The reader left the sidebar with Escape: on a narrow screen it can make way."""

        def __init__(self, sidebar: QuoteSidebar) -> None:
            super().__init__()
            self.sidebar = sidebar

        @property
        def control(self) -> QuoteSidebar:
            return self.sidebar

    def __init__(
        self, article: Article, *, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.article = article
        # The loader has cleaned the text and checked every speaker is listed; an
        # article built in code (the importer's, a test's) may not have, and neither a
        # stray tab (which would throw the line measurements off) nor a missing
        # speaker should break the sidebar.
        speakers = {speaker.id: _cleaned(speaker) for speaker in article.speakers}
        quotes = article.quotes
        self._by_speaker: dict[str, list[int]] = {}
        for index, quote in enumerate(quotes):
            self._by_speaker.setdefault(quote.speaker, []).append(index)
        for speaker_id in self._by_speaker:
            speakers.setdefault(speaker_id, Speaker(speaker_id, speaker_id))
        self._speakers = speakers
        self._counts = article.quote_counts(kind=None)
        self._speaker_rows: list[str | None] = [None, *speakers]
        # Per quote, made when first needed (listing it, searching it): opening the
        # sidebar costs what its first screenful costs, not what the article does.
        self._entries: list[_Entry | None] = [None] * len(quotes)
        self._haystacks: list[str | None] = [None] * len(quotes)
        self._speaker_haystacks: dict[str, str] = {}
        self._footers: dict[str, tuple[str, int | None]] = {}
        self._plain_prompts: dict[str, _Block] = {}
        self._first_hit: str | None = None
        self._return_focus: Widget | None = None
        # The list is rebuilt in slices (see ``_show_quotes``): the rest of a rebuild.
        self._steps: Iterator[None] | None = None
        self._draining = False

    def _entry(self, index: int) -> _Entry:
        """The quote at ``index`` of the article, ready to show."""
        if (entry := self._entries[index]) is None:
            quote = self.article.quotes[index]
            text = clean_text(quote.text)
            entry = _Entry(quote, self._speakers[quote.speaker], text, _regular(text))
            self._entries[index] = entry
        return entry

    def _haystack(self, index: int) -> str:
        """What a search compares with: folded quote text, speaker name and role.

        The same folding and joining as ``search.matches``, done once per quote (the
        speaker's part once per speaker) instead of once per quote per keystroke.
        """
        if (haystack := self._haystacks[index]) is None:
            entry = self._entry(index)
            speaker = entry.speaker
            if (who := self._speaker_haystacks.get(speaker.id)) is None:
                who = normalise(speaker.name) + "\n" + normalise(speaker.role or "")
                self._speaker_haystacks[speaker.id] = who
            haystack = self._haystacks[index] = normalise(entry.text) + "\n" + who
        return haystack

    # -- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search quotes  /", id="quote-search")
        yield Label(id="quote-counter", markup=False)
        yield Label(id="quote-scope", markup=False)
        yield CursorList(*self._speaker_options(), id="quote-speakers", markup=False)
        yield CursorList(id="quote-list", markup=False)

    def on_mount(self) -> None:
        speakers = self.query_one("#quote-speakers", OptionList)
        speakers.highlighted = self._speaker_rows.index(self.speaker_filter)
        self._show_quotes()

    def _speaker_options(self) -> list[Option]:
        """The speaker filter rows, the active one marked."""
        options = []
        for row, speaker_id in enumerate(self._speaker_rows):
            active = speaker_id == self.speaker_filter
            if speaker_id is None:
                # "(9)" beside "All speakers" read as nine speakers: say what is counted
                total = len(self._entries)
                label = Content.styled("All speakers", f".{_NAME}") + Content.styled(
                    f" · {total} quote" + ("" if total == 1 else "s"), f".{_COUNT}"
                )
            else:
                speaker = self._speakers[speaker_id]
                label = _speaker_label(speaker, self._counts.get(speaker_id, 0))
            marker = Content.styled("● ", f".{_ACTIVE}") if active else "  "
            options.append(Option(_Block.of(label, marker=marker), id=f"speaker-row-{row}"))
        return options

    def _prompt(self, entry: _Entry, query: str) -> _Block:
        """The list entry for one quote; highlighted and shown whole while searching.

        While searching the whole text is shown, since the matched word may be past
        the preview lines. Plain prompts are cached: they are what the list shows
        most of the time, and they keep their wrapping cache between searches.
        """
        if not query and (cached := self._plain_prompts.get(entry.quote.id)):
            return cached
        quote, speaker = entry.quote, entry.speaker
        direct = quote.kind == "direct"
        if (footer := self._footers.get(speaker.id)) is None:
            plain_footer = _ATTRIBUTION_PREFIX + speaker.name
            one_line = "\n" not in plain_footer
            footer = (plain_footer, cell_len(plain_footer) if one_line else None)
            self._footers[speaker.id] = footer

        def styled() -> tuple[Content, Content]:
            text = _highlighted(entry.text, query)
            # Reported speech has no quote marks, so it is set apart by slant instead.
            body = text + "”" if direct else text.stylize_before("italic")
            name = _highlighted(speaker.name, query, f".{_ATTRIBUTION}")
            return body, Content.styled(_ATTRIBUTION_PREFIX, f".{_ATTRIBUTION}") + name

        prompt = _Block(
            styled,
            plain=entry.text + "”" if direct else entry.text,
            footer_plain=footer[0],
            footer_cells=footer[1],
            marker=_DIRECT_MARKER if direct else _REPORTED_MARKER,
            max_lines=None if query else PREVIEW_LINES,
            breaks=entry.breaks,
            regular=entry.regular,
        )
        if not query:
            self._plain_prompts[quote.id] = prompt
        return prompt

    @property
    def building(self) -> bool:
        """Whether the list is still being filled (the counter is already final)."""
        return self._steps is not None

    def _show_quotes(self) -> None:
        """Rebuild the quote list and counter from the speaker filter and the search.

        A rebuild runs in slices of at most ``SLICE`` seconds: the first one now (which
        for an article of ordinary size is the whole rebuild), the rest in a worker
        that lets the app handle keys and paint between slices. A new rebuild (the
        next keystroke) replaces the rest of the one before.
        """
        self._steps = self._rebuild()
        self._advance()
        if self._steps is not None and not self._draining:
            self._draining = True
            self.run_worker(self._drain(), group="quote-sidebar", exit_on_error=True)

    def _advance(self) -> None:
        """Run the pending rebuild for one slice."""
        steps = self._steps
        if steps is None:
            return
        deadline = perf_counter() + SLICE
        for _ in steps:
            if perf_counter() > deadline:
                return
        if self._steps is steps:
            self._steps = None

    def _finish(self) -> None:
        """Run the pending rebuild to its end now."""
        steps, self._steps = self._steps, None
        for _ in steps or ():
            pass

    async def _drain(self) -> None:
        """Finish rebuilding, a slice at a time, yielding to the app in between."""
        try:
            while self._steps is not None:
                await asyncio.sleep(0)
                self._advance()
        finally:
            self._draining = False

    def _rebuild(self) -> Iterator[None]:
        """The steps of a rebuild; it yields wherever it may be paused."""
        query = self.query_one("#quote-search", Input).value.strip()
        words = terms(query)
        speaker_filter = self.speaker_filter
        total = len(self._entries)
        candidates: Sequence[int] = (
            range(total) if speaker_filter is None else self._by_speaker.get(speaker_filter, [])
        )
        shown: list[int] = []
        if words:
            haystack = self._haystack
            for start in range(0, len(candidates), SCAN_CHUNK):
                shown.extend(
                    index
                    for index in candidates[start : start + SCAN_CHUNK]
                    if all(word in haystack(index) for word in words)
                )
                yield
        else:
            shown.extend(candidates)

        quotes = self.article.quotes
        groups: dict[str, list[int]] = {}
        for index in shown:
            groups.setdefault(quotes[index].speaker, []).append(index)
        self._first_hit = quotes[shown[0]].id if shown else None
        self.query_one("#quote-counter", Label).update(Content(f"{len(shown)} of {total}"))
        self._show_scope(query, len(shown))

        quote_list = self.query_one("#quote-list", OptionList)
        keep = quote_list.highlighted_option
        keep_id = None if keep is None else keep.id
        # Stay on the quote the reader was on, if it is still listed.
        if keep_id is not None and keep_id not in {quotes[index].id for index in shown}:
            keep_id = None
        pending: list[Option | None] = []
        flushed = 0  # options in the list so far
        listed = 0  # options made so far (in the list or pending)
        keep_index: int | None = None

        def flush() -> None:
            nonlocal flushed
            if flushed == 0:
                quote_list.set_options(pending)
                if keep_id is None:
                    quote_list.action_first()
            else:
                quote_list.add_options(pending)
            if keep_index is not None and flushed <= keep_index < listed:
                quote_list.highlighted = keep_index
            flushed = listed
            pending.clear()

        for number, (speaker_id, indices) in enumerate(groups.items(), 1):
            header = _speaker_label(self._speakers[speaker_id], len(indices), query)
            pending.append(Option(header, disabled=True))
            listed += 1
            last = indices[-1]
            for index in indices:
                entry = self._entry(index)
                if entry.quote.id == keep_id:
                    keep_index = listed
                pending.append(Option(self._prompt(entry, query), id=entry.quote.id))
                listed += 1
                if index == last and number < len(groups):
                    # A rule between speakers. It marks the option before it, so it goes
                    # in with that option (``add_options`` re-measures everything if a
                    # batch starts with one).
                    pending.append(None)
                if len(pending) >= LIST_CHUNK:
                    flush()
                    yield
        if pending or flushed == 0:
            flush()
        yield

        # Fold every quote for searching while the reader is still looking: the first
        # search then only compares strings.
        haystack = self._haystack
        for start in range(0, total, SCAN_CHUNK):
            for index in range(start, min(start + SCAN_CHUNK, total)):
                haystack(index)
            yield

    def _show_scope(self, query: str, count: int) -> None:
        """Say what narrows the list and how to widen it, and that an empty one is empty.

        A search within one speaker's quotes found nothing in another speaker's quote
        and showed "0 of 9" and an empty list, with no word why.
        """
        text = ""
        if self.speaker_filter is not None:
            name = self._speakers[self.speaker_filter].name
            if count == 0 and query:
                text = f"No quote by {name} matches “{query}”."
            else:
                text = f"Only {name}'s quotes."
            text += " Choose “All speakers” above to see everyone's."
        elif count == 0:
            text = f"No quote or speaker matches “{query}”." if query else "No quotes."
        scope = self.query_one("#quote-scope", Label)
        scope.update(Content(text))
        scope.display = bool(text)

    # -- public API ------------------------------------------------------------------

    def focus_search(self) -> None:
        """Put the cursor in the search field, remembering where to return on Escape."""
        search = self.query_one("#quote-search", Input)
        focused = self.screen.focused
        if focused is not search:
            self._return_focus = focused
        search.focus()

    def show_speaker(self, speaker_id: str | None) -> None:
        """Show only this speaker's quotes (``None``: everyone's)."""
        self.speaker_filter = speaker_id

    # -- reactives -------------------------------------------------------------------

    def validate_speaker_filter(self, speaker_id: str | None) -> str | None:
        # A wrong id is a caller's bug; failing here beats an empty list nobody explains.
        if speaker_id is not None and speaker_id not in self._speakers:
            raise ValueError(f"no speaker {speaker_id!r} in article {self.article.id!r}")
        return speaker_id

    def watch_speaker_filter(self, speaker_id: str | None) -> None:
        if not self.is_mounted:
            return  # compose and on_mount build from the current value
        speakers = self.query_one("#quote-speakers", OptionList)
        for index, option in enumerate(self._speaker_options()):
            speakers.replace_option_prompt_at_index(index, option.prompt)
        if speaker_id is not None:
            # Show who is chosen; clearing leaves the cursor where the reader put it.
            speakers.highlighted = self._speaker_rows.index(speaker_id)
        self._show_quotes()

    # -- events ----------------------------------------------------------------------

    @on(Input.Changed, "#quote-search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show_quotes()
        self.refresh_bindings()  # Escape means something now (or no longer)

    @on(Input.Submitted, "#quote-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._finish()  # the first hit of what was typed, not of a search half done
        if self._first_hit is None:
            self.app.bell()
        else:
            self.post_message(self.QuoteChosen(self, self._first_hit))

    @on(OptionList.OptionSelected, "#quote-list")
    def _quote_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.QuoteChosen(self, event.option.id))

    @on(OptionList.OptionSelected, "#quote-speakers")
    def _speaker_selected(self, event: OptionList.OptionSelected) -> None:
        """Choosing a speaker filters to them; choosing them again shows everyone."""
        event.stop()
        speaker_id = self._speaker_rows[event.option_index]
        self.speaker_filter = None if speaker_id == self.speaker_filter else speaker_id

    @on(OptionList.OptionHighlighted)
    def _keep_highlight_private(self, event: OptionList.OptionHighlighted) -> None:
        # Our lists are an implementation detail; don't let their chatter reach the screen.
        event.stop()

    # -- actions ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Let Escape and Down through to the screen unless they mean something here."""
        if not self.is_mounted:
            return True
        search = self.query_one("#quote-search", Input)
        if action == "clear_search":
            return bool(search.value) or search.has_focus
        if action == "focus_results":
            return search.has_focus
        if action == "copy_quote":
            return self._highlighted_quote() is not None
        return True

    def action_focus_search(self) -> None:
        self.focus_search()

    def action_clear_search(self) -> None:
        """First Escape empties the search; a second one leaves the search field."""
        search = self.query_one("#quote-search", Input)
        if search.value:
            search.value = ""  # Input.Changed rebuilds the list
            return
        target = self._return_focus
        self._return_focus = None
        if target is not None and target.is_attached and target.focusable:
            target.focus()
        else:
            self.screen.set_focus(None)
        self.post_message(self.Left(self))

    def action_focus_results(self) -> None:
        self.query_one("#quote-list", OptionList).focus()

    def action_copy_quote(self) -> None:
        """Copy the highlighted quote, attributed, to the clipboard (to cite it)."""
        quote = self._highlighted_quote()
        if quote is None:
            return
        self.app.copy_to_clipboard(citation(quote, self.article))
        self.notify("Quote copied with its speaker", title="Copied", timeout=3)

    def _highlighted_quote(self) -> Quote | None:
        """The quote under the list's cursor while the list has focus, if any."""
        quotes = self.query_one("#quote-list", OptionList)
        option = quotes.highlighted_option if quotes.has_focus else None
        if option is None or option.id is None:
            return None
        return self.article.quote(option.id)
