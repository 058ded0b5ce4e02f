"""The office's Q&A bot: channels (LINE, website chat), the conversation step, handoff and storage."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: Mapping[str, Any] | None = None) -> "Flask":
    """The Flask app (imported lazily so `python -m bot ask` starts without Flask)."""
    from bot.app import create_app as factory

    return factory(config)
