"""Filling an ``OptionList`` with groups (a header, its entries, a rule) a batch at a time.

The quote sidebar lists thousands of quotes under their speakers. An ``OptionList``
measures every option it is given, so the list is filled in batches of ``LIST_CHUNK``
options, pausing (the generator yields) after each batch so that the caller can hand
the app back its keys and paints (:class:`reader.ui.sliced.SlicedWork`). Options are
made only when their batch is, so a first screenful costs what it shows. The option the
reader was on stays highlighted when it is listed again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TypeVar

from textual.widgets import OptionList
from textual.widgets.option_list import Option

#: Options added to the list between pauses (quotes searched: the core query's
#: ``SCAN_CHUNK``).
LIST_CHUNK = 100

K = TypeVar("K")
T = TypeVar("T")


def fill_grouped_list(
    option_list: OptionList,
    groups: Mapping[K, Sequence[T]],
    header: Callable[[K, Sequence[T]], Option],
    entry: Callable[[T], Option],
    keep_id: str | None,
) -> Iterator[None]:
    """Replace the options of ``option_list`` with ``groups``, yielding after each batch.

    Each group is its ``header`` option, then an ``entry`` option per item, then a rule
    (none after the last group). The option whose id is ``keep_id`` is highlighted once
    it is in the list (if nothing else is by then: the list has no cursor until it is);
    with no ``keep_id`` the first option is.
    """
    pending: list[Option | None] = []
    flushed = 0  # options in the list so far
    listed = 0  # options made so far (in the list or pending)
    keep_index: int | None = None

    def flush() -> None:
        nonlocal flushed
        if flushed == 0:
            option_list.set_options(pending)
            if keep_id is None:
                option_list.action_first()
        else:
            option_list.add_options(pending)
        # (unless the reader has put a cursor in the list meanwhile: theirs stays)
        reached = keep_index is not None and flushed <= keep_index < listed
        if reached and option_list.highlighted is None:
            option_list.highlighted = keep_index
        flushed = listed
        pending.clear()

    for number, (key, items) in enumerate(groups.items(), 1):
        pending.append(header(key, items))
        listed += 1
        last = len(items) - 1
        for position, item in enumerate(items):
            option = entry(item)
            if option.id == keep_id:
                keep_index = listed
            pending.append(option)
            listed += 1
            if position == last and number < len(groups):
                # A rule between groups. It marks the option before it, so it goes
                # in with that option (``add_options`` re-measures everything if a
                # batch starts with one).
                pending.append(None)
            if len(pending) >= LIST_CHUNK:
                flush()
                yield
    if pending or flushed == 0:
        flush()
    yield


__all__ = ["LIST_CHUNK", "fill_grouped_list"]
