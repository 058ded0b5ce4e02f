"""Retention purge, forgetting a person, and the office's commands: `python -m bot staff add | tickets |
answer | db upgrade | purge | forget`."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest
from fake_line_api import source, text_event
from sqlalchemy import create_engine, func, inspect, select

from bot import cli
from bot.channels.line_inbox import Inbox
from bot.privacy import forget, purge
from bot.runtime import PROJECT_ROOT
from bot.staff.auth import authenticate
from bot.tables import Conversation, LearnedEntry, Message, ProcessedEvent, Ticket
from staff_support import ask, seed_ticket

OLD = datetime.now(timezone.utc) - timedelta(days=200)


@pytest.fixture
def env(monkeypatch, database_url, app_config):
    """The commands' environment: the test database and the app's keys."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("SECRET_KEY", app_config["SECRET_KEY"])
    monkeypatch.delenv("USER_ID_HASH_KEY", raising=False)


def _count(app, model, *where) -> int:
    with app.extensions["db"].session() as s:
        return s.scalar(select(func.count()).select_from(model).where(*where))


def _run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = cli.main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# --- purge ------------------------------------------------------------------------------------------------------


def _seed_for_purge(app) -> dict[str, int]:
    gone = seed_ticket(app, "คำถามเก่าที่ตอบแล้ว", user_id="old", created_at=OLD, answer="ตอบแล้วค่ะ")
    waiting = seed_ticket(app, "คำถามเก่าที่ยังไม่มีใครตอบ", user_id="waiting", created_at=OLD)
    mixed = seed_ticket(app, "คำถามเก่าของคนที่ยังคุยอยู่", user_id="mixed", created_at=OLD, status="closed")
    ask(app, "สวัสดีค่ะ", user_id="mixed")  # a recent message keeps the conversation
    with app.extensions["db"].session() as s:
        s.add(ProcessedEvent(event_id="old-event", received_at=OLD))
        s.add(ProcessedEvent(event_id="new-event"))
    return {"gone": gone, "waiting": waiting, "mixed": mixed}


def test_purge_deletes_what_is_older_than_retention(app):
    tickets = _seed_for_purge(app)
    result = purge(app.extensions["db"], 180)
    # old: 3 messages (question, escalation, staff answer); mixed: 2; waiting: kept
    assert (result.messages, result.tickets, result.conversations, result.events) == (5, 2, 1, 1)
    assert result.open_tickets_kept == 1
    assert _count(app, Ticket) == 1 and _count(app, Ticket, Ticket.id == tickets["waiting"]) == 1
    assert _count(app, Message, Message.ticket_id == tickets["waiting"]) == 2
    assert _count(app, Conversation) == 2  # "waiting" (open ticket) and "mixed" (recent message)
    assert _count(app, Message) == 4  # waiting's 2 + mixed's new question and reply
    assert _event_ids(app) == ["new-event"]
    again = purge(app.extensions["db"], 180)
    assert (again.messages, again.tickets, again.conversations, again.events) == (0, 0, 0, 0)


def _event_ids(app) -> list[str]:
    with app.extensions["db"].session() as s:
        return list(s.scalars(select(ProcessedEvent.event_id)))


def test_purge_keeps_everything_within_retention(app):
    _seed_for_purge(app)
    result = purge(app.extensions["db"], 365)
    assert (result.messages, result.tickets, result.conversations, result.events) == (0, 0, 0, 0)
    with pytest.raises(ValueError):
        purge(app.extensions["db"], 0)


def test_purge_command_uses_the_retention_setting(app, env, kb, capsys):
    _seed_for_purge(app)
    code, out, _ = _run(["purge"], capsys)
    assert code == 0
    assert f"kept the last {kb.settings['retention_days']} days" in out
    assert "deleted 5 message(s), 2 ticket(s), 1 conversation(s), 1 LINE event id(s)" in out
    assert "1 open ticket(s) older than that are kept" in out


# --- forget -------------------------------------------------------------------------------------------------------


def test_forget_deletes_one_persons_conversations(app):
    ask(app, "ขอใบรับรองการทำงานได้ที่ไหน", user_id="U-forget", channel="line")
    ask(app, "สวัสดีค่ะ", user_id="U-forget", channel="web")
    ask(app, "ขอใบรับรองการทำงานได้ที่ไหน", user_id="someone-else", channel="line")
    result = forget(app.extensions["db"], app.config["USER_ID_HASH_KEY"], "U-forget", ["line"])
    assert (result.conversations, result.messages, result.tickets) == (1, 2, 1)
    assert _count(app, Conversation) == 2 and _count(app, Ticket) == 1
    both = forget(app.extensions["db"], app.config["USER_ID_HASH_KEY"], "U-forget")
    assert (both.conversations, both.messages, both.tickets) == (1, 2, 0)
    assert _count(app, Conversation) == 1


def test_forget_drops_their_line_events_still_waiting_with_what_they_wrote(app, env, capsys):
    inbox = Inbox(app.extensions["db"])
    theirs = text_event("เบอร์บ้านฉันคือ 0812345678", src=source("U-forget"))
    others = text_event("สวัสดีค่ะ", src=source("U-someone-else"))
    assert inbox.record(theirs["webhookEventId"], theirs, act=True) and inbox.record(others["webhookEventId"], others, act=True)
    code, out, _ = _run(["forget", "U-forget"], capsys)
    assert code == 0 and "dropped 1 LINE event(s)" in out
    with app.extensions["db"].session() as s:
        rows = {r.event_id: r for r in s.scalars(select(ProcessedEvent))}
    assert rows[theirs["webhookEventId"]].payload is None and rows[theirs["webhookEventId"]].handled_at is not None
    assert rows[others["webhookEventId"]].payload is not None and rows[others["webhookEventId"]].handled_at is None


def test_forget_command_prints_what_went_and_points_at_learned_entries(app, env, capsys):
    outcome = ask(app, "ขอใบรับรองการทำงานได้ที่ไหน", user_id="U-forget", channel="line")
    with app.extensions["db"].session() as s:
        s.add(LearnedEntry(entry_id="learned-7", category="c", question="q", variants="[]", answer="a", source_ticket_id=outcome.ticket_id, created_by="somchai"))
    code, out, _ = _run(["forget", "U-forget", "--channel", "line"], capsys)
    assert code == 0
    assert "deleted 1 conversation(s), 2 message(s) and 1 ticket(s) on line" in out
    assert "learned-7" in out
    code, out, _ = _run(["forget", "U-forget"], capsys)
    assert code == 0 and "deleted 0 conversation(s), 0 message(s) and 0 ticket(s) on line, web" in out


def test_forget_needs_the_apps_key(env, monkeypatch, capsys):
    monkeypatch.delenv("SECRET_KEY")
    code, _, err = _run(["forget", "U-forget"], capsys)
    assert code == 1 and "USER_ID_HASH_KEY" in err


# --- tickets, answer, db upgrade, staff add --------------------------------------------------------------------


def test_tickets_command_prints_one_json_object_per_ticket(app, env, capsys):
    now = datetime.now(timezone.utc)
    first = seed_ticket(app, "คำถามแรก", user_id="a", created_at=now - timedelta(hours=3))
    second = seed_ticket(app, "คำถามที่สอง", user_id="b", channel="line", created_at=now - timedelta(hours=2), answer="ตอบค่ะ")
    seed_ticket(app, "คำถามที่สาม", user_id="c", created_at=now - timedelta(hours=1), status="closed")
    code, out, _ = _run(["tickets"], capsys)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["question"] for r in rows] == ["คำถามที่สาม", "คำถามที่สอง", "คำถามแรก"]
    assert set(rows[1]) == {"id", "status", "channel", "question", "created_at"}
    assert (rows[1]["id"], rows[1]["status"], rows[1]["channel"]) == (second, "answered", "line")
    created = datetime.fromisoformat(rows[2]["created_at"])
    assert created.tzinfo is not None and abs(created - (now - timedelta(hours=3))) < timedelta(seconds=1)
    code, out, _ = _run(["tickets", "--status", "open"], capsys)
    assert [json.loads(line)["id"] for line in out.splitlines()] == [first]


@pytest.fixture
def cli_app(monkeypatch, answerer):
    """`answer` builds the whole app; it gets the tests' model instead of loading one."""
    monkeypatch.setattr("bot.app.load_answerer", lambda: answerer)


def test_answer_command_answers_as_the_dashboard_does(app, env, cli_app, capsys):
    ticket_id = seed_ticket(app, "ขอใบรับรองการทำงานได้ที่ไหน")
    code, out, _ = _run(["answer", str(ticket_id), "ขอได้ที่กลุ่มบริหารงานบุคคลค่ะ"], capsys)
    assert code == 0 and f"ticket {ticket_id} answered" in out
    with app.extensions["db"].session() as s:
        ticket = s.get(Ticket, ticket_id)
        message = s.scalars(select(Message).where(Message.author == "staff")).one()
    assert (ticket.status, ticket.answer, ticket.answered_by) == ("answered", "ขอได้ที่กลุ่มบริหารงานบุคคลค่ะ", "cli")
    assert message.ticket_id == ticket_id and message.delivered is False  # web: waits for the visitor


@pytest.mark.parametrize("ticket, text, error", [("999", "คำตอบค่ะ", "ticket 999 does not exist"), (None, "  ", "the answer is empty")])
def test_answer_command_errors_go_to_stderr(app, env, cli_app, capsys, ticket, text, error):
    ticket_id = ticket or str(seed_ticket(app, "คำถาม"))
    code, out, err = _run(["answer", ticket_id, text], capsys)
    assert code == 1 and out == "" and error in err


def test_db_upgrade_creates_the_schema(env, database_url, capsys):
    code, out, _ = _run(["db", "upgrade"], capsys)
    assert code == 0 and "up to date" in out
    engine = create_engine(cli._database()[1]["DATABASE_URL"])
    try:
        assert {"tickets", "messages", "staff_users", "learned_entries"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_staff_add_reads_the_password_from_standard_input(app, env, monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("a-long-password\na-long-password\n"))
    code, out, _ = _run(["staff", "add", "malee"], capsys)
    assert code == 0 and "malee added" in out
    assert authenticate(app.extensions["db"], "malee", "a-long-password")
    monkeypatch.setattr(sys, "stdin", io.StringIO("another-password\n"))
    code, _, err = _run(["staff", "add", "malee"], capsys)
    assert code == 1 and "already exists" in err


@pytest.mark.parametrize(
    "typed, error", [("short\nshort\n", "at least 10 characters"), ("a-long-password\nanother-password\n", "differ"), ("", "at least 10")]
)
def test_staff_add_refuses_bad_passwords(env, monkeypatch, capsys, typed, error):
    monkeypatch.setattr(sys, "stdin", io.StringIO(typed))
    code, _, err = _run(["staff", "add", "malee"], capsys)
    assert code == 1 and error in err


def test_staff_add_as_a_script_with_python_m_bot(app, database_url):
    """The real command line, password piped in (not a terminal), stored as a current scrypt hash."""
    env = {**os.environ, "DATABASE_URL": database_url, "PYTHAINLP_OFFLINE": "1", "PYTHAINLP_READ_ONLY": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "bot", "staff", "add", "kanya"],
        input="kanya-password-1\nkanya-password-1\n",
        capture_output=True,
        text=True,
        env=env,
        cwd=PROJECT_ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert authenticate(app.extensions["db"], "kanya", "kanya-password-1")
    from bot.tables import StaffUser

    with app.extensions["db"].session() as s:
        assert s.scalars(select(StaffUser.password_hash).where(StaffUser.name == "kanya")).one().startswith("scrypt:")
