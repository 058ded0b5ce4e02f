"""Per-client rate limits on the website chat and on its polling, each its own, counted in memory by default or
in Redis when RATELIMIT_STORAGE_URI names one (then every app process shares the counts).

Built on `limits`, the library under Flask-Limiter, with its default fixed-window strategy and its storages, but
its own for counting in memory (bot/channels/local_counts.py). Flask-Limiter itself was used before: resolving
which of its limits apply to a request and writing its headers cost about 0.35 ms of CPU per chat message, a
third of everything else the message cost. Checking the one limit an endpoint has costs a tenth of that.

A client is its address (the proxy's X-Forwarded-For when PROXY_HOPS says to trust it). A refusal is an
HTTP 429 with Retry-After, answered in Thai by the web channel's error handler. When the storage cannot be
reached (Redis down), requests are let through and that is logged: an unlimited chat for a while is better
than no chat.
"""
from __future__ import annotations

import logging
import math
import time
from typing import Mapping

from flask import Flask, request
from limits import RateLimitItem, parse, storage, strategies
from werkzeug.exceptions import TooManyRequests

from bot.channels.local_counts import LocalCounts

log = logging.getLogger(__name__)
STORAGE_ERROR_LOG_SECONDS = 60.0  # a storage that stays down is logged once a minute, not on every request


class WebLimits:
    def __init__(self, app: Flask, limits: Mapping[str, str]):
        """``limits``: endpoint -> the setting that holds its limit ("20 per minute")."""
        self.app = app
        self.limits = dict(limits)
        uri = app.config["RATELIMIT_STORAGE_URI"]
        # A Redis that does not answer must not hold every chat request for the system's TCP timeout.
        options = {"socket_connect_timeout": 1.0, "socket_timeout": 1.0} if uri.startswith(("redis://", "rediss://")) else {}
        store = LocalCounts() if uri.startswith("memory://") else storage.storage_from_string(uri, **options)
        self.strategy = strategies.FixedWindowRateLimiter(store)
        self._parsed: dict[str, RateLimitItem] = {}
        self._storage_logged_at = -math.inf
        for setting in self.limits.values():  # a wrong value stops the start, not every request
            self._item(app.config[setting])
        app.before_request(self.check)

    def check(self) -> None:
        """Count this request against its endpoint's limit; raises 429 once the limit is reached."""
        setting = self.limits.get(request.endpoint or "")
        if setting is None or request.method == "OPTIONS":  # a CORS preflight is not a message
            return
        item = self._item(self.app.config[setting])
        client = request.remote_addr or "unknown"
        try:
            allowed = self.strategy.hit(item, request.endpoint, client)
            if not allowed:
                reset = self.strategy.get_window_stats(item, request.endpoint, client).reset_time
        except Exception:  # the storage is down: see the module's docstring
            self._log_storage_error()
            return
        if not allowed:
            raise TooManyRequests(retry_after=max(1, math.ceil(reset - time.time())))

    def _item(self, text: str) -> RateLimitItem:
        item = self._parsed.get(text)
        if item is None:
            item = self._parsed[text] = parse(text)
        return item

    def _log_storage_error(self) -> None:
        now = time.monotonic()
        if now - self._storage_logged_at >= STORAGE_ERROR_LOG_SECONDS:
            self._storage_logged_at = now
            log.exception("rate limit storage unreachable: requests are not limited meanwhile")
