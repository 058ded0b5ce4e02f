"""Website chat: `POST /api/chat`, `GET /api/chat/<session_id>/messages`, the widget and the demo page.

The widget (`GET /widget.js`) runs on the office's own website, so the API answers CORS requests, but only
from the origins in ALLOWED_ORIGINS. `POST /api/chat` accepts only `application/json`, a content type
browsers never send across origins without a preflight: a page on any other origin cannot make a visitor's
browser post chat messages here.

Staff answers reach the widget through `GET /api/chat/<session_id>/messages`, which marks them delivered;
the reply to `POST /api/chat` never carries them (`Outcome.pending` is for channels that cannot be polled).

A web conversation is found by its session id alone, so the id is the visitor's only credential: 128 random
bits, made here, kept in the visitor's browser, and stored only as a keyed hash (`bot.conversation.user_key`).
"""
from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from bot.channels.web_limits import WebLimits
from bot.conversation import ASK_STAFF, ConversationStep, IncomingMessage, storable, user_key
from bot import exchange_sql as sql
from models.text import readable

bp = Blueprint("web", __name__)

CHANNEL = "web"
SESSION_ID = re.compile(r"[0-9a-f]{32}")
MESSAGE_ID = re.compile(r"[0-9]{1,15}")  # below 2**53: the widget keeps ids as JavaScript numbers
MAX_MESSAGE_CHARS = 2000
# One fetch returns at most this many messages; the widget's next poll continues after the last one.
MAX_MESSAGES_PER_FETCH = 200
# Shown at the top of every new chat, with its follow-ups as starter buttons, when the entry exists.
WELCOME_ENTRY = "smalltalk-greeting"
WIDGET_FILE = Path(__file__).resolve().parent.parent / "static" / "widget.js"
# widget.js holds this placeholder; /widget.js replaces it with the office's texts (see `widget_js`).
CONFIG_PLACEHOLDER = "/*CONFIG*/{}/*END*/"
# The demo page loads nothing from elsewhere; the widget's styles sit in its shadow root, hence inline styles.
DEMO_CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'self'"
)
# Every refusal: code -> (HTTP status, text). Thai for people, English in brackets for developers.
REFUSALS: dict[str, tuple[int, str]] = {
    "invalid_json": (400, "ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้องค่ะ (the body must be a JSON object)"),
    "bad_session_id": (400, "รหัสการสนทนาไม่ถูกต้องค่ะ (session_id must be 32 lowercase hex characters)"),
    "message_and_choice": (400, 'ส่งได้ทีละอย่างค่ะ (send either "message" or "choice", not both)'),
    "unknown_choice": (400, 'ไม่พบตัวเลือกนี้ค่ะ (unknown "choice")'),
    "missing_message": (400, 'กรุณาพิมพ์คำถามค่ะ ("message" is missing)'),
    "message_not_text": (400, 'ข้อความต้องเป็นตัวอักษรค่ะ ("message" must be a string)'),
    "empty_message": (400, 'กรุณาพิมพ์คำถามค่ะ ("message" is empty)'),
    "invalid_text": (400, 'ข้อความมีอักขระที่อ่านไม่ได้ค่ะ ("message" is not valid Unicode text)'),
    "message_too_long": (
        413,
        f"ข้อความยาวเกิน {MAX_MESSAGE_CHARS} ตัวอักษรค่ะ กรุณาส่งให้สั้นลง"
        f' ("message" is over {MAX_MESSAGE_CHARS} characters)',
    ),
    "bad_after": (400, 'ค่า after ไม่ถูกต้องค่ะ ("after" must be a message id: a whole number, 0 or more)'),
    "http_400": (400, "คำขอไม่ถูกต้องค่ะ (bad request)"),
    "http_404": (404, "ไม่พบที่อยู่นี้ค่ะ (not found)"),
    "http_405": (405, "ใช้วิธีเรียกนี้กับที่อยู่นี้ไม่ได้ค่ะ (method not allowed)"),
    "http_413": (413, "ข้อมูลที่ส่งมามีขนาดใหญ่เกินไปค่ะ (request body too large)"),
    "unsupported_media_type": (415, "กรุณาส่งข้อมูลเป็น JSON ค่ะ (Content-Type must be application/json)"),
}
# HTTP errors raised by Flask, Werkzeug or the rate limits (bot/channels/web_limits.py) under /api/, answered in
# JSON by `_json_http_error`.
HTTP_REFUSALS = {400: "http_400", 404: "http_404", 405: "http_405", 413: "http_413", 415: "unsupported_media_type"}


class ApiError(Exception):
    """A request the API refuses, by its code in REFUSALS: answered as {"error": text, "code": code}."""

    def __init__(self, code: str):
        self.status, self.text = REFUSALS[code]
        super().__init__(self.text)
        self.code = code


@dataclass(frozen=True)
class ChatRequest:
    session_id: str
    text: str | None
    choice: str | None


def new_session_id() -> str:
    return secrets.token_hex(16)


def valid_session_id(value: Any) -> bool:
    return isinstance(value, str) and SESSION_ID.fullmatch(value) is not None


def _step() -> ConversationStep:
    return current_app.extensions["conversation"]


@bp.errorhandler(ApiError)
def _api_error(error: ApiError) -> tuple[Response, int]:
    return jsonify(error=error.text, code=error.code), error.status


@bp.post("/api/chat")
def chat() -> Response:
    incoming = _read_chat_request()
    step = _step()
    outcome = step.handle(
        IncomingMessage(CHANNEL, incoming.session_id, text=incoming.text, choice=incoming.choice, polled=True)
    )
    decision = outcome.decision
    body = decision.public() | {"suggestion_ids": list(decision.suggestion_ids), "session_id": incoming.session_id}
    if decision.source:
        body["source"] = decision.source
    if outcome.ticket_id is not None:
        body["ticket"] = outcome.ticket_id
    if decision.offers_staff:
        body["ask_staff_label"] = step.answerer.kb.replies["ask_staff_label"]
    body["message_ids"] = outcome.message_ids
    return jsonify(body)


@bp.get("/api/chat/<session_id>/messages")
def messages(session_id: str) -> Response:
    if not valid_session_id(session_id):
        raise ApiError("bad_session_id")
    after_text = request.args.get("after", "0")
    if MESSAGE_ID.fullmatch(after_text) is None:
        raise ApiError("bad_after")
    step = _step()
    key = user_key(step.hash_key, CHANNEL, session_id)
    # A read: it never waits for the write turn (bot/db.py), however many people are writing meanwhile.
    with sql.exchange(step.db, write=False) as db:
        found = db.messages_after(CHANNEL, key, int(after_text), MAX_MESSAGES_PER_FETCH)
    items = [_message_json(m) for m in found]
    undelivered = [m.id for m in found if m.author == "staff" and not m.delivered]
    step.mark_delivered(undelivered)
    return jsonify(messages=items, session_id=session_id)


@bp.get("/widget.js")
def widget_js() -> Response:
    """The widget with the office's texts filled in, so the script itself holds no office-specific words."""
    source = WIDGET_FILE.read_text(encoding="utf-8")
    response = current_app.response_class(
        source.replace(CONFIG_PLACEHOLDER, json.dumps(_widget_config(), ensure_ascii=False)),
        mimetype="application/javascript",
    )
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.add_etag()
    return response.make_conditional(request)


@bp.get("/")
def demo() -> Response:
    settings = _step().answerer.kb.settings
    response = current_app.make_response(
        render_template(
            "demo.html", office_name=settings.get("office_name", ""), short_name=settings.get("office_short_name", "")
        )
    )
    response.headers["Content-Security-Policy"] = DEMO_CSP
    return response


def _read_chat_request() -> ChatRequest:
    if not request.is_json:
        raise ApiError("unsupported_media_type")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ApiError("invalid_json")
    session_id = body.get("session_id")
    if session_id is None:
        session_id = new_session_id()
    elif not valid_session_id(session_id):
        raise ApiError("bad_session_id")
    message, choice = body.get("message"), body.get("choice")
    if choice is not None:
        if message is not None:
            raise ApiError("message_and_choice")
        if not isinstance(choice, str) or (choice != ASK_STAFF and choice not in _step().answerer.kb):
            raise ApiError("unknown_choice")
        return ChatRequest(session_id, None, choice)
    if message is None:
        raise ApiError("missing_message")
    if not isinstance(message, str):
        raise ApiError("message_not_text")
    text = _clean(message)
    if not readable(text):
        raise ApiError("empty_message")
    if len(text) > MAX_MESSAGE_CHARS:
        raise ApiError("message_too_long")
    return ChatRequest(session_id, text, None)


def _clean(text: str) -> str:
    """The message as stored: control characters other than line breaks and tabs removed (PostgreSQL refuses
    NUL), trimmed. Text that is not valid Unicode (lone surrogates from JSON escapes) cannot be stored at all."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ApiError("invalid_text") from None
    return storable(text).strip()


def _message_json(m: sql.PolledMessage) -> dict[str, Any]:
    return {
        "id": m.id,
        "author": m.author,
        "text": m.text,
        "status": m.status,
        "ticket": m.ticket_id,
        "created_at": m.created_at.isoformat(),
    }


def _widget_config() -> dict[str, Any]:
    kb = _step().answerer.kb
    config: dict[str, Any] = {
        "title": kb.settings.get("office_short_name", ""),
        "staffLabel": kb.replies["staff_answer_prefix"],
        "followUpNote": kb.replies["follow_up_note"],
        "errorText": kb.replies["error"],
        "maxChars": MAX_MESSAGE_CHARS,
    }
    if WELCOME_ENTRY in kb:
        welcome = _step().answerer.answer_entry(WELCOME_ENTRY)
        config["welcome"] = {
            "reply": welcome.reply, "suggestions": welcome.suggestions, "suggestion_ids": welcome.suggestion_ids
        }
        if welcome.offers_staff:
            config["welcome"]["ask_staff_label"] = kb.replies["ask_staff_label"]
    return config


def _origin_allowed(origin: str) -> bool:
    return origin in current_app.config["ALLOWED_ORIGINS"] or origin == request.host_url.rstrip("/")


def _api_headers(response: Response) -> Response:
    """CORS for the chat API, exact origin match only; other origins get no CORS headers at all."""
    if not request.path.startswith("/api/"):
        return response
    response.headers["X-Content-Type-Options"] = "nosniff"
    if not request.path.startswith("/api/chat"):
        return response
    response.vary.add("Origin")
    origin = request.headers.get("Origin")
    if origin and _origin_allowed(origin):
        response.headers["Access-Control-Allow-Origin"] = origin
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "Content-Type"
            response.headers["Access-Control-Max-Age"] = "600"
    return response


def _json_http_error(error: HTTPException) -> Response | HTTPException:
    """HTTP errors under /api/ as JSON, so the widget and other clients can always read them; elsewhere
    Flask's own pages."""
    if not request.path.startswith("/api/"):
        return error
    code = error.code or 500
    if code == 429:
        text = _step().answerer.kb.replies["rate_limited"]
        response = jsonify(error=text, reply=text, status="rate_limited", code="rate_limited")
        if getattr(error, "retry_after", None) is not None:
            response.headers["Retry-After"] = str(error.retry_after)
    elif code >= 500:
        response = jsonify(error=_step().answerer.kb.replies["error"], code="server_error")
    else:
        refusal = HTTP_REFUSALS[code]
        response = jsonify(error=REFUSALS[refusal][1], code=refusal)
    response.status_code = code
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    # Only the chat and its polling have limits, each its own per client (their settings).
    app.extensions["web_limits"] = WebLimits(app, {"web.chat": "CHAT_RATE_LIMIT", "web.messages": "POLL_RATE_LIMIT"})
    app.after_request(_api_headers)
    for code in (*HTTP_REFUSALS, 429, 500):
        app.register_error_handler(code, _json_http_error)
