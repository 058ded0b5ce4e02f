"""A helper for the tests that show a read never queues behind someone writing (SQLite's write turn, bot/db.py)."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, TypeVar

from sqlalchemy import Executable

from bot.db import Database

Result = TypeVar("Result")


def while_someone_writes(db: Database, statement: Executable, call: Callable[[], Result], timeout: float = 5.0) -> Result:
    """``call()``'s result, called in a thread of its own while another thread holds a write transaction that ran
    ``statement`` (on SQLite: the write lock and the write turn). TimeoutError when ``call`` waited for it."""
    writing, finish = threading.Event(), threading.Event()

    def write_slowly() -> None:
        with db.transaction() as conn:
            conn.execute(statement)
            writing.set()
            finish.wait(timeout * 2)

    writer = threading.Thread(target=write_slowly)
    writer.start()
    pool = ThreadPoolExecutor(1)
    try:
        assert writing.wait(timeout), "the writer did not start"
        return pool.submit(call).result(timeout=timeout)
    finally:
        finish.set()
        writer.join()
        pool.shutdown()
