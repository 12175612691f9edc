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
import hashlib
import json
import os
import threading
import time
from pathlib import Path
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
from textual.color import Color
from textual.css.model import CombinatorType, RuleSet, Selector, SelectorSet, SelectorType
from textual.css.scalar import Scalar, ScalarOffset, Unit
from textual.css.styles import Styles
from textual.css.stylesheet import Stylesheet
from textual.geometry import Spacing
from textual.layout import Layout
from textual.layouts.factory import LAYOUT_MAP

#: Changes whenever the encoding below does: an old file is then not read.
FORMAT = 1
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


class _Unknown(Exception):
    """A value this module does not encode (or a shape it does not decode)."""


# -- encoding: a rule's values as JSON, tagged by type ------------------------------------


def _encode_value(value: object) -> object:
    # exact types only: a subclass could behave otherwise once rebuilt as its base
    kind = type(value)
    if value is None or kind in (bool, int, float, str):
        return value
    if kind is Color:
        assert isinstance(value, Color)
        return ["C", value.r, value.g, value.b, value.a, value.ansi, value.auto]
    if kind is Scalar:
        assert isinstance(value, Scalar)
        return ["S", value.value, value.unit.value, value.percent_unit.value]
    if kind is ScalarOffset:
        assert isinstance(value, ScalarOffset)
        return ["O", _encode_value(value.x), _encode_value(value.y)]
    if kind is Spacing:
        assert isinstance(value, Spacing)
        return ["P", value.top, value.right, value.bottom, value.left]
    if isinstance(value, Layout) and LAYOUT_MAP.get(value.name) is kind:
        return ["L", value.name]
    if kind is tuple:
        assert isinstance(value, tuple)
        return ["T", *(_encode_value(item) for item in value)]
    raise _Unknown(kind.__qualname__)


def _encode_selector(selector: Selector) -> list[object]:
    return [
        selector.name,
        selector.combinator.value,
        selector.type.value,
        sorted(selector.pseudo_classes),
        list(selector.specificity),
        selector.advance,
    ]


def _encode_rule(rule: RuleSet) -> dict[str, object]:
    if rule.errors or rule.styles.node is not None:
        raise _Unknown("a rule with errors or a node")
    return {
        "selectors": [
            [[_encode_selector(s) for s in group.selectors], list(group.specificity)]
            for group in rule.selector_set
        ],
        "rules": {name: _encode_value(value) for name, value in rule.styles._rules.items()},
        "important": sorted(rule.styles.important),
        "default": rule.is_default_rules,
        "tie": rule.tie_breaker,
        "names": sorted(rule.selector_names),
        "pseudo": sorted(rule.pseudo_classes),
    }


def encode_rules(rules: list[RuleSet]) -> list[dict[str, object]]:
    """A source's parsed rules as JSON data; raises _Unknown for what is not kept."""
    return [_encode_rule(rule) for rule in rules]


# -- decoding: only into the types above, every shape checked ----------------------------
# (written for speed: this runs before the first paint; type() is checked, not isinstance,
# so that a JSON bool is never taken for an int where Textual wants a number)

_SCALARS = (bool, int, float, str)
_UNITS = {unit.value: unit for unit in Unit}
_COMBINATORS = {kind.value: kind for kind in CombinatorType}
_SELECTOR_TYPES = {kind.value: kind for kind in SelectorType}


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise _Unknown("not an integer")
    return int(value)


def _number(value: Any) -> float:
    if type(value) is not int and type(value) is not float:
        raise _Unknown("not a number")
    return value


def _text(value: Any) -> str:
    if type(value) is not str:
        raise _Unknown("not a string")
    return str(value)


def _texts(value: Any) -> set[str]:
    if type(value) is not list:
        raise _Unknown("not a list")
    texts = set(value)
    for item in texts:
        if type(item) is not str:
            raise _Unknown("not a string")
    return texts


def _lookup(table: dict[Any, Any], value: Any) -> Any:
    try:
        return table[value]
    except (KeyError, TypeError):
        raise _Unknown("not a member") from None


def _decode_value(value: Any) -> object:
    if value is None or type(value) in _SCALARS:
        return value
    if type(value) is not list or not value:
        raise _Unknown("not a value")
    tag = value[0]
    if tag == "C" and len(value) == 7:
        _, r, g, b, a, ansi, auto = value
        if ansi is not None:
            ansi = _integer(ansi)
        if type(auto) is not bool:
            raise _Unknown("auto")
        return Color(_integer(r), _integer(g), _integer(b), _number(a), ansi, auto)
    if tag == "S" and len(value) == 4:
        return Scalar(_number(value[1]), _lookup(_UNITS, value[2]), _lookup(_UNITS, value[3]))
    if tag == "T":
        return tuple([_decode_value(item) for item in value[1:]])
    if tag == "P" and len(value) == 5:
        return Spacing(
            _integer(value[1]), _integer(value[2]), _integer(value[3]), _integer(value[4])
        )
    if tag == "O" and len(value) == 3:
        x, y = _decode_value(value[1]), _decode_value(value[2])
        if type(x) is not Scalar or type(y) is not Scalar:
            raise _Unknown("offset")
        return ScalarOffset(x, y)
    if tag == "L" and len(value) == 2:
        layout = LAYOUT_MAP.get(_text(value[1]))
        if layout is None:
            raise _Unknown("layout")
        return layout()
    raise _Unknown("tag")


#: specificities seen, checked (there are few different ones)
_SPECIFICITIES: dict[tuple[object, ...], tuple[int, int, int]] = {}


def _specificity(value: Any) -> tuple[int, int, int]:
    if type(value) is not list or len(value) != 3:
        raise _Unknown("specificity")
    seen = tuple(value)
    known = _SPECIFICITIES.get(seen)
    if known is None:
        first, second, third = value
        known = _SPECIFICITIES[seen] = (_integer(first), _integer(second), _integer(third))
    return known


def _decode_selector(value: Any) -> Selector:
    if type(value) is not list or len(value) != 6:
        raise _Unknown("selector")
    name, combinator, kind, pseudo, specificity, advance = value
    return Selector(
        _text(name),
        _lookup(_COMBINATORS, combinator),
        _lookup(_SELECTOR_TYPES, kind),
        _texts(pseudo),
        _specificity(specificity),
        _integer(advance),
    )


def _decode_group(value: Any) -> SelectorSet:
    if type(value) is not list or len(value) != 2 or type(value[0]) is not list:
        raise _Unknown("selector set")
    return SelectorSet([_decode_selector(s) for s in value[0]], _specificity(value[1]))


def _decode_rule(value: Any) -> RuleSet:
    if type(value) is not dict:
        raise _Unknown("rule")
    groups, rules, default = value.get("selectors"), value.get("rules"), value.get("default")
    if type(groups) is not list or type(rules) is not dict or type(default) is not bool:
        raise _Unknown("rule")
    decoded: dict[str, object] = {}
    for name, item in rules.items():  # names are strings: JSON keys are
        decoded[name] = item if item is None or type(item) in _SCALARS else _decode_value(item)
    styles = Styles(None, decoded)  # type: ignore[arg-type]
    styles.important = _texts(value.get("important"))
    return RuleSet(
        [_decode_group(group) for group in groups],
        styles,
        [],
        is_default_rules=default,
        tie_breaker=_integer(value.get("tie")),
        selector_names=_texts(value.get("names")),
        pseudo_classes=_texts(value.get("pseudo")),
    )


def decode_rules(value: object) -> list[RuleSet]:
    """Rule sets from :func:`encode_rules`' data; raises _Unknown on any other shape."""
    if type(value) is not list:
        raise _Unknown("rules")
    assert isinstance(value, list)
    return [_decode_rule(rule) for rule in value]


# -- the file ------------------------------------------------------------------------------


def _key_data(key: ParseKey) -> list[object]:
    css, (path, name), is_default, tie_breaker, scope = key
    return [css, path, name, is_default, tie_breaker, scope]


def _key_from(value: Any) -> ParseKey:
    if type(value) is not list or len(value) != 6:
        raise _Unknown("key")
    css, path, name, is_default, tie_breaker, scope = value
    if type(is_default) is not bool:
        raise _Unknown("key")
    return (_text(css), (_text(path), _text(name)), is_default, _integer(tie_breaker), _text(scope))


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
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode("utf-8")).hexdigest()
    return folder / f"{digest[:24]}.json"


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
            data = json.loads(path.read_bytes())
            if type(data) is dict and data.get("format") == FORMAT:
                for entry in data.get("entries", []):
                    with contextlib.suppress(_Unknown, TypeError, ValueError):
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
        except _Unknown:
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
                except _Unknown:  # a value not encoded: this source is parsed each run
                    continue
            kept.append([_key_data(key), rules])
        document = {"format": FORMAT, "entries": kept}
        from reader.core.files import atomic_write

        with contextlib.suppress(Exception):  # a cache that cannot be written is no cache
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            text = json.dumps(document, separators=(",", ":"), ensure_ascii=False)
            atomic_write(self.path, text, mode=0o600)
            prune(self.path.parent)


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
        if key not in self._parse_cache:
            kept = self.store.rules(key)
            if kept is not None:
                self._parse_cache[key] = kept
                return kept
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        self.store.add(key, rules)
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


def cached_stylesheet(stylesheet: Stylesheet, folder: Path) -> CachedStylesheet:
    """A CachedStylesheet in place of an app's new, empty ``stylesheet``."""
    cached = CachedStylesheet(folder, variables=stylesheet._variables)
    cached.source = dict(stylesheet.source)
    return cached


class Saver:
    """Writes a stylesheet's stores once, in a thread, a moment after it is started:
    after the first paint, with the styles of what is built just after it parsed too.
    Stopping it (the app ends) cancels a write not begun and waits for one begun."""

    def __init__(self, stylesheet: CachedStylesheet, delay: float) -> None:
        self._timer = threading.Timer(delay, stylesheet.save)
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
    "decode_rules",
    "encode_rules",
    "prune",
    "store_path",
]
