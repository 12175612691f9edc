"""The reading screen: sections, the article, its quotes, and the source's footer.

The screen owns the reading state (the section in view, which side panes are shown,
the find query) and wires the widgets together through their messages; the widgets
never reach into each other. It also keeps the reader's place: the position is saved a
moment after scrolling stops and when the screen goes away, and restored next time.
"""

from __future__ import annotations

from time import perf_counter
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.css.query import NoMatches
from textual.events import ScreenResume
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import AwaitMount

from reader.core.model import Article
from reader.core.reading import reading_minutes, where
from reader.core.state import Position, StateStore
from reader.ui.key_frame import drawn_now
from reader.ui.labels import untitled_label
from reader.ui.screens.reading_build import BuildPause
from reader.ui.screens.reading_keys import FOOTER_PRIORITIES, READING_BINDINGS, reading_help
from reader.ui.screens.reading_panes import focus_into, pane_after, shown_panes
from reader.ui.screens.reading_width import ReadingWidth
from reader.ui.settings import Settings
from reader.ui.sliced import messages_waiting
from reader.ui.widgets.article_body import MAX_TEXT_WIDTH, ArticleBody
from reader.ui.widgets.blank import BlankColumn, BlankRow
from reader.ui.widgets.footer_panel import FooterPanel
from reader.ui.widgets.key_footer import KeyFooter
from reader.ui.widgets.quotes_pane import QuotesPane
from reader.ui.widgets.reading_header import ReadingHeader
from reader.ui.widgets.section_list import SectionList

if TYPE_CHECKING:
    from reader.core.format.head import End
    from reader.ui.screens.help import HelpRow
    from reader.ui.widgets.quote_sidebar import QuoteSidebar

#: Seconds of no scrolling before the reading position is written.
SAVE_DELAY = 1.0
#: Seconds after the first frame before the quote sidebar is mounted (unless a key wants
#: it first): keys sent as the text first shows come within them.
SIDEBAR_AFTER = 0.1
#: Seconds between two looks at whether the keys have paused, to mount the sidebar.
SIDEBAR_AGAIN = 0.02
#: Seconds after the first frame by which the sidebar is mounted, however the keys come:
#: a key held down from the start (autorepeat) never pauses, and left the quotes pane
#: empty, without even its search field, for as long as it was held.
SIDEBAR_LATEST = 0.5
#: Seconds the quote sidebar's growth to a big article's whole waits, again and again,
#: while a key's frames are still to be drawn.
GROW_AFTER = 0.02


class ReadingScreen(ReadingWidth):
    """One article, read from the keyboard or the mouse."""

    AUTO_FOCUS = "#body"
    #: drawn as blank lines (:mod:`reader.ui.widgets.blank`): the header, the panes
    #: and the footers cover the whole screen
    BLANK = True

    class StateWritten(Message):
        """The screen wrote to the user's state: the app shows any warning it left
        (a read-only folder, a file that could not be saved), once, as it does its own."""

    BINDINGS: ClassVar[list[BindingType]] = READING_BINDINGS
    #: Whether leaving the article records where the reader was even if they never
    #: scrolled: a library lists an article once opened as started, not as new.
    REMEMBER_OPENING: ClassVar[bool] = False
    #: The footer's keys, most useful first (a subclass adds its own keys in their place).
    FOOTER_PRIORITIES: ClassVar[tuple[str, ...]] = FOOTER_PRIORITIES

    #: The section at the top of the article view; the TOC follows it (data_bind).
    #: ``repaint=False``: the screen draws nothing from it, and a reactive's repaint of a
    #: screen redraws every widget on it (TOC, sidebar, body: ~30 ms of a key that
    #: scrolled into another section); the header and the TOC redraw what they show.
    current_section: reactive[str | None] = reactive(None, repaint=False)

    def __init__(
        self, article: Article, state: StateStore, *, whole: bool = True, end: End | None = None
    ) -> None:
        super().__init__()
        #: the article; only its head (reader.core.format.head) until take_whole, when
        #: ``whole`` is False: the app reads the rest after the first paint
        self.article = article
        self._whole = whole
        #: the article's end, carried with its head: the body shows it before the whole
        self._end = end if not whole else None
        self.state = state
        self.untitled = untitled_label(article.language)
        self._save_timer: Timer | None = None
        self._position: Position | None = None
        self._section_numbers: dict[str, int] | None = None
        self._build_pause: BuildPause | None = None
        self._sidebar_mounting: AwaitMount | None = None
        #: when the sidebar is mounted whatever the keys do (see _mount_sidebar_soon)
        self._sidebar_due = float("inf")
        #: whether the screen has been shown (resumed) before
        self._resumed = False

    # -- building --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        article = self.article
        minutes = reading_minutes(article) if self._whole else None  # of the whole
        yield ReadingHeader(article.title, article.source, minutes, id="header")
        with BlankRow(id="panes"):
            yield SectionList(article, untitled=self.untitled, id="toc").data_bind(
                current=ReadingScreen.current_section
            )
            with BlankColumn(id="reading"):
                yield ArticleBody(
                    article,
                    initial=self.state.position(article.id),
                    max_width=self._settings.max_width or MAX_TEXT_WIDTH,
                    end=self._end,
                    id="body",
                )
                # the find bar is mounted here on its first open (see action_find)
            # the sidebar is mounted after the first frame (see _mount_sidebar_soon)
            yield QuotesPane(id="quotes-pane")
        yield FooterPanel(
            article.footer,
            accepted=self.state.cookies_accepted(article.source),
            id="footer-panel",
        )
        yield KeyFooter(priorities=self.FOOTER_PRIORITIES)

    def _on_screen_resume(self, event: ScreenResume) -> None:
        # Runs before Screen's own handler (Textual dispatches down the MRO). On the
        # first resume every widget was styled as it mounted, a moment ago, and nothing
        # has changed since: restyling the whole screen again was ~3.5 ms of the first
        # paint (23 M instructions). Later resumes (back from help, from another
        # screen) restyle, as the theme may have changed meanwhile.
        if not self._resumed:
            event.refresh_styles = False
        self._resumed = True

    def on_mount(self) -> None:
        self.title = self.article.title
        self.sub_title = self.article.source
        self.query_one("#toc").border_title = "Sections"
        self.query_one("#quotes-pane").border_title = "Quotes"
        self.after_first_frame(self._mount_sidebar_soon)
        self.watch(self.body, "scroll_y", self._scrolled, init=False)
        if not self._whole:  # the body asks for the whole before a move past the head
            self.body.wait_for_rest = self._whole_now
        self._build_pause = BuildPause(self, self._built, settle=lambda: self._whole)

    def _built(self) -> bool:
        """Whether what is built after the first frame is done (the text's layout, the
        TOC, the sidebar's list and search text)."""
        try:
            body, toc, sidebar = self.body, self.query_one("#toc", SectionList), self.sidebar
        except NoMatches:  # taken down (the app ends): a timer may still ask
            return False
        return (
            self._whole
            and body.layout_complete
            and toc.filled
            and sidebar is not None
            and sidebar.is_mounted
            and sidebar.article is self.article
            and not sidebar.building
        )

    @property
    def _settings(self) -> Settings:
        """The user's settings (the defaults on an app that is not reader's own)."""
        from reader.ui.app import ReaderApp

        return self.app.settings if isinstance(self.app, ReaderApp) else Settings()

    @property
    def body(self) -> ArticleBody:
        return self.query_one("#body", ArticleBody)

    def _mount_sidebar_soon(self) -> None:
        """Mount the sidebar ``SIDEBAR_AFTER`` s after the first frame, or later once
        the keys pause (see ``_mount_sidebar_when_keys_pause``), and at the latest
        ``SIDEBAR_LATEST`` s after it."""
        self._sidebar_due = perf_counter() + SIDEBAR_LATEST
        self.set_timer(SIDEBAR_AFTER, self._mount_sidebar_when_keys_pause)

    def _mount_sidebar_when_keys_pause(self) -> None:
        """Mount the sidebar (``_mount_sidebar``) once no key has come for
        ``KEY_WHILE`` s: its import, compose and first frame (10-30 ms on the 5 MB
        article under load) came at the update timer's next tick after the first
        frame, whenever that was (130 ms after it in a tmux trace, as the keys sent as
        the text first showed came), and the keys that came then waited for it (find's
        word and Enter, before F3)."""
        if not self.is_attached or not self.query_one("#quotes-pane").is_mounted:
            return
        now = perf_counter()
        if self.sidebar is None and now <= self.key_answered_until and now < self._sidebar_due:
            self.set_timer(SIDEBAR_AGAIN, self._mount_sidebar_when_keys_pause)
            return
        self._mount_sidebar()

    def take_whole(
        self, whole: Article, *, extends: bool, ends: bool = True, minutes: int | None = None
    ) -> None:
        """The whole article, of which the screen has shown the head so far: the text,
        the TOC, the header and the quotes go on from what is on screen (or start again,
        if the whole does not begin with that head: ``extends`` False, only ever when
        the file says something else than its head seemed to; ``ends`` False: nor ends
        with the end carried with it, which the body may have shown). ``minutes``: its
        reading time, if counted already (off the UI thread)."""
        self.article = whole
        self._whole = True
        self._end = None
        self._section_numbers = None
        self.body.continue_with(whole, extends=extends, ends=ends)
        self.query_one(SectionList).continue_with(whole, extends=extends)
        if minutes is None:
            minutes = reading_minutes(whole)
        self.query_one(ReadingHeader).show_minutes(minutes)
        self.call_later(self._sidebar_for_whole)
        self._show_where()

    def _sidebar_for_whole(self) -> None:
        """The sidebar, mounted on the head's quotes, lists the whole's when the keys
        let it (``QuoteSidebar.keys_first``) and none is on its way to its handler: in
        the sidebar, once the frames of a key being answered are drawn (a keystroke in
        the search, typed as the whole came, waited for the growth); in the text, once
        no key has come for ``KEY_WHILE`` s. There, the growth (the speakers' rows, the
        list's first slice) came between two keys once the first's frames were drawn,
        as the lists' fill did before they waited for the same pause."""
        sidebar = self.sidebar
        if sidebar is None or not self._whole:
            return
        if sidebar.keys_first() or messages_waiting(self):  # a key on its way, too
            self.set_timer(GROW_AFTER, self._sidebar_for_whole)
            return
        sidebar.grow(self.article)

    def _whole_now(self) -> None:
        """Wait for the whole article if only its head is here: the key at hand wants
        more than the head (reader.ui.app.ReaderApp.wait_for_whole)."""
        wait = getattr(self.app, "wait_for_whole", None)
        if not self._whole and wait is not None:
            wait()

    def _mount_sidebar(self) -> QuoteSidebar:
        """The quote sidebar, mounted now if it is not yet (it is just after first paint).

        Composing it (a search field, two option lists and their styles) costs about
        as much as the rest of the screen, and building its list measures quotes: the
        article text should not wait for either. A key that needs the sidebar before
        then (``/``, a speaker filter) mounts it at once; the sidebar takes the filter,
        or the focus, as soon as it is composed. With only a big article's head read,
        it lists the head's quotes, and the whole's when the whole comes (``grow``).
        """
        sidebar = self.sidebar
        if sidebar is None:
            # imported here: the sidebar's modules are not needed for the first paint
            from reader.ui.widgets.quote_sidebar import QuoteSidebar

            sidebar = QuoteSidebar(self.article, id="quotes")
            sidebar.partial = not self._whole
            self.body.quote_ahead = sidebar.known_first_hit
            self._sidebar_mounting = self.query_one("#quotes-pane").mount(sidebar)
        return sidebar

    @property
    def sidebar(self) -> QuoteSidebar | None:
        """The quote sidebar (None for the moment before a deferred one is mounted)."""
        found = self.query("#quotes")
        return cast("QuoteSidebar | None", found.first() if found else None)

    # -- moving through the article --------------------------------------------------

    @drawn_now
    def action_step_section(self, step: int) -> None:
        """Go to the next heading below the top line, or the previous one above it."""
        body = self.body
        layout = body.text_layout  # first: it may finish the layout and move the view
        top = int(body.scroll_y)
        target = layout.section_after(top) if step > 0 else layout.section_before(top)
        if target is None and step > 0 and not self._whole:  # past the head
            self._whole_now()
            target = body.text_layout.section_after(top)
        if target is not None:
            self.go_to_section(target)

    @drawn_now
    def action_go_section_number(self, number: int) -> None:
        if number > len(self.article.sections):
            self._whole_now()
        if 1 <= number <= len(self.article.sections):
            self.go_to_section(self.article.sections[number - 1].id)

    @drawn_now
    def action_scroll(self, lines: int) -> None:
        self.body.go_to_line(int(self.body.scroll_y) + lines)

    @drawn_now
    def action_page(self, pages: int) -> None:
        body = self.body
        body.go_to_line(int(body.scroll_y) + pages * body.page_height)

    @drawn_now
    def action_edge(self, edge: str) -> None:
        if edge == "top":
            self.body.go_to_line(0)
        else:
            self.body.go_to_end()

    def go_to_section(self, section_id: str) -> None:
        """Show a section's heading at the top of the article. The section becomes
        ``current_section`` by the body's message (``ArticleBody.SectionInView``), so the
        key's frame draws the text alone, and the header and TOC follow in a frame of
        their own: set here, they were drawn in the key's frame, whose region then
        spanned the screen (the header's row is its whole width)."""
        self.body.scroll_to_section(section_id)

    @drawn_now
    def go_to_quote(self, quote_id: str) -> None:
        """Scroll the article to a quote and highlight it there (drawn as the moving
        keys are: once handled, not at the next tick, with the build's slices first)."""
        if not self.body.show_quote(quote_id):
            self.notify("That quote is not in the text.", severity="warning")

    def filter_speaker(self, speaker_id: str | None) -> None:
        """Show only one speaker's quotes in the sidebar (None: everyone's)."""
        self.show_quotes = True
        self._mount_sidebar().show_speaker(speaker_id)

    @on(ArticleBody.SectionInView)
    def _section_in_view(self, event: ArticleBody.SectionInView) -> None:
        self.current_section = event.section_id

    @on(ArticleBody.Moved)
    def _moved(self) -> None:
        """The header's place in the article, in a frame after the text's (see
        ``ArticleBody.Moved``)."""
        self._show_where()

    def watch_current_section(self) -> None:
        self._show_where()

    def _show_where(self) -> None:
        """Section N of M and the share of the text above the view, in the header."""
        if not self.is_mounted:
            return
        if self._section_numbers is None:
            self._section_numbers = self._numbers()
        number = self._section_numbers.get(self.current_section or "")
        body = self.body
        fraction = None
        if body.layout_complete:
            fraction = 1.0 if body.max_scroll_y <= 0 else body.scroll_y / body.max_scroll_y
        header = self.query_one(ReadingHeader)
        header.where = where(number, self._sections_in_all(), fraction)

    def _numbers(self) -> dict[str, int]:
        """Each section's number (from 1) in the whole article: the head's, and the
        end's (``G`` shows it before the whole is read) from where the end begins."""
        numbers = {section.id: n for n, section in enumerate(self.article.sections, start=1)}
        end = self._end
        if end is not None:
            for n, section in enumerate(end.article.sections, start=end.at + 1):
                numbers.setdefault(section.id, n)
        return numbers

    def _sections_in_all(self) -> int:
        """How many sections the whole article has (known from its end before it is read)."""
        end = self._end
        if end is not None:
            return end.at + len(end.article.sections)
        return len(self.article.sections)

    @on(SectionList.SectionChosen)
    def _section_chosen(self, event: SectionList.SectionChosen) -> None:
        self.go_to_section(event.section_id)
        if self.narrow:
            # on a narrow screen the TOC was opened to jump: give the text its room back
            self.show_toc = False
            self.body.focus()

    # QuoteSidebar's messages by handler name (on_quote_sidebar_…), not @on: the
    # sidebar's module is imported only when it is mounted, after the first paint.
    def on_quote_sidebar_quote_chosen(self, event: QuoteSidebar.QuoteChosen) -> None:
        self.go_to_quote(event.quote_id)
        if self.narrow:
            # the sidebar shares a narrow screen with the text: make room to read the quote
            self.show_quotes = False
            self.body.focus()

    def on_quote_listing_first_hit(self) -> None:
        """The quote search's first match is known: the text draws its screen ahead
        once the reader is still (Enter's frame then draws only the quote's lines)."""
        self.body.expect_quote()

    def on_quote_sidebar_left(self) -> None:
        if self.narrow:
            # on a narrow screen the sidebar covers half the text: out of it, it goes
            self.show_quotes = False
            self.body.focus()

    # -- panes and focus -------------------------------------------------------------

    def action_cycle_pane(self, step: int) -> None:
        """Tab and shift+tab move between the panes, not between every widget.

        From the quotes pane when the focus is on its way there (a Tab sent before the
        sidebar's lists were mounted): from the widget that still has it, the next Tab
        went to the quotes pane again, and the keys after it (Down, Enter) set a
        speaker filter instead of doing what they do on an idle screen.
        """
        sidebar = self.sidebar
        quotes = self.query_one("#quotes-pane")
        on_its_way = sidebar is not None and sidebar.focus_on_its_way
        pane = pane_after(shown_panes(self), quotes if on_its_way else self.focused, step)
        if sidebar is not None and pane is not quotes:
            sidebar.cancel_focus()
        focus_into(pane, lambda: self._mount_sidebar().focus_lists())

    async def action_search_quotes(self) -> None:
        """Into the search field before the next key (a priority binding: the app hands
        the keys after "/" to whatever has the focus once this is done), with the footer
        showing the field's keys, in one frame drawn as soon as the screen is idle.

        Textual's footer follows a focus change two frames later (~50 ms more), and an
        early "/" drew the sidebar mounted, then focused; the lists come after (_fill).
        """
        self.key_came()  # on its way: what can wait (the collector's settle) lets it by
        self.show_quotes = True
        sidebar = self._mount_sidebar()
        sidebar.fill_held = True  # its lists after this key's frame, not in it
        try:
            with self.app.batch_update():
                sidebar.focus_search()  # now, or as soon as it is composed
                mounting = self._sidebar_mounting
                if mounting is not None and not sidebar.is_mounted:
                    await mounting
                self._sidebar_mounting = None
            self.key_came()  # its frame, drawn as soon as the screen is idle
            self.check_idle()
        finally:
            sidebar.fill_held = False

    def action_copy_text(self) -> None:
        """ctrl+c: copy the selected text; with none, pass the key on (to quit).

        Textual's own copy takes a selection of blank space (a drag over the empty
        lines between paragraphs) for text, copies "" over the clipboard and keeps
        ctrl+c from quitting, with nothing drawn as selected to say why.
        """
        text = self.get_selected_text()
        if not text:
            raise SkipAction()
        self.app.copy_to_clipboard(text)

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.help_groups()))

    def help_groups(self) -> list[tuple[str, list[HelpRow]]]:
        """Every key of this screen, grouped the way the help screen shows them.

        The reading screen's own bindings by name: a subclass's ``BINDINGS`` holds only
        the keys it adds (Textual merges the classes' lists), and the reading keys went
        missing from the help of an article opened from the library.
        """
        return reading_help(ReadingScreen.BINDINGS, self.app.BINDINGS)

    def action_escape(self) -> None:
        if self.find_bar.is_open:
            self.find_bar.action_close()
        elif len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # -- cookies and the reading position ------------------------------------------------

    @on(FooterPanel.CookiesAccepted)
    def _cookies_accepted(self) -> None:
        self.state.accept_cookies(self.article.source)
        self.post_message(self.StateWritten())
        self.body.focus()

    def _scrolled(self) -> None:
        self._position = self.body.position
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(SAVE_DELAY, self.save_position)

    def save_position(self) -> None:
        """Write where the reader is (only if they have moved since opening)."""
        if self._position is not None:
            self.state.set_position(self.article.id, self._position)
            self.post_message(self.StateWritten())

    def on_unmount(self) -> None:
        if self._build_pause is not None:
            self._build_pause.release()
        if self._save_timer is not None:
            self._save_timer.stop()
        if self._position is None and self.REMEMBER_OPENING:  # never scrolled: the top
            self._position = Position(self.current_section, 0)
        if self._position is not None:
            self.state.set_position(self.article.id, self._position)
            self.place_written()
            if self.app.is_running:  # back to the library: the app can still show it
                self.app.post_message(self.StateWritten())

    def place_written(self) -> None:
        """The reader's place was written as this screen was taken down, after the
        screen below it came back (a screen that shows places draws them again)."""
