"""``reader feed add URL | list | remove NAME | update [NAME]``: RSS and Atom subscriptions.

The work is in :mod:`reader.web` (fetching, feeds, subscriptions, updates); this module
parses arguments, draws the progress bar (rich.progress, on stderr, only when it is a
terminal: piped, only the report lines are printed) and reports what was added.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reader.cli.common import Commands
from reader.core.errors import ReaderError
from reader.core.files import shown
from reader.core.text import visible


def add_parser(commands: Commands) -> None:
    parser = commands.add_parser("feed", help="subscribe to RSS/Atom feeds and import new items")
    actions = parser.add_subparsers(dest="feed_command", required=True, metavar="ACTION")
    add = actions.add_parser("add", help="subscribe to a feed (or the feed a page links to)")
    add.add_argument("url", metavar="URL", help="an http(s) URL of a feed or of a site's page")
    add.add_argument("--name", metavar="NAME", help="a short name for it (default: from its title)")
    actions.add_parser("list", help="list your feeds")
    remove = actions.add_parser("remove", help="unsubscribe from a feed")
    remove.add_argument("name", metavar="NAME", help="the feed's name (or URL)")
    update = actions.add_parser("update", help="import the new items of every feed, or of one")
    update.add_argument("name", nargs="?", metavar="NAME", help="only this feed")
    update.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="folder to write articles to (default: your article folder)",
    )
    update.add_argument(
        "--limit", type=int, default=None, metavar="N", help="new items per feed (default: 30)"
    )


def run(ns: argparse.Namespace) -> int:
    command: str = ns.feed_command
    if command == "add":
        return _add(ns.url, ns.name)
    if command == "list":
        return _list()
    if command == "remove":
        return _remove(ns.name)
    return _update(ns.name, ns.output, ns.limit)


def _say(line: str) -> None:
    print(visible(line, keep_newlines=False))


def _add(url: str, wanted: str | None) -> int:
    from reader.web import subscriptions as subs
    from reader.web.feeds import discover, parse_feed
    from reader.web.fetch import Fetcher, check_url
    from reader.web.pages import looks_like_html
    from reader.web.update import ACCEPT_FEED

    check_url(url)
    current = subs.load()
    for sub in current:
        if sub.url == url:
            raise ReaderError(f"{url}: already subscribed as {sub.name}")
    with Fetcher() as fetcher:
        response = fetcher.get(url, accept=ACCEPT_FEED)
        feed_url = response.url
        if looks_like_html(response.body):
            found = discover(response.body, response.url)
            if found is None:
                raise ReaderError(f"{url}: a web page that names no feed")
            check_url(found)
            response = fetcher.get(found, accept=ACCEPT_FEED)
            feed_url = response.url
        feed = parse_feed(response.body, feed_url)
    if any(sub.url == feed_url for sub in current):
        raise ReaderError(f"{feed_url}: already subscribed")
    name = subs.new_name(wanted or feed.title or feed_url, current)
    if wanted and name != wanted.strip():
        raise ReaderError(f"a feed named {wanted!r} exists already (or the name is not usable)")
    current.append(subs.Subscription(name, feed_url, feed.title))
    subs.save(current)
    noun = "item" if len(feed.items) == 1 else "items"
    title = feed.title or feed_url
    _say(f"added {name}: {title} ({len(feed.items)} {noun}; reader feed update imports them)")
    return 0


def _list() -> int:
    from reader.web import subscriptions as subs

    current = subs.load()
    if not current:
        print("no feeds yet (add one: reader feed add URL)", file=sys.stderr)
        return 0
    width = max(len(sub.name) for sub in current)
    for sub in current:
        title = f"  {sub.title}" if sub.title else ""
        _say(f"{sub.name:<{width}}  {sub.url}{title}")
    return 0


def _remove(name: str) -> int:
    from reader.web import subscriptions as subs

    current = subs.load()
    gone = subs.find(current, name)
    subs.save([sub for sub in current if sub is not gone])
    _say(f"removed {gone.name} ({gone.url}); its articles stay in your article folder")
    return 0


def _update(name: str | None, output: Path | None, limit: int | None) -> int:
    from reader.core.places import user_articles_dir
    from reader.web import subscriptions as subs
    from reader.web.fetch import Fetcher
    from reader.web.update import MAX_NEW, update_feed

    current = subs.load()
    chosen = [subs.find(current, name)] if name else list(current)
    if not chosen:
        print("no feeds yet (add one: reader feed add URL)", file=sys.stderr)
        return 0
    folder = output or user_articles_dir()
    _make_folder(folder)
    added = failed = 0
    with Fetcher() as fetcher, _progress() as bar:
        for sub in chosen:
            try:
                updated, outcome = update_feed(
                    sub,
                    fetcher,
                    folder,
                    limit=MAX_NEW if limit is None else limit,
                    on_start=bar.start(sub.name),
                    on_item=bar.advance,
                )
            except ReaderError as exc:
                failed += 1
                bar.say(f"reader: {sub.name}: {exc}")
                continue
            current = [updated if s.name == sub.name else s for s in current]
            subs.save(current)  # after each feed: an interrupted update keeps what it did
            for title, path in outcome.added:
                bar.say(f"{sub.name}: + {title} -> {shown(path)}")
            for message in outcome.failed:
                bar.say(f"reader: {sub.name}: {message}")
            added += len(outcome.added)
            failed += len(outcome.failed)
            bar.say(_feed_summary(outcome))
    noun = "article" if added == 1 else "articles"
    summary = f"added {added} {noun} to {shown(folder)}"
    if failed:
        summary += f", {failed} failed"
    print(visible(summary, keep_newlines=False), file=sys.stderr)
    return 1 if failed else 0


def _feed_summary(outcome: Any) -> str:
    if outcome.not_modified:
        return f"{outcome.name}: nothing new (not modified)"
    parts = [f"{len(outcome.added)} new"]
    if outcome.already:
        parts.append(f"{outcome.already} already imported")
    if outcome.failed:
        parts.append(f"{len(outcome.failed)} failed")
    if outcome.left:
        parts.append(f"{outcome.left} more next time")
    return f"{outcome.name}: " + ", ".join(parts)


def _make_folder(folder: Path) -> None:
    if folder.is_dir():
        return
    if folder.exists():
        raise ReaderError(f"{folder}: not a folder")
    try:
        folder.mkdir(parents=True)
    except OSError as exc:
        raise ReaderError(f"{folder}: cannot create folder: {exc.strerror}") from None


class _Quiet:
    """No bar: report lines go to stdout as they come."""

    def start(self, name: str) -> Callable[[int], None]:
        return lambda total: None

    def advance(self) -> None:
        return None

    def say(self, line: str) -> None:
        stream = sys.stderr if line.startswith("reader: ") else sys.stdout
        print(visible(line, keep_newlines=False), file=stream)


@contextmanager
def _progress() -> Iterator[Any]:
    if not sys.stderr.isatty():
        yield _Quiet()
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True, highlight=False, markup=False)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, console=console, transient=True) as progress:

        class _Bar:
            task: Any = None

            def start(self, name: str) -> Callable[[int], None]:
                def begin(total: int) -> None:
                    self.task = progress.add_task(visible(name, keep_newlines=False), total=total)

                return begin

            def advance(self) -> None:
                if self.task is not None:
                    progress.advance(self.task)

            def say(self, line: str) -> None:
                console.print(visible(line, keep_newlines=False), soft_wrap=True)

        yield _Bar()
