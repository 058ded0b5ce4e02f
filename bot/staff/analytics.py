"""The numbers on the analytics page, computed from the messages and tickets of a period of office days.

Counting is done in Python over the period's rows rather than with date functions in SQL, so SQLite and
PostgreSQL give the same days (office time, UTC+7) with no dialect-specific SQL; an office's traffic is small.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from statistics import median
from typing import Callable, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.answering import STATUSES
from bot.staff.clock import OFFICE_TZ, as_utc, office_day
from bot.staff.insights import Group, group
from bot.tables import Conversation, Message, Ticket

CHANNELS = ("line", "web")
TOP = 10
MAX_GROUPED = 1000  # grouping compares every pair: the latest this many unanswered questions are grouped


@dataclass
class Report:
    days: list[date]
    questions: dict[date, Counter]  # day -> channel -> questions people sent
    statuses: Counter  # the bot's decisions on those questions
    top_entries: list[tuple[str, int]]  # FAQ entry id, times it was the answer
    unanswered: list[Group]  # questions the bot handed to staff, alike ones together
    answer_times: list[timedelta]  # ticket opened -> its first staff answer, for first answers in the period

    @property
    def total_questions(self) -> int:
        return sum(sum(c.values()) for c in self.questions.values())

    @property
    def total_replies(self) -> int:
        return sum(self.statuses.values())

    def rate(self, status: str) -> float:
        return self.statuses[status] / self.total_replies if self.total_replies else 0.0

    @property
    def median_answer_time(self) -> timedelta | None:
        return median(self.answer_times) if self.answer_times else None


def period(last_day: date, days: int) -> tuple[datetime, datetime]:
    """The bounds of ``days`` office days ending with ``last_day``, in UTC (SQLite compares stored UTC times
    as text, so a bound in another zone would shift the period)."""
    start = datetime.combine(last_day - timedelta(days=days - 1), time.min, OFFICE_TZ)
    end = datetime.combine(last_day + timedelta(days=1), time.min, OFFICE_TZ)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def build(s: Session, last_day: date, days: int, tokens: Callable[[str], Iterable[str]]) -> Report:
    start, end = period(last_day, days)
    in_period = (Message.created_at >= start) & (Message.created_at < end)
    first_day = last_day - timedelta(days=days - 1)
    questions: dict[date, Counter] = {first_day + timedelta(days=n): Counter() for n in range(days)}
    for created, channel in s.execute(
        select(Message.created_at, Conversation.channel).join(Conversation).where(in_period, Message.author == "user")
    ):
        questions[office_day(created)][channel] += 1
    statuses = Counter(
        dict(s.execute(select(Message.status, func.count()).where(in_period, Message.author == "bot").group_by(Message.status)).all())
    )
    top_entries = s.execute(
        select(Message.faq_id, func.count().label("n"))
        .where(in_period, Message.author == "bot", Message.faq_id.is_not(None))
        .group_by(Message.faq_id)
        .order_by(func.count().desc(), Message.faq_id)
        .limit(TOP)
    ).all()
    # The person's messages the bot could not answer are the ones it attached to a ticket.
    escalated = s.execute(
        select(Message.text, Message.created_at)
        .where(in_period, Message.author == "user", Message.ticket_id.is_not(None))
        .order_by(Message.id.desc())
        .limit(MAX_GROUPED)
    ).all()
    unanswered = group(escalated, text=lambda m: m.text, tokens=tokens, when=lambda m: as_utc(m.created_at))[:TOP]
    first_answer = (
        select(Message.ticket_id, func.min(Message.created_at).label("at"))
        .where(Message.author == "staff", Message.ticket_id.is_not(None))
        .group_by(Message.ticket_id)
        .subquery()
    )
    answered = s.execute(
        select(Ticket.created_at, first_answer.c.at)
        .join(first_answer, first_answer.c.ticket_id == Ticket.id)
        .where(first_answer.c.at >= start, first_answer.c.at < end)
    ).all()
    answer_times = [as_utc(done) - as_utc(opened) for opened, done in answered]
    return Report(
        days=list(questions),
        questions=questions,
        statuses=Counter({k: v for k, v in statuses.items() if k in STATUSES}),
        top_entries=[(entry_id, n) for entry_id, n in top_entries],
        unanswered=unanswered,
        answer_times=answer_times,
    )
