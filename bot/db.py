"""The database as a Flask extension (`db.init_app(app)`), usable without Flask by the CLI and workers."""
from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.sqlite_checkpoints import Checkpoints

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Database:
    def __init__(self, url: str | None = None):
        self.engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._turns: WriterTurns | None = None
        self._checkpoints: Checkpoints | None = None
        if url:
            self.connect(url)

    def init_app(self, app) -> None:
        self.connect(app.config["DATABASE_URL"])
        app.extensions["db"] = self

    def connect(self, url: str) -> None:
        if url.startswith("sqlite"):
            self.engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
            event.listen(self.engine, "connect", _sqlite_pragmas)
            database = self.engine.url.database
            self._turns = WriterTurns(Path(database + "-writers.lock") if database and database != ":memory:" else None)
            self._checkpoints = Checkpoints(self.engine, self._turns.turn)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        assert self._sessions is not None, "Database is not connected"
        with self._turn(), self._sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """A SQLAlchemy Core transaction (no ORM), committed on success and rolled back on any error."""
        assert self.engine is not None, "Database is not connected"
        with self._turn(), self.engine.begin() as conn:
            yield conn

    @contextmanager
    def driver(self, write: bool = True) -> Iterator[Any]:
        """A cursor of the database driver itself (DBAPI), for the few statements run for every message
        (bot/exchange_sql.py): committed on success (``write``; in SQLite's write turn) and rolled back on any
        error. With ``write`` false it is for reading only, beside the writer, and whatever it wrote is rolled
        back."""
        assert self.engine is not None, "Database is not connected"
        with self._turn() if write else nullcontext():
            connection = self.engine.raw_connection()
            try:
                yield connection.cursor()
                if write:
                    connection.commit()
                else:
                    connection.rollback()
            except BaseException:
                connection.rollback()
                raise
            finally:
                connection.close()

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading only. It does not wait for SQLite's write turn (`WriterTurns`): in WAL mode
        readers go in beside the one writer. Whatever it writes is not committed."""
        assert self.engine is not None, "Database is not connected"
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _turn(self) -> Iterator[None]:
        """A write: SQLite's turn (`WriterTurns`), and the commit counted for the checkpoints
        (bot/sqlite_checkpoints.py). PostgreSQL needs neither."""
        if self._turns is None or self._checkpoints is None:
            yield
            return
        with self._turns.turn():
            yield
        self._checkpoints.wrote()

    def upgrade(self, revision: str = "head") -> None:
        """Apply the Alembic migrations up to ``revision``; all of them by default (what the Procfile's release
        step runs)."""
        from alembic import command
        from alembic.config import Config

        assert self.engine is not None
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)


class WriterTurns:
    """SQLite only: the transactions of every thread and process using one database file take turns here.

    SQLite lets one writer in at a time, and a writer that finds the database locked polls it with growing
    sleeps (the busy timeout). Under load that left the CPU idle while requests waited hundreds of
    milliseconds. Here a waiting thread wakes as soon as the one before it is done: a lock for the threads of
    this process, then an exclusive `flock` on a file beside the database for the processes (gunicorn
    workers). Re-entrant within a thread. PostgreSQL needs none of this."""

    def __init__(self, lock_file: Path | None):
        self.lock_file = lock_file
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # a lock held by another thread at fork stays held

    def _reset(self) -> None:
        self._threads = threading.RLock()
        self._depth = 0
        self._fd: int | None = None  # opened per process: a flock is shared by every copy of its descriptor

    @contextmanager
    def turn(self) -> Iterator[None]:
        with self._threads:
            self._depth += 1
            try:
                if self._depth == 1 and self.lock_file is not None:
                    if self._fd is None:
                        self._fd = os.open(self.lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
                    fcntl.flock(self._fd, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    if self._depth == 1 and self._fd is not None:
                        fcntl.flock(self._fd, fcntl.LOCK_UN)
            finally:
                self._depth -= 1


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the widget's polling read while a worker writes; with WAL, synchronous=NORMAL keeps every
    # committed transaction through a crash or SIGKILL of the app (only a power loss can take the last
    # ones); no commit copies the log into the database file (bot/sqlite_checkpoints.py does); foreign keys
    # make deletes cascade.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()
