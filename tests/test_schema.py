"""The database the migrations make (the Procfile's release step, `python -m bot db upgrade`) is the one
bot/tables.py describes: every table, column and index, on SQLite and PostgreSQL. A change to the tables without
its migration fails here, not in production."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from bot.config import normalize_database_url
from bot.db import Database
from bot.tables import Base


def test_the_migrations_make_the_tables_the_app_is_written_for(database_url):
    db = Database(normalize_database_url(database_url))
    try:
        db.upgrade()
        with db.engine.connect() as conn:
            assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    finally:
        db.engine.dispose()
