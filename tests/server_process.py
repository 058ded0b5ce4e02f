"""The app as a separate process, started from the Procfile's own commands, for tests that kill it the hard way;
a fake LINE API that can refuse or hold calls for one recipient; small HTTP clients for the website chat, the
LINE webhook and the staff dashboard.

Linux only: process groups, /proc, and prctl(PR_SET_CHILD_SUBREAPER) so that gunicorn's workers, orphaned
when the whole group is killed at once, are reaped by the test and not left as zombies.
"""
from __future__ import annotations

import ctypes
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
from fake_line_api import FakeLineApi, signature

ROOT = Path(__file__).resolve().parent.parent
PROCFILE = ROOT / "Procfile"
CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')
PR_SET_CHILD_SUBREAPER = 36


def wait_for(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.02) -> Any:
    """Poll ``condition`` until it returns something true (returned); AssertionError naming ``what`` at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def procfile_command(kind: str) -> str:
    """The command of one Procfile process type (``web``, ``release``)."""
    for line in PROCFILE.read_text().splitlines():
        name, sep, command = line.partition(":")
        if sep and name.strip() == kind:
            return command.strip()
    raise LookupError(f"no {kind!r} process in {PROCFILE}")


def process_env(extra: dict[str, str]) -> dict[str, str]:
    """The test's environment with the virtualenv first on PATH (the Procfile says `gunicorn`, `python`)."""
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    env.update({"PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


def group_members(pgid: int) -> list[tuple[int, str]]:
    """(pid, state) of every process in process group ``pgid``, zombies included."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # gone meanwhile
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid:
            found.append((int(entry), fields[0]))
    return found


def _subreaper(on: bool) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_CHILD_SUBREAPER, int(on), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


class AppServer:
    """`bot:create_app()` under gunicorn exactly as the Procfile's web line runs it, bound to 127.0.0.1, in its
    own process group (the gunicorn master leads it)."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.env = process_env({**env, "PORT": str(self.port)})
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.starts = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> None:
        """Start (again, on the same port and database) and wait until /healthz answers."""
        command = procfile_command("web").replace("0.0.0.0:", "127.0.0.1:")
        self.starts += 1
        with open(self.log_path, "a") as log:
            log.write(f"\n===== start {self.starts}: {command}\n")
            log.flush()
            self.proc = subprocess.Popen(
                ["sh", "-c", "exec " + command], cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )

        def healthy() -> bool:
            if self.proc.poll() is not None:
                raise AssertionError(f"the server exited with {self.proc.returncode}:\n{self.log_tail()}")
            try:
                return requests.get(self.url + "/healthz", timeout=2).status_code == 200
            except requests.RequestException:
                return False

        wait_for(healthy, timeout, "the server to answer /healthz", interval=0.05)

    def workers(self) -> list[int]:
        return [pid for pid, _ in group_members(self.proc.pid) if pid != self.proc.pid]

    def kill(self) -> list[int]:
        """SIGKILL the whole process group at once; returns the pids that were killed, all reaped."""
        return self._end(signal.SIGKILL, grace=0)

    def stop(self, grace: float = 10) -> None:
        """Stop gracefully (SIGTERM), then SIGKILL what is left after ``grace`` seconds."""
        if self.proc is not None and self.proc.poll() is None:
            self._end(signal.SIGTERM, grace)

    def _end(self, sig: int, grace: float) -> list[int]:
        assert self.proc is not None
        pgid = self.proc.pid
        members = [pid for pid, _ in group_members(pgid)]
        reaper = _subreaper(True)  # workers orphaned by the master's death become the test's children
        try:
            try:
                os.killpg(pgid, sig)
            except ProcessLookupError:
                pass
            try:
                self.proc.wait(timeout=grace or 10)
            except subprocess.TimeoutExpired:
                os.killpg(pgid, signal.SIGKILL)
                self.proc.wait(timeout=10)
            if sig != signal.SIGKILL:
                try:
                    os.killpg(pgid, signal.SIGKILL)  # workers that outlived a graceful stop
                except ProcessLookupError:
                    pass
            if reaper:
                for pid in members:
                    if pid != pgid:
                        _reap(pid)
            # Without the subreaper the system's init reaps them: wait until none is left, zombie or not.
            wait_for(lambda: not group_members(pgid), 10, f"process group {pgid} to be gone")
        finally:
            if reaper:
                _subreaper(False)
        return members

    def log_tail(self, lines: int = 60) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def _reap(pid: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return  # not (or no longer) the test's child: someone else reaped it
        if done:
            return
        time.sleep(0.01)


class ScriptedLineApi(FakeLineApi):
    """The fake LINE API, scriptable per recipient (a push's ``to``, a loading animation's ``chatId``) instead of
    per path, so that scripts for one person are not used up by another's calls made meanwhile."""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._refusals: dict[tuple[str, str], int] = {}
        self._holds: dict[tuple[str, str], threading.Event] = {}

    def refuse(self, path: str, to: str, status: int) -> None:
        """Every call to ``path`` for ``to`` gets ``status`` and is not carried out, until `release`."""
        with self._lock:
            self._refusals[(path, to)] = status

    def hold(self, path: str, to: str) -> None:
        """Calls to ``path`` for ``to`` are carried out at once but answered only at `release` (as when the
        caller dies after LINE has taken the request)."""
        with self._lock:
            self._holds[(path, to)] = threading.Event()

    def release(self) -> None:
        """Drop every refusal and answer every held call."""
        with self._lock:
            holds, self._holds = self._holds, {}
            self._refusals.clear()
        for gate in holds.values():
            gate.set()

    def calls_for(self, path: str, to: str) -> list:
        return [c for c in self.calls_to(path) if _target(c) == to]

    def close(self) -> None:
        self.release()
        super().close()

    def _answer(self, call) -> tuple[int, dict, float]:
        status = self._refusals.get((call.path, _target(call)))
        if status:
            return status, {"message": f"scripted failure {status}"}, 0
        return super()._answer(call)

    def _respond(self, call) -> tuple[int, dict, float]:
        result = super()._respond(call)
        with self._lock:
            gate = self._holds.get((call.path, _target(call)))
        if gate is not None:
            gate.wait(120)
        return result


def _target(call) -> str | None:
    body = call.body if isinstance(call.body, dict) else {}
    return body.get("to") or body.get("chatId")


# -- clients ------------------------------------------------------------------------------------------------------


class WebChat:
    """The website chat API as the widget calls it."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = requests.Session()

    def send(self, session_id: str, text: str, timeout: float = 30) -> requests.Response:
        return self.http.post(
            f"{self.base_url}/api/chat", json={"session_id": session_id, "message": text}, timeout=timeout
        )

    def history(self, session_id: str, after: int = 0) -> list[dict]:
        """Every message after ``after``, fetched page by page as the widget's polls do."""
        found: list[dict] = []
        while True:
            response = self.http.get(
                f"{self.base_url}/api/chat/{session_id}/messages", params={"after": after}, timeout=30
            )
            assert response.status_code == 200, response.text
            page = response.json()["messages"]
            if not page:
                return found
            found += page
            after = page[-1]["id"]


class LineWebhook:
    """Signed webhook deliveries to /callback, as LINE makes them."""

    def __init__(self, base_url: str, secret: str):
        self.base_url = base_url
        self.secret = secret
        self.http = requests.Session()

    def post(self, *events: dict, timeout: float = 30) -> requests.Response:
        body = json.dumps({"destination": "Ubot", "events": list(events)}, ensure_ascii=False).encode()
        headers = {"Content-Type": "application/json", "X-Line-Signature": signature(body, self.secret)}
        return self.http.post(f"{self.base_url}/callback", data=body, headers=headers, timeout=timeout)


class Dashboard:
    """A signed-in staff member's browser on /staff (session cookie and CSRF token)."""

    def __init__(self, base_url: str, name: str, password: str):
        self.base_url = base_url
        self.http = requests.Session()
        page = self.http.get(f"{base_url}/staff/login", timeout=30)
        response = self.http.post(
            f"{base_url}/staff/login",
            data={"name": name, "password": password, "csrf_token": self._csrf(page.text)},
            allow_redirects=False,
            timeout=30,
        )
        assert response.status_code == 302, f"staff sign-in failed: HTTP {response.status_code}"
        self.csrf = self._csrf(self.http.get(f"{base_url}/staff/undelivered", timeout=30).text)

    def post(self, path: str, timeout: float = 60, **data: str) -> requests.Response:
        return self.http.post(
            self.base_url + path, data={**data, "csrf_token": self.csrf}, allow_redirects=False, timeout=timeout
        )

    def answer(self, ticket_id: int, text: str, timeout: float = 60) -> requests.Response:
        return self.post(f"/staff/tickets/{ticket_id}/answer", timeout=timeout, answer=text)

    def retry_undelivered(self) -> requests.Response:
        return self.post("/staff/undelivered/retry")

    @staticmethod
    def _csrf(page: str) -> str:
        match = CSRF_FIELD.search(page)
        assert match, "no CSRF token on the page"
        return match.group(1)
