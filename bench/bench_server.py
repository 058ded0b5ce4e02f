"""`make bench` (part 2): the app under gunicorn as the Procfile runs it, measured beside a bare Flask app.

Starts the app as the Procfile's web and worker processes (`LINE_ANSWERS=worker`: the web processes store and
acknowledge LINE events, `python -m bot line-worker` answers them), with SQLite in a temporary folder (or the
PostgreSQL database named by BENCH_DATABASE_URL, whose tables it drops first) and the fake LINE API from the
tests as LINE; and in the same run a Flask app whose only endpoint returns "ok", under the same gunicorn
settings. Debian's `wrk` drives, from a separate process on 127.0.0.1, at concurrency 1, 16 and 64:
`POST /api/chat` (questions from the evaluation set); the widget's poll for staff answers (`GET
/api/chat/<session>/messages`, the most frequent request while people have the chat open); signed `POST
/callback` deliveries (every one a new webhook event); and the bare endpoint.

Each endpoint gets a short warm-up first, and after each /callback run the bench waits until the worker has
answered every acknowledged event, so no run pays for another's work. The evaluation set's questions come round
again every few hundred requests, so /api/chat mostly answers from the answer cache (bot/answering.py), as in a
surge of people asking the same things; `bench_core.py` times deciding a question afresh. Prints requests per
second, p50 and p99 latency, errors, the ratio to the bare endpoint, the CPU time each request cost the
server's processes, the time from process start to the first answered request, and RSS per process and in total.

The CPU column says why a ratio is what it is whatever else the machine is doing: once both cores are busy,
an endpoint's throughput relative to the bare one can be no higher than the bare endpoint's CPU per request
over its own.

Targets on the 2-core machine: /api/chat throughput >= 50% of the bare endpoint's; webhook acknowledgement
p99 <= 100 ms at 64 concurrent; 0 errors; start to first answer <= 2 s; RSS <= 150 MB per worker.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402
from sqlalchemy import func, select, text  # noqa: E402

from bot.config import normalize_database_url  # noqa: E402
from bot.db import Database  # noqa: E402
from bot.tables import ProcessedEvent  # noqa: E402
from fake_line_api import SECRET, TOKEN, FakeLineApi, signature, source, text_event  # noqa: E402

WORKERS = 2
THREADS = 4
DURATION = os.environ.get("BENCH_DURATION", "6s")
WARM_UP = "1s"
CONCURRENCY = (1, 16, 64)
CALLBACK_BODIES = 40000
POLL_CHATS = 200  # open widgets, each polling for staff answers
LINE_USERS = 2000  # a school's parents writing at once: each person's events are answered in order, one by one
TARGETS = {"ratio": 0.5, "ack_p99_ms": 100.0, "start_s": 2.0, "rss_mb": 150.0}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn(app: str, port: int, env: dict, log: Path) -> subprocess.Popen:
    """Start gunicorn with the Procfile's settings (bound to 127.0.0.1), its log going to ``log`` (a pipe
    nobody reads fills up and then blocks every thread that logs)."""
    cmd = [sys.executable, "-m", "gunicorn", "-c", "python:bot.serving", "--preload",
           "--workers", str(WORKERS), "--threads", str(THREADS), "--bind", f"127.0.0.1:{port}", "--timeout", "30",
           "--reuse-port", "--no-control-socket", "--log-level", "warning", app]
    with log.open("ab") as out:
        return subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=out, start_new_session=True)


def line_worker(env: dict, log: Path) -> subprocess.Popen:
    """The Procfile's worker process."""
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "bot", "line-worker"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=out, start_new_session=True)


def wait_for_answer(port: int, started: float, path: str, body: bytes, timeout: float = 30.0) -> float:
    """Seconds from ``started`` to the first 200 answer of ``path``."""
    deadline = started + timeout
    while time.perf_counter() < deadline:
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{port}{path}", data=body,
                                         headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(req, timeout=2) as resp:
                if resp.status == 200:
                    return time.perf_counter() - started
        except OSError:
            time.sleep(0.02)
    raise RuntimeError(f"no answer on {path} within {timeout} s")


def write_script(folder: Path, name: str, requests: list[tuple[str, str, str | None]]) -> Path:
    """A wrk script that sends the given (path, X-Line-Signature or "", JSON body to POST or None to GET)
    requests in turn, from the one its argument names (`wrk`'s ``start``), so that every webhook delivery of the
    bench is a new event.

    The requests sit in a data file the script reads at start: LuaJIT refuses a script that holds tens of
    thousands of them as constants, and wrk then silently sends its default `GET /` instead."""
    data = folder / f"{name}.tsv"
    with data.open("w", encoding="utf-8") as out:
        for path, sig, body in requests:
            assert "\t" not in path + sig and "\n" not in (body or "")  # json.dumps escapes both in a body
            out.write(f"{'GET' if body is None else 'POST'}\t{path}\t{sig}\t{body or ''}\n")
    script = folder / f"{name}.lua"
    script.write_text(
        f"""local reqs = {{}}
for line in io.lines({json.dumps(str(data))}) do
  local method, path, sig, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
  local headers = {{}}
  if method == "POST" then headers["Content-Type"] = "application/json" else body = nil end
  if sig ~= "" then headers["X-Line-Signature"] = sig end
  reqs[#reqs + 1] = wrk.format(method, path, headers, body)
end
assert(#reqs > 0, "no requests in {data}")
local i = 0
init = function(args)  -- where to start: a later run goes on after the requests sent before it
  i = (tonumber(args[1]) or 0) % #reqs
end
request = function()
  i = (i % #reqs) + 1
  return reqs[i]
end
""",
        encoding="utf-8",
    )
    return script


def open_chats(port: int, count: int) -> list[str]:
    """Start ``count`` website chats, one question each; the path each one's widget then polls for staff
    answers (after the bot's reply: the usual poll, which finds nothing new)."""
    paths = []
    for n in range(count):
        req = urllib.request.Request(f"http://127.0.0.1:{port}/api/chat", headers={"Content-Type": "application/json"},
                                     data=json.dumps({"message": f"สวัสดีค่ะ {n}"}).encode())
        with urllib.request.urlopen(req, timeout=10) as resp:
            chat = json.load(resp)
        paths.append(f"/api/chat/{chat['session_id']}/messages?after={chat['message_ids'][-1]}")
    return paths


def wrk(port: int, script: Path, concurrency: int, duration: str = DURATION, start: int = 0) -> dict:
    """One wrk run; ``start``: the index of the script's first request. Its figures, and "sent": how many
    requests it started (the next run's ``start``)."""
    run = subprocess.run(
        ["wrk", "-t1", f"-c{concurrency}", f"-d{duration}", "--latency", "-s", str(script), f"http://127.0.0.1:{port}",
         "--", str(start)],
        capture_output=True, text=True, check=True,
    )
    if run.stderr.strip():  # a script error: wrk would go on sending its default request
        raise RuntimeError(f"wrk: {run.stderr.strip()}")
    out = run.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1))
    p99 = _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))
    non2xx = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)) else 0
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    kinds = dict(zip(("connect", "read", "write", "timeout"), (int(x) for x in sock.groups()))) if sock else {}
    kinds["non-2xx"] = non2xx
    done = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": p50, "p99": p99, "errors": sum(kinds.values()),
            "error_kinds": {k: n for k, n in kinds.items() if n}, "done": done, "sent": done + concurrency}


def wait_for_line_backlog(database_url: str, timeout: float = 300.0) -> float:
    """Seconds until every LINE event acknowledged so far is answered (the worker process answers them after
    the 200), so that one run's leftover work does not slow the next run down."""
    started = time.perf_counter()
    db = Database(database_url)
    try:
        while True:
            with db.session() as s:
                if not s.scalar(select(func.count()).where(ProcessedEvent.handled_at.is_(None))):
                    break
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"LINE events still unanswered after {timeout:.0f} s")
            time.sleep(0.2)
    finally:
        db.engine.dispose()
    return time.perf_counter() - started


def empty_postgres(url: str) -> None:
    db = Database(url)
    with db.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    db.engine.dispose()


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def rss_mb(master: int) -> tuple[list[float], float]:
    """RSS of each worker, and the proportional total (PSS) of master and workers, in MB."""
    workers = children(master)
    per_worker = [_status_kb(pid, "VmRSS") / 1024 for pid in workers]
    total = sum(_pss_kb(pid) for pid in [master, *workers]) / 1024
    return per_worker, total


def children(master: int) -> list[int]:
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and _ppid(int(p)) == master]


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name (state first); empty when the process is gone."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _ppid(pid: int) -> int:
    fields = _stat(pid)
    return int(fields[1]) if fields else -1


def _status_kb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return float(line.split()[1])
    return 0.0


def _pss_kb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return float(line.split()[1])
    return 0.0


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far (a process that is gone counts 0)."""
    ticks = sum(int(f[11]) + int(f[12]) for f in map(_stat, pids) if f)  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def measured(port: int, master: int, script: Path, concurrency: int, start: int = 0) -> dict:
    """One wrk run, with "cpu_ms": the CPU time the server's worker processes spent per answered request."""
    pids = children(master)
    before = cpu_seconds(pids)
    run = wrk(port, script, concurrency, start=start)
    run["cpu_ms"] = (cpu_seconds(pids) - before) * 1000 / max(1, run["done"])
    return run


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def main() -> int:
    if not shutil.which("wrk"):
        print("bench: wrk is not installed (apt-get install wrk); server figures skipped")
        return 1
    questions = [i["text"] for s in yaml.safe_load((ROOT / "eval" / "questions.yaml").read_text(encoding="utf-8")).values() for i in s]
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    database_url = normalize_database_url(os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}")
    if not database_url.startswith("sqlite"):
        empty_postgres(database_url)
    fake = FakeLineApi().start()
    env = {
        **os.environ,
        "INSTANCE_PATH": str(tmp),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-secret-key",
        "LINE_CHANNEL_SECRET": SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "LINE_API_BASE_URL": fake.base_url,
        "CHAT_RATE_LIMIT": "100000000 per minute",
        "POLL_RATE_LIMIT": "100000000 per minute",
        "LINE_ANSWERS": "worker",
    }
    subprocess.run([sys.executable, "-m", "bot", "db", "upgrade"], cwd=ROOT, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "bot", "build"], cwd=ROOT, env=env, check=True, capture_output=True)

    chat_script = write_script(tmp, "chat", [("/api/chat", "", json.dumps({"message": q}, ensure_ascii=False))
                                             for q in questions])
    bodies = []
    for n in range(CALLBACK_BODIES):
        event = text_event(questions[n % len(questions)], src=source(f"U{n % LINE_USERS:032x}"))
        body = json.dumps({"destination": "Ubench", "events": [event]}, ensure_ascii=False)
        bodies.append(("/callback", signature(body.encode()), body))
    callback_script = write_script(tmp, "callback", bodies)
    bare_script = write_script(tmp, "bare", [("/ok", "", "{}")])

    app_port, bare_port = free_port(), free_port()
    started = time.perf_counter()
    app = gunicorn("bot:create_app()", app_port, env, tmp / "app.log")
    worker = line_worker(env, tmp / "worker.log")
    bare = None
    try:
        start_s = wait_for_answer(app_port, started, "/api/chat", json.dumps({"message": "สวัสดีค่ะ"}).encode())
        poll_script = write_script(tmp, "poll", [(path, "", None) for path in open_chats(app_port, POLL_CHATS)])
        bare = gunicorn("bench.bare_app:app", bare_port, env, tmp / "bare.log")
        wait_for_answer(bare_port, time.perf_counter(), "/ok", b"{}")
        for port, script in ((bare_port, bare_script), (app_port, chat_script), (app_port, poll_script)):
            wrk(port, script, 16, WARM_UP)  # first connections, statement compiling, lazy imports: not measured
        delivered = wrk(app_port, callback_script, 16, WARM_UP)["sent"]
        wait_for_line_backlog(database_url)
        rows, drained, answering_ms = [], [], []
        for c in CONCURRENCY:
            rows.append(("bare /ok", c, measured(bare_port, bare.pid, bare_script, c)))
            rows.append(("/api/chat", c, measured(app_port, app.pid, chat_script, c)))
            rows.append(("widget poll", c, measured(app_port, app.pid, poll_script, c)))
            worker_before = cpu_seconds([worker.pid])
            rows.append(("/callback", c, run := measured(app_port, app.pid, callback_script, c, start=delivered)))
            delivered += run["sent"]
            drained.append(wait_for_line_backlog(database_url))
            answering_ms.append((cpu_seconds([worker.pid]) - worker_before) * 1000 / max(1, run["done"]))
        if delivered > CALLBACK_BODIES:
            raise RuntimeError(f"{delivered} webhook deliveries but only {CALLBACK_BODIES} distinct events: raise CALLBACK_BODIES")
        workers, total = rss_mb(app.pid)
        worker_rss = _status_kb(worker.pid, "VmRSS") / 1024
        total += _pss_kb(worker.pid) / 1024
    except BaseException:
        for log in ("app.log", "worker.log"):
            print(f"bench: last lines of {log}:\n" + "".join((tmp / log).read_text(errors="replace").splitlines(True)[-20:]))
        raise
    finally:
        stop(app)
        stop(worker)
        if bare is not None:
            stop(bare)
        fake.close()
        shutil.rmtree(tmp, ignore_errors=True)

    bare_rps = {c: r["rps"] for name, c, r in rows if name == "bare /ok"}
    print(f"server: gunicorn {WORKERS} workers x {THREADS} threads and the LINE worker process, wrk 1 thread, "
          f"{DURATION} per run, {'SQLite' if database_url.startswith('sqlite') else 'PostgreSQL'}")
    print(f"{'endpoint':12} {'conc':>4} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6} {'vs bare':>8} {'CPU ms/req':>10}")
    for name, c, r in rows:
        print(f"{name:12} {c:>4} {r['rps']:>9.0f} {r['p50']:>8.2f} {r['p99']:>8.2f} {r['errors']:>6} "
              f"{r['rps'] / bare_rps[c]:>8.0%} {r['cpu_ms']:>10.2f}")
    print("server: CPU ms/req is the CPU time of the web processes per answered request; the LINE worker process "
          f"also spent {', '.join(f'{ms:.2f}' for ms in answering_ms)} ms of CPU per event of each /callback run "
          "answering it (during the run and until the backlog was answered)")
    bare_cpu = min(r["cpu_ms"] for name, _, r in rows if name == "bare /ok")
    chat_cpu = min(r["cpu_ms"] for name, _, r in rows if name == "/api/chat")
    print(f"server: at its cheapest /api/chat cost {chat_cpu / bare_cpu:.1f} times the bare endpoint's CPU per request, "
          f"so with every core busy its throughput can reach at most {bare_cpu / chat_cpu:.0%} of the bare endpoint's")
    print("server: LINE events acknowledged in each /callback run were all answered "
          f"{', '.join(f'{d:.1f}' for d in drained)} s after it ended (waited for before the next run)")
    print(f"server: /api/chat and /callback send the evaluation set's {len(questions)} questions in turn: after the first "
          "round each answer comes from the answer cache (deciding one afresh: the core figures above)")
    print(f"server: process start to first answered /api/chat: {start_s:.2f} s (target <= 2 s)")
    print(f"server: RSS per web worker: {', '.join(f'{w:.0f} MB' for w in workers)}, LINE worker process: "
          f"{worker_rss:.0f} MB (target <= 150 MB each); total PSS of all: {total:.0f} MB")
    chat_ratio = min(r["rps"] / bare_rps[c] for name, c, r in rows if name == "/api/chat")
    ack_p99 = next(r["p99"] for name, c, r in rows if name == "/callback" and c == 64)
    errors = sum(r["errors"] for _, _, r in rows)
    for name, c, r in rows:
        if r["errors"]:  # wrk's "timeout" is a request it gave up on after 2 s; "non-2xx" an error answer
            print(f"server: errors on {name} at {c}: {', '.join(f'{k} {n}' for k, n in r['error_kinds'].items())}")
    ok = (chat_ratio >= TARGETS["ratio"] and ack_p99 <= TARGETS["ack_p99_ms"] and errors == 0
          and start_s <= TARGETS["start_s"] and all(w <= TARGETS["rss_mb"] for w in [*workers, worker_rss]))
    print(f"server: lowest /api/chat ratio to bare {chat_ratio:.0%} (target >= 50%), webhook ack p99 at 64: "
          f"{ack_p99:.1f} ms (target <= 100 ms), errors {errors} (target 0)")
    print("server targets:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
