"""Group commit (bot/group_commit.py): writes asked for at once go out together, and nobody returns before
their own item is written."""
from __future__ import annotations

import threading
import time

import pytest

from bot.group_commit import GroupCommit


class Store:
    """A `write` for GroupCommit that keeps every batch and is slow enough for callers to pile up."""

    def __init__(self, fail_on: str | None = None):
        self.batches: list[list[str]] = []
        self.committed: set[str] = set()
        self.fail_on = fail_on
        self.lock = threading.Lock()

    def write(self, items):
        time.sleep(0.02)
        if self.fail_on in items:
            raise OSError("disk full")
        with self.lock:
            self.batches.append(list(items))
            self.committed.update(items)
        return [item.upper() for item in items]


def submit_all(commit: GroupCommit, store: Store, items: list[str]) -> dict[str, object]:
    """Every item submitted from its own thread at once; what each caller got (or raised), and whether its
    item was already committed when its call returned."""
    outcomes: dict[str, object] = {}
    start = threading.Barrier(len(items))

    def call(item: str) -> None:
        start.wait()
        try:
            result = commit.submit(item)
            outcomes[item] = (result, item in store.committed)
        except OSError as exc:
            outcomes[item] = exc

    threads = [threading.Thread(target=call, args=(item,)) for item in items]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    return outcomes


def test_callers_waiting_together_are_written_in_few_batches_each_getting_its_own_result():
    store = Store()
    commit = GroupCommit(store.write)
    items = [f"event-{n}" for n in range(24)]
    outcomes = submit_all(commit, store, items)
    assert outcomes == {item: (item.upper(), True) for item in items}  # its result, after its commit
    assert sorted(i for batch in store.batches for i in batch) == sorted(items)  # each written once
    assert len(store.batches) < len(items) / 2  # they were grouped


def test_a_failed_batch_raises_to_each_of_its_callers_and_later_writes_go_on():
    store = Store(fail_on="event-0")
    commit = GroupCommit(store.write)
    outcomes = submit_all(commit, store, [f"event-{n}" for n in range(8)])
    failed = [item for item, outcome in outcomes.items() if isinstance(outcome, OSError)]
    assert "event-0" in failed
    assert all(item not in store.committed for item in failed)
    assert all(outcome == (item.upper(), True) for item, outcome in outcomes.items() if item not in failed)
    assert commit.submit("later") == "LATER"


def test_one_caller_alone_is_one_plain_write():
    store = Store()
    commit = GroupCommit(store.write)
    assert commit.submit("only") == "ONLY"
    assert store.batches == [["only"]]


def test_a_write_returning_the_wrong_number_of_results_is_an_error_not_a_wrong_answer():
    commit = GroupCommit(lambda items: [])
    with pytest.raises(ValueError):
        commit.submit("x")
