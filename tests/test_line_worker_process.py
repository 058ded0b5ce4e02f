"""`LINE_ANSWERS=worker`: the web process only stores and acknowledges LINE events; the Procfile's worker
process (`python -m bot line-worker`) answers them, by reply while the token is fresh, once each.

Real processes: gunicorn as the Procfile's web line starts it, the worker as its worker line does, the fake
LINE API as LINE, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
"""
from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from fake_line_api import PUSH, REPLY, SECRET, TOKEN, FakeLineApi, source, text_event
from processes import ROOT, start, start_app, stop_all
from server_process import LineWebhook, procfile_command, process_env, wait_for
from sqlalchemy import select

from bot.config import SETTINGS, normalize_database_url
from bot.db import Database
from bot.model import save_bundle
from bot.tables import ProcessedEvent

ANSWERABLE = "กลุ่มอำนวยการมีหน้าที่อะไร"  # admin-duties


@pytest.fixture
def setup(database_url, bundle, tmp_path):
    db = Database(normalize_database_url(database_url))
    db.upgrade()  # the Procfile's release step
    save_bundle(bundle, tmp_path / "model.pkl")
    line = FakeLineApi().start()
    env = {k: v for k, v in process_env({}).items() if k not in SETTINGS}  # none of the caller's own settings
    env.update({
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(tmp_path),
        "MODEL_PATH": str(tmp_path / "model.pkl"),
        "SECRET_KEY": "worker-test-secret-key",
        "LINE_CHANNEL_SECRET": SECRET,
        "LINE_CHANNEL_ACCESS_TOKEN": TOKEN,
        "LINE_API_BASE_URL": line.base_url,
        "LINE_ANSWERS": "worker",
        "LINE_API_TIMEOUT": "2",
        "LINE_RETRY_WAIT": "0.05",
    })
    started = []
    yield db, line, env, tmp_path, started
    stop_all(started[::-1])
    line.close()
    db.engine.dispose()


def start_worker(env, files):
    argv = shlex.split(procfile_command("worker"))
    assert argv[:2] == ["python", "-m"]
    return start("line-worker", [sys.executable, *argv[1:]], port=0, files=files, env=env, cwd=ROOT)


def pending(db) -> dict[str, ProcessedEvent]:
    with db.session() as s:
        return {row.event_id: row for row in s.scalars(select(ProcessedEvent))}


def test_web_stores_and_acknowledges_the_worker_answers_by_reply_once(setup):
    db, line, env, files, started = setup
    web = start_app("web", files / "web", env)
    started.append(web)
    web.wait_http_ok()
    webhook = LineWebhook(web.url, SECRET)
    first = text_event(ANSWERABLE, src=source("U" + "1" * 32))
    assert webhook.post(first).status_code == 200

    # No worker yet: the event waits in the database, held by nobody, and nothing was sent.
    row = pending(db)[first["webhookEventId"]]
    assert row.handled_at is None and row.claim is None and row.payload
    assert not line.calls_to(REPLY) and not line.calls_to(PUSH)

    worker = start_worker(env, files / "worker")
    started.append(worker)
    replies = wait_for(lambda: line.accepted(REPLY), 30, "the worker's reply")
    assert replies[0].body["replyToken"] == first["replyToken"]
    assert "กลุ่มอำนวยการ" in replies[0].texts[0]
    wait_for(lambda: pending(db)[first["webhookEventId"]].handled_at is not None, 10, "the event marked handled")

    # A redelivery of the first event and a new one, together: only the new one is answered.
    second = text_event("การกระจายอำนาจมีกี่ด้าน", src=source("U" + "1" * 32))
    assert webhook.post(first, second).status_code == 200
    wait_for(lambda: len(line.accepted(REPLY)) == 2, 30, "the second reply")
    assert line.accepted(REPLY)[1].body["replyToken"] == second["replyToken"]
    assert not line.calls_to(PUSH)

    # SIGTERM: the worker finishes and exits cleanly.
    worker.popen.send_signal(signal.SIGTERM)
    assert worker.popen.wait(30) == 0, worker.log_tail()
    assert len(line.accepted(REPLY)) == 2
    assert "LINE worker stopped" in worker.log_tail()


@pytest.mark.skipif(not Path("/proc/self/autogroup").exists(),
                    reason="this kernel groups no processes by session (no /proc/self/autogroup)")
def test_the_worker_gives_way_to_the_web_processes_across_sessions(setup):
    """Started in a session of its own (as systemd starts it), the worker lowers its nice and its session's
    share of the CPU (the autogroup's nice): with nice alone it kept half of the CPU against the web processes'
    session."""
    db, line, env, files, started = setup
    env = {**env, "LINE_WORKER_NICE": "7"}
    worker = start_worker(env, files / "worker")
    started.append(worker)
    wait_for(lambda: "LINE worker answering" in worker.log_tail(), 30, "the worker to start")
    pid = worker.popen.pid
    assert os.getsid(pid) == pid  # processes.start gives it a session of its own
    nice = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])
    assert nice == min(19, os.getpriority(os.PRIO_PROCESS, 0) + 7)
    assert Path(f"/proc/{pid}/autogroup").read_text().split()[-2:] == ["nice", "7"]


def test_worker_without_line_settings_says_so(tmp_path):
    env = process_env({"LINE_CHANNEL_SECRET": "", "LINE_CHANNEL_ACCESS_TOKEN": "", "INSTANCE_PATH": str(tmp_path)})
    run = subprocess.run([sys.executable, "-m", "bot", "line-worker"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert run.returncode == 2 and "LINE_CHANNEL_SECRET" in run.stderr


def test_a_mistyped_line_answers_setting_stops_the_start(app_config):
    from bot import create_app

    with pytest.raises(ValueError, match="LINE_ANSWERS"):
        create_app({**app_config, "LINE_ANSWERS": "workers"})
