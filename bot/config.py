"""Settings from the environment: the only place secrets come from. Nothing here is ever logged whole."""
from __future__ import annotations

import logging
import os
import secrets
from typing import Any, Mapping

from bot.runtime import instance_path

log = logging.getLogger(__name__)

# name -> (default, is it a secret, what it is for); README lists the same table.
SETTINGS: dict[str, tuple[Any, bool, str]] = {
    "SECRET_KEY": ("", True, "signs staff sessions and CSRF tokens; a random one is made per start if empty"),
    "USER_ID_HASH_KEY": ("", True, "key for the keyed hash of user ids; falls back to SECRET_KEY"),
    "LINE_CHANNEL_SECRET": ("", True, "LINE channel secret: verifies webhook signatures"),
    "LINE_CHANNEL_ACCESS_TOKEN": ("", True, "LINE channel access token: sends replies and pushes"),
    "LINE_API_BASE_URL": ("https://api.line.me", False, "LINE Messaging API host; tests point it at a local fake"),
    "LINE_GROUP_PREFIX": ("ถามบอท", False, "in LINE groups the bot answers messages starting with this (or a mention)"),
    "STAFF_LINE_GROUP_ID": ("", False, "LINE group told of new tickets; staff answer there with #<ticket> <answer>"),
    "PUBLIC_BASE_URL": ("http://127.0.0.1:8000", False, "this app's public address, for links in staff notices"),
    "DATABASE_URL": ("", False, "SQLAlchemy URL; default: SQLite file instance/bot.sqlite3"),
    "ALLOWED_ORIGINS": ("", False, "comma-separated websites allowed to embed the widget (CORS)"),
    "PORT": ("8000", False, "port for make run and the Procfile"),
    "RATELIMIT_STORAGE_URI": ("memory://", False, "rate limit storage (memory://, or redis://… to share the counts across processes)"),
    "CHAT_RATE_LIMIT": ("20 per minute", False, "per-client limit on /api/chat"),
    "POLL_RATE_LIMIT": (
        "120 per minute",
        False,
        "per-client limit on the widget fetching staff answers (GET /api/chat/<session>/messages, every 4 s while open)",
    ),
    "LINE_ANSWERS": (
        "web",
        False,
        (
            "where LINE events are answered: web (threads of the web processes) or worker (the Procfile's worker "
            "process, `python -m bot line-worker`; the web processes then only store and acknowledge them)"
        ),
    ),
    "LINE_WORKERS": ("4", False, "threads that process LINE events after the webhook has answered LINE"),
    "LINE_QUEUE_LIMIT": ("200", False, "LINE events waiting for a worker before new ones wait for the recovery sweep"),
    "LINE_API_TIMEOUT": ("10", False, "seconds before a call to LINE's API is given up"),
    "LINE_API_ATTEMPTS": ("3", False, "tries for a LINE call that failed with 429, 5xx or a time-out"),
    "LINE_RETRY_WAIT": ("0.5", False, "first wait between those tries, doubled each time"),
    "LINE_RECOVERY_SECONDS": ("15", False, "how often each process looks for stored LINE events left unhandled"),
    "LINE_RECOVERY_GRACE": ("60", False, "seconds an accepted LINE event may stay unhandled before a sweep takes it"),
    "LINE_WORKER_POLL": ("0.2", False, "seconds between the worker process's looks for new LINE events when idle"),
    "LINE_WORKER_NICE": ("10", False, "how much the worker process lowers its CPU priority (0: not at all)"),
    "LEARNED_SYNC_SECONDS": ("1", False, "how often each process looks for FAQ entries staff added"),
    "PROXY_HOPS": (
        "0",
        False,
        (
            "reverse proxies in front of the app (nginx, a platform's router) whose X-Forwarded-For/-Proto/-Host "
            "are trusted, so the rate limit sees the client's address; 0 = none, clients connect directly"
        ),
    ),
}


def normalize_database_url(url: str) -> str:
    """Platforms hand out postgres:// URLs; SQLAlchemy wants postgresql+psycopg://."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://") :]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def from_env(environ: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    env = os.environ if environ is None else environ
    config = {name: env.get(name, default) or default for name, (default, _, _) in SETTINGS.items()}
    config.update(overrides or {})
    if not config["DATABASE_URL"]:
        path = instance_path()
        path.mkdir(parents=True, exist_ok=True)
        config["DATABASE_URL"] = f"sqlite:///{path / 'bot.sqlite3'}"
    config["DATABASE_URL"] = normalize_database_url(str(config["DATABASE_URL"]))
    if not config["SECRET_KEY"]:
        config["SECRET_KEY"] = _local_secret()
        config["SECRET_KEY_GENERATED"] = True
    config["USER_ID_HASH_KEY"] = config["USER_ID_HASH_KEY"] or config["SECRET_KEY"]
    config["ALLOWED_ORIGINS"] = _origins(config["ALLOWED_ORIGINS"])
    if config["LINE_ANSWERS"] not in ("web", "worker"):  # a typo must not leave events unanswered
        raise ValueError(f"LINE_ANSWERS must be web or worker, not {config['LINE_ANSWERS']!r}")
    return config


def _local_secret() -> str:
    """For a machine without SECRET_KEY (make run): a random key kept in instance/secret_key, so staff
    sessions and the hashed user ids (which find a person's conversation again) survive a restart."""
    path = instance_path() / "secret_key"
    try:
        return path.read_text().strip() or _new_secret(path)
    except FileNotFoundError:
        return _new_secret(path)


def _new_secret(path) -> str:
    key = secrets.token_hex(32)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
    except OSError:
        log.warning("could not keep a generated secret key in %s; staff sessions end at restart", path)
    return key


def _origins(value: Any) -> tuple[str, ...]:
    if isinstance(value, (list, tuple)):
        return tuple(value)
    return tuple(o.strip().rstrip("/") for o in str(value).split(",") if o.strip())


def missing_settings(config: Mapping[str, Any]) -> list[str]:
    """Settings whose absence turns a feature off, with what is lost: for the start-up log."""
    missing = []
    if not (config.get("LINE_CHANNEL_SECRET") and config.get("LINE_CHANNEL_ACCESS_TOKEN")):
        missing.append("LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN (LINE webhook is off; web chat works)")
    if not config.get("STAFF_LINE_GROUP_ID"):
        missing.append("STAFF_LINE_GROUP_ID (staff are not told of new tickets on LINE; the dashboard still lists them)")
    if config.get("SECRET_KEY_GENERATED"):
        missing.append("SECRET_KEY (a random key kept in instance/secret_key is used; set it in production)")
    if not config.get("ALLOWED_ORIGINS"):
        missing.append("ALLOWED_ORIGINS (the widget works only on this app's own pages)")
    return missing
