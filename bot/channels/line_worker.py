"""The threads that handle LINE events after the webhook has already answered LINE with 200.

LINE wants the webhook answered within seconds, while one event can take longer (matching, the database,
a reply with retries). So events go to a bounded pool. Events of one chat run one after another, in the order
they came, so a person who sends two messages quickly gets two answers in order and the first message of a new
person does not race itself creating their conversation. The pool is only memory: every event in it is also
stored in the database first, and what it refuses (full) or loses (the process dies) the recovery sweep takes
(bot/channels/line_inbox.py).
"""
from __future__ import annotations

import logging
import threading
import weakref
from concurrent.futures import ThreadPoolExecutor
from typing import Callable

log = logging.getLogger(__name__)


class EventPool:
    def __init__(self, workers: int, limit: int):
        """``workers`` threads; at most ``limit`` tasks queued or running before new ones are refused."""
        self._executor = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="line-event")
        self._limit = max(1, limit)
        self._pending = 0
        self._idle = threading.Condition()
        self._chat_locks: weakref.WeakValueDictionary[str, _Lock] = weakref.WeakValueDictionary()
        self._chat_locks_guard = threading.Lock()

    def submit(self, chat_key: str, task: Callable[[], None]) -> bool:
        """Queue ``task`` to run after earlier tasks of the same chat; False when the pool is full."""
        with self._idle:
            if self._pending >= self._limit:
                return False
            self._pending += 1
        try:
            self._executor.submit(self._run, chat_key, task)
        except RuntimeError:  # the pool is shut down: the app is stopping
            self._done()
            return False
        return True

    def room(self) -> int:
        """How many more tasks `submit` would take now."""
        with self._idle:
            return self._limit - self._pending

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until every queued task has finished; False if ``timeout`` seconds passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def close(self) -> None:
        self._executor.shutdown(wait=True)

    def _run(self, chat_key: str, task: Callable[[], None]) -> None:
        try:
            with self._chat_lock(chat_key):
                task()
        except Exception:  # one bad event must not kill the worker thread
            log.exception("a LINE event could not be handled")
        finally:
            self._done()

    def _chat_lock(self, chat_key: str) -> "_Lock":
        with self._chat_locks_guard:
            lock = self._chat_locks.get(chat_key)
            if lock is None:
                lock = _Lock()
                self._chat_locks[chat_key] = lock
            return lock

    def _done(self) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()


class _Lock:
    """A lock that can be weakly referenced (``threading.Lock`` cannot), so idle chats' locks go away."""

    def __init__(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> "_Lock":
        self._lock.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self._lock.release()
