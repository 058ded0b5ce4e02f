"""The Flask app factory: one app serves the website chat, its widget and demo page, the LINE webhook and
the staff dashboard. Heavy state (the model) is loaded here, once per process, before gunicorn forks."""
from __future__ import annotations

import logging
from typing import Any, Mapping

from flask import Flask, jsonify
from werkzeug.middleware.proxy_fix import ProxyFix

from bot import config as settings
from bot.conversation import ConversationStep
from bot.db import Database
from bot.runtime import load_answerer

log = logging.getLogger("bot")


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, instance_relative_config=False)
    app.config.update(settings.from_env(overrides=config))
    if app.config.get("MAX_CONTENT_LENGTH") is None:  # Flask's own default is None: no limit at all
        app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    app.json.ensure_ascii = False
    _configure_logging(app)
    hops = _proxy_hops(app.config.get("PROXY_HOPS"))
    if hops:
        # Behind nginx or a platform's router: the client's address (the rate limit's key), scheme and host
        # are taken from what the last ``hops`` proxies put in X-Forwarded-*; earlier values, which a client
        # can make up, are ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)

    db = Database()
    db.init_app(app)
    if app.config.get("AUTO_MIGRATE"):
        db.upgrade()
    answerer = app.config.get("ANSWERER") or load_answerer()
    app.extensions["answerer"] = answerer
    app.extensions["outbound"] = {}
    app.extensions["conversation"] = ConversationStep(
        answerer, db, app.config["USER_ID_HASH_KEY"], notify=lambda ticket_id: _notify_staff(app, ticket_id)
    )

    from bot.channels import line, web

    web.init_app(app)
    line.init_app(app)
    from bot import learning, staff

    staff.init_app(app)
    learning.init_app(app)

    @app.get("/healthz")
    def health():
        return jsonify(status="ok")

    for problem in settings.missing_settings(app.config):
        log.warning("setting missing: %s", problem)
    return app


def _notify_staff(app: Flask, ticket_id: int) -> None:
    """Tell staff of a new ticket on every channel that can (LINE group); failures are logged, not raised."""
    for channel in app.extensions["outbound"].values():
        notify = getattr(channel, "notify_staff", None)
        if notify is None:
            continue
        try:
            notify(ticket_id)
        except Exception:  # a notice that fails must never lose the ticket or the person's reply
            log.exception("could not notify staff of ticket %s", ticket_id)


def _proxy_hops(value: Any) -> int:
    """PROXY_HOPS as a number; a wrong value stops the start rather than silently trusting or ignoring proxies."""
    try:
        hops = int(str(value or 0).strip())
    except ValueError:
        hops = -1
    if hops < 0:
        raise ValueError(f"PROXY_HOPS must be a whole number, 0 or more (the proxies in front of the app), not {value!r}")
    return hops


def _configure_logging(app: Flask) -> None:
    if not logging.getLogger().handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
