"""The Procfile's worker process, `python -m bot line-worker`: it answers the LINE events the web processes stored.

With `LINE_ANSWERS=worker` the web processes only store each event and acknowledge it to LINE; this process
claims the stored events from the database and answers them (`LineChannel.work`). Matching and sending then
never compete with the acknowledgements LINE waits for, and a surge is answered as fast as this process goes,
in order per chat. On a shared machine it runs at a lower CPU priority (`LINE_WORKER_NICE`), so the web
processes come first. It stops on SIGTERM or SIGINT: it claims nothing more and lets the events it holds
finish; any left over are claimed again once their lease runs out.
"""
from __future__ import annotations

import logging
import os
import signal
import sys
import threading

log = logging.getLogger(__name__)


def run() -> int:
    from bot import create_app
    from bot.channels.line import NOT_CONFIGURED

    app = create_app()
    channel = app.extensions.get("line")
    if channel is None:
        print(f"line-worker: {NOT_CONFIGURED}", file=sys.stderr)
        return 2
    nice = int(app.config["LINE_WORKER_NICE"])
    if nice > 0:
        lower_priority(nice)
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    poll = float(app.config["LINE_WORKER_POLL"])
    log.info("LINE worker answering stored events (looking every %.2f s when idle)", poll)
    channel.work(poll, stop, each_round=app.extensions["learned_sync"].maybe_sync)
    channel.close()
    log.info("LINE worker stopped")
    return 0


def lower_priority(nice: int) -> None:
    """Lower this process's CPU priority by ``nice``, against the web processes too.

    Where Linux groups processes by session (autogroups, on by default in most distributions), nice only ranks
    a process against those of its own session, and the sessions share the CPU equally. In a session of its own
    (as `make bench` starts it) the worker kept half of the CPU whatever its nice: it took a third of both cores
    during the bench's surge, and the webhook's acknowledgements waited. So when it leads its own session it
    lowers the session's share as well (allowed without privileges, like nice). A session shared with other
    processes, the web ones maybe, is left as it is."""
    os.nice(nice)
    if os.getsid(0) != os.getpid():
        return
    try:
        with open("/proc/self/autogroup", "w", encoding="ascii") as autogroup:
            autogroup.write(str(nice))
    except OSError:  # no autogroups here: nice alone does it
        pass
