"""Running a few jobs at once (fetching the items of a feed, the URLs of one import).

A few, not many: a feed update should be quick without hammering one site (feed items
mostly live on the feed's own host), and one item that fails must not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from reader.core.errors import ReaderError

#: How many fetches may run at once: a few, so a feed update is quick without hammering
#: one site (feed items mostly live on the feed's own host).
MAX_CONCURRENT = 4

T = TypeVar("T")
R = TypeVar("R")


def concurrently(
    items: Iterable[T], job: Callable[[T], R], workers: int = MAX_CONCURRENT
) -> Iterator[tuple[T, R | ReaderError]]:
    """Run ``job`` on each item, a few at a time; yield results in the items' order.

    A ReaderError is yielded in place of its item's result, so one bad item never stops
    the others; any other exception is a bug and is raised.
    """
    listed = list(items)

    def guarded(item: T) -> R | ReaderError:
        try:
            return job(item)
        except ReaderError as exc:
            return exc

    if len(listed) <= 1 or workers <= 1:
        for item in listed:
            yield item, guarded(item)
        return
    with ThreadPoolExecutor(max_workers=min(workers, len(listed))) as pool:
        futures = [pool.submit(guarded, item) for item in listed]
        for item, future in zip(listed, futures, strict=True):
            yield item, future.result()


__all__ = ["MAX_CONCURRENT", "concurrently"]
