"""Hatchling build hook: compile the optional C tokenizer, ``reader/importer/_speedups.c``.

Wired up in pyproject.toml as ``[tool.hatch.build.targets.wheel.hooks.custom]``. Hatchling
has no compiler support of its own, so the compile goes through setuptools' ``build_ext``
(a build-time requirement only: it finds the platform's compiler, flags and extension
suffix, MSVC included). Like MarkupSafe's ``_speedups``, the module is optional:

- regular wheel: the module is compiled in a temporary folder and added to the wheel as
  ``reader/importer/_speedups<EXT_SUFFIX>``; the wheel is then tagged for this interpreter
  and platform. A binary lying in the source tree is never packed (it is excluded).
- editable install: the editable wheel points at the source tree, so the module is put
  there, beside the .c file (like ``build_ext --inplace``).
- no compiler or no Python headers: one warning line on stderr and a pure-Python wheel
  (``reader.importer.attribution.tokens`` keeps the pure-Python tokenizer).

Environment variables: ``READER_NO_SPEEDUPS=1`` skips the compile (to try the fallback),
``READER_REQUIRE_SPEEDUPS=1`` makes a failed compile fail the build.

The module carries ``SOURCE_SHA256``, the SHA-256 of the source it was built from (the .c
file and the ``_speedups_*.h`` parts it includes; the ``READER_SOURCE_SHA256`` macro), so
``reader.importer.compiled`` can ignore a stale binary.

``python hatch_build.py`` rebuilds the in-tree module only (needs setuptools; hatchling is
optional for that), the quickest way to pick up an edit of the .c file in an editable install.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # `python hatch_build.py`, or the tests, in a venv without hatchling
    BuildHookInterface = object  # type: ignore[assignment,misc]

MODULE = "reader.importer._speedups"
SOURCE = Path("reader", "importer", "_speedups.c")
NO_SPEEDUPS = "READER_NO_SPEEDUPS"
REQUIRE_SPEEDUPS = "READER_REQUIRE_SPEEDUPS"


class SpeedupsNotBuilt(Exception):
    """The compile was skipped or failed; the message says why, in a few words."""


def enabled(name: str) -> bool:
    """Is the environment flag ``name`` set? Unset, empty and "0" mean no (as in compiled.py)."""
    return os.environ.get(name, "").strip() not in ("", "0")


def module_filename() -> str:
    """``_speedups`` plus this interpreter's extension suffix (.cpython-311-x86_64-linux-gnu.so)."""
    return "_speedups" + str(sysconfig.get_config_var("EXT_SUFFIX"))


def in_tree_module(root: Path) -> Path:
    """Where an editable install (and ``python hatch_build.py``) puts the module."""
    return root / SOURCE.parent / module_filename()


def sources(root: Path) -> list[Path]:
    """The module's source: the .c file, then the ``_speedups_*.h`` parts it includes
    (by name). ``reader.importer.compiled.sources`` lists the same."""
    folder = root / SOURCE.parent
    return [root / SOURCE, *sorted(folder.glob("_speedups_*.h"), key=lambda p: p.name)]


def source_sha256(root: Path) -> str:
    """The SHA-256 of the module's source files, one after another."""
    digest = hashlib.sha256()
    for path in sources(root):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@contextlib.contextmanager
def captured_output() -> Iterator[IO[bytes]]:
    """Send everything written to fds 1 and 2 (compiler included) to a file while inside."""
    with tempfile.TemporaryFile() as log:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
        saved: list[int] = []
        try:
            saved.append(os.dup(1))
            saved.append(os.dup(2))
        except OSError:  # a closed stdout or stderr: nothing to keep quiet, compile anyway
            for fd in saved:
                os.close(fd)
            yield log
            return
        try:
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            yield log
        finally:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            for fd in saved:
                os.close(fd)


def first_error(output: str) -> str | None:
    """The compiler's first error line (``fatal error: Python.h: No such file ...``)."""
    for line in output.splitlines():
        if re.search(r"\berror\b", line, re.IGNORECASE):
            return shortened(line.strip())
    return None


def shortened(reason: str) -> str:
    """A failure in a few words: recent setuptools quote the whole compiler command line."""
    command = re.match(r"Command '\['([^']*)'.*?(exit status -?\d+)", reason, re.DOTALL)
    if command:
        return f"{command[1]} failed with {command[2]}"
    return reason if len(reason) <= 200 else reason[:199] + "…"


def compile_module(root: Path, build_dir: Path) -> Path:
    """Compile ``SOURCE`` under ``build_dir``; return the built module's path.

    Raises SpeedupsNotBuilt when there is no working compiler, no Python headers, no
    setuptools, or the source does not compile. Compiler output is kept quiet unless
    ``READER_REQUIRE_SPEEDUPS`` is set, where it is shown to explain the failure.
    """
    source = root / SOURCE
    if not source.is_file():
        raise SpeedupsNotBuilt(f"{SOURCE.as_posix()} is missing")
    try:
        from setuptools import Distribution, Extension
        from setuptools.command.build_ext import build_ext
        from setuptools.errors import CCompilerError, ExecError, PlatformError
    except ImportError as error:
        raise SpeedupsNotBuilt(f"setuptools is not available: {error}") from error

    class BuildExt(build_ext):
        def build_extensions(self) -> None:
            # -O2 for gcc/clang-style compilers (it comes last, so it replaces Python's
            # own -O3/-O0), unless the user's CFLAGS choose a level: then theirs stays.
            # MSVC's release flags already carry /O2.
            chooses_level = re.search(r"(^|\s)-O", os.environ.get("CFLAGS", ""))
            if self.compiler.compiler_type != "msvc" and not chooses_level:
                for extension in self.extensions:
                    extension.extra_compile_args.append("-O2")
            super().build_extensions()

    extension = Extension(
        MODULE,
        sources=[str(source)],
        depends=[str(path) for path in sources(root)[1:]],
        # A C string literal: "…hex…", quotes included.
        define_macros=[("READER_SOURCE_SHA256", f'"{source_sha256(root)}"')],
    )
    distribution = Distribution({"name": "reader-speedups", "ext_modules": [extension]})
    command = BuildExt(distribution)
    command.build_lib = str(build_dir / "lib")
    command.build_temp = str(build_dir / "temp")
    command.force = True
    with captured_output() as log:
        try:
            command.ensure_finalized()
            command.run()
            built = Path(command.get_ext_fullpath(MODULE))
        except (CCompilerError, ExecError, PlatformError, OSError) as error:
            failure: Exception | None = error
        else:
            failure = None
        log.seek(0)
        output = log.read().decode(errors="replace")
    if failure is not None:
        if enabled(REQUIRE_SPEEDUPS) and output.strip():
            sys.stderr.write(output.rstrip() + "\n")
        reason = first_error(output) or shortened(str(failure)) or type(failure).__name__
        raise SpeedupsNotBuilt(reason) from failure
    if not built.is_file():
        raise SpeedupsNotBuilt(f"the compiler left no {built.name}")
    return built


def speedups_build_data(root: Path, *, editable: bool, work_dir: Path) -> dict[str, Any]:
    """Compile the module for a wheel; return what to merge into hatch's ``build_data``.

    Regular wheel: ``pure_python``/``infer_tag``/``force_include`` for the compiled module.
    Editable: the module is placed in the source tree and nothing needs merging. When the
    module cannot be built, print one warning line and return {} (pure-Python wheel),
    unless ``READER_REQUIRE_SPEEDUPS`` is set: then raise.
    """
    try:
        if enabled(NO_SPEEDUPS):
            if enabled(REQUIRE_SPEEDUPS):
                raise RuntimeError(
                    f"reader: {NO_SPEEDUPS} and {REQUIRE_SPEEDUPS} are both set; unset one"
                )
            raise SpeedupsNotBuilt(f"{NO_SPEEDUPS} is set")
        built = compile_module(root, work_dir)
    except SpeedupsNotBuilt as error:
        if enabled(REQUIRE_SPEEDUPS):
            raise RuntimeError(
                f"reader: C speedups not built ({error}) and {REQUIRE_SPEEDUPS} is set"
            ) from error
        if editable:
            # An older in-tree binary would otherwise keep being imported.
            in_tree_module(root).unlink(missing_ok=True)
        print(
            f"reader: C speedups not built ({error}); using the pure-Python importer",
            file=sys.stderr,
            flush=True,
        )
        return {}
    target = f"{SOURCE.parent.as_posix()}/{module_filename()}"
    if editable:
        place_in_tree(built, in_tree_module(root))
        return {}
    return {"pure_python": False, "infer_tag": True, "force_include": {str(built): target}}


def place_in_tree(built: Path, destination: Path) -> None:
    """Copy the module beside its source, replacing any older one in one step."""
    partial = destination.with_name(destination.name + ".partial")
    shutil.copyfile(built, partial)
    os.replace(partial, destination)


class SpeedupsBuildHook(BuildHookInterface):
    """Hatch's side: compile for wheel builds, standard and editable."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel":
            return
        self._work = tempfile.TemporaryDirectory(prefix="reader-speedups-")
        updates = speedups_build_data(
            Path(self.root), editable=version == "editable", work_dir=Path(self._work.name)
        )
        build_data["force_include"].update(updates.pop("force_include", {}))
        build_data.update(updates)
        if updates or (version == "editable" and in_tree_module(Path(self.root)).is_file()):
            self.app.display_info(f"reader: C speedups built ({module_filename()})")

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        work = getattr(self, "_work", None)
        if work is not None:
            work.cleanup()


def main() -> int:
    """``python hatch_build.py``: rebuild the in-tree module, as an editable install does."""
    root = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory(prefix="reader-speedups-") as work:
        speedups_build_data(root, editable=True, work_dir=Path(work))
    module = in_tree_module(root)
    if module.is_file():
        print(f"built {module.relative_to(root)}")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
