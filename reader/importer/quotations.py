"""Direct quotations: the spans between quote marks, however the page wrote the marks.

Curly “…”, straight "…", guillemets «…», German „…“ and mixtures (“…" or "…”) are
read by one left-to-right pass per paragraph. A quotation may run across paragraphs:
its opening paragraph has no closing mark and the next paragraph opens again, as
newspapers print it; the parts form one *group* with one speaker. Scare quotes (a word
or short phrase in quote marks used as a label) are told apart later, with the cue
information the speaker pass finds, by :func:`is_scare_quote`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.importer.joined import find_all, line_starts, located

#: The quote marks, each found with ``str.find`` (see :func:`_marks_by_paragraph`).
_MARK_CHARS = '“”„«»"'
_OPENERS = "“„«"
#: Opening marks a quotation may hold again inside it, and the marks that close them.
_NESTING = "“«"
_CLOSERS = "”»"
_SENTENCE_END = re.compile(r"[.!?…]")
_WORD = re.compile(r"\w+")
#: Most words a quoted label may have and still be a scare quote.
MAX_SCARE_WORDS = 4


@dataclass(frozen=True)
class Span:
    """One quotation part inside one paragraph.

    ``start``/``end`` bound the quoted text as it will be stored (whitespace and trailing
    commas trimmed); ``open_at``/``close_at`` are the marks (``close_at`` is None when the
    quotation runs on into the next paragraph).
    """

    block: int
    start: int
    end: int
    open_at: int
    close_at: int | None
    continues: bool = False


def _closes(opener: str, mark: str, before: str) -> bool:
    if mark == "”":
        return True
    if mark == "»":
        return opener == "«"
    if mark == "“":
        # „…“ is the German pair; “…“ is a common typo for a closing mark.
        return opener == "„" or (opener == "“" and bool(before) and not before.isspace())
    if mark == '"':
        return bool(before) and not before.isspace()
    return False


def _opens(mark: str, after: str) -> bool:
    if mark in _OPENERS:
        return True
    return mark == '"' and bool(after) and not after.isspace()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def find_spans(paragraphs: list[str]) -> list[Span]:
    """Every quotation part in ``paragraphs``, in reading order."""
    spans: list[Span] = []
    open_prev = False  # the previous paragraph ended inside a quotation
    previous = -1  # the last paragraph that holds a mark
    for index, marks in _marks_by_paragraph(paragraphs):
        if index != previous + 1:
            open_prev = False  # the paragraph before holds no mark, so it ended closed
        previous = index
        nxt = paragraphs[index + 1].lstrip()[:1] if index + 1 < len(paragraphs) else ""
        open_prev = paragraph_spans(
            index, paragraphs[index], marks, open_prev, spans, nxt != "" and nxt in _MARK_CHARS
        )
    return _keep_runs(spans, paragraphs)


def paragraph_spans(
    index: int,
    text: str,
    marks: list[int],
    open_prev: bool,
    spans: list[Span],
    next_opens: bool = False,
) -> bool:
    """Add the quotation parts of paragraph ``index`` (its marks at ``marks``) to
    ``spans``; return whether it ends inside a quotation. ``next_opens``: the next
    paragraph opens with a quote mark."""
    opener = ""
    open_at = -1
    first = True
    nested = 0  # quotations open inside the current one ('“… “list” …”')
    balance: list[int] | None = None  # closes minus opens from each mark on
    for m, at in enumerate(marks):
        mark = text[at]
        before = text[at - 1] if at else ""
        if before == " " and at > 1 and text[at - 2] in "'’" and mark == '"' and opener:
            before = text[at - 2]  # "… of 'Clinton,' " said X: a nested quote ends first
        after = text[at + 1] if at + 1 < len(text) else ""
        if nested and mark in _CLOSERS:
            nested -= 1
            continue
        if opener and mark in _NESTING and (mark == opener or opener == '"'):
            if balance is None:
                balance = _balance(text, marks)
            # Inside straight marks, curly ones nest when they pair up among themselves
            # and the straight quotation goes on past them: to a straight close, or into
            # the next paragraph ('"… “They haven’t done it” perhaps …"'; not a stray
            # '"' before 'Trump said, “Only Rosie.”').
            if (
                balance[m] > 0
                if mark == opener
                else balance[m] >= 0
                and (next_opens or any(text[after_at] == '"' for after_at in marks[m + 1 :]))
            ):
                # '“… the slogan “Make it so” on every sign.”': the marks from here on
                # close once more than they open, so the outer quotation keeps its close
                # ('“A. “B,” he said': the first was never closed, and B starts anew).
                nested += 1
                continue
        if opener and _closes(opener, mark, before):
            start, end = _trimmed(text, open_at + 1, at)
            if end > start:
                cont = first and open_prev and open_at == _lead_space(text)
                spans.append(Span(index, start, end, open_at, at, cont))
            first = False
            opener = ""
        elif _opens(mark, after) and (not opener or mark != '"'):
            if opener:
                first = False  # an opening mark never closed: drop it, start again
            opener, open_at = mark, at
    if opener:
        start, end = _trimmed(text, open_at + 1, len(text))
        if end > start:
            cont = first and open_prev and open_at == _lead_space(text)
            spans.append(Span(index, start, end, open_at, None, cont))
            return True
    return False


def _balance(text: str, marks: list[int]) -> list[int]:
    """For each mark, how many more closing than opening marks stand from it on (worked
    out once per paragraph, and only for a paragraph with a mark inside a quotation)."""
    out = [0] * len(marks)
    total = 0
    for m in range(len(marks) - 1, -1, -1):
        mark = text[marks[m]]
        total += (mark in _CLOSERS) - (mark in _NESTING)
        out[m] = total
    return out


def _marks_by_paragraph(paragraphs: list[str]) -> list[tuple[int, list[int]]]:
    """The paragraphs that hold a quote mark, each with its marks' offsets in order.

    What ``_MARKS.finditer`` on each paragraph gives, found with ``str.find`` on the
    paragraphs joined: most paragraphs hold no mark, and the regex engine testing every
    character against the class was most of the cost of finding quotations, where
    ``find`` skips to the next mark at C speed. Offsets into the joined text are mapped
    back by the paragraphs' lengths, so the separator may be any character that is not
    a mark (it then adds none).
    """
    joined = "\n".join(paragraphs)
    found = sorted(at for mark in _MARK_CHARS for at in find_all(joined, mark))
    out: list[tuple[int, list[int]]] = []
    for index, offset in located(line_starts(paragraphs), found):
        if out and out[-1][0] == index:
            out[-1][1].append(offset)
        else:
            out.append((index, [offset]))
    return out


def _lead_space(text: str) -> int:
    return len(text) - len(text.lstrip())


def _keep_runs(spans: list[Span], paragraphs: list[str]) -> list[Span]:
    """Drop parts left open that the next paragraph does not continue (stray marks)."""
    kept: list[Span] = []
    for i, span in enumerate(spans):
        if span.close_at is None:
            nxt = spans[i + 1] if i + 1 < len(spans) else None
            # An unclosed mark that opens its paragraph is still kept if it is long
            # enough to be speech; one in the middle of a paragraph is a stray mark.
            if (nxt is None or not nxt.continues) and (
                span.open_at != _lead_space(paragraphs[span.block])
                or _words(paragraphs[span.block][span.start : span.end]) <= MAX_SCARE_WORDS
            ):
                continue
        kept.append(span)
    return kept


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def quote_text(paragraphs: list[str], span: Span) -> str:
    return paragraphs[span.block][span.start : span.end]


def is_scare_quote(text: str, *, has_cue: bool) -> bool:
    """A quoted word or short phrase used as a label, not as speech.

    Speech either has a cue ("kata X", "X said:") or reads as a sentence; a label is a
    few words with no sentence punctuation and no cue.
    """
    if has_cue:
        return False
    return _words(text) <= MAX_SCARE_WORDS and not _SENTENCE_END.search(text)
