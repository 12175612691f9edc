"""The optional C tokenizer is built by every install that can build it, and is current.

``hatch_build.py`` compiles ``reader/importer/_speedups.c`` during ``pip install .`` and
``pip install -e .`` where a C compiler and Python's headers exist; elsewhere it warns and
the pure-Python tokenizer is used. These tests catch a build that was skipped silently and
a binary older than its source. After editing the .c file, rebuild with
``.venv/bin/python hatch_build.py`` (in-tree module, under a second) or
``.venv/bin/pip install -e '.[test]'`` again.

No wheel is built here; the hook's logic is called directly on a copy of the source.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import shutil
import sysconfig
from pathlib import Path
from types import ModuleType

import pytest

from reader.importer import compiled
from reader.importer.attribution import tokens

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "reader" / "importer" / "_speedups.c"
REBUILD = "rebuild: .venv/bin/python hatch_build.py, or .venv/bin/pip install -e '.[test]'"


def missing_toolchain() -> str | None:
    """Why this interpreter cannot compile extensions, or None when it can."""
    cc = sysconfig.get_config_var("CC")
    if not cc or not cc.split() or shutil.which(cc.split()[0]) is None:
        return f"no C compiler for this interpreter (sysconfig CC = {cc!r})"
    include = Path(sysconfig.get_paths()["include"])
    if not (include / "Python.h").is_file():
        return f"no Python.h in {include}"
    return None


NO_TOOLCHAIN = missing_toolchain()
needs_toolchain = pytest.mark.skipif(NO_TOOLCHAIN is not None, reason=NO_TOOLCHAIN or "")


def source_sha256(folder: Path) -> str:
    """The SHA-256 of ``_speedups.c`` and the ``_speedups_*.h`` parts beside it, in the
    order the build and the loader read them (the .c file, then the parts by name)."""
    digest = hashlib.sha256()
    digest.update((folder / "_speedups.c").read_bytes())
    for part in sorted(folder.glob("_speedups_*.h"), key=lambda p: p.name):
        digest.update(part.read_bytes())
    return digest.hexdigest()


def load_extension(path: Path) -> ModuleType:
    """Load a built ``_speedups`` from ``path`` without touching ``sys.modules``."""
    spec = importlib.util.spec_from_file_location("reader.importer._speedups", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@needs_toolchain
def test_installed_speedups_are_built_from_the_current_source() -> None:
    """This interpreter can compile, so the install must have: importable and current."""
    if os.environ.get("READER_NO_SPEEDUPS", "") not in ("", "0"):
        pytest.skip("READER_NO_SPEEDUPS is set: the pure-Python importer is under test")
    try:
        module = importlib.import_module("reader.importer._speedups")
    except ImportError as error:
        pytest.fail(
            f"reader.importer._speedups is not built although a C compiler and Python.h "
            f"are here ({error}); was it installed with READER_NO_SPEEDUPS=1, or did the "
            f"compile fail (see the install's warning; READER_REQUIRE_SPEEDUPS=1 shows "
            f"why)? {REBUILD}"
        )
    built_from, current = module.SOURCE_SHA256, source_sha256(SOURCE.parent)
    assert built_from == current, (
        f"{module.__file__} was built from another _speedups.c (stale binary); {REBUILD}"
    )
    # ... and the importer really runs it (not only that it could be imported)
    assert tokens.uses_speedups(), "the C tokenizer is built and current, but not in use"
    assert compiled.speedups() is module


def test_a_stale_or_turned_off_module_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    module = pytest.importorskip("reader.importer._speedups", reason="not built here")
    monkeypatch.delenv(compiled.DISABLE_VARIABLE, raising=False)
    monkeypatch.setattr(module, "SOURCE_SHA256", source_sha256(SOURCE.parent))
    assert compiled.speedups() is module
    monkeypatch.setenv(compiled.DISABLE_VARIABLE, "0")
    assert compiled.speedups() is module
    monkeypatch.setenv(compiled.DISABLE_VARIABLE, "1")
    assert compiled.speedups() is None
    monkeypatch.delenv(compiled.DISABLE_VARIABLE)
    monkeypatch.setattr(module, "SOURCE_SHA256", "0" * 64)  # built from another source
    assert compiled.speedups() is None


# The hook itself, on a copy of the source: what a wheel or an editable install gets.

hatch_build_path = ROOT / "hatch_build.py"


@pytest.fixture
def hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("reader_hatch_build", hatch_build_path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root holding only the C source, and no build flags set."""
    for name in ("READER_NO_SPEEDUPS", "READER_REQUIRE_SPEEDUPS", "CC", "CFLAGS"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "project"
    (root / "reader" / "importer").mkdir(parents=True)
    for part in SOURCE.parent.glob("_speedups*.[ch]"):
        shutil.copyfile(part, root / "reader" / "importer" / part.name)
    (tmp_path / "work").mkdir()
    return root


def break_source(root: Path) -> None:
    with (root / "reader" / "importer" / "_speedups.c").open("a") as source:
        source.write("\n#error deliberately broken for the test\n")


@needs_toolchain
def test_a_wheel_carries_the_module_just_compiled(
    hook: ModuleType, tree: Path, tmp_path: Path
) -> None:
    pytest.importorskip("setuptools")
    data = hook.speedups_build_data(tree, editable=False, work_dir=tmp_path / "work")
    target = "reader/importer/_speedups" + sysconfig.get_config_var("EXT_SUFFIX")
    assert data["pure_python"] is False and data["infer_tag"] is True
    ((built, packed_as),) = data["force_include"].items()
    assert packed_as == target
    assert Path(built).is_relative_to(tmp_path / "work"), "compiled outside the source tree"
    assert not hook.in_tree_module(tree).exists()
    built_from = load_extension(Path(built)).SOURCE_SHA256
    assert built_from == source_sha256(tree / "reader" / "importer")


@needs_toolchain
def test_an_editable_install_puts_the_module_beside_its_source(
    hook: ModuleType, tree: Path, tmp_path: Path
) -> None:
    pytest.importorskip("setuptools")
    assert hook.speedups_build_data(tree, editable=True, work_dir=tmp_path / "work") == {}
    module = tree / "reader" / "importer" / ("_speedups" + sysconfig.get_config_var("EXT_SUFFIX"))
    assert hook.in_tree_module(tree) == module
    built_from = load_extension(module).SOURCE_SHA256
    assert built_from == source_sha256(tree / "reader" / "importer")


def test_a_failed_compile_warns_once_and_builds_pure_python(
    hook: ModuleType, tree: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    break_source(tree)
    stale = hook.in_tree_module(tree)
    stale.write_bytes(b"an older build")
    assert hook.speedups_build_data(tree, editable=True, work_dir=tmp_path / "work") == {}
    assert not stale.exists(), "an editable install must not keep importing an old binary"
    assert hook.speedups_build_data(tree, editable=False, work_dir=tmp_path / "work") == {}
    out, err = capfd.readouterr()
    lines = err.splitlines()
    assert len(lines) == 2 and out == "", (out, err)  # one line per build, nothing else
    assert all(
        line.startswith("reader: C speedups not built (")
        and line.endswith("); using the pure-Python importer")
        for line in lines
    ), lines


def test_a_failed_compile_fails_the_build_when_speedups_are_required(
    hook: ModuleType, tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    break_source(tree)
    monkeypatch.setenv("READER_REQUIRE_SPEEDUPS", "1")
    with pytest.raises(RuntimeError, match="READER_REQUIRE_SPEEDUPS"):
        hook.speedups_build_data(tree, editable=False, work_dir=tmp_path / "work")


def test_no_speedups_skips_the_compile(
    hook: ModuleType,
    tree: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("READER_NO_SPEEDUPS", "1")
    monkeypatch.setenv("CC", "no-such-compiler-was-asked-for")
    assert hook.speedups_build_data(tree, editable=False, work_dir=tmp_path / "work") == {}
    assert list((tmp_path / "work").iterdir()) == []
    assert capfd.readouterr().err == (
        "reader: C speedups not built (READER_NO_SPEEDUPS is set); using the pure-Python importer\n"
    )
    monkeypatch.setenv("READER_REQUIRE_SPEEDUPS", "1")
    with pytest.raises(RuntimeError, match="both set"):
        hook.speedups_build_data(tree, editable=False, work_dir=tmp_path / "work")


def test_the_build_and_the_loader_hash_the_same_source(hook: ModuleType) -> None:
    """Both cover every part of the source: a stale part makes a stale binary."""
    assert hook.source_sha256(ROOT) == compiled.source_sha256() == source_sha256(SOURCE.parent)
    parts = [p.name for p in compiled.sources()]
    assert parts[0] == "_speedups.c" and "_speedups_lexicon.h" in parts


def test_a_changed_part_changes_the_hash(
    hook: ModuleType, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = hook.source_sha256(tree)
    with (tree / "reader" / "importer" / "_speedups_lexicon.h").open("a") as part:
        part.write("\n/* edited */\n")
    assert hook.source_sha256(tree) != before
    monkeypatch.setattr(compiled, "SOURCE", tree / "reader" / "importer" / "_speedups.c")
    assert compiled.source_sha256() == hook.source_sha256(tree)
