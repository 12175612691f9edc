"""Every file reader writes goes through ``atomic_write``: a guard against new direct writes.

Scans the package's source for calls that create or change files. A new one outside the
allowed places fails here; route it through :func:`reader.core.files.atomic_write`
(or, if it truly is not a user's file, add it below with the reason).
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "reader"

WRITERS = {
    "write_text",
    "write_bytes",
    "touch",
    "mkstemp",
    "mkdtemp",
    "NamedTemporaryFile",
    "replace",
    "rename",
    "link",
    "symlink_to",
    "unlink",
    "rmtree",
    "copy",
    "copyfile",
    "copy2",
    "move",
    "dump",
}
ALLOWED = {
    # the one place that writes files, atomically
    ("core/files.py", "mkstemp"),
    ("core/files.py", "replace"),
    ("core/files.py", "link"),
    ("core/files.py", "unlink"),
    ("core/files.py", "open"),
    ("core/files.py", "fdopen"),
    ("core/files_many.py", "replace"),
    ("core/files_many.py", "unlink"),
    # a folder opened read-only, to flush its file system through (os.open: any flags)
    ("core/files_many.py", "open"),
    # the pipe a forked import process reads its work from ("rb")
    ("cli/import_pool.py", "fdopen"),
    # the word tables' lock file in the cache folder, and that folder (empty; its
    # content is never read: only its flock is)
    ("cli/import_jobs.py", "open"),
    ("cli/import_jobs.py", "mkdir"),
    # the state lock file (empty; its content is never read)
    ("core/state.py", "open"),
    ("core/state.py", "mkdir"),
    # the article cache: its folder, and evicting entries and temporary files of killed
    # writers (only names the cache itself makes; entries are written by atomic_write)
    ("core/format/cache.py", "mkdir"),
    ("core/format/cache.py", "unlink"),
    # the parsed-styles cache (reader.ui.css_cache): its folder, and keeping the newest
    # few of its files and removing temporary files of killed writers (files are written
    # by atomic_write); its Stylesheet.copy() copies no file
    ("ui/css_cache.py", "mkdir"),
    ("ui/css_cache.py", "unlink"),
    ("ui/css_cache.py", "copy"),
    # evicting the cache's stat records (only names it makes, holding a key; records are
    # written by atomic_write)
    ("core/format/stat_keys.py", "unlink"),
    # the library index (SQLite, in the cache folder): its folder, and removing a damaged
    # or outdated index with its -wal/-shm/-journal files (names it makes itself)
    ("core/index/store.py", "mkdir"),
    ("core/index/store.py", "unlink"),
    # the cache folder the importer keeps word tables and parsed language data in (the
    # files themselves are written by atomic_write), and removing the temporary files of
    # its killed writers (only .words-*/.language-* ones, over an hour old)
    ("importer/kept_files.py", "mkdir"),
    ("importer/kept_files.py", "unlink"),
    # the import output folder, the feed update's article folder, the subscriptions' folder
    ("cli/import_.py", "mkdir"),
    ("cli/feed.py", "mkdir"),
    ("web/subscriptions.py", "mkdir"),
    # the shell's completion folder (reader completion SHELL --install)
    ("cli/completion.py", "mkdir"),
    # /dev/null over a closed pipe
    ("cli/main.py", "open"),
    # yaml.dump to a string (no stream argument), str.replace
    ("core/format/dump.py", "dump"),
}


def _calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            out.append((name, node))
    return out


def _writes(name: str, call: ast.Call) -> bool:
    if name in WRITERS:
        if name == "replace":  # str.replace has two positional arguments, os.replace too:
            return (
                isinstance(call.func, ast.Attribute) and getattr(call.func.value, "id", "") == "os"
            )
        if name == "dump":  # yaml.dump(data) returns text; with a stream it writes
            return len(call.args) > 1 or any(k.arg == "stream" for k in call.keywords)
        return True
    if name in ("fdopen", "mkdir"):
        return True
    if name == "open":
        on_os = isinstance(call.func, ast.Attribute) and getattr(call.func.value, "id", "") == "os"
        if on_os:
            return True  # os.open: any flags
        # builtin open(path, mode) or Path.open(mode)
        position = 1 if isinstance(call.func, ast.Name) else 0
        mode = call.args[position] if len(call.args) > position else None
        mode = mode or next((k.value for k in call.keywords if k.arg == "mode"), None)
        return isinstance(mode, ast.Constant) and any(c in str(mode.value) for c in "wax+")
    return False


def test_files_are_written_only_through_atomic_write() -> None:
    found = []
    for source in sorted(PACKAGE.rglob("*.py")):
        rel = source.relative_to(PACKAGE).as_posix()
        for name, call in _calls(ast.parse(source.read_text(encoding="utf-8"))):
            if _writes(name, call) and (rel, name) not in ALLOWED:
                found.append(f"{rel}:{call.lineno}: {name}()")
    assert found == []
