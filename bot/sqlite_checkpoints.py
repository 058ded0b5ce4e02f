"""SQLite only: a thread of each process copies the write-ahead log into the database file, not the commits.

SQLite's default is that the commit which takes the log past 1000 pages copies it into the database file and
waits for the disk twice (fsync) before it returns. That commit still holds the write turn (`WriterTurns` in
bot/db.py) that every writer of every process waits for, so under load both cores sat idle while it waited:
a quarter of the time on `make bench`'s /api/chat. The app's connections switch that off
(``PRAGMA wal_autocheckpoint=0``, bot/db.py), and a daemon thread per process checkpoints after every `EVERY`
commits of the process and at least every `INTERVAL` seconds while there are any. The thread ends after an
interval without commits and the next commit starts it again. When the last connection to the database
closes, SQLite checkpoints as always.

Each round is two PASSIVE checkpoints. The first copies the log beside the writers. Writers do not wait for it,
so by its end they have added more, and SQLite starts the log again from its beginning only when a writer finds
all of it copied: under steady writing that never happened, the log grew without end (934 MB after 20,000
messages) and every page looked up in it cost more (storing a message took 0.3 ms of CPU instead of 0.2). The second
copies what was added meanwhile, in the write turn, so the next writer starts the log again. It holds the
writers for that remainder and two fsyncs, a few milliseconds a round.
"""
from __future__ import annotations

import logging
import os
import threading
from typing import Callable, ContextManager

from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)
# Commits. A message's commit writes 5 to 10 pages (4 kB each), so the log stays within a few tens of MB; the
# fewer the checkpoints, the more often a page written again and again is copied once for all its writes.
EVERY = 1000
INTERVAL = 1.0


class Checkpoints:
    def __init__(self, engine: Engine, turn: Callable[[], ContextManager[None]], every: int = EVERY,
                 interval: float = INTERVAL):
        """``turn``: the write turn of the database (`WriterTurns.turn`)."""
        self.engine = engine
        self.turn = turn
        self.every = every
        self.interval = interval
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # the thread does not survive a fork; its lock might

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._commits = 0
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def wrote(self) -> None:
        """A write transaction of this process ended."""
        with self._lock:
            self._commits += 1
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="sqlite-checkpoints", daemon=True)
                self._thread.start()
            elif self._commits >= self.every:
                self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait(self.interval)
            self._wake.clear()
            with self._lock:
                commits, self._commits = self._commits, 0
                if not commits:
                    self._thread = None
                    return
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
                with self.turn(), self.engine.connect() as conn:  # the turn first, as every writer takes them
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)")
            except Exception:  # the next round tries again; SQLite's log only grows meanwhile
                log.warning("SQLite checkpoint failed", exc_info=True)
