"""`python -m bot`: ask questions from the shell, prepare the model, and run the office's chores.

`line-worker` is the Procfile's worker process (bot/worker.py).

`ask` is a contract other tools rely on: one JSON object per question with `status`, `reply`, `faq_id`,
`confidence` and `suggestions`; it writes nothing anywhere.

The chores (`staff add`, `tickets`, `answer`, `db upgrade`, `purge`, `forget`) use DATABASE_URL like the app
and bring the database schema up to date first.
"""
from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from typing import Callable, TextIO

from bot.answering import Answerer
from bot.runtime import load_answerer, model_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="The office's Q&A bot.")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer one question, or one per line from standard input")
    ask.add_argument("question", nargs="?", help="the question; omit it to read questions from standard input")
    commands.add_parser("build", help="build the model from the knowledge base and save it for fast starts")
    commands.add_parser("chat", help="chat in the terminal (the same core the channels use)")
    commands.add_parser("line-worker", help="answer the LINE events the web processes stored (LINE_ANSWERS=worker)")
    _add_chores(commands)
    args = parser.parse_args(argv)
    for name, value in vars(args).items():
        if isinstance(value, str) and not _is_text(value):  # bytes the shell passed that are not UTF-8
            parser.error(f"{name}: not valid UTF-8 text")
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="surrogateescape")  # such bytes on standard input are reported, line by line
    if args.command in CHORES:
        return CHORES[args.command](args)
    if args.command == "ask":
        return _ask(args.question, sys.stdin, sys.stdout)
    if args.command == "build":
        return _build()
    if args.command == "line-worker":
        from bot.worker import run

        return run()
    return _chat(sys.stdin, sys.stdout)


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _ticket_id(value: str) -> int:
    from bot.handoff import MAX_TICKET_ID

    try:
        number = int(value)
    except ValueError:
        number = 0
    if not 1 <= number <= MAX_TICKET_ID:
        raise argparse.ArgumentTypeError(f"a ticket number is a whole number from 1 to {MAX_TICKET_ID}, not {value!r}")
    return number


def _staff_name(value: str) -> str:
    from bot.staff.auth import MAX_NAME_CHARS

    if not value.strip() or len(value) > MAX_NAME_CHARS:
        raise argparse.ArgumentTypeError(f"the name must be 1 to {MAX_NAME_CHARS} characters, not blank")
    return value


def _print(obj: dict, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


def _ask(question: str | None, stdin: TextIO, out: TextIO) -> int:
    if question is not None:
        if not question.strip():
            print("ask: the question is empty; write a question in quotes, e.g. python -m bot ask \"กลุ่มอำนวยการมีหน้าที่อะไร\"", file=sys.stderr)
            return 2
        _print(load_answerer(save=False).answer(question).public(), out)
        return 0
    answerer: Answerer = load_answerer(save=False)
    failed = False
    for number, line in enumerate(stdin, start=1):
        text = line.rstrip("\n")
        if not text.strip():
            failed = True
            _print({"error": f"line {number}: the question is empty", "line": number}, out)
            continue
        if not _is_text(text):
            failed = True
            _print({"error": f"line {number}: not valid UTF-8 text", "line": number}, out)
            continue
        _print(answerer.answer(text).public(), out)
    return 1 if failed else 0


def _build() -> int:
    from bot.model import build_bundle, save_bundle
    from knowledge import load

    path = model_path()
    bundle = build_bundle(load())
    save_bundle(bundle, path)
    print(f"model built from {len(bundle.matcher.entries)} entries and saved to {path}")
    return 0


def _chat(stdin: TextIO, out: TextIO) -> int:
    answerer = load_answerer(save=False)
    out.write("พิมพ์คำถามได้เลยค่ะ (Ctrl-D เพื่อจบ)\n> ")
    out.flush()
    for line in stdin:
        if not _is_text(line):
            out.write("ข้อความนี้ไม่ใช่ UTF-8 ที่ถูกต้องค่ะ (not valid UTF-8 text)\n")
        elif line.strip():
            decision = answerer.answer(line)
            out.write(f"[{decision.status} {decision.confidence:.2f}] {decision.reply}\n")
            for n, s in enumerate(decision.suggestions, start=1):
                out.write(f"  {n}) {s}\n")
        out.write("> ")
        out.flush()
    return 0


def _add_chores(commands) -> None:
    staff = commands.add_parser("staff", help="staff accounts for the dashboard")
    staff_commands = staff.add_subparsers(dest="staff_command", required=True)
    add = staff_commands.add_parser("add", help="add a staff user; asks for the password twice (or reads it from standard input)")
    add.add_argument("name")
    tickets = commands.add_parser("tickets", help="list tickets, one JSON object per line, newest first")
    tickets.add_argument("--status", choices=("open", "answered", "closed"))
    answer = commands.add_parser("answer", help="answer a ticket as staff, exactly as the dashboard does")
    answer.add_argument("ticket_id", type=_ticket_id)
    answer.add_argument("text")
    answer.add_argument(
        "--staff", default="cli", type=_staff_name, help="name recorded as the one who answered (default: cli)"
    )
    db = commands.add_parser("db", help="the database schema")
    db.add_subparsers(dest="db_command", required=True).add_parser("upgrade", help="apply every migration")
    commands.add_parser("purge", help="delete conversations older than retention_days (knowledge/settings.yaml)")
    forget = commands.add_parser("forget", help="delete everything kept about one person (PDPA request)")
    forget.add_argument("user_id", help="their LINE userId, or the website chat's session id")
    forget.add_argument("--channel", choices=("line", "web"), help="only this channel (default: both)")


def _database():
    """The app's database (DATABASE_URL), migrated to the current schema."""
    from bot.config import from_env
    from bot.db import Database

    config = from_env()
    db = Database(config["DATABASE_URL"])
    db.upgrade()
    return db, config


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def _staff(args: argparse.Namespace) -> int:
    from bot.staff.auth import MIN_PASSWORD_CHARS, AccountError, add_staff

    if sys.stdin.isatty():
        password = getpass.getpass(f"password for {args.name} (at least {MIN_PASSWORD_CHARS} characters): ")
        again = getpass.getpass("the same password again: ")
    else:  # scripts: the password on the first line; a second line, when given, must repeat it
        lines = sys.stdin.read().splitlines()
        password = lines[0] if lines else ""
        again = lines[1] if len(lines) > 1 else password
    if not _is_text(password) or not _is_text(again):
        return _fail("staff add: the password is not valid UTF-8 text; nothing was saved")
    if password != again:
        return _fail("staff add: the two passwords differ; nothing was saved")
    db, _ = _database()
    try:
        add_staff(db, args.name, password)
    except AccountError as exc:
        return _fail(f"staff add: {exc}")
    finally:
        db.engine.dispose()
    print(f"staff user {args.name.strip()} added; they can sign in at /staff/login")
    return 0


def _tickets(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from bot.staff.clock import as_utc
    from bot.tables import Conversation, Ticket

    db, _ = _database()
    query = select(Ticket, Conversation.channel).join(Conversation).order_by(Ticket.created_at.desc(), Ticket.id.desc())
    if args.status:
        query = query.where(Ticket.status == args.status)
    with db.session() as s:
        for ticket, channel in s.execute(query):
            _print(
                {
                    "id": ticket.id,
                    "status": ticket.status,
                    "channel": channel,
                    "question": ticket.question,
                    "created_at": as_utc(ticket.created_at).isoformat(),
                },
                sys.stdout,
            )
    db.engine.dispose()
    return 0


def _answer(args: argparse.Namespace) -> int:
    from bot import create_app
    from bot.handoff import TicketError, answer_ticket

    # The whole app, so that the channels register their outbound senders (LINE push when configured).
    app = create_app({"AUTO_MIGRATE": True})
    try:
        result = answer_ticket(app, args.ticket_id, args.text, staff=args.staff)
    except TicketError as exc:
        return _fail(f"answer: {exc}")
    finally:
        app.extensions["db"].engine.dispose()
    where = "delivered" if result.delivered else "saved; it reaches the person with their next message or chat visit"
    print(f"ticket {result.ticket_id} answered: {where}")
    return 0


def _db(args: argparse.Namespace) -> int:
    db, _ = _database()
    db.engine.dispose()
    print("database schema is up to date")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from bot.privacy import purge
    from knowledge import load

    days = load().settings.get("retention_days")
    if not isinstance(days, int) or days < 1:
        return _fail("purge: retention_days in knowledge/settings.yaml must be a whole number of days, at least 1")
    db, _ = _database()
    try:
        result = purge(db, days)
    finally:
        db.engine.dispose()
    print(
        f"purge: kept the last {days} days (since {result.cutoff:%Y-%m-%d %H:%M} UTC); deleted "
        f"{result.messages} message(s), {result.tickets} ticket(s), {result.conversations} conversation(s), "
        f"{result.events} LINE event id(s)"
    )
    if result.open_tickets_kept:
        print(f"purge: {result.open_tickets_kept} open ticket(s) older than that are kept until staff answer or close them")
    return 0


def _forget(args: argparse.Namespace) -> int:
    from bot.privacy import CHANNELS, forget

    db, config = _database()
    if config.get("SECRET_KEY_GENERATED") and not os.environ.get("USER_ID_HASH_KEY"):
        db.engine.dispose()
        return _fail("forget: set USER_ID_HASH_KEY (or SECRET_KEY) as the app has it; people are found by a keyed hash of their id")
    channels = (args.channel,) if args.channel else CHANNELS
    try:
        result = forget(db, config["USER_ID_HASH_KEY"], args.user_id, channels)
    finally:
        db.engine.dispose()
    print(
        f"forget: deleted {result.conversations} conversation(s), {result.messages} message(s) and "
        f"{result.tickets} ticket(s) on {', '.join(channels)}"
    )
    if result.events:
        print(f"forget: dropped {result.events} LINE event(s) of theirs still waiting to be answered")
    if result.learned_entries:
        print(f"forget: FAQ entries made from their tickets (not deleted; check they hold nothing personal): {', '.join(result.learned_entries)}")
    return 0


CHORES: dict[str, Callable[[argparse.Namespace], int]] = {
    "staff": _staff,
    "tickets": _tickets,
    "answer": _answer,
    "db": _db,
    "purge": _purge,
    "forget": _forget,
}
