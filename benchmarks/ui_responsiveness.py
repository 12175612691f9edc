"""Does the reading screen answer keys while a huge article's quote sidebar is built?

Builds the huge article of ``huge_article.py`` in memory (about ``--mb`` megabytes,
some 11,000 quotes for 5 MB), runs the app headless with ``App.run_test()`` and prints:

* **mount**: from starting the app to the first paint of the reading screen, and to
  the quote sidebar being mounted and listing every quote;
* **first key**: a key ("j", one line down) sent at the moment of the first paint, and
  how long until the screen's action for it runs; the same for a key sent while the
  sidebar is still being filled, if it is;
* **first search**: typing a word into the sidebar's search field: how long the
  keystroke takes to reach the field, and how long until the list shows the hits.

and, to tell who holds the app up, the longest single turn of the event loop, the
longest slice of sidebar work, and the longest garbage collection, from first paint
until the sidebar lists every quote.

Target: a key is handled within ~100 ms of the first paint; the search shows its
results within a few hundred milliseconds and never holds a keystroke back.

``--yielding-body`` is an experiment: the article view (``ArticleBody``) wraps a huge
article after the first paint a chunk per ``call_later``, and a message pump with
messages queued does not yield to the event loop, so those chunks run back to back;
with the flag each chunk is followed by a turn of the loop, to show what that costs.

    .venv/bin/python benchmarks/ui_responsiveness.py --mb 5 [--yielding-body]
"""

from __future__ import annotations

import argparse
import asyncio
import asyncio.events
import gc
import sys
import tempfile
import time
from pathlib import Path

from textual import events
from textual.widgets import Input, Label

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from huge_article import huge_article  # noqa: E402

from reader.core.format import load_article  # noqa: E402
from reader.core.state import StateStore  # noqa: E402
from reader.resources import default_article  # noqa: E402
from reader.ui.app import ReaderApp  # noqa: E402
from reader.ui.screens.reading import ReadingScreen  # noqa: E402
from reader.ui.sliced import SlicedWork  # noqa: E402
from reader.ui.text.lines import TextLayout  # noqa: E402
from reader.ui.widgets import article_body as body_module  # noqa: E402
from reader.ui.widgets.quote_sidebar import QuoteSidebar  # noqa: E402

SIZE = (160, 48)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


async def until(condition: object, timeout: float = 30.0) -> float:
    """Yield to the app until ``condition()`` holds; the time it became true."""
    deadline = time.perf_counter() + timeout
    while not condition():  # type: ignore[operator]
        if time.perf_counter() > deadline:
            raise TimeoutError("the app never got there")
        await asyncio.sleep(0.001)
    return time.perf_counter()


class Stalls:
    """The longest event-loop turn, sidebar slice and garbage collection while on."""

    def __init__(self) -> None:
        self.on = False
        self.turn = self.slice = self.collection = 0.0
        self._gc_start = 0.0
        self._run = asyncio.events.Handle._run
        # (a sidebar that builds in one go has no slices: then 0 is shown)
        self._advance = getattr(SlicedWork, "advance", None)

    def __enter__(self) -> Stalls:
        stalls = self
        run, advance = self._run, self._advance

        def timed_run(handle: asyncio.events.Handle) -> None:
            start = time.perf_counter()
            run(handle)
            if stalls.on:
                stalls.turn = max(stalls.turn, time.perf_counter() - start)

        def timed_advance(work: SlicedWork) -> None:
            start = time.perf_counter()
            advance(work)  # type: ignore[misc]
            if stalls.on:
                stalls.slice = max(stalls.slice, time.perf_counter() - start)

        asyncio.events.Handle._run = timed_run  # type: ignore[method-assign, assignment]
        if advance is not None:
            SlicedWork.advance = timed_advance  # type: ignore[method-assign, assignment]
        gc.callbacks.append(self._gc)
        return self

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        elif self.on:
            self.collection = max(self.collection, time.perf_counter() - self._gc_start)

    def __exit__(self, *exc: object) -> None:
        asyncio.events.Handle._run = self._run  # type: ignore[method-assign]
        if self._advance is not None:
            SlicedWork.advance = self._advance  # type: ignore[method-assign]
        gc.callbacks.remove(self._gc)


def yield_between_body_chunks() -> None:
    """Make the article view's layout continuation give the loop a turn per chunk."""
    body_class = body_module.ArticleBody

    def lay_out_more(body: body_module.ArticleBody, layout: TextLayout) -> None:
        if layout is not body._layout:
            return
        done = layout.extend(body_module.LAYOUT_CHUNK)
        body._update_virtual_size()
        if not done:
            loop = asyncio.get_running_loop()
            loop.call_soon(body.call_later, body._lay_out_more, layout)

    body_class._lay_out_more = lay_out_more  # type: ignore[method-assign, assignment]


async def run(megabytes: float, query: str) -> None:
    seed = load_article(default_article())
    article = huge_article(seed, megabytes)
    total = len(article.quotes)
    print(f"huge article: {len(article.sections)} sections, {total} quotes")

    marks: dict[str, float] = {}
    handled: list[float] = []
    mount_sidebar = ReadingScreen._mount_sidebar
    action_scroll = ReadingScreen.action_scroll

    def send_key(app: ReaderApp) -> None:
        driver = app._driver
        assert driver is not None
        key = events.Key("j", "j")
        key.set_sender(app)
        driver.send_message(key)

    def timed_mount(screen: ReadingScreen) -> None:
        marks["paint"] = time.perf_counter()
        mount_sidebar(screen)
        marks["key sent"] = time.perf_counter()
        send_key(screen.app)  # type: ignore[arg-type]

    def timed_scroll(screen: ReadingScreen, lines: int) -> None:
        handled.append(time.perf_counter())
        action_scroll(screen, lines)

    ReadingScreen._mount_sidebar = timed_mount  # type: ignore[method-assign, assignment]
    ReadingScreen.action_scroll = timed_scroll  # type: ignore[method-assign, assignment]
    try:
        with tempfile.TemporaryDirectory(prefix="reader-bench-") as folder, Stalls() as stalls:
            app = ReaderApp(article, StateStore(Path(folder)))
            start = time.perf_counter()
            async with app.run_test(size=SIZE) as pilot:
                await until(lambda: "paint" in marks)
                stalls.on = True
                await until(lambda: bool(handled))
                key_handled = handled[0]

                def counter() -> str:
                    found = app.screen.query("#quote-counter").results(Label)
                    label = next(found, None)
                    return "" if label is None else str(label.content)

                def listed() -> bool:
                    # The counter is final before the list is: it must also be done
                    # filling (the key below measured the rest of the fill before).
                    sidebars = list(app.screen.query(QuoteSidebar))
                    return (
                        counter() == f"{total} of {total}"
                        and bool(sidebars)
                        and not sidebars[0].building
                    )

                full = await until(listed)
                stalls.on = False
                # A second key, once the sidebar reports it is complete.
                second_sent = time.perf_counter()
                send_key(app)
                await until(lambda: len(handled) > 1)
                second = handled[1] - second_sent
                await pilot.pause()

                print(f"first paint:                 {ms(marks['paint'] - start)}")
                print(f"sidebar built (in callback): {ms(marks['key sent'] - marks['paint'])}")
                print(f"sidebar lists every quote:   {ms(full - start)}")
                print(f"first key, sent at paint:    {ms(key_handled - marks['key sent'])}")
                print(f"a key once the list is full: {ms(second)}")
                print("from first paint to a full list, the longest")
                print(f"  event-loop turn:           {ms(stalls.turn)}")
                print(f"  slice of sidebar work:     {ms(stalls.slice)}")
                print(f"  garbage collection:        {ms(stalls.collection)}")

                # -- first search ---------------------------------------------------
                await pilot.press("slash")
                search = app.screen.query_one("#quote-search", Input)
                assert search.has_focus, "the search field did not take focus"
                driver = app._driver
                assert driver is not None
                typed = time.perf_counter()
                for character in query:
                    key = events.Key(character, character)
                    key.set_sender(app)
                    driver.send_message(key)
                reached = await until(lambda: search.value == query)
                shown = await until(lambda: counter() not in ("", f"{total} of {total}"))
                # Let any debounce timer and follow-up rebuild settle, then read the count.
                await asyncio.sleep(0.3)
                await pilot.pause()
                print(f"search {query!r}: keys reached the field {ms(reached - typed)}")
                print(f"search {query!r}: hits listed after       {ms(shown - typed)}")
                print(f"search {query!r}: counter shows {counter()!r}")

                # A second search, now that everything is warm.
                await pilot.press("ctrl+u")
                await until(lambda: counter() == f"{total} of {total}")
                typed = time.perf_counter()
                for character in "sanksi":
                    key = events.Key(character, character)
                    key.set_sender(app)
                    driver.send_message(key)
                reached = await until(lambda: search.value == "sanksi")
                shown = await until(lambda: counter() not in ("", f"{total} of {total}"))
                print(f"search 'sanksi' (warm): keys reached     {ms(reached - typed)}")
                print(f"search 'sanksi' (warm): hits listed      {ms(shown - typed)}")
    finally:
        ReadingScreen._mount_sidebar = mount_sidebar  # type: ignore[method-assign]
        ReadingScreen.action_scroll = action_scroll  # type: ignore[method-assign]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0)
    parser.add_argument("--query", default="obama")
    parser.add_argument(
        "--yielding-body", action="store_true", help="experiment: see the module docstring"
    )
    args = parser.parse_args()
    if args.yielding_body:
        yield_between_body_chunks()
    asyncio.run(run(args.mb, args.query))
    return 0


if __name__ == "__main__":
    sys.exit(main())
