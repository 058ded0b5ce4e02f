"""Alembic environment: runs on the connection `Database.upgrade` hands over, or on DATABASE_URL."""
from alembic import context
from sqlalchemy import create_engine

from bot.tables import Base

config = context.config
connection = config.attributes.get("connection")


def run(connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if connection is not None:
    run(connection)
else:
    from bot.config import from_env

    with create_engine(from_env()["DATABASE_URL"]).begin() as conn:
        run(conn)
