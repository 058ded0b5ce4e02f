"""The FAQ entries staff made from answered tickets, and withdrawing one whose answer turned out wrong or old.

Withdrawing takes effect in this process at once and in every other process on its next check
(bot/learning.py); the row stays, so the page still shows what the entry said and who withdrew it when.
"""
from __future__ import annotations

import re

from flask import abort, current_app, flash, g, redirect, render_template, url_for

from bot import learning
from bot.staff.blueprint import bp

# What `learning.promote` names entries; anything else is not one (and never reaches the database).
LEARNED_ID = re.compile(r"learned-[0-9]{1,15}")


@bp.get("/learned")
def learned():
    rows = learning.all_rows(current_app.extensions["db"])
    return render_template("staff/learned.html", rows=rows)


@bp.post("/learned/<entry_id>/withdraw")
def withdraw(entry_id: str):
    if LEARNED_ID.fullmatch(entry_id) is None or not learning.withdraw(current_app.extensions["db"], entry_id, g.staff):
        abort(404)
    current_app.extensions["learned_sync"].sync()
    flash(f"ถอน {entry_id} แล้ว บอทจะไม่ตอบด้วยคำตอบนี้อีก คำถามแบบนี้จะส่งต่อให้เจ้าหน้าที่ตามปกติ")
    return redirect(url_for("staff.learned"))
