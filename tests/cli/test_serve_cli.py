"""``reader serve`` without a browser: where it listens, what it refuses, how it stops."""

from __future__ import annotations

import shlex
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from reader.cli.main import main
from reader.ui.browser.server import address, app_command, is_loopback


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback_is_this_machine_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_address_brackets_ipv6() -> None:
    assert address("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert address("::1", 8080) == "http://[::1]:8080/"


def test_each_tab_runs_this_python_on_the_article_quoted_for_the_shell(tmp_path: Path) -> None:
    path = tmp_path / "it's $(here).yaml"
    assert shlex.split(app_command(path)) == [sys.executable, "-m", "reader", str(path)]


def test_an_address_others_can_reach_needs_public(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    code, out, err = run(capsys, "serve", str(seed_path), "--host", "0.0.0.0")
    assert (code, out) == (2, "")
    assert len(err.splitlines()) == 1 and "--public" in err and "authentication" in err


def test_public_warns_that_there_is_no_login(
    capsys: pytest.CaptureFixture[str], seed_path: Path
) -> None:
    with socket.socket() as taken:  # a port in use: the warning, then a one-line error
        taken.bind(("0.0.0.0", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        code, _, err = run(capsys, "serve", str(seed_path), "--host", "0.0.0.0", "--public",
                           "--port", port)  # fmt: skip
    lines = err.splitlines()
    assert code == 1
    assert "warning" in lines[0] and "authentication" in lines[0]
    assert len(lines) == 2 and port in lines[1]


@pytest.mark.parametrize("port", ["0", "70000", "-1"])
def test_a_port_out_of_range_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], seed_path: Path, port: str
) -> None:
    code, _, err = run(capsys, "serve", str(seed_path), "--port", port)
    assert code == 2 and len(err.splitlines()) == 1


def test_a_broken_article_is_reported_before_serving(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("schema: 1\n")
    code, out, err = run(capsys, "serve", str(bad))
    assert (code, out) == (1, "")
    assert str(bad) in err


def test_it_serves_on_loopback_and_stops_on_ctrl_c(seed_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", str(seed_path), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in line
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            page = response.read().decode()
        assert "googleapis" not in page and "https://" not in page
        assert "Moskow dan Washington" in page  # the article's title names the page
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
