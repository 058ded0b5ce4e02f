"""Real server processes for tests that run the bot as production does: the app under gunicorn (as in the
Procfile), Debian's nginx in front of it and redis-server, each on a free 127.0.0.1 port, with every file it
writes (pid, logs, temporary files) in a folder the test gives.

Each process runs in its own process group and is started so that it is killed when the test process dies
(Linux PR_SET_PDEATHSIG), and `Process.stop` ends its whole group: nothing outlives the test run, even when
pytest itself is killed.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Runs the real command with PR_SET_PDEATHSIG = SIGKILL: it dies when the process that started it does
# (strictly, when the thread that started it ends: start processes from pytest's main thread, as fixtures
# do). argv: [expected parent pid, program, args...]; exits at once when that parent is already gone.
_DIE_WITH_PARENT = (
    "import ctypes, os, signal, sys\n"
    "ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)\n"
    "if os.getppid() != int(sys.argv[1]):\n"
    "    os._exit(1)\n"
    "os.execv(sys.argv[2], sys.argv[2:])\n"
)


def find_program(name: str, *places: str) -> str | None:
    """``name`` on PATH, else the first of ``places`` that exists (Debian puts nginx in /usr/sbin, which is
    not on an ordinary user's PATH)."""
    found = shutil.which(name)
    if found:
        return found
    return next((p for p in places if os.access(p, os.X_OK)), None)


NGINX = find_program("nginx", "/usr/sbin/nginx")
REDIS_SERVER = find_program("redis-server", "/usr/bin/redis-server")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Process:
    name: str
    port: int
    popen: subprocess.Popen
    log: Path
    files: Path = field(default=Path("."))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, chars: int = 3000) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self, timeout: float = 10.0) -> None:
        """End the process and everything it started (its process group): SIGTERM, then SIGKILL."""
        stop_all([self], timeout)

    def wait_listening(self, timeout: float = 30.0) -> None:
        """Until the port accepts connections; fails at once, with the log, if the process exits."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.popen.returncode}:\n{self.log_tail()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not listen on port {self.port} within {timeout} s:\n{self.log_tail()}")

    def wait_http_ok(self, path: str = "/healthz", timeout: float = 30.0) -> None:
        """Until GET ``path`` answers 200 (the app has loaded its model and serves)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.popen.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.popen.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"{self.name} did not answer {path} within {timeout} s:\n{self.log_tail()}")


def stop_all(processes: Sequence[Process], timeout: float = 10.0) -> None:
    """Stop several at once: SIGTERM to every process group, wait up to ``timeout`` for each leader, then
    SIGKILL whatever is left in the groups (also after the leader exited: gunicorn workers, say)."""
    for process in processes:
        if process.popen.poll() is None:
            _signal_group(process.popen.pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in processes:
        try:
            process.popen.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
        _signal_group(process.popen.pid, signal.SIGKILL)
        try:
            process.popen.wait(5)
        except subprocess.TimeoutExpired:
            pass


def _signal_group(pid: int, sig: int) -> None:
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


def start(name: str, argv: Sequence[str], *, port: int, files: Path, env: Mapping[str, str] | None = None,
          cwd: Path | None = None) -> Process:
    """Start ``argv`` in a new process group, output to ``files``/<name>.log; it dies with this process."""
    files.mkdir(parents=True, exist_ok=True)
    log = files / f"{name}.log"
    program = shutil.which(argv[0]) or argv[0]
    command = [program, *argv[1:]]
    if sys.platform.startswith("linux"):
        command = [sys.executable, "-c", _DIE_WITH_PARENT, str(os.getpid()), *command]
    with log.open("ab") as out:
        popen = subprocess.Popen(
            command, cwd=cwd or files, env=dict(env if env is not None else os.environ), stdin=subprocess.DEVNULL,
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    return Process(name, port, popen, log, files)


def start_redis(files: Path) -> Process:
    """A throw-away redis-server: 127.0.0.1 only, nothing saved to disk."""
    if REDIS_SERVER is None:
        raise RuntimeError("redis-server is not installed")
    port = free_port()
    argv = [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
            "--dir", str(files), "--daemonize", "no", "--protected-mode", "yes"]
    process = start("redis", argv, port=port, files=files)
    process.wait_listening()
    return process


def start_app(name: str, files: Path, env: Mapping[str, str], workers: int = 1, threads: int = 4) -> Process:
    """The app as the Procfile's web process runs it (gunicorn --preload "bot:create_app()"), bound to
    127.0.0.1, its control socket in ``files`` (gunicorn's default, ~/.gunicorn/gunicorn.ctl, is one per user:
    two instances on one machine would take it from each other). Returns once started; call `wait_http_ok`
    before using it, so that several can start at once."""
    port = free_port()
    files.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "gunicorn", "-c", "python:bot.serving", "--preload",
            "--workers", str(workers), "--threads", str(threads),
            "--bind", f"127.0.0.1:{port}", "--timeout", "30", "--graceful-timeout", "5", "--reuse-port",
            "--control-socket", str(files / "gunicorn.ctl"), "bot:create_app()"]
    return start(name, argv, port=port, files=files, env=env, cwd=ROOT)


NGINX_CONF = """\
# Generated for a test. One process that stays in the foreground: no master/worker split, so it runs as
# whoever starts it (root or not) and needs nothing outside {files}.
daemon off;
master_process off;
pid {files}/nginx.pid;
error_log {files}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    log_format upstreams '$remote_addr "$request" $status upstream=$upstream_addr';
    access_log {files}/nginx-access.log upstreams;
    client_body_temp_path {files}/body;
    proxy_temp_path {files}/proxy;
    fastcgi_temp_path {files}/fastcgi;
    uwsgi_temp_path {files}/uwsgi;
    scgi_temp_path {files}/scgi;
    upstream bot {{
{servers}
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://bot;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $http_host;
            # Which upstream answered, for the tests (set by nginx, so it also proves nginx proxied).
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


def start_nginx(files: Path, upstream_ports: Sequence[int]) -> Process:
    """Debian's nginx as a round-robin reverse proxy in front of ``upstream_ports``, as in docs/deploy.md."""
    if NGINX is None:
        raise RuntimeError("nginx is not installed")
    files.mkdir(parents=True, exist_ok=True)
    port = free_port()
    servers = "\n".join(f"        server 127.0.0.1:{p};" for p in upstream_ports)
    conf = files / "nginx.conf"
    conf.write_text(NGINX_CONF.format(files=files, port=port, servers=servers), encoding="utf-8")
    argv = [NGINX, "-e", str(files / "nginx-error.log"), "-p", str(files), "-c", str(conf)]
    process = start("nginx", argv, port=port, files=files)
    process.wait_listening()
    return process
