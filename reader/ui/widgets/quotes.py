"""The quote sidebar: who speaks in an article, what they say, and a search over it.

A reader opens the sidebar to answer two questions: "who is quoted here?" and "where
did someone say X?". So it shows the speakers (full name, role, how often they speak)
as a filter, and below them every quote grouped by speaker, with a search field that
narrows the list as the reader types.

It is built for articles with thousands of quotes: both lists are ``OptionList``s,
which draw only the lines on screen; each quote's search text is folded once up
front; its line breaks are measured once per width and kept; and its styled text is
built only when it scrolls into view. So a keystroke costs a scan of folded strings,
not a re-render of every quote.

Article text is never markup: every piece of text is a ``Content`` built from plain
strings, so a quote containing ``[bold]`` shows those characters.

Styles live in ``styles/reader.tcss`` (the "quote sidebar" block), including the
component classes below, so the app's theme decides how matches and names look.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field, replace
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
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.core.model import Article, Quote, Speaker
from reader.core.search import find_spans, normalise, terms
from reader.core.text import clean_text

__all__ = ["QuoteSidebar"]

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
        column = 0
        for match in _WORD.finditer(paragraph):
            word_start = offset + match.start()
            word_end = offset + match.start(1)
            word_cells = measure(paragraph[match.start() : match.start(1)])
            space_cells = match.end() - match.start(1)  # whitespace: one cell each
            if column and column + word_cells > width:
                lines.append((line_start, word_start))
                line_start, column = word_start, 0
            if word_cells > width:
                # A word wider than a line (a URL, say): cut it into line-sized pieces.
                position = word_start
                for character in text[word_start:word_end]:
                    cells = measure(character)
                    if column and column + cells > width:
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


class _Block(Visual):
    """Text with a hanging indent, optionally cut to a few lines with "…", and a footer.

    ``Content`` alone can wrap but neither hang its continuation lines under a marker
    ("● ", an opening quote mark) nor stop after N lines, and where lines break depends
    on the width the list gets, so this is done at render time.

    ``OptionList`` measures every option on every rebuild but draws only the visible
    ones. So a block measures from plain text, with line breaks cached per width in
    ``breaks`` (which the sidebar keeps per quote, so searching never re-wraps a quote
    already measured), and calls ``build`` for its styled ``Content`` only when first
    drawn: a search over thousands of quotes then styles just the screenful in view.
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
    ) -> None:
        self._build: Callable[[], tuple[Content, Content | None]] | None = build
        self._styled: tuple[Content, Content | None] | None = None
        self._plain = plain
        self._footer_plain = footer_plain
        self._marker = Content(marker) if isinstance(marker, str) else marker
        self._max_lines = max_lines
        self._breaks = {} if breaks is None else breaks
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
        body, footer = self._lines(width)
        return len(body) + len(footer)


@dataclass(frozen=True, slots=True)
class _Entry:
    """One quote with what the sidebar needs to show and search it, prepared once."""

    quote: Quote
    speaker: Speaker
    text: str
    """The quote's text as shown: what the line breaks and highlights are measured on."""
    haystack: str
    """Folded quote text, speaker name and role: what ``search.matches`` compares with."""
    breaks: dict[int, tuple[Lines, Lines]] = field(default_factory=dict)
    """Where the quote's lines break at the widths it has been shown at."""


def _cleaned(speaker: Speaker) -> Speaker:
    """The speaker with name and role fit to show (see ``reader.core.text.clean_text``)."""
    role = None if speaker.role is None else clean_text(speaker.role)
    return replace(speaker, name=clean_text(speaker.name), role=role)


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
        self._entries: list[_Entry] = []
        for quote in article.quotes:
            speaker = speakers.setdefault(quote.speaker, Speaker(quote.speaker, quote.speaker))
            text = clean_text(quote.text)
            self._entries.append(_Entry(quote, speaker, text, self._haystack(text, speaker)))
        self._speakers = speakers
        self._counts = article.quote_counts(kind=None)
        # Row i of the speaker list filters to _speaker_rows[i]; row 0 is "All speakers".
        self._speaker_rows: list[str | None] = [None, *speakers]
        self._plain_prompts: dict[str, _Block] = {}
        self._first_hit: str | None = None
        self._return_focus: Widget | None = None

    @staticmethod
    def _haystack(text: str, speaker: Speaker) -> str:
        # The same folding and joining as ``search.matches``, done once per quote
        # instead of once per quote per keystroke.
        return "\n".join(normalise(field) for field in (text, speaker.name, speaker.role or ""))

    # -- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Search quotes  /", id="quote-search")
        yield Label(id="quote-counter", markup=False)
        yield OptionList(*self._speaker_options(), id="quote-speakers", markup=False)
        yield OptionList(id="quote-list", markup=False)

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
                label = Content.styled("All speakers", f".{_NAME}") + Content.styled(
                    f" ({len(self._entries)})", f".{_COUNT}"
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

        def styled() -> tuple[Content, Content]:
            text = _highlighted(entry.text, query)
            # Reported speech has no quote marks, so it is set apart by slant instead.
            body = text + "”" if direct else text.stylize_before("italic")
            name = _highlighted(speaker.name, query, f".{_ATTRIBUTION}")
            return body, Content.styled(_ATTRIBUTION_PREFIX, f".{_ATTRIBUTION}") + name

        prompt = _Block(
            styled,
            plain=entry.text + "”" if direct else entry.text,
            footer_plain=_ATTRIBUTION_PREFIX + speaker.name,
            marker=" “" if direct else "  ",
            max_lines=None if query else PREVIEW_LINES,
            breaks=entry.breaks,
        )
        if not query:
            self._plain_prompts[quote.id] = prompt
        return prompt

    def _show_quotes(self) -> None:
        """Rebuild the quote list and counter from the speaker filter and the search."""
        query = self.query_one("#quote-search", Input).value.strip()
        words = terms(query)
        speaker_filter = self.speaker_filter
        shown = [
            entry
            for entry in self._entries
            if (speaker_filter is None or entry.quote.speaker == speaker_filter)
            and all(word in entry.haystack for word in words)
        ]
        groups: dict[str, list[_Entry]] = {}
        for entry in shown:
            groups.setdefault(entry.quote.speaker, []).append(entry)

        options: list[Option | None] = []
        for entries in groups.values():
            if options:
                options.append(None)  # a rule between speakers
            header = _speaker_label(entries[0].speaker, len(entries), query)
            options.append(Option(header, disabled=True))
            options.extend(
                Option(self._prompt(entry, query), id=entry.quote.id) for entry in entries
            )
        self._first_hit = next((option.id for option in options if option and option.id), None)

        quote_list = self.query_one("#quote-list", OptionList)
        keep = quote_list.highlighted_option
        quote_list.set_options(options)
        # Stay on the quote the reader was on, if it is still listed.
        index: int | None = None
        if keep is not None and keep.id is not None:
            with suppress(OptionDoesNotExist):
                index = quote_list.get_option_index(keep.id)
        if index is None:
            quote_list.action_first()
        else:
            quote_list.highlighted = index
        self.query_one("#quote-counter", Label).update(
            Content(f"{len(shown)} of {len(self._entries)}")
        )

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

    def action_focus_results(self) -> None:
        self.query_one("#quote-list", OptionList).focus()
