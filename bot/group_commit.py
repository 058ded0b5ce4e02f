"""Group commit: writes that many threads ask for at once go to the database together, in one transaction.

The LINE webhook must store each event before it answers LINE, and under a surge dozens of requests want to
write at the same moment. One transaction each means dozens of turns at the database's write lock (SQLite lets
one writer in at a time; each turn also waits for the interpreter lock while holding the write lock). Here the
first thread to arrive writes the items of every thread waiting with it in one go, and each caller returns only
once its own item is committed, so nothing is acknowledged before it is stored. With no one else waiting it
is one plain transaction, with no extra thread and no delay.

The writing thread (the leader) writes one batch, then hands the lead to the next waiting thread, so no
request keeps writing for others while its own answer waits.
"""
from __future__ import annotations

import os
import threading
from typing import Callable, Generic, Sequence, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")


class _Slot(Generic[Item, Result]):
    __slots__ = ("item", "result", "error", "lead", "ready")

    def __init__(self, item: Item):
        self.item = item
        self.result: Result | None = None
        self.error: BaseException | None = None
        self.lead = False  # woken to write the next batch rather than with a result
        self.ready = threading.Event()


class GroupCommit(Generic[Item, Result]):
    def __init__(self, write: Callable[[Sequence[Item]], Sequence[Result]]):
        """``write`` stores a batch in one transaction and returns one result per item, in order; what it
        raises is raised to every caller of that batch."""
        self._write = write
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # a lock held by another thread at fork stays held

    def _reset(self) -> None:
        self._lock = threading.Lock()
        self._waiting: list[_Slot] = []
        self._writing = False

    def submit(self, item: Item) -> Result:
        """Store ``item`` with whatever else is waiting; returns its result once committed."""
        slot: _Slot = _Slot(item)
        with self._lock:
            self._waiting.append(slot)
            lead = not self._writing
            self._writing = True
        if not lead:
            slot.ready.wait()
            if not slot.lead:
                return self._outcome(slot)
        self._write_batch()
        return self._outcome(slot)

    def _write_batch(self) -> None:
        with self._lock:
            batch, self._waiting = self._waiting, []
        try:
            results = self._write([slot.item for slot in batch])
            for slot, result in zip(batch, results, strict=True):
                slot.result = result
        except BaseException as exc:
            for slot in batch:
                slot.error = exc
        with self._lock:
            if self._waiting:  # the first of those who came meanwhile writes the next batch
                self._waiting[0].lead = True
                self._waiting[0].ready.set()
            else:
                self._writing = False
        for slot in batch:
            slot.lead = False
            slot.ready.set()

    @staticmethod
    def _outcome(slot: _Slot) -> Result:
        if slot.error is not None:
            raise slot.error
        return slot.result  # type: ignore[return-value]
