"""The staff dashboard under /staff: sign-in, tickets and answers, the learning loop (adding and withdrawing
FAQ entries), insights and analytics.

Server-rendered Thai pages with no scripts and nothing loaded from elsewhere; `init_app` registers it.
"""
from __future__ import annotations

from flask import Flask

from bot.staff import auth_views, learned_views, report_views, ticket_views  # noqa: F401  (they register the routes)
from bot.staff.blueprint import bp
from bot.staff.clock import office_time
from bot.staff.csrf import token
from bot.staff.sessions import StaffSessions


def init_app(app: Flask) -> None:
    """Register the dashboard and make the session cookie fit for it.

    The cookie is Secure when SESSION_COOKIE_SECURE says so or when the app is served over https
    (PUBLIC_BASE_URL), except under test, whose client speaks plain http."""
    https = str(app.config.get("PUBLIC_BASE_URL", "")).startswith("https://")
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config.get("SESSION_COOKIE_SECURE")) or (
        https and not app.config.get("TESTING")
    )
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    app.config["PERMANENT_SESSION_LIFETIME"] = auth_views.SESSION_LIFETIME
    app.session_interface = StaffSessions()
    app.register_blueprint(bp)


@bp.app_template_filter("office_time")
def _office_time(value):
    return office_time(value)


@bp.context_processor
def _helpers() -> dict:
    return {"csrf_token": token}
