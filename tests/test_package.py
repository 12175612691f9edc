"""The published package: its name, its license and typing marker, and that it runs.

The distribution is ``newsreader-tui`` (``reader`` on the package index is another
project); the command and the import name stay ``reader``. These tests build the sdist
and, from it, the wheel, look inside both, then install the wheel into a fresh virtual
environment and run ``reader`` from ``/``, far from the checkout, so that only the
installed copy can answer.

Nothing is downloaded: the build runs without isolation (hatchling comes with the test
extras) and the fresh environment finds reader's dependencies through a ``.pth`` line
naming this environment's site-packages (whose own ``.pth`` files, the editable install's
among them, are not run that way).
"""

from __future__ import annotations

import email
import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DIST_NAME = "newsreader-tui"


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        env={**os.environ, "READER_NO_SPEEDUPS": "1"},  # the C build has tests of its own
        timeout=600,
    )
    return out


def only(folder: Path, pattern: str) -> Path:
    (found,) = folder.glob(pattern)
    return found


def test_the_wheel_has_the_new_name_a_license_and_py_typed(dist: Path) -> None:
    wheel = only(dist, "newsreader_tui-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        (metadata_name,) = (n for n in names if n.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(metadata_name))
        (license_name,) = (n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
        license_text = archive.read(license_name).decode()
    assert metadata["Name"] == DIST_NAME
    assert metadata["License-Expression"] == "MIT"
    assert "MIT License" in license_text
    assert "reader/py.typed" in names
    assert "reader/__init__.py" in names
    assert "reader/_data/articles/moskow-washington-isis.yaml" in names
    # the metadata an index page and a search need
    assert metadata["Summary"]
    assert metadata["Keywords"]
    classifiers = metadata.get_all("Classifier") or []
    assert "License :: OSI Approved :: MIT License" not in classifiers  # the expression says it
    assert "Typing :: Typed" in classifiers
    assert metadata["Requires-Python"] == ">=3.11"


def test_the_sdist_carries_the_license(dist: Path) -> None:
    sdist = only(dist, "newsreader_tui-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "README.md", "reader/py.typed", "pyproject.toml"} <= names


def test_the_wheel_installs_and_runs_from_the_root_folder(
    dist: Path, tmp_path: Path, seed_article_title: str
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # the dependencies (textual, pyyaml…) from this environment, without its .pth files
    (site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
            "--no-index", "--quiet", str(only(dist, "newsreader_tui-*.whl")),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["NO_COLOR"] = "1"
    where = subprocess.run(
        [str(python), "-c", "import reader; print(reader.__file__)"],
        cwd="/",
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert Path(where.strip()).is_relative_to(site), where
    shown = subprocess.run(
        [str(venv / "bin" / "reader"), "show"],
        cwd="/",
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shown.stdout.splitlines()[0] == seed_article_title
    version = subprocess.run(
        [str(venv / "bin" / "reader"), "--version"], cwd="/", env=env, capture_output=True
    )
    assert version.returncode == 0 and version.stdout.startswith(b"reader ")


@pytest.fixture
def seed_article_title() -> str:
    from reader.core.format import load_article

    return load_article(ROOT / "articles" / "moskow-washington-isis.yaml").title
