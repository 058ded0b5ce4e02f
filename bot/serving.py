"""gunicorn settings for the app, loaded by the Procfile's web process (`gunicorn -c python:bot.serving …`).

Python's cyclic garbage collector now and then walks every object a process holds. With the model and the
knowledge base loaded that is some 180,000 objects, and each such walk stops every thread of the worker for
about 90 ms (measured with `gc.collect()` after `create_app`); any request that comes meanwhile waits that
long. With ``--preload`` the master loads the app once; `gc.freeze` then moves everything it holds out of the
collector's reach, so the workers it forks walk only what they make themselves. The objects the master froze
stay alive, as they would anyway, and the workers no longer write to their pages, which keeps those pages
shared: the total memory (PSS) of `make bench`'s processes went from 377 to 336 MB.
"""
from __future__ import annotations

import gc
from typing import Any


def when_ready(server: Any) -> None:
    """Called by gunicorn in the master once the app is loaded (``--preload``) and before any worker is forked."""
    gc.freeze()
