"""Times as staff read them: stored in UTC, shown in Thailand's time (UTC+7 all year, no daylight saving)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from bot.tables import as_utc, utcnow

__all__ = ["OFFICE_TZ", "as_utc", "utcnow", "office_day"]

OFFICE_TZ = timezone(timedelta(hours=7), "ICT")


def office_day(value: datetime) -> date:
    return as_utc(value).astimezone(OFFICE_TZ).date()


def office_time(value: datetime | None) -> str:
    """"21/11/2026 14:05" in office time; "" for no time."""
    return as_utc(value).astimezone(OFFICE_TZ).strftime("%d/%m/%Y %H:%M") if value else ""


def duration_th(value: timedelta) -> str:
    """A duration in Thai words at minute precision: "2 วัน 3 ชั่วโมง", "1 ชั่วโมง 5 นาที", "4 นาที"."""
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} วัน {hours} ชั่วโมง"
    if hours:
        return f"{hours} ชั่วโมง {minutes} นาที"
    return f"{minutes} นาที"
