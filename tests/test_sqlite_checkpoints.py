"""SQLite's write-ahead log is copied into the database file by a thread of the process (bot/sqlite_checkpoints.py),
never by a commit, and it starts again from its beginning while writes go on without a pause."""
from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import insert

from bot.db import Database
from bot.sqlite_checkpoints import EVERY
from bot.tables import Conversation, Ticket


def database(path: Path) -> tuple[Database, int]:
    db = Database(f"sqlite:///{path}")
    db.upgrade()
    with db.transaction() as conn:
        conversation = conn.execute(insert(Conversation).values(channel="web", user_key="k")).inserted_primary_key[0]
    return db, conversation


def add_ticket(db: Database, conversation: int, n: int) -> None:
    with db.transaction() as conn:
        conn.execute(insert(Ticket).values(conversation_id=conversation, question=f"{n} " + "ถ" * 700))


def test_the_log_reaches_the_database_file_without_a_commit_copying_it(tmp_path):
    path = tmp_path / "bot.sqlite3"
    db, conversation = database(path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == 0
    size = path.stat().st_size
    for n in range(300):  # about 600 kB: fewer pages than SQLite's own 1000-page checkpoint would wait for
        add_ticket(db, conversation, n)
    deadline = time.monotonic() + 10
    while path.stat().st_size < size + 500_000 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert path.stat().st_size >= size + 500_000
    db.engine.dispose()


def test_the_log_starts_again_while_writes_go_on(tmp_path):
    """Without a pause between commits the log was never all copied when a writer came, so SQLite never started
    it again and it grew with every commit."""
    path = tmp_path / "bot.sqlite3"
    log = Path(f"{path}-wal")
    db, conversation = database(path)
    for n in range(200):
        add_ticket(db, conversation, n)
    per_commit = log.stat().st_size / 200
    for n in range(200, 4 * EVERY):
        add_ticket(db, conversation, n)

    assert log.stat().st_size < 2 * EVERY * per_commit  # the file keeps its largest size: at most two rounds
    db.engine.dispose()
