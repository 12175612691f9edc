"""Fuzz the article loader and the importer for a bounded time (not part of the tests).

Each input must give a result or a ``ReaderError`` — never another exception — and
neither an error message nor any loaded or imported text may carry a raw control,
bidi or invisible character. An input that breaks this is a finding: it is saved and
the run stops with exit code 1.

With atheris (coverage-guided, libFuzzer; not a project dependency)::

    .venv/bin/pip install atheris
    .venv/bin/python benchmarks/fuzz.py --target loader --seconds 60
    .venv/bin/python benchmarks/fuzz.py --target importer --seconds 60

Findings are written as ``crash-*`` files to ``--findings`` (default: the
``reader-fuzz-findings`` folder in the system's temporary folder); replay one with
``--replay FILE``. The corpus starts from the bundled article, the hostile test files
and the seed text, copied to a temporary folder so the repository is never written to.

Without atheris (or with ``--no-atheris``) the same targets and checks run in a
hypothesis-driven random loop for ``--seconds`` — no coverage guidance, but no extra
dependency — and the script says so.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

UNSAFE = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f"
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
    "\u2028\u2029\U000e0000-\U000e007f]"
)


class Finding(AssertionError):
    """The input broke one of reader's guarantees."""


def _strings(value: Any) -> list[str]:
    import dataclasses

    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in _strings(getattr(value, f.name))]
    if isinstance(value, (list, tuple)):
        return [s for item in value for s in _strings(item)]
    return []


def _check_safe(text: str, what: str) -> None:
    match = UNSAFE.search(text.replace("\n", ""))
    if match:
        raise Finding(f"raw U+{ord(match.group()):04X} in {what}: {text[:120]!r}")


def target_loader(data: bytes) -> None:
    from reader.core.errors import ReaderError
    from reader.core.files import decode_text
    from reader.core.format import dump_article, parse_article

    try:
        article = parse_article(decode_text(data, "fuzz.yaml"), "fuzz.yaml")
    except ReaderError as exc:
        _check_safe(str(exc), "an error message")
        return
    for text in _strings(article):
        _check_safe(text, "loaded text")
    if parse_article(dump_article(article), "again.yaml") != article:
        raise Finding("the article does not survive dump and load unchanged")


def target_importer(data: bytes) -> None:
    from reader.core.errors import ReaderError
    from reader.core.files import decode_text
    from reader.importer import import_text

    try:
        article = import_text(decode_text(data, "fuzz.txt"), name="fuzz.txt")
    except ReaderError as exc:
        _check_safe(str(exc), "an error message")
        return
    for text in _strings(article):
        _check_safe(text, "imported text")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "loader": target_loader,
    "importer": target_importer,
}


def _seeds(target: str) -> list[Path]:
    if target == "loader":
        return sorted((ROOT / "articles").glob("*.yaml")) + sorted(
            (ROOT / "tests" / "hostile" / "files").iterdir()
        )
    return sorted((ROOT / "tests" / "data").glob("*.txt"))


def _timed(check: Callable[[bytes], None], slow: float) -> Callable[[bytes], None]:
    def run(data: bytes) -> None:
        start = time.perf_counter()
        check(data)
        took = time.perf_counter() - start
        if took > slow:
            raise Finding(f"one input of {len(data):,} bytes took {took:.1f} s")

    return run


def run_atheris(target: str, seconds: int, findings: Path, slow: float) -> int:
    import atheris

    with atheris.instrument_imports(include=["reader"]):
        import reader.core.format
        import reader.importer  # noqa: F401

    check = _timed(TARGETS[target], slow)
    corpus = Path(tempfile.mkdtemp(prefix=f"reader-fuzz-{target}-"))
    for seed in _seeds(target):
        if seed.is_file():
            shutil.copy(seed, corpus / seed.name)
    findings.mkdir(parents=True, exist_ok=True)
    args = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={seconds}",
        f"-timeout={max(int(slow * 5), 5)}",
        "-rss_limit_mb=2048",
        f"-max_len={64 * 1024}",
        f"-artifact_prefix={findings}/",
        "-print_final_stats=1",
    ]
    print(f"atheris: fuzzing the {target} for {seconds} s (corpus in {corpus})", flush=True)
    atheris.Setup(args, check)
    try:
        atheris.Fuzz()  # exits the process itself when done or on a finding
    finally:
        shutil.rmtree(corpus, ignore_errors=True)
    return 0


def run_hypothesis(target: str, seconds: int, findings: Path, slow: float) -> int:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    print(
        f"atheris not used: fuzzing the {target} for {seconds} s with a hypothesis-driven "
        "random loop (no coverage guidance)",
        flush=True,
    )
    check = _timed(TARGETS[target], slow)
    seeds = [p.read_bytes() for p in _seeds(target) if p.is_file()]
    tokens = [
        b"\x1b[31m",
        b"\x1b]52;c;eA==\x07",
        b"\x1b]8;;x\x1b\\",
        b"\x9b2J",
        b"\\e",
        b"\\x9b",
        b"\xe2\x80\xae",
        b"\xe2\x80\x8b",
        b"\xcc\x81" * 20,
        b"[bold]",
        b"[/]",
        b"&a ",
        b"*a",
        b"!!python/object:os.system ",
        b"!x ",
        b"<<: ",
        b"---\n",
        b"- ",
        b": ",
        b"[",
        b"{",
        b"\n",
        b"\r\n",
        b"\t",
        b"\x00",
        b"\xff",
        b"1" * 50,
        b"\xe2\x80\x9c",
        b"\xe2\x80\x9d",
        b'"',
        b"said ",
        b"kata ",
        b"\xef\xbb\xbf",
        b"\xc3\xa9",
        b"\xe4\xb8\xad",
    ]

    @st.composite
    def inputs(draw: st.DrawFn) -> bytes:
        if seeds and draw(st.booleans()):
            data = bytearray(draw(st.sampled_from(seeds)))
            for _ in range(draw(st.integers(1, 8))):
                at = draw(st.integers(0, len(data)))
                action = draw(st.sampled_from(["insert", "delete", "replace", "splice"]))
                piece = draw(st.one_of(st.sampled_from(tokens), st.binary(max_size=16)))
                if action == "insert":
                    data[at:at] = piece
                elif action == "delete":
                    del data[at : at + draw(st.integers(1, 64))]
                elif action == "replace":
                    data[at : at + len(piece)] = piece
                else:
                    other = draw(st.sampled_from(seeds))
                    start = draw(st.integers(0, len(other)))
                    data[at:at] = other[start : start + draw(st.integers(1, 400))]
            return bytes(data)
        parts = draw(st.lists(st.one_of(st.sampled_from(tokens), st.binary(max_size=32))))
        return b"".join(parts)

    deadline = time.monotonic() + seconds
    count = 0

    class TimeUp(Exception):
        pass

    class Found(Exception):
        pass

    @settings(
        max_examples=10**9,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(inputs())
    def fuzz(data: bytes) -> None:
        nonlocal count
        if time.monotonic() > deadline:
            raise TimeUp
        count += 1
        try:
            check(data)
        except Exception as exc:
            findings.mkdir(parents=True, exist_ok=True)
            path = findings / f"crash-{target}-{int(time.time())}-{count}.bin"
            path.write_bytes(data)
            raise Found(f"{type(exc).__name__}: {exc}; input saved to {path}") from exc

    try:
        fuzz()
    except TimeUp:
        print(f"done: {count:,} inputs, no findings")
        return 0
    except Found as found:
        print(f"finding after {count:,} inputs: {found}", file=sys.stderr)
        return 1
    return 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", choices=sorted(TARGETS), default="loader")
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--slow", type=float, default=2.0, help="seconds one input may take")
    parser.add_argument(
        "--findings", type=Path, default=Path(tempfile.gettempdir()) / "reader-fuzz-findings"
    )
    parser.add_argument("--no-atheris", action="store_true", help="use the hypothesis loop")
    parser.add_argument("--replay", type=Path, metavar="FILE", help="run one saved input")
    args = parser.parse_args()

    if args.replay:
        TARGETS[args.target](args.replay.read_bytes())
        print("no finding")
        return 0
    if not args.no_atheris:
        try:
            import atheris  # noqa: F401
        except ImportError:
            print("atheris is not installed (pip install atheris)", file=sys.stderr)
        else:
            return run_atheris(args.target, args.seconds, args.findings, args.slow)
    return run_hypothesis(args.target, args.seconds, args.findings, args.slow)


if __name__ == "__main__":
    sys.exit(main())
