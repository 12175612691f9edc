"""Textual's parsed stylesheet, kept between runs, so the first paint does not parse CSS.

Parsing ``styles/reader.tcss`` and the widgets' ``DEFAULT_CSS`` was the largest single
cost of the first paint (about 14 ms of CPU for the seed article, against 6 ms for all
of a bare Textual app). Textual parses each source into rule sets once per run and
keeps them in ``Stylesheet._parse_cache``, keyed by the source's text and where it came
from; :class:`CachedStylesheet` keeps the same rule sets in a file, beside the article
cache, and hands them back when a source with exactly that key is parsed again.

The file is **data, never code**: JSON, decoded only into the few types a parsed rule
holds (rule sets, selectors, colours, scalars, spacings, layouts by name), every shape
checked; anything else, or any error, and the source is parsed as before. It is used
only with the same Textual parser (its modules' files, by size and time) and the same
CSS variables (the theme's colours are substituted while parsing): the file's name is a
digest of both, and each entry holds
its source's whole key, compared exactly, so a changed ``.tcss`` is simply parsed.
A source whose rules hold a value of any other type is never written (it is parsed each
run, as before). The file is written after the first paint, off the UI thread.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import threading
import time
from collections.abc import Iterable, Set
from pathlib import Path, PurePath
from typing import Any

import textual.color
import textual.css._styles_builder
import textual.css.model
import textual.css.parse
import textual.css.scalar
import textual.css.styles
import textual.css.tokenize
import textual.geometry
import textual.layouts.factory
from textual.css.model import RuleSet
from textual.css.stylesheet import CssSource, Stylesheet

from reader.core.digest import digest
from reader.ui.css_rules import Unknown, checked_int, checked_text, decode_rules, encode_rules

#: Changes whenever the encoding (reader.ui.css_rules) does: an old file is then not read.
#: 3: the file's digest is BLAKE2b (reader.core.digest), not SHA-256.
FORMAT = 3
#: At most this many sources are kept in a file (a theme change, a new screen, an
#: edited stylesheet each add some; the oldest go first).
MAX_ENTRIES = 160
#: At most this many files (one per Textual version and theme) are kept in the folder.
MAX_FILES = 8
#: A temporary file left this long (its writer was killed) is removed.
STALE_SECONDS = 3600.0

#: Textual's key of a parsed source: its text, where it was read from (a path and a class
#: variable), whether it is a widget's default CSS, its tie breaker and its scope.
ParseKey = tuple[str, tuple[str, str], bool, int, str]


# -- the file ------------------------------------------------------------------------------


def _key_data(key: ParseKey) -> list[object]:
    css, (path, name), is_default, tie_breaker, scope = key
    return [css, path, name, is_default, tie_breaker, scope]


def _key_from(value: Any) -> ParseKey:
    if type(value) is not list or len(value) != 6:
        raise Unknown("key")
    css, path, name, is_default, tie_breaker, scope = value
    if type(is_default) is not bool:
        raise Unknown("key")
    return (
        checked_text(css),
        (checked_text(path), checked_text(name)),
        is_default,
        checked_int(tie_breaker),
        checked_text(scope),
    )


#: The modules whose code decides what a source parses into: a file written by any
#: other version of one of them is not read. (Their files' sizes and times stand for
#: the version: ``textual.__version__`` reads the package's metadata, some 10 ms.)
_PARSER_MODULES = (
    textual.css.parse,
    textual.css._styles_builder,
    textual.css.tokenize,
    textual.css.model,
    textual.css.styles,
    textual.css.scalar,
    textual.color,
    textual.geometry,
    textual.layouts.factory,
)


def _parser_version() -> list[object]:
    version: list[object] = []
    for module in _PARSER_MODULES:
        path = module.__file__ or ""
        info = os.stat(path)
        version += [path, info.st_size, info.st_mtime_ns]
    return version


def store_path(folder: Path, variables: dict[str, str]) -> Path:
    """The file for this version of Textual's parser and these CSS variables (the
    theme's colours)."""
    key = [FORMAT, _parser_version(), variables]
    name = digest(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()
    return folder / f"{name[:24]}.json"


class RuleStore:
    """Parsed sources read from (and written back to) one file: for one set of variables.

    Never raises: a file that is missing, unreadable or malformed is an empty store.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        #: the entries read from the file, still as JSON data (decoded when asked for)
        self._read: dict[ParseKey, object] = {}
        #: the sources asked for this run, as their rule sets (Textual's own, so kept at
        #: no cost; encoded only if the file is written)
        self._entries: dict[ParseKey, list[RuleSet]] = {}
        self._changed = False
        #: written (or found up to date): nothing is kept any more
        self._done = False
        self._lock = threading.Lock()
        with contextlib.suppress(Exception):
            data = json.loads(_checked(path.read_bytes()))
            if type(data) is dict and data.get("format") == FORMAT:
                for entry in data.get("entries", []):
                    with contextlib.suppress(Unknown, TypeError, ValueError):
                        key, rules = entry
                        self._read[_key_from(key)] = rules

    def rules(self, key: ParseKey) -> list[RuleSet] | None:
        """The rules kept for exactly this source, or None."""
        with self._lock:
            data = self._read.pop(key, None)
        if data is None:
            return None
        try:
            rules = decode_rules(data)
        except Exception:  # Unknown, or a shape no check foresaw: parsed as before
            return None
        with self._lock:
            if not self._done:
                self._entries[key] = rules
        return rules

    def add(self, key: ParseKey, rules: list[RuleSet]) -> None:
        """Keep a source just parsed, to be written (encoded then, off the UI thread;
        Textual never changes a parsed rule set)."""
        with self._lock:
            if not self._done:
                self._entries[key] = rules
                self._changed = True

    def save(self) -> None:
        """Write the file if a source was parsed this run (never raises); either way,
        keep nothing after: the data read for sources not asked for by now would be
        held for as long as the app runs (such a source is parsed when asked for)."""
        with self._lock:
            changed, self._changed, self._done = self._changed, False, True
            asked, read = self._entries, self._read
            self._entries, self._read = {}, {}
        if not changed:
            return
        kept: list[object] = []
        for key, rules in [*asked.items(), *read.items()][:MAX_ENTRIES]:
            if key in asked:  # rule sets: encoded now
                try:
                    rules = encode_rules(asked[key])
                except Unknown:  # a value not encoded: this source is parsed each run
                    continue
            kept.append([_key_data(key), rules])
        document = {"format": FORMAT, "entries": kept}
        from reader.core.files import atomic_write

        with contextlib.suppress(Exception):  # a cache that cannot be written is no cache
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            text = json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()
            atomic_write(self.path, _digest(text) + b"\n" + text, mode=0o600)
            prune(self.path.parent)


def _digest(data: bytes) -> bytes:
    return digest(data).hexdigest().encode("ascii")


def _checked(data: bytes) -> bytes:
    """The JSON of a file whose first line is the digest of the rest; a damaged file
    (a flipped bit, a write cut short) fails here, and is not read: a value decoded
    well but wrong for its property would only fail later, drawing the screen."""
    digest, _, text = data.partition(b"\n")
    if digest != _digest(text):
        raise ValueError("damaged")
    return text


def prune(folder: Path, keep: int = MAX_FILES) -> None:
    """Remove all but the ``keep`` newest files, and stale temporary files (never raises)."""
    now = time.time()
    found: list[tuple[float, Path]] = []
    with contextlib.suppress(OSError), os.scandir(folder) as items:
        for item in items:
            with contextlib.suppress(OSError):
                if not item.is_file(follow_symlinks=False):
                    continue
                modified = item.stat(follow_symlinks=False).st_mtime
                if item.name.endswith(".json") and not item.name.startswith("."):
                    found.append((modified, Path(item.path)))
                elif item.name.endswith(".tmp") and now - modified > STALE_SECONDS:
                    os.unlink(item.path)
    found.sort(reverse=True)
    for _, path in found[keep:]:
        with contextlib.suppress(OSError):
            path.unlink()


#: A section marker of a stylesheet (tests/ui/test_stylesheet.py checks they pair up).
_MARKER = re.compile(r"/\* -- (end )?(.+?) -- \*/")


def split_sections(css: str, names: Set[str]) -> tuple[str, str]:
    """``css`` without its ``/* -- NAME -- */ … /* -- end NAME -- */`` blocks of these
    ``names``, and those blocks (in order). Lines are kept in place (a held block
    leaves blank lines), so a parse error still names the file's own line."""
    kept: list[str] = []
    held: list[str] = []
    section: str | None = None
    found = False
    for line in css.splitlines(keepends=True):
        marker = _MARKER.search(line)
        if marker is not None and not marker[1]:
            section = marker[2] if marker[2] in names else None
        blank = "\n" if line.endswith("\n") else ""
        kept.append(blank if section is not None else line)
        held.append(line if section is not None else blank)
        found = found or section is not None
        if marker is not None and marker[1]:
            section = None
    return "".join(kept), "".join(held) if found else ""


class CachedStylesheet(Stylesheet):
    """A Stylesheet whose sources' rules come from a :class:`RuleStore` when kept there.

    Its copies and re-parses (a theme change) are CachedStylesheets too, each reading
    the store of its own variables.
    """

    def __init__(self, folder: Path, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self._folder = folder
        self._stores: dict[str, RuleStore] = {}
        #: the variables the store was last looked up for, and that store
        self._current: tuple[dict[str, str], RuleStore] | None = None
        #: sections of the files read (``/* -- NAME -- */`` blocks) kept out until
        #: :meth:`release`, and the sources held back
        self._hold: frozenset[str] = frozenset()
        self._held: dict[tuple[str, str], CssSource] = {}

    def hold_back(self, sections: Iterable[str]) -> None:
        """Keep these sections of the CSS files read from now on out of the rules until
        :meth:`release`: the styles of screens not shown yet.

        Every rule is looked at for every widget styled, and every source is decoded
        (or parsed) before the first paint: the help and library screens' rules, held
        back, took 8 M instructions (~1.6 ms) of an article's first paint.
        """
        self._hold = frozenset(sections)

    def read(self, filename: str | PurePath) -> None:
        super().read(filename)
        if not self._hold:
            return
        key = (os.path.abspath(os.path.expanduser(filename)), "")
        source = self.source.get(key)
        if source is None:
            return
        kept, held = split_sections(source.content, self._hold)
        if held:
            self.source[key] = source._replace(content=kept)
            self._held[(key[0], "held")] = source._replace(content=held)

    def release(self) -> None:
        """Add the sections held back (parsed when the rules are next asked for: after
        them in the file, they come after its other rules, as before)."""
        if self._held:
            self.source.update(self._held)
            self._held = {}
            self._require_parse = True

    @property
    def store(self) -> RuleStore:
        """The store for the current variables (Textual replaces the dict to change them)."""
        variables = self._variables
        if self._current is not None and self._current[0] is variables:
            return self._current[1]
        path = store_path(self._folder, variables)
        store = self._stores.get(path.name)
        if store is None:
            store = self._stores[path.name] = RuleStore(path)
        self._current = (variables, store)
        return store

    def _parse_rules(
        self,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        key: ParseKey = (css, read_from, is_default_rules, tie_breaker, scope)
        if key in self._parse_cache:  # parsed (or read) this run: nothing new to keep
            return super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        try:
            store: RuleStore | None = self.store
            kept = store.rules(key) if store is not None else None
        except Exception:  # the store is only ever a shortcut
            store, kept = None, None
        if kept is not None:
            self._parse_cache[key] = kept
            return kept
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if store is not None:
            store.add(key, rules)
        return rules

    def copy(self) -> CachedStylesheet:  # Textual's copy, as a CachedStylesheet
        stylesheet = CachedStylesheet(self._folder, variables=dict(self._variables))
        stylesheet._stores = self._stores
        stylesheet.source = dict(self.source)
        return stylesheet

    def reparse(self) -> None:
        """Textual's reparse (into a fresh stylesheet, so an error leaves this one
        working), with the fresh one a CachedStylesheet."""
        stylesheet = self.copy()  # the stylesheet, not a file
        stylesheet._variables = self._variables
        try:
            stylesheet.parse()
        except Exception:
            self._invalid_css.update(stylesheet._invalid_css)
            raise
        self._rules = stylesheet.rules
        self._rules_map = None
        self.source = stylesheet.source
        self._require_parse = False

    def save(self) -> None:
        """Write every store a source was parsed into this run."""
        for store in list(self._stores.values()):
            store.save()


#: What CachedStylesheet relies on in Textual's Stylesheet (private names, which a
#: Textual release may change): the parameters of ``_parse_rules`` and the attributes
#: that ``copy`` and ``reparse`` set. If any differs, the app keeps Textual's own.
_PARSE_PARAMETERS = ("self", "css", "read_from", "is_default_rules", "tie_breaker", "scope")
_ATTRIBUTES: tuple[str, ...] = ("_parse_cache", "_variables", "_invalid_css", "_rules")
_ATTRIBUTES += ("_rules_map", "_require_parse", "source")


def fits(stylesheet: Stylesheet) -> bool:
    """Whether ``stylesheet``'s class is the Textual Stylesheet this module was written
    for (see :data:`_PARSE_PARAMETERS`)."""
    code = getattr(getattr(Stylesheet, "_parse_rules", None), "__code__", None)
    if code is None or code.co_varnames[: code.co_argcount] != _PARSE_PARAMETERS:
        return False
    return type(stylesheet) is Stylesheet and all(hasattr(stylesheet, a) for a in _ATTRIBUTES)


def cached_stylesheet(stylesheet: Stylesheet, folder: Path) -> Stylesheet:
    """A CachedStylesheet in place of an app's new, empty ``stylesheet``; the same
    ``stylesheet`` if Textual's is not the one this module knows (:func:`fits`)."""
    if not fits(stylesheet):
        return stylesheet
    cached = CachedStylesheet(folder, variables=stylesheet._variables)
    cached.source = dict(stylesheet.source)
    return cached


def _nothing() -> None:
    """What a Saver of Textual's own stylesheet writes."""


class Saver:
    """Writes a stylesheet's stores once, in a thread, a moment after it is started:
    after the first paint, with the styles of what is built just after it parsed too.
    Stopping it (the app ends) cancels a write not begun and waits for one begun."""

    def __init__(self, stylesheet: Stylesheet, delay: float) -> None:
        save = stylesheet.save if isinstance(stylesheet, CachedStylesheet) else _nothing
        self._timer = threading.Timer(delay, save)
        self._timer.name = "reader-css-cache"

    def start(self) -> None:
        if not self._timer.is_alive() and not self._timer.finished.is_set():
            self._timer.start()

    def stop(self) -> None:
        self._timer.cancel()
        if self._timer.is_alive():
            self._timer.join()


__all__ = [
    "FORMAT",
    "CachedStylesheet",
    "RuleStore",
    "Saver",
    "cached_stylesheet",
    "prune",
    "store_path",
]
