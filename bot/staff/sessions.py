"""The session cookie is the staff sign-in, so it is read only under /staff.

Flask opens the session of every request, checking the cookie's signature even when the request has no cookie
at all. The chat and the LINE webhook (nearly every request the app gets) never use it; they get Flask's null
session, which reads as empty and refuses writes."""
from __future__ import annotations

from flask import Flask, Request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from bot.staff.blueprint import bp


class StaffSessions(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if not request.path.startswith(bp.url_prefix or "/staff"):
            return None  # Flask then makes the null session
        return super().open_session(app, request)
