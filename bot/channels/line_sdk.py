"""What this app loads of line-bot-sdk, and when.

Nothing of it is imported when the app starts. `linebot.v3` (the webhook parser and the event models: importing
it took 0.4–0.5 s, a fifth of a web process's start) is imported at the first webhook or the first event a
process answers, `linebot.v3.messaging` (some 400 pydantic models: 1.3 s) at the first reply or push. A process
that answers LINE events (the web processes with `LINE_ANSWERS=web`, the worker process) starts importing both
in a background thread as it starts to serve (`import_soon`, at the fork of a gunicorn worker), so that its
first answers do not wait for them; whatever needs a module first waits for that import through Python's
import lock. A web process that only stores events (`LINE_ANSWERS=worker`) does not: the background import took
CPU from its first answers (start to the first answer, measured as `make bench` measures it, median of 5: 2.77 s
with it, 2.42 s without; 2.05 s when `linebot.v3` too was no longer imported at start), and such a process needs
`linebot.v3` only to check a webhook's signature and `linebot.v3.messaging` only to push a staff answer or a staff
notice, the first of which then waits for the import (a notice in an event thread, after the person's reply).

aiohttp and requests are not loaded at all (`defer_unused_dependencies`). The SDK's packages import them as
they load, for clients this app never uses: aiohttp for the v3 asyncio clients (`Async*Api`), requests for the
legacy v2 `LineBotApi` that `import linebot` still sets up. This app sends with the v3 synchronous client, which
uses urllib3. Left to load, the two held about 14 MB in every process (`make bench` counts RSS per process).
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from linebot.v3.webhook import WebhookParser

MESSAGING = "linebot.v3.messaging"
WEBHOOKS = "linebot.v3.webhooks"
UNUSED_DEPENDENCIES = ("aiohttp", "requests")
_loading = threading.Lock()


def messaging() -> types.ModuleType:
    """The `linebot.v3.messaging` module (imported now if nothing has imported it yet)."""
    return importlib.import_module(MESSAGING)


def webhooks() -> types.ModuleType:
    """The `linebot.v3.webhooks` module, the event models (imported now if nothing has imported it yet)."""
    return importlib.import_module(WEBHOOKS)


def webhook_parser(channel_secret: str) -> WebhookParser:
    """The SDK's parser of webhook bodies, which also checks their signature."""
    return importlib.import_module("linebot.v3.webhook").WebhookParser(channel_secret)


def _import_both() -> None:
    webhooks()
    messaging()


def import_soon() -> None:
    """Start importing the event models, then the messaging module, in a daemon thread; returns at once."""
    threading.Thread(target=_import_both, name="line-sdk-import", daemon=True).start()


class _LoadedOnFirstUse(types.ModuleType):
    """Stands in for a module in `sys.modules` until something reads an attribute it lacks: then the real
    module is imported, takes its place there, and answers that read and every later one. `import x` only
    reads `__spec__`, which the stand-in has, so the SDK's `import aiohttp` lines load nothing."""

    def __getattr__(self, name: str) -> Any:
        with _loading:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
                try:
                    importlib.import_module(self.__name__)
                except BaseException:
                    sys.modules.setdefault(self.__name__, self)
                    raise
        return getattr(sys.modules[self.__name__], name)


def defer_unused_dependencies() -> None:
    """Put stand-ins for `UNUSED_DEPENDENCIES` in `sys.modules`; must run before the first `import linebot`.
    A module already loaded, or not installed, is left as it is."""
    for name in UNUSED_DEPENDENCIES:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        stand_in = _LoadedOnFirstUse(name)
        stand_in.__spec__ = spec
        sys.modules[name] = stand_in
