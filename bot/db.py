"""The database as a Flask extension (`db.init_app(app)`), usable without Flask by the CLI and workers."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Database:
    def __init__(self, url: str | None = None):
        self.engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        if url:
            self.connect(url)

    def init_app(self, app) -> None:
        self.connect(app.config["DATABASE_URL"])
        app.extensions["db"] = self

    def connect(self, url: str) -> None:
        if url.startswith("sqlite"):
            self.engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 15})
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session committed on success and rolled back on any error."""
        assert self._sessions is not None, "Database is not connected"
        with self._sessions() as s:
            try:
                yield s
                s.commit()
            except BaseException:
                s.rollback()
                raise

    def upgrade(self) -> None:
        """Apply every Alembic migration (what the Procfile's release step runs)."""
        from alembic import command
        from alembic.config import Config

        assert self.engine is not None
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets the widget's polling read while a worker writes; with WAL, synchronous=NORMAL keeps every
    # committed transaction through a crash or SIGKILL of the app (only a power loss can take the last
    # ones); foreign keys make deletes cascade.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()
