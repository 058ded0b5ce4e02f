"""Signing in and out, and the guard in front of every other dashboard route.

The guard runs before each request to the blueprint, so no route can be added without it: pages redirect to
the sign-in page, other methods get 401; every POST, sign-in included, must carry the CSRF token. A NUL
character in any field or query value is refused first (400), as PostgreSQL cannot store or compare it.
"""
from __future__ import annotations

import time
from datetime import timedelta
from urllib.parse import urlsplit

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from bot.staff import csrf
from bot.staff.auth import authenticate, exists
from bot.staff.blueprint import bp

SESSION_KEY = "staff_user"
SINCE_KEY = "staff_since"
SESSION_LIFETIME = timedelta(hours=8)
OPEN_ENDPOINTS = ("staff.login", "staff.static")
# The dashboard's largest form (an FAQ entry: 30 phrasings of 300 letters and an answer) is about 90 KB
# URL-encoded, as each Thai letter takes 9 bytes; the app-wide 64 KB limit is for the public endpoints.
MAX_FORM_BYTES = 256 * 1024


@bp.before_request
def guard():
    request.max_content_length = MAX_FORM_BYTES
    if any("\x00" in value for _, value in request.values.items(multi=True)):  # PostgreSQL cannot store NUL
        abort(400, description="ข้อความมีอักขระที่ใช้ไม่ได้ (NUL) กรุณาลบออกแล้วลองอีกครั้ง")
    if request.endpoint not in OPEN_ENDPOINTS:
        name = session.get(SESSION_KEY)
        if not name or not _fresh() or not exists(current_app.extensions["db"], name):
            session.pop(SESSION_KEY, None)
            if request.method in ("GET", "HEAD"):
                return redirect(url_for("staff.login", next=request.full_path.rstrip("?")))
            abort(401)
        g.staff = name
    if request.method == "POST":
        csrf.protect()
    return None


@bp.after_request
def no_caching(response):
    """Pages with people's questions are not kept by browsers or proxies, nor framed by other sites."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    )
    return response


@bp.route("/login", methods=["GET", "POST"])
def login():
    error = None
    name = ""
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        if authenticate(current_app.extensions["db"], name, request.form.get("password", "")):
            session.pop(SESSION_KEY, None)
            csrf.renew()
            session[SESSION_KEY] = name
            session[SINCE_KEY] = time.time()
            session.permanent = True
            return redirect(_safe_next(request.args.get("next")))
        error = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง หรือบัญชีถูกระงับชั่วคราว กรุณาลองใหม่ภายหลัง"
    return render_template("staff/login.html", error=error, name=name)


@bp.post("/logout")
def logout():
    session.pop(SESSION_KEY, None)
    session.pop(SINCE_KEY, None)
    csrf.renew()
    return redirect(url_for("staff.login"))


def _fresh() -> bool:
    """Signed in less than SESSION_LIFETIME ago. The cookie's own expiry moves on with every request (Flask
    refreshes it), so without this a dashboard left open would stay signed in for ever."""
    since = session.get(SINCE_KEY)
    return isinstance(since, (int, float)) and 0 <= time.time() - since < SESSION_LIFETIME.total_seconds()


def _safe_next(target: str | None) -> str:
    """Only a dashboard path on this site: a link from elsewhere cannot send a signed-in person off-site."""
    if target:
        parts = urlsplit(target)
        unsafe = "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target)  # urlsplit drops \r\n\t
        if not parts.scheme and not parts.netloc and parts.path.startswith("/staff") and not unsafe:
            return target
    return url_for("staff.inbox")
