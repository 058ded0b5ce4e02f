"""What this app loads of line-bot-sdk, and when.

`linebot.v3.messaging` is imported on first use instead of when the app starts. Importing it defines some 400
pydantic models and took about 0.8 s, half of the app's start. No request waits for it: the webhook checks
signatures and parses events with `linebot.v3.webhook`, and everything sent to LINE goes from the event worker
threads (or a staff notice, after the person's reply is committed). So the app starts without it, every
process that serves starts importing it in a background thread (`import_soon`, at the fork of a gunicorn
worker), and whatever needs it first waits for that import through Python's import lock.

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
from typing import Any

MODULE = "linebot.v3.messaging"
UNUSED_DEPENDENCIES = ("aiohttp", "requests")
_loading = threading.Lock()


def messaging() -> types.ModuleType:
    """The `linebot.v3.messaging` module (imported now if nothing has imported it yet)."""
    return importlib.import_module(MODULE)


def import_soon() -> None:
    """Start importing it in a daemon thread; returns at once."""
    threading.Thread(target=messaging, name="line-sdk-import", daemon=True).start()


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
