"""``reader serve`` in a real browser: headless Chromium driven by Playwright.

The page must load, the article's title must reach the page's terminal, a key pressed in
the page must move the app to the next section (whose heading then arrives), and nothing
may be fetched from anywhere but the server on loopback. A screenshot of the page is
kept in ``build/test-artifacts/``. ctrl+c (SIGINT) stops the server and the app it ran.

Chromium is Debian's (``/usr/bin/chromium``, or ``READER_CHROMIUM``), never one that
``playwright install`` downloads. Without it the test is skipped on a developer's
machine and fails in CI (``CI=true``): ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from reader.core.format import dump_article, parse_article

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "test-artifacts"
CHROMIUM = os.environ.get("READER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
LAUNCH_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TITLE = "Harbour Council Votes on the Lighthouse"
SECOND = "Second Part Of The Story"

# xterm.js draws on a canvas, and textual-serve keeps its Terminal in a closure. Before the
# page's scripts run, a setter on Object.prototype catches the one object that gets a
# ``terminal`` property holding an xterm Terminal, so the test can read its buffer.
CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, configurable: true, enumerable: true,
    });
    if (value && value.buffer && value.buffer.active) window.__readerTerminal = value;
  },
  get() { return undefined; },
});
"""
SCREEN_TEXT = """() => {
  const term = window.__readerTerminal;
  if (!term) return "";
  const buffer = term.buffer.active, lines = [];
  for (let y = 0; y < buffer.length; y++) lines.push(buffer.getLine(y).translateToString(true));
  return lines.join("\\n");
}"""


def _needs_browser() -> None:
    problem = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problem = "the playwright package is not installed"
    if problem is None and not Path(CHROMIUM).is_file():
        problem = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if problem is not None:
        if IN_CI:
            pytest.fail(f"CI must run the browser test: {problem}")
        pytest.skip(problem)


def _article(folder: Path) -> Path:
    """A small article of our own: a long first section, so the second heading starts
    below the first screen and arrives only when the app moves there."""
    filler = " ".join(["The harbour master read the motion aloud to the council."] * 4)
    paragraphs = "\n".join(f'      - "{filler} ({n})"' for n in range(8))
    text = f"""\
schema: 1
id: lighthouse
title: {TITLE}
language: en
source: The Harbour Gazette
sections:
  - id: opening
    heading: null
    paragraphs:
{paragraphs}
  - id: second
    heading: {SECOND}
    paragraphs:
      - "“We keep the light on,” said Mara Quill."
speakers:
  - id: quill
    name: Mara Quill
    role: Harbour master
quotes:
  - id: q1
    speaker: quill
    section: second
    paragraph: 0
    text: We keep the light on
"""
    path = folder / "lighthouse article.yaml"  # a space: the command is quoted for the shell
    path.write_text(dump_article(parse_article(text)), encoding="utf-8")
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _processes_running(needle: str) -> list[int]:
    """Processes whose command line holds ``needle`` (the article's unique path)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        if needle.encode() in cmdline:
            found.append(int(entry.name))
    return found


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, Path]]:
    _needs_browser()
    article = _article(tmp_path)
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "serve", str(article), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()  # the address, printed once it listens
        url = f"http://127.0.0.1:{port}/"
        assert url in line, (line, process.stderr.read() if process.poll() is not None else "")
        yield process, url, article
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def test_the_article_in_a_real_browser(
    server: tuple[subprocess.Popen[str], str, Path], tmp_path: Path
) -> None:
    from playwright.sync_api import Request, Route, sync_playwright

    process, url, article = server
    requests: list[str] = []
    refused: list[str] = []
    sockets: list[str] = []

    def only_loopback(route: Route, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        if host in ("127.0.0.1", "localhost", "::1"):
            route.continue_()
        else:  # never let the test reach the internet; record it, fail below
            refused.append(request.url)
            route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        try:
            # 90 columns: the side panes stay hidden, so a heading shows only in the text
            page = browser.new_page(viewport={"width": 900, "height": 640})
            page.on("request", lambda request: requests.append(request.url))
            page.on("websocket", lambda socket_: sockets.append(socket_.url))
            page.route("**/*", only_loopback)
            page.add_init_script(CATCH_TERMINAL)
            page.goto(url)
            page.wait_for_function(f"() => ({SCREEN_TEXT})().includes({TITLE!r})", timeout=90_000)
            first = page.evaluate(SCREEN_TEXT)
            assert SECOND not in first  # below the first screen

            page.focus(".xterm-helper-textarea")
            page.keyboard.press("n")  # to the untitled opening's first line…
            page.keyboard.press("n")  # …and on to the next section's heading
            page.wait_for_function(f"() => ({SCREEN_TEXT})().includes({SECOND!r})", timeout=60_000)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = ARTIFACTS / "serve-page.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 10_000
            screen = page.evaluate(SCREEN_TEXT)
            # the heading is now the article view's first line (under the title bar)
            lines = [line.strip(" │╭╮╰╯─▎▊") for line in screen.splitlines()]
            top = [line for line in lines if line]
            assert top[1] == SECOND, top[:4]
            assert "Mara Quill" in screen  # the quote's speaker, in the text below

            # ctrl+c with the tab still open: the server stops, and the app it ran too
            assert [p for p in _processes_running(str(article)) if p != process.pid]
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=30) == 0
            assert process.stderr is not None
            errors = process.stderr.read()
            assert "Traceback" not in errors and "Error" not in errors, errors
            deadline = time.monotonic() + 10
            while _processes_running(str(article)):
                assert time.monotonic() < deadline, "the app process outlived the server"
                time.sleep(0.2)
        finally:
            browser.close()

    assert refused == []
    assert requests and all(urlsplit(u).hostname == "127.0.0.1" for u in requests), requests
    assert any(u.endswith(".ttf") for u in requests)  # the font came from the server
    assert sockets and all(urlsplit(u).hostname == "127.0.0.1" for u in sockets), sockets
