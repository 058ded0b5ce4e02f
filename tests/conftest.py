"""Shared fixtures in the shape of Flask's tutorial: `app`, `client`, `runner`, plus the model built once.

Every database test runs against SQLite and, when TEST_DATABASE_URL names a PostgreSQL server (CI sets it),
against PostgreSQL too.
"""
from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

from bot.answering import Answerer  # noqa: E402
from bot.model import build_bundle  # noqa: E402
from knowledge import load  # noqa: E402

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
# The fake LINE API's fixtures (fake_line, line_config, line_app, webhook, line) for every test module.
pytest_plugins = ["fake_line_api"]


@pytest.fixture(scope="session")
def kb():
    return load()


@pytest.fixture(scope="session")
def bundle(kb):
    return build_bundle(kb)


@pytest.fixture
def answerer(kb, bundle):
    """A fresh Answerer per test over the shared model (tests may add entries to theirs)."""
    return Answerer(kb, bundle)


def _reset_postgres(url: str) -> None:
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    if not POSTGRES_URL:
        pytest.skip("PostgreSQL: TEST_DATABASE_URL is not set (CI sets it; see .ci/run)")
    _reset_postgres(POSTGRES_URL)
    return POSTGRES_URL


@pytest.fixture
def app_config(database_url, answerer, tmp_path):
    """Settings for a test app; tests add their own (LINE secrets, fake LINE host) before `app` is made."""
    return {
        "TESTING": True,
        "DATABASE_URL": database_url,
        "AUTO_MIGRATE": True,
        "SECRET_KEY": "test-secret-key",
        "ANSWERER": answerer,
        "ALLOWED_ORIGINS": "https://office.example",
    }


@pytest.fixture
def app(app_config):
    from bot import create_app

    application = create_app(app_config)
    yield application
    application.extensions["db"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
