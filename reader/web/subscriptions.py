"""The user's feed subscriptions: a small JSON file, written atomically.

It lives in the user's config folder (platformdirs; ``READER_CONFIG_DIR`` overrides),
because it is what the user chose, not a cache: each feed's name, URL and title, the
validators of its last fetch (ETag, Last-Modified) and the keys of the items already
imported. A damaged file is reported, never silently replaced: it holds the user's list.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from reader.core.config import config_dir
from reader.core.errors import ReaderError
from reader.core.files import atomic_write, read_bytes, shown
from reader.importer.slug import slugify, unique

VERSION = 1
#: Item keys remembered per feed: enough for any feed's window, bounded for a hostile one.
MAX_SEEN = 20_000
MAX_FILE = 16 * 1024 * 1024


@dataclass(frozen=True)
class Subscription:
    name: str
    url: str
    title: str = ""
    etag: str | None = None
    last_modified: str | None = None
    seen: tuple[str, ...] = field(default=(), repr=False)

    def remembering(self, keys: list[str]) -> Subscription:
        """This subscription with ``keys`` added to the seen items (oldest forgotten first)."""
        merged = list(dict.fromkeys([*self.seen, *keys]))
        return replace(self, seen=tuple(merged[-MAX_SEEN:]))


def feeds_file() -> Path:
    return config_dir() / "feeds.json"


def load(path: Path | None = None) -> list[Subscription]:
    """The subscriptions (none if the file does not exist yet); ReaderError if damaged."""
    path = path or feeds_file()
    if not path.exists():
        return []
    name = shown(path)
    try:
        data = json.loads(read_bytes(path, MAX_FILE))
    except (ValueError, RecursionError):
        raise ReaderError(
            f"{name}: damaged subscriptions file (not JSON); fix or remove it"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("feeds"), list):
        raise ReaderError(f"{name}: damaged subscriptions file (no feed list)")
    if data.get("version") != VERSION:
        raise ReaderError(
            f"{name}: subscriptions file of another version ({data.get('version')!r})"
        )
    out: list[Subscription] = []
    for entry in data["feeds"]:
        try:
            out.append(_subscription(entry))
        except (TypeError, ValueError):
            raise ReaderError(f"{name}: damaged subscriptions file (a bad feed entry)") from None
    return out


def _subscription(entry: object) -> Subscription:
    if not isinstance(entry, dict):
        raise TypeError
    name, url = entry.get("name"), entry.get("url")
    if not (isinstance(name, str) and name and isinstance(url, str) and url):
        raise ValueError
    seen = entry.get("seen", [])
    if not isinstance(seen, list) or not all(isinstance(k, str) for k in seen):
        raise ValueError
    optional = {k: entry.get(k) for k in ("etag", "last_modified")}
    if any(v is not None and not isinstance(v, str) for v in optional.values()):
        raise ValueError
    title = entry.get("title") or ""
    return Subscription(
        name, url, str(title), optional["etag"], optional["last_modified"], tuple(seen)
    )


def save(subscriptions: list[Subscription], path: Path | None = None) -> None:
    path = path or feeds_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReaderError(f"{shown(path.parent)}: cannot create folder: {exc.strerror}") from None
    feeds = [{**asdict(s), "seen": list(s.seen)} for s in subscriptions]
    text = json.dumps({"version": VERSION, "feeds": feeds}, ensure_ascii=False, indent=1)
    atomic_write(path, text + "\n")


def new_name(wanted: str, subscriptions: list[Subscription]) -> str:
    """A short unique name for a feed (a slug of ``wanted``, numbered if taken)."""
    return unique(slugify(wanted, fallback="feed", limit=40), {s.name for s in subscriptions})


def find(subscriptions: list[Subscription], name: str) -> Subscription:
    for sub in subscriptions:
        if name in (sub.name, sub.url):
            return sub
    raise ReaderError(f"no feed named {name!r} (see: reader feed list)")
