"""line-bot-sdk's `linebot.v3.messaging`, imported on first use instead of when the app starts.

Importing it defines some 400 pydantic models and took about 0.8 s, half of the app's start. No request waits
for it: the webhook checks signatures and parses events with `linebot.v3.webhook`, and everything sent to LINE
goes from the event worker threads (or a staff notice, after the person's reply is committed). So the app
starts without it, every process that serves starts importing it in a background thread (`import_soon`, at
the fork of a gunicorn worker), and whatever needs it first waits for that import through Python's import lock.
"""
from __future__ import annotations

import importlib
import threading
from types import ModuleType

MODULE = "linebot.v3.messaging"


def messaging() -> ModuleType:
    """The `linebot.v3.messaging` module (imported now if nothing has imported it yet)."""
    return importlib.import_module(MODULE)


def import_soon() -> None:
    """Start importing it in a daemon thread; returns at once."""
    threading.Thread(target=messaging, name="line-sdk-import", daemon=True).start()
