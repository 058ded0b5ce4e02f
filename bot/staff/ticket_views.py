"""The ticket pages: inbox, one ticket (answer, close, add to FAQ), search and undelivered answers.

Answers and closing go through bot.handoff, the same functions the staff LINE group and the CLI use.
"""
from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for

from bot import handoff, learning
from bot.staff import queries
from bot.staff.blueprint import bp
from bot.staff.forms import TICKET_ERRORS, PromoteForm, answer_text
from bot.staff.insights import similar
from knowledge.base import MIN_VARIANTS

# Ticket ids are SQL integers: a larger number is "not found" (404), not a database error.
TICKET = f"int(max={handoff.MAX_TICKET_ID})"
MAX_PAGE = 100_000


@bp.get("")
def inbox():
    page = min(max(request.args.get("page", 1, type=int) or 1, 1), MAX_PAGE)
    with _db().session() as s:
        tickets, total = queries.open_tickets(s, page)
    pages = max((total + queries.PAGE_SIZE - 1) // queries.PAGE_SIZE, 1)
    return render_template("staff/inbox.html", tickets=tickets, total=total, page=page, pages=pages)


@bp.get(f"/tickets/<{TICKET}:ticket_id>")
def ticket(ticket_id: int):
    return _ticket_page(ticket_id)


@bp.post(f"/tickets/<{TICKET}:ticket_id>/answer")
def answer(ticket_id: int):
    text = answer_text(request.form)
    try:
        result = handoff.answer_ticket(current_app, ticket_id, text, staff=g.staff)
    except handoff.TicketError as exc:
        if exc.code == "missing":
            abort(404)
        return _ticket_page(ticket_id, answer=text, answer_error=TICKET_ERRORS.get(exc.code, str(exc)), status=400)
    if result.delivered:
        flash("ส่งคำตอบถึงผู้ถามแล้วค่ะ")
    else:
        flash("บันทึกคำตอบแล้ว คำตอบจะถึงผู้ถามเมื่อเขาเปิดหน้าแชตหรือส่งข้อความถัดไป (ดูได้ที่หน้า “ยังส่งไม่ถึง”)")
    return redirect(url_for("staff.ticket", ticket_id=ticket_id))


@bp.post(f"/tickets/<{TICKET}:ticket_id>/close")
def close(ticket_id: int):
    try:
        handoff.close_ticket(current_app, ticket_id, staff=g.staff)
    except handoff.TicketError:
        abort(404)
    flash(f"ปิดเรื่อง #{ticket_id} แล้ว")
    return redirect(url_for("staff.inbox"))


@bp.post(f"/tickets/<{TICKET}:ticket_id>/promote")
def promote(ticket_id: int):
    form = PromoteForm.from_request(request.form)
    answerer = current_app.extensions["answerer"]
    try:
        entry_id = learning.promote(_db(), answerer.kb, ticket_id, form.draft(), staff=g.staff)
    except learning.PromotionError as exc:
        form.errors = exc.errors
        return _ticket_page(ticket_id, promote_form=form, status=400)
    current_app.extensions["learned_sync"].sync()
    flash(f"เพิ่มเป็นคำถามที่พบบ่อยแล้ว ({entry_id}) บอทตอบคำถามนี้เองได้ตั้งแต่ตอนนี้")
    return redirect(url_for("staff.ticket", ticket_id=ticket_id))


@bp.get("/search")
def search():
    query = " ".join(request.args.get("q", "").split())[:200]
    results = []
    if query:
        with _db().session() as s:
            results = queries.search(s, query)
    return render_template("staff/search.html", query=query, results=results)


@bp.get("/undelivered")
def undelivered():
    with _db().session() as s:
        messages = queries.undelivered(s)
    return render_template("staff/undelivered.html", messages=messages)


@bp.post("/undelivered/retry")
def retry():
    with _db().session() as s:
        waiting = len(queries.undelivered(s))
    sent = handoff.retry_undelivered(current_app)
    flash(f"ส่งสำเร็จ {sent} จาก {waiting} ข้อความ")
    return redirect(url_for("staff.undelivered"))


def _ticket_page(
    ticket_id: int,
    answer: str = "",
    answer_error: str | None = None,
    promote_form: PromoteForm | None = None,
    status: int = 200,
):
    answerer = current_app.extensions["answerer"]
    with _db().session() as s:
        view = queries.ticket_view(s, ticket_id)
        if view is None:
            abort(404)
        promoted = learning.promoted_from(s, ticket_id)
        others = queries.recent_questions(s, exclude=ticket_id) if promote_form is None else []
    if promote_form is None:
        prepare = answerer.decider.text.prepare
        promote_form = PromoteForm(
            question=view.ticket.question,
            variants="\n".join(similar(view.ticket.question, others, lambda q: prepare(q).tokens)),
            answer=view.ticket.answer or "",
        )
    categories = sorted({e.category for e in answerer.kb.entries if e.kind == "faq"})
    return (
        render_template(
            "staff/ticket.html",
            view=view,
            answer=answer,
            answer_error=answer_error,
            form=promote_form,
            promoted=promoted,
            categories=categories,
            min_variants=MIN_VARIANTS,
        ),
        status,
    )


def _db():
    return current_app.extensions["db"]
