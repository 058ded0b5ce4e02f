"""CSRF protection for the dashboard's forms: one random token per session, sent back in a hidden field.

The session cookie is SameSite=Lax too; the token also covers browsers and proxies that do not honour it."""
from __future__ import annotations

import hmac
import secrets

from flask import abort, request, session

FIELD = "csrf_token"
SESSION_KEY = "staff_csrf"


def token() -> str:
    """This session's token, made on first use (the login page makes it before anyone signs in)."""
    if SESSION_KEY not in session:
        session[SESSION_KEY] = secrets.token_urlsafe(32)
    return session[SESSION_KEY]


def renew() -> None:
    """A fresh token at sign-in and sign-out, so a token seen before does not outlive the session it was for."""
    session[SESSION_KEY] = secrets.token_urlsafe(32)


def protect() -> None:
    """Abort with 400 unless the form carries this session's token (compared in constant time)."""
    sent = request.form.get(FIELD, "")
    expected = session.get(SESSION_KEY, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, description="คำขอไม่ถูกต้องหรือหน้าเว็บหมดอายุ กรุณาโหลดหน้าใหม่แล้วลองอีกครั้ง")
