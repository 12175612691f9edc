"""The quote sidebar: who speaks in an article, what they say, and a search over it.

A reader opens the sidebar to answer two questions: "who is quoted here?" and "where
did someone say X?". So it shows the speakers (full name, role, how often they speak)
as a filter, and below them every quote grouped by speaker, with a search field that
narrows the list as the reader types.

It is built for articles with thousands of quotes, and never holds the app up for
more than a few milliseconds at a time. Both lists are ``OptionList``s, which draw
only the lines on screen but measure every option they are given, so:

* the sidebar is first composed with its search field alone, and the rest (the
  count, the scope line and both lists) is mounted and filled after it is first
  drawn, once the keys let it (``_fill``, ``keys_first``): the field answers "/" at
  once, before them;
* the quote list is (re)built in slices of at most ``SLICE`` seconds
  (:mod:`reader.ui.sliced`), the first at once and the rest in a worker that lets
  keys and paints through in between; the next keystroke or filter change takes over
  from a rebuild not yet finished;
* a quote is prepared (cleaned, measured) only when it is first listed
  (:mod:`reader.ui.widgets.quote_prompts`), and a preview cut to ``PREVIEW_LINES``
  knows its height from the length of its text;
* the search is the core quote query (:class:`reader.core.quote_query.QuoteIndex`),
  which folds each quote's search text once, in the background after the list is
  built, so a keystroke costs a scan of folded strings, not a re-render of every quote;
* line breaks are measured once per width and kept, and the styled text is built
  only when a quote scrolls into view.

How an entry is drawn (and why article text is never markup there) is
:mod:`reader.ui.widgets.quote_block`; styles live in ``styles/reader.tcss`` (the
"quote sidebar" block).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from time import perf_counter
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.core.model import Article
from reader.core.quote_query import QuoteIndex
from reader.core.search import terms
from reader.ui.labels import clipped_speaker
from reader.ui.sliced import SlicedWork
from reader.ui.widgets.cursor_list import CursorList
from reader.ui.widgets.quote_block import COMPONENT_CLASSES, speaker_row
from reader.ui.widgets.quote_keys import QUOTE_SIDEBAR_BINDINGS
from reader.ui.widgets.quote_listing import QuoteListing, _Scan
from reader.ui.widgets.quote_prompts import QuotePrompts
from reader.ui.widgets.text_field import TextField

__all__ = ["QuoteSidebar"]


#: Seconds the filling of the lists waits, again and again, while the screen answers a
#: key (until the key's frames are drawn): a keystroke in the search field, typed as
#: the lists filled, waited for their first frame (15-20 ms at 160x48).
FILL_AFTER = 0.02


class QuoteSidebar(QuoteListing):
    """The speakers of an article and their quotes, filterable by speaker and by search.

    Choosing a quote (Enter or click in the list, or Enter in the search field for the
    first hit) posts :class:`QuoteSidebar.QuoteChosen`; what "going to a quote" means
    is the screen's business, so the sidebar only reports the choice.
    """

    BINDINGS: ClassVar[list[BindingType]] = QUOTE_SIDEBAR_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = set(COMPONENT_CLASSES)
    """Styled in ``styles/reader.tcss``: matched words, speaker name, role, count,
    the active speaker filter, and the speaker line under each quote."""

    #: Neither a layout nor a repaint when it changes: the sidebar never scrolls (its
    #: lists do), and Widget's own reactive, set as the sidebar is first laid out, laid
    #: the screen out again and drew the whole sidebar a second time (12 ms at 160x48).
    virtual_size: Reactive[Size] = Reactive(Size(0, 0), layout=False, repaint=False)

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
        self._take(article)
        #: what was typed in the search when Enter found no match among a big
        #: article's head's quotes: its first match is gone to once the whole's are
        #: listed (``grow``), if the search is still that and still has the focus
        self._choose_when_whole: str | None = None
        # the quote a rebuild not yet finished is to put the cursor back on
        self._keep_id: str | None = None
        # the last rebuild's search, as far as it got
        self._scan: _Scan | None = None
        self._return_focus: Widget | None = None
        # The list is rebuilt in slices (see ``_show_quotes``).
        self._work = SlicedWork(self, group="quote-sidebar")
        # and an Enter that waited for the whole's quotes is looked up in slices too
        self._choosing = SlicedWork(self, group="quote-sidebar-choose")
        # where a key pressed before the sidebar was composed (it is mounted just after
        # the first paint) put the focus: the search field or the first list
        self._focus_when_composed: Callable[[], None] | None = None
        # where a key pressed before the lists were mounted (see _fill) put the focus:
        # the first list (Tab into the pane) or the quote list (Down in the field)
        self._focus_when_filled: Callable[[], None] | None = None
        # whether the lists are being mounted (until they are filled), and whether
        # they are filled (a frame after the sidebar is drawn: see _fill)
        self._mounting_lists = False
        self._filled = False
        #: set by the screen while it answers "/" with this sidebar: the lists are filled
        #: after the key's frame (which shows the field focused), not in it
        self.fill_held = False

    def _take(self, article: Article) -> None:
        """List the quotes of ``article`` (the index, speakers and prompts made for it)."""
        self.article = article
        # The core query: speakers (cleaned, unlisted ones too), quotes by speaker, and
        # each quote's search text, folded when first searched.
        self._index = index = QuoteIndex(article)
        # Names and roles as a list shows them: clipped to a line or two.
        speakers = {key: clipped_speaker(speaker) for key, speaker in index.speakers.items()}
        self._speakers = speakers
        self._counts = index.counts
        self._speaker_rows: list[str | None] = [None, *speakers]
        # Per quote, made when first needed (listing it): opening the sidebar costs
        # what its first screenful costs, not what the article does.
        self._prompts = QuotePrompts(article, index, speakers)

    # -- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # the field alone: the rest is mounted a frame later, with the lists (see _fill)
        yield TextField(placeholder="Search quotes  /", id="quote-search")

    @staticmethod
    def _below_field() -> list[Widget]:
        """What the sidebar shows under its field: the count, the scope line and the
        two lists (mounted empty, filled once mounted)."""
        return [
            Label(id="quote-counter", markup=False),
            Label(id="quote-scope", markup=False),
            CursorList(id="quote-speakers", markup=False),
            CursorList(id="quote-list", markup=False),
        ]

    def on_mount(self) -> None:
        focus, self._focus_when_composed = self._focus_when_composed, None
        if focus is not None:
            focus()
        self.call_after_refresh(self._fill)

    def _fill(self) -> None:
        """Mount the count and the lists, and list the speakers and the quotes, after
        the sidebar is first drawn: once the keys let it (``keys_first``).

        Composed and filled with the field, the lists (the speakers' rows, the first
        quotes measured and drawn) made the sidebar's mount, and its first frame, cost
        about as much as the rest of the screen; "/" sent as the article first showed
        waited for all of it (80 ms in tmux on the seed article) before the search
        field had the focus. Composed empty with it, their styling, mounting and first
        drawing were still a third of an early "/"'s work before its frame (7 ms of
        64, headless, on the seed). The sidebar is drawn first with its field alone,
        and "/" is answered in that frame; what is typed in the field meanwhile is
        listed when the lists come, once the screen has drawn the frames of the keys
        it answers.
        """
        if self._filled or self._mounting_lists or not self.is_attached:
            return
        if self.fill_held or self.keys_first():
            self.set_timer(FILL_AFTER, self._fill)  # the keys first
            return
        self._fill_now()

    def keys_first(self) -> bool:
        """Whether the sidebar's work (the lists' mount and fill, the whole's quotes:
        ``grow``) should wait for the keys: with the focus
        in the sidebar (the reader opened it), until the frames of the key being
        answered are drawn; elsewhere, until no key has come in the last
        ``KEY_WHILE`` s (its frames drawn or not: the next key follows a moment later).

        A reader busy in the text (find, typed as a big article first showed) had the
        lists mounted, laid out and filled between two keys: F3 sent next drew them in
        its frame (16.5 KB at 160x48, 13-20 ms of compositing under load, against
        the text and the count), and the first slice of their fill came before the
        frame after it.
        """
        screen = self.screen
        if self.has_focus_within:
            return bool(getattr(screen, "key_frame_pending", False))
        until = getattr(screen, "key_answered_until", 0.0)
        return perf_counter() <= until

    async def _mount_lists(self) -> None:
        """Mount what goes under the field, then fill the lists once they are laid out
        (see ``_fill``): filled before they had a size, a list measured its options
        in the middle of the frame that first drew it, and its scrollbar's thumb,
        asked for then, was lost (a terminal at 80x24 showed none)."""
        if self.is_attached:
            await self.mount_all(self._below_field())
            self.call_after_refresh(self._fill_lists)

    def _fill_lists(self) -> None:
        """List the speakers and the quotes in the lists mounted under the field."""
        self._mounting_lists = False
        speakers = next(self.query("#quote-speakers").results(OptionList), None)
        if speakers is None or not self.is_attached:  # mounted as the app quits
            return
        self._filled = True
        speakers.set_options(self._speaker_options())
        speakers.highlighted = self._speaker_rows.index(self.speaker_filter)
        self._show_quotes()
        focus, self._focus_when_filled = self._focus_when_filled, None
        if focus is not None:
            focus()

    @property
    def filled(self) -> bool:
        """Whether the lists have been filled (a frame after the sidebar is drawn; the
        quote list may still be growing: see ``building``)."""
        return self._filled

    def _speaker_options(self) -> list[Option]:
        """The speaker filter rows, the active one marked."""
        options = []
        for row, speaker_id in enumerate(self._speaker_rows):
            speaker = None if speaker_id is None else self._speakers[speaker_id]
            count = len(self._prompts) if speaker_id is None else self._counts.get(speaker_id, 0)
            active = speaker_id == self.speaker_filter
            row_block = speaker_row(speaker, count, active=active, partial=self.partial)
            options.append(Option(row_block, id=f"speaker-row-{row}"))
        return options

    @property
    def building(self) -> bool:
        """Whether the list is still being filled, or not yet (see ``_fill``)."""
        return not self._filled or self._work.running

    def _show_quotes(self) -> None:
        """Rebuild the quote list and counter from the speaker filter and the search.

        A rebuild runs in slices (:class:`~reader.ui.sliced.SlicedWork`): the first one
        now (which for an article of ordinary size is the whole rebuild), the rest in a
        worker that lets the app handle keys and paint between slices. A new rebuild
        (the next keystroke) replaces the rest of the one before. Before the lists are
        filled, nothing: they are filled from the search and filter as they are then; until then the
        search is scanned alone, up to its first match (``_scan_first``).
        """
        if self._filled:
            self._work.start(self._rebuild())
        else:
            self._work.start(self._scan_first())

    # -- public API ------------------------------------------------------------------

    def grow(self, whole: Article) -> None:
        """List the quotes of ``whole``, of which the sidebar has had the head's so far.

        A big article's sidebar is mounted on its head's quotes just after the first
        paint, so that "/" and a search or Enter typed then are answered at once
        (waiting for the whole held "/" 200 ms on a 5 MB article); the whole's quotes
        come a moment later. What the reader did meanwhile carries over: the search
        text (run again over every quote), the speaker filter, the focus and the quote
        under the cursor. The list is rebuilt in slices, as for a keystroke.
        """
        if whole is self.article:
            return
        rows = self._speaker_rows
        self.partial = False
        self._take(whole)
        if self.speaker_filter not in self._speakers:  # a head's speaker the whole lacks
            self.set_reactive(QuoteSidebar.speaker_filter, None)
        self._choose_waited()
        if not self._filled:
            return  # _fill lists the whole's
        speakers = self.query_one("#quote-speakers", OptionList)
        options = self._speaker_options()
        if rows == self._speaker_rows:  # the counts change, the rows stay
            for index, option in enumerate(options):
                speakers.replace_option_prompt_at_index(index, option.prompt)
        else:  # a speaker quoted past the head, and not listed (shown by id)
            row = speakers.highlighted
            speaker_id = rows[row] if row is not None and row < len(rows) else None
            if speaker_id not in self._speaker_rows:  # a head's speaker the whole lacks
                speaker_id = self.speaker_filter
            speakers.set_options(options)
            speakers.highlighted = self._speaker_rows.index(speaker_id)
        # in a turn of its own (its first slice): a key that comes first goes first
        self.call_later(self._show_quotes)

    def focus_search(self) -> None:
        """Put the cursor in the search field, remembering where to return on Escape.

        Before the sidebar is composed, as soon as it is.
        """
        search = next(self.query("#quote-search").results(Input), None)
        if search is None:
            self._focus_when_composed = self.focus_search
            return
        focused = self.screen.focused
        if focused is not search:
            self._return_focus = focused
        # at once, not after the messages already queued (as Widget.focus does): the
        # keys typed just after "/" are handed to whatever has the focus; and again
        # after them, over a focus() asked for before this (it would take the focus
        # from the field once the queue reaches it)
        self.screen.set_focus(search)
        search.focus()

    @property
    def focus_on_its_way(self) -> bool:
        """Whether a key has sent the focus into the sidebar and it is not there yet
        (it goes once the sidebar is composed, or its lists are mounted)."""
        return self._focus_when_composed is not None or self._focus_when_filled is not None

    def cancel_focus(self) -> None:
        """Keep the focus a key sent here from landing (a later key sent it elsewhere)."""
        self._focus_when_composed = self._focus_when_filled = None

    def focus_lists(self) -> None:
        """Focus the first list (the speakers), as Tab into the sidebar does.

        Before the sidebar is composed, as soon as it is.
        """
        if next(self.query("#quote-search").results(Input), None) is None:
            self._focus_when_composed = self.focus_lists
            return
        speakers = next(self.query("#quote-speakers").results(OptionList), None)
        if speakers is None:  # mounted with the lists (see _fill): as soon as they are
            self._focus_when_filled = self.focus_lists
            self._fill_now()
            return
        speakers.focus()

    def _fill_now(self) -> None:
        """Mount and fill the lists now, not after the frames of a key being answered:
        the key that wants them (Tab into the pane, Down in the field) is that key."""
        if not self._mounting_lists and not self._filled and self.is_attached:
            self._mounting_lists = True
            self.call_later(self._mount_lists)

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
        if not self._filled:
            return  # the lists are filled from the current value
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
        if not event.input.has_focus:  # typed there, Escape means the same (check_action)
            self.refresh_bindings()  # else it means something now (or no longer)

    @on(Input.Submitted, "#quote-search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        """Enter: to the first quote the search matches. With only a big article's
        head listed and none of its quotes matching, the whole's first, once it is
        listed (``grow``): the end carried with the head may have a match, but one
        before it in the part not read yet would be the first; and waiting for the
        whole here held the screen (~200 ms on a 5 MB article)."""
        event.stop()
        first = self._first_hit()
        if first is not None:
            self.post_message(self.QuoteChosen(self, first))
        elif self.partial:
            self._choose_when_whole = event.value
        else:
            self.app.bell()

    def _choose_waited(self) -> None:
        """The first match of an Enter that waited for the whole's quotes, looked up in
        slices (if the search still says what it said then, and the reader is still
        in it): scanning a 5 MB article's 10,000 quotes at once held the screen 30 ms."""
        waited, self._choose_when_whole = self._choose_when_whole, None
        if waited is not None and self.is_mounted:
            self._choosing.start(self._choose_steps(waited), now=False)

    def _choose_steps(self, waited: str) -> Iterator[None]:
        search = self.query_one("#quote-search", Input)
        candidates = self._index.quotes_of(self.speaker_filter)
        article = self.article
        for matched in self._index.scan(candidates, terms(waited.strip())):
            if search.value != waited or not search.has_focus or self.article is not article:
                return  # typed on, or left: the reader chose otherwise
            if matched:
                self.post_message(self.QuoteChosen(self, article.quotes[matched[0]].id))
                return
            yield
        if search.value == waited and search.has_focus:
            self.app.bell()

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
        # the screen's focus, not the field's has_focus: that is set by the Focus
        # event, after "/" has rebuilt the footer for the focus it gave the field
        in_field = self.screen.focused is search
        if action == "clear_search":
            return bool(search.value) or in_field
        if action == "focus_results":
            return in_field
        if action in ("copy_quote", "copy_citation"):  # the list is mounted (see _fill)
            return self._filled and self._highlighted_quote() is not None
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
        quote_list = next(self.query("#quote-list").results(OptionList), None)
        if quote_list is None:  # mounted with the lists (see _fill): as soon as they are
            self._focus_when_filled = self.action_focus_results
            self._fill_now()
            return
        quote_list.focus()
