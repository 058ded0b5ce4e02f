"""The rate limits' counts in memory (bot/channels/local_counts.py), through `limits`' own fixed-window strategy
as the web channel uses them: per client and window, a new window after the last one ends, no thread per count,
and the counts of clients gone for a window dropped."""
from __future__ import annotations

import threading
import time

from limits import RateLimitItemPerSecond, parse
from limits.strategies import FixedWindowRateLimiter

from bot.channels.local_counts import LocalCounts


def test_counts_per_client_until_the_window_ends():
    counts = LocalCounts()
    limiter = FixedWindowRateLimiter(counts)
    item = parse("3 per minute")
    assert [limiter.hit(item, "web.chat", "10.0.0.1") for _ in range(4)] == [True, True, True, False]
    assert limiter.hit(item, "web.chat", "10.0.0.2") and limiter.hit(item, "web.messages", "10.0.0.1")
    stats = limiter.get_window_stats(item, "web.chat", "10.0.0.1")
    assert stats.remaining == 0 and 55 < stats.reset_time - time.time() <= 60


def test_a_new_window_starts_with_nothing_counted():
    counts = LocalCounts()
    limiter = FixedWindowRateLimiter(counts)
    item = RateLimitItemPerSecond(2, 1)
    assert [limiter.hit(item, "web.chat", "10.0.0.1") for _ in range(3)] == [True, True, False]
    time.sleep(1.05)
    assert limiter.test(item, "web.chat", "10.0.0.1")
    assert [limiter.hit(item, "web.chat", "10.0.0.1") for _ in range(3)] == [True, True, False]


def test_counting_starts_no_thread():
    """`limits`' MemoryStorage started a timer thread 10 ms after a count, again and again under steady traffic."""
    limiter = FixedWindowRateLimiter(LocalCounts())
    item = parse("1000 per minute")
    before = set(threading.enumerate())
    seen = set()
    for n in range(200):
        limiter.hit(item, "web.chat", f"10.0.{n % 7}.1")
        seen |= set(threading.enumerate())
        time.sleep(0.0005)
    assert seen - before == set()


def test_counts_of_clients_gone_for_a_window_are_dropped():
    counts = LocalCounts(prune_seconds=0.3)
    limiter = FixedWindowRateLimiter(counts)
    short = RateLimitItemPerSecond(5, 1)
    for n in range(50):
        limiter.hit(short, "web.chat", f"10.0.0.{n}")
    assert len(counts) == 50
    time.sleep(1.05)  # their windows ended, and a prune is due
    limiter.hit(short, "web.chat", "10.0.0.200")
    assert len(counts) == 1
