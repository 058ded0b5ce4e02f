"""The insights page (questions asked most, alike ones together) and the analytics page."""
from __future__ import annotations

from flask import current_app, render_template, request

from bot.answering import STATUSES
from bot.staff import analytics, queries
from bot.staff.blueprint import bp
from bot.staff.charts import Series, horizontal_bars, stacked_bars
from bot.staff.clock import OFFICE_TZ, as_utc, duration_th, utcnow
from bot.staff.insights import group

PERIODS = (7, 30, 90)
SHOWN_GROUPS = 50
CHANNEL_NAMES = {"line": "LINE", "web": "เว็บไซต์"}
CHANNEL_COLORS = {"line": "#06c755", "web": "#2b6cb0"}
STATUS_NAMES = {"answered": "ตอบได้", "clarify": "ถามกลับให้เลือก", "smalltalk": "ทักทาย/พูดคุย", "escalated": "ส่งต่อเจ้าหน้าที่"}


def _tokens():
    prepare = current_app.extensions["answerer"].decider.text.prepare
    return lambda text: prepare(text).tokens


@bp.get("/insights")
def insights():
    with current_app.extensions["db"].session() as s:
        tickets = queries.grouped_tickets(s)
    groups = group(tickets, text=lambda row: row[0].question, tokens=_tokens(), when=lambda row: as_utc(row[0].created_at))
    return render_template("staff/insights.html", groups=groups[:SHOWN_GROUPS], total=len(tickets))


@bp.get("/analytics")
def analytics_page():
    days = request.args.get("days", 30, type=int)
    days = days if days in PERIODS else 30
    today = utcnow().astimezone(OFFICE_TZ).date()
    with current_app.extensions["db"].session() as s:
        report = analytics.build(s, today, days, _tokens())
    kb = current_app.extensions["answerer"].kb
    labels = [d.strftime("%d/%m") for d in report.days]
    per_day = stacked_bars(
        labels,
        [Series(CHANNEL_NAMES[c], CHANNEL_COLORS[c], [report.questions[d][c] for d in report.days]) for c in analytics.CHANNELS],
        title="จำนวนคำถามต่อวัน แยกตามช่องทาง",
    )
    rates = horizontal_bars(
        [(STATUS_NAMES[st], report.rate(st), f"{report.rate(st):.0%}") for st in STATUSES],
        title="สัดส่วนผลการตอบของบอท",
    )
    entries = horizontal_bars(
        [(_question(kb, entry_id), n, str(n)) for entry_id, n in report.top_entries],
        title="คำถามที่พบบ่อยที่ถูกใช้ตอบมากที่สุด",
    )
    return render_template(
        "staff/analytics.html",
        report=report,
        days=days,
        periods=PERIODS,
        channels=analytics.CHANNELS,
        channel_names=CHANNEL_NAMES,
        statuses=STATUSES,
        status_names=STATUS_NAMES,
        entry_question=lambda entry_id: _question(kb, entry_id),
        charts={"per_day": per_day, "rates": rates, "entries": entries},
        duration=duration_th,
    )


def _question(kb, entry_id: str) -> str:
    entry = kb.get(entry_id)
    return entry.question if entry else entry_id
