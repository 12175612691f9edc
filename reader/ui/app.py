"""The reader application: one article (or a folder of them), and the user's state."""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, ClassVar, TypeGuard, cast

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen

from reader.core.config import Config
from reader.core.gctools import startup
from reader.core.give_way import Gate, giving_way
from reader.core.places import user_cache_dir
from reader.core.state import StateStore
from reader.resources import styles_dir
from reader.ui.css_cache import CachedStylesheet, Saver, cached_stylesheet
from reader.ui.settings import Settings, settle

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.message import Message

    from reader.core.errors import ReaderError
    from reader.core.format.head import End
    from reader.core.format.opening import Rest
    from reader.core.index import LibraryIndex
    from reader.core.model import Article
    from reader.ui.screens.reading import ReadingScreen

#: The theme used until the reader picks one (and by the snapshot tests).
DEFAULT_THEME = "textual-dark"
#: The stylesheet's sections (``/* -- NAME -- */`` blocks of reader.tcss) of the screens
#: an article never starts on: added to the styles when a screen is first pushed.
LATER_SECTIONS = ("help", "library")
#: Seconds after the first paint before the parsed styles are written to the cache
#: (reader.ui.css_cache): the widgets built just after the paint have their styles
#: parsed by then, and kept too.
CSS_SAVE_DELAY = 1.0


#: The events of a person using the app, for which the whole's read gives way.
_INPUT = (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)


def is_library(start: object) -> TypeGuard[LibraryIndex]:
    """Whether the app starts on a library index rather than an article.

    Without importing either module before the first paint: an article never needs the
    index (SQLite), a library never needs the model. A LibraryIndex exists only once
    its module is imported, so a module not imported means an article.
    """
    index = sys.modules.get("reader.core.index")
    return index is not None and isinstance(start, index.LibraryIndex)


def _reader_commands() -> type[Provider]:
    """The palette's provider, imported when the palette first opens (not before the
    first paint: it brings the article model and the reading screen's labels)."""
    from reader.ui.commands import ReaderCommands

    return ReaderCommands


def _one_heap() -> None:
    """Let every thread allocate from the main thread's heap (glibc; elsewhere nothing).

    glibc gives a thread its own heap: the tens of megabytes of JSON a 5 MB article's
    rest is read through in a thread, once freed, stayed in that heap, out of the UI's
    reach, and the app's resident memory ended ~12 MB higher (122 MiB, not 110) than
    when the same work ran on the UI thread. With one heap the UI reuses that memory.
    """
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return
    m_arena_max = -8  # glibc's M_ARENA_MAX
    mallopt(m_arena_max, 1)


def _minutes(article: Article) -> int | None:
    """The reading time of ``article``, or None if counting it failed (the screen
    counts it again then, and says what is wrong if it must)."""
    from reader.core.reading import reading_minutes

    try:
        return reading_minutes(article)
    except Exception:  # a bug here must not keep the whole article from the screen
        return None


def _unexpected(error: Exception) -> ReaderError:
    """An error that is no fault of the file (a bug, the disk, memory), as the one
    line the CLI prints for an article that will not load: never a traceback."""
    from reader.core.errors import ReaderError

    return ReaderError(
        f"the rest of the article could not be read ({type(error).__name__}: {error})"
    )


class ReaderApp(App[None]):
    """Reads one article, or a library folder of them (through its index).

    Build it with :func:`reader.ui.factory.make_app`, which loads the article(s) first
    so that a broken file is reported before the terminal is taken over.
    """

    CSS_PATH = str(styles_dir() / "reader.tcss")
    TITLE = "reader"
    #: One provider (Textual's system commands included), so the palette's order is fixed.
    COMMANDS: ClassVar = {_reader_commands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit"),
        # Not a priority key: a focused input or the screen copies the selected text
        # first, and only with nothing selected does ctrl+c reach the app and quit.
        Binding("ctrl+c", "quit", "Copy selection or quit", show=False, id="app.quit-ctrl-c"),
        Binding("ctrl+p", "command_palette", "Commands", show=False, id="app.palette"),
    ]

    def __init__(
        self,
        start: Article | LibraryIndex,
        state: StateStore,
        *,
        library_title: str = "Library",
        config: Config | None = None,
        config_problems: Sequence[str] = (),
        rest: Callable[[], Rest] | None = None,
        end: End | None = None,
    ) -> None:
        super().__init__()
        # the styles parsed in an earlier run, not parsed again before the first paint
        self.stylesheet = cached_stylesheet(self.stylesheet, user_cache_dir() / "styles")
        self._css_saver = Saver(self.stylesheet, CSS_SAVE_DELAY)
        if isinstance(self.stylesheet, CachedStylesheet) and not is_library(start):
            self.stylesheet.hold_back(LATER_SECTIONS)
        self.state = state
        self._start = start
        #: reads the whole of an article whose head is shown first (after the first paint);
        #: None once the whole is taken
        self._rest = rest
        #: the article's end, carried with its head (``G`` shows it before the whole)
        self._end = end
        #: what the thread reading the rest found (the whole, or why it will not load)
        self._rest_result: Rest | Exception | None = None
        self._rest_done = threading.Event()
        #: the whole's reading time, counted in the thread that read it
        self._rest_minutes: int | None = None
        self._rest_reading = False
        #: who reads the whole: the worker's thread, or a key that came before that
        #: thread began (the worker is asked for after the first paint, and its thread
        #: starts only when the event loop next runs)
        self._rest_claim = threading.Lock()
        self._rest_claimed = False
        #: holds the thread reading the whole while keys come (reader.core.give_way):
        #: a key answered during the read took two to three times as long
        self._rest_gate = Gate()
        self._reading: ReadingScreen | None = None
        #: why the app ended before the reader quit: the rest of the article is broken
        #: (the CLI reports it as it reports a file that will not load)
        self.load_error: ReaderError | None = None
        self._library_title = library_title
        #: the user's config, checked (see reader.ui.settings); problems shown on mount
        self.settings: Settings = settle(
            config or Config(), self.available_themes, list(config_problems)
        )
        saved = state.theme
        if self.settings.theme is not None:  # the config file says so: it wins
            self.theme = self.settings.theme
        else:
            self.theme = saved if saved in self.available_themes else DEFAULT_THEME
        if self.settings.keymap:
            self.set_keymap(dict(self.settings.keymap))

    def get_default_screen(self) -> Screen[None]:
        if is_library(self._start):
            from reader.ui.screens.library import LibraryScreen

            return LibraryScreen(self._start, self.state, title=self._library_title)
        from reader.ui.screens.reading import ReadingScreen

        article = cast("Article", self._start)
        self._reading = ReadingScreen(article, self.state, whole=self._rest is None, end=self._end)
        return self._reading

    def push_screen(self, *args: Any, **kwargs: Any) -> Any:
        """Textual's ``push_screen``, with the styles held back at the start added first
        (the help and library screens', see :data:`LATER_SECTIONS`)."""
        if isinstance(self.stylesheet, CachedStylesheet):
            self.stylesheet.release()
        return super().push_screen(*args, **kwargs)

    def on_mount(self) -> None:
        # the collector, paused by the CLI while starting, back on after the first frame
        self.call_after_refresh(startup.end)
        self.call_after_refresh(self._css_saver.start)
        if self._rest is not None:
            self.call_after_refresh(self._read_rest)
        self.report_state()
        for problem in self.settings.problems:
            self.notify(problem, title="Config", severity="warning", timeout=10, markup=False)

    def _read_rest(self) -> None:
        """Read the whole article in a thread, after the first paint."""
        if self._rest is None or self._rest_reading:
            return
        self._rest_reading = True
        _one_heap()
        self.run_worker(self._rest_worker, name="reader-rest", thread=True, exit_on_error=False)

    def _read_whole(self) -> None:
        from reader.core.errors import ReaderError

        rest = self._rest
        assert rest is not None
        try:
            with giving_way(self._rest_gate):
                result = rest()
        except ReaderError as error:
            self._rest_result = error
        except Exception as error:  # a bug, or the machine (the disk, memory)
            # kept for the UI thread, which ends the app with it in one line: left
            # unset, the whole was never taken and the app went on with the head
            self._rest_result = error
        else:
            # here, off the UI thread: counting the words of a 5 MB article held the
            # screen 10-30 ms as the whole came in, a key pressed then waited for it
            self._rest_gate()  # a give-way point of its own
            self._rest_minutes = _minutes(result.article)
            self._rest_result = result
        finally:  # a key waiting for the whole must not wait forever
            self._rest_done.set()

    def _claim_rest(self) -> bool:
        """Whether the caller is the one to read the whole (it was not claimed yet)."""
        with self._rest_claim:
            claimed, self._rest_claimed = self._rest_claimed, True
        return not claimed

    def _rest_worker(self) -> None:
        if self._claim_rest():  # else a key read it first, on the UI thread
            self._read_whole()
        # Not handed to an app that has ended meanwhile (quit as the whole was read):
        # its loop may be closed, and Textual's call then left its coroutine unawaited.
        if not self.is_running:
            return
        with contextlib.suppress(RuntimeError):  # ended between the check and the call
            self.call_from_thread(self._take_rest)

    def wait_for_whole(self) -> None:
        """Take the whole article now, waiting for its thread if need be.

        For a key that wants more than the head (the end, a later section, find, the
        quotes): it acts on the whole, late, rather than on the head at once. Nothing
        to wait for once the whole is taken (or for an article shown whole).
        """
        if self._rest is None:
            return
        self._rest_reading = True  # no worker asked for from here on
        self._rest_gate.open()  # the read holds back for keys no more: this one waits
        # A key before the worker's thread began reads the whole here: waiting for a
        # thread that starts only when the event loop next runs hung the app for good.
        if self._claim_rest():
            self._read_whole()
        self._rest_done.wait()
        self._take_rest()

    def post_message(self, message: Message) -> bool:
        """Textual's, telling the thread reading the whole that input came: it gives
        way at its next pause (:mod:`reader.core.give_way`) until the keys stop."""
        if self._rest is not None and isinstance(message, _INPUT):
            self._rest_gate.came()
        return super().post_message(message)

    def _take_rest(self) -> None:
        from reader.core.errors import ReaderError
        from reader.ui.factory import write_later

        result = self._rest_result
        if self._rest is None or result is None:
            return  # taken already (wait_for_whole)
        self._rest = None
        if isinstance(result, Exception):
            # The head was fine but the whole is not: end, as a file that will not
            # load ends the CLI, with its one-line error (the CLI prints it).
            error = result if isinstance(result, ReaderError) else _unexpected(result)
            self.load_error = error
            self.exit(return_code=error.exit_code)
            return
        # the whole's objects, made in the thread and all live: frozen as they are,
        # not walked by the next settle's pass on this thread (12-14 ms on 5 MB)
        startup.adopt()
        self._start = result.article  # the head, let go: nothing else keeps it
        self._end = None
        if self._reading is not None:
            self._reading.take_whole(
                result.article,
                extends=result.extends,
                ends=result.ends,
                minutes=self._rest_minutes,
            )
        write_later(result.store)

    def on_unmount(self) -> None:
        self._rest_gate.open()  # the app is ending: its read must not wait for keys
        self._css_saver.stop()
        if is_library(self._start):
            self._start.close()

    def watch_theme(self, theme: str) -> None:
        """Remember the theme the reader picked (the palette's "Change theme")."""
        if theme != self.state.theme and self.is_running:
            self.state.set_theme(theme)
            self.report_state()

    def on_reading_screen_state_written(self) -> None:
        """A reading screen saved the position or the cookie consent."""
        self.report_state()

    def report_state(self) -> None:
        """Show state warnings (corrupt file, cannot save…) once each."""
        for warning in self.state.take_warnings():
            self.notify(warning, title="State", severity="warning", timeout=8, markup=False)
