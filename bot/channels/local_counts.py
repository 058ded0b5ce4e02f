"""The rate limits' counts in this process's memory (RATELIMIT_STORAGE_URI=memory://, the default): the storage
interface of `limits` for its fixed-window strategy, without the thread `limits.storage.MemoryStorage` runs.

MemoryStorage drops expired counts from a timer thread that fires 10 ms after a count and is started again by the
next one: under steady chat traffic, a new thread every 10 ms in every process. The request that starts it waits
until the new thread has run, and every request pays for the handoffs of the interpreter lock: on `make bench`'s
server, /api/chat cost 1.04 to 1.45 ms of CPU with it and 1.00 to 1.04 ms without, in runs side by side. Here a
count past its window reads as none and is replaced by the next one, and the counts of clients that stopped asking
are dropped every `PRUNE_SECONDS`, by the request that finds it due, so memory holds no more than the clients of
the last few windows.
"""
from __future__ import annotations

import threading
import time

from limits.storage import Storage

PRUNE_SECONDS = 60.0


class LocalCounts(Storage):
    STORAGE_SCHEME = None  # made by WebLimits for memory://, not looked up by scheme

    def __init__(self, prune_seconds: float = PRUNE_SECONDS) -> None:
        super().__init__()
        self.prune_seconds = prune_seconds
        self._lock = threading.Lock()
        self._counts: dict[str, tuple[int, float]] = {}  # key -> (count, end of its window in time.time())
        self._next_prune = time.time() + prune_seconds

    def __len__(self) -> int:
        """How many counts are kept (those of windows that ended included, until the next prune)."""
        return len(self._counts)

    @property
    def base_exceptions(self) -> type[Exception]:
        return ValueError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        with self._lock:
            if now >= self._next_prune:
                self._counts = {k: counted for k, counted in self._counts.items() if counted[1] > now}
                self._next_prune = now + self.prune_seconds
            count, ends = self._counts.get(key, (0, 0.0))
            if ends <= now:
                count, ends = 0, now + expiry
            self._counts[key] = (count + amount, ends)
            return count + amount

    def get(self, key: str) -> int:
        count, ends = self._counts.get(key, (0, 0.0))
        return count if ends > time.time() else 0

    def get_expiry(self, key: str) -> float:
        now = time.time()
        ends = self._counts.get(key, (0, 0.0))[1]
        return ends if ends > now else now

    def check(self) -> bool:
        return True

    def reset(self) -> int:
        with self._lock:
            dropped = len(self._counts)
            self._counts = {}
            return dropped

    def clear(self, key: str) -> None:
        with self._lock:
            self._counts.pop(key, None)
