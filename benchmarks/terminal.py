"""A real terminal for the benchmarks: programs run in tmux, read back with capture-pane.

What a person feels is the screen, not a handler being called, so ``first_paint.py`` and
``keys.py`` time programs from launch (or from a key sent) to text on a tmux screen, the
way ``../shared/tools/ttfp.py`` does. Each benchmark owns a private tmux server (its own
socket), killed when it is done, so nothing is left running.

Also here: the memory and CPU time of the program in a pane (read from ``/proc``, Linux
only), to tell its peak resident memory and when it has gone idle.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

#: How often the screen is read while waiting for something on it.
POLL = 0.002
#: Variables kept out of the programs' environment. PYTHONDONTWRITEBYTECODE (set in some
#: shells and CI images) keeps an editable install from ever caching its bytecode, so
#: every launch would compile reader's modules from source (some 30-50 ms at startup),
#: which an installed package never does; the warm-up round is meant to leave the
#: bytecode written, as a user's first launch does.
UNSET = ("PYTHONDONTWRITEBYTECODE",)

Screen = list[str]
"""A captured screen, one string per row."""


class Terminal:
    """A private tmux server whose sessions are ``cols`` x ``rows`` terminals."""

    def __init__(self, cols: int = 160, rows: int = 48) -> None:
        self.cols, self.rows = cols, rows
        self.socket = f"reader-bench-{os.getpid()}"
        self._count = 0
        # a session that lives as long as the server, so it does not exit between runs
        self.tmux("new-session", "-d", "-s", "keep", "sleep 3600")

    def tmux(self, *args: str) -> str:
        env = {key: value for key, value in os.environ.items() if key not in UNSET}
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        return done.stdout

    def start(self, command: Sequence[str], env: Mapping[str, str] | None = None) -> Session:
        """Launch ``command`` in a new session; the clock starts just before."""
        self._count += 1
        name = f"s{self._count}"
        extra = [f"-e{key}={value}" for key, value in (env or {}).items()]
        line = " ".join(shlex.quote(part) for part in command)
        started = time.perf_counter()
        self.tmux(
            "new-session", "-d", "-s", name, "-x", str(self.cols), "-y", str(self.rows),
            *extra, line,
        )  # fmt: skip
        return Session(self, name, started)

    def close(self) -> None:
        self.tmux("kill-server")

    def __enter__(self) -> Terminal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Session:
    """One program running in a tmux session."""

    def __init__(self, terminal: Terminal, name: str, started: float) -> None:
        self.terminal, self.name, self.started = terminal, name, started

    def screen(self) -> Screen:
        return self.terminal.tmux("capture-pane", "-p", "-t", self.name).split("\n")

    def wait_for(
        self, ready: Callable[[Screen], bool], since: float, timeout: float = 30.0
    ) -> tuple[float, Screen]:
        """Milliseconds from ``since`` until ``ready(screen)``; raises TimeoutError."""
        while True:
            screen = self.screen()
            now = time.perf_counter()
            if ready(screen):
                return (now - since) * 1000, screen
            if now - since > timeout:
                raise TimeoutError("\n".join(screen))
            time.sleep(POLL)

    def send(self, *keys: str) -> float:
        """Send keys (tmux names: ``n``, ``Enter``, ``F3``…); the time just before."""
        sent = time.perf_counter()
        self.terminal.tmux("send-keys", "-t", self.name, *keys)
        return sent

    def pids(self) -> list[int]:
        """The pane's process and all its descendants."""
        pane = self.terminal.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}")
        if not pane.strip():
            return []
        children: dict[int, list[int]] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    stat = (entry / "stat").read_text()
                except OSError:
                    continue
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry.name))
        found, todo = [], [int(pane)]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def peak_rss_mib(self) -> float:
        """The largest peak resident memory (VmHWM) of the pane's processes, in MiB."""
        peak = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]))
            except OSError:
                continue
        return peak / 1024

    def cpu_ticks(self) -> int:
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime + stime
        return total

    def wait_idle(self, quiet: float = 0.6, timeout: float = 60.0) -> None:
        """Wait until the pane's programs use no CPU for ``quiet`` seconds."""
        deadline = time.perf_counter() + timeout
        last = self.cpu_ticks()
        while time.perf_counter() < deadline:
            time.sleep(quiet)
            now = self.cpu_ticks()
            if now == last:
                return
            last = now

    def kill(self) -> None:
        self.terminal.tmux("kill-session", "-t", self.name)


def shows(*texts: str) -> Callable[[Screen], bool]:
    """A ready test: every text is on the screen at once."""

    def ready(screen: Screen) -> bool:
        joined = "\n".join(screen)
        return all(text in joined for text in texts)

    return ready


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def load() -> str:
    """The machine's load averages, as ``uptime`` shows them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"
