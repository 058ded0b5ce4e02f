"""The learning loop: a staff answer promoted to an FAQ entry is answered at once, by every app process, and
exported for review as a knowledge file that passes the checker."""
from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
import yaml
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.answering import Answerer
from bot.config import normalize_database_url
from bot.db import Database
from bot.learning import Draft, LearnedSync, PromotionError, all_rows, promote, read_entries, validate, withdraw
from bot.staff.forms import PromoteForm
from bot.tables import LearnedEntry
from db_support import while_someone_writes
from knowledge import load
from knowledge.base import ROOT
from knowledge.check import check
from staff_support import ask, create_staff, login, post, seed_ticket

QUESTION = "ขอใบรับรองการทำงานได้ที่ไหน"
VARIANTS = (
    "ใบรับรองการทำงานขอได้ที่ไหน",
    "อยากขอใบรับรองการทำงาน ต้องไปที่ไหนครับ",
    "ขอใบรับรองการทำงานยังไง",
    "ใบรับรองการทำงาน ติดต่อใคร",
    "ขอหนังสือรับรองการทำงานได้ที่ไหนคะ",
)
ANSWER = "ขอใบรับรองการทำงานได้ที่กลุ่มบริหารงานบุคคลของสำนักงานค่ะ"
CATEGORY = "สำนักงาน"


def _form(**changes: str) -> dict[str, str]:
    form = {"question": QUESTION, "variants": "\n".join(VARIANTS), "answer": ANSWER, "category": CATEGORY}
    return {**form, **changes}


@pytest.fixture
def signed_in(app, client):
    create_staff(app)
    login(client)
    return client


def _learned(app) -> list[LearnedEntry]:
    with app.extensions["db"].session() as s:
        return list(s.scalars(select(LearnedEntry).order_by(LearnedEntry.id)))


def test_escalated_question_answered_by_staff_is_answered_by_the_bot_next_time(app, signed_in):
    first = ask(app, QUESTION, user_id="visitor-1")
    assert first.decision.status == "escalated" and first.ticket_id is not None
    assert post(signed_in, f"/staff/tickets/{first.ticket_id}/answer", answer=ANSWER).status_code == 302
    response = post(signed_in, f"/staff/tickets/{first.ticket_id}/promote", **_form())
    assert response.status_code == 302
    assert "learned-1" in signed_in.get(response.headers["Location"]).get_data(as_text=True)

    again = ask(app, QUESTION, user_id="visitor-2")
    assert (again.decision.status, again.decision.faq_id) == ("answered", "learned-1")
    assert again.decision.reply.startswith(ANSWER)
    assert "คำตอบจากเจ้าหน้าที่ของสำนักงาน" in again.decision.reply  # the source's title, not its key
    assert again.ticket_id is None
    [row] = _learned(app)
    assert (row.entry_id, row.source_ticket_id, row.created_by, row.category) == ("learned-1", first.ticket_id, "somchai", CATEGORY)


def test_the_promote_form_is_prefilled_from_the_ticket_and_alike_questions(app, signed_in):
    ticket_id = seed_ticket(app, QUESTION, answer="ตอบแล้วค่ะ")
    seed_ticket(app, VARIANTS[0], user_id="other")
    seed_ticket(app, "สนามฟุตบอลของโรงเรียนเปิดกี่โมง", user_id="unrelated")
    page = signed_in.get(f"/staff/tickets/{ticket_id}").get_data(as_text=True)
    form = page.split('action="/staff/tickets/%d/promote"' % ticket_id)[1]
    assert f'value="{QUESTION}"' in form and ">ตอบแล้วค่ะ</textarea>" in form
    variants = form.split('name="variants"')[1].split("</textarea>")[0]
    assert VARIANTS[0] in variants and "สนามฟุตบอล" not in variants


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"variants": "ขอใบรับรองได้ไหม"}, "variants", "อย่างน้อย 5 แบบ"),
        ({"variants": "\n".join(VARIANTS[:4] + (VARIANTS[0],))}, "variants", "ตอนนี้มี 4 แบบ"),
        ({"answer": "ขอได้ที่กลุ่มบริหารงานบุคคล"}, "answer", "ลงท้ายด้วย “ค่ะ”"),
        ({"answer": "ดู {phone} ค่ะ"}, "answer", "{ หรือ }"),
        ({"category": " "}, "category", "หมวดหมู่"),
        ({"question": "กลุ่มอำนวยการเขตพื้นที่มีหน้าที่อะไรบ้างคะ"}, "question", "(admin-duties)"),  # an FAQ question
        # Zero-width characters alone are nothing to read: the fuzz test saved "\u200b" as a question.
        ({"question": "\u200b"}, "question", "กรุณากรอกคำถาม"),
        ({"category": "\u200b\u200c"}, "category", "หมวดหมู่"),
        ({"variants": "\n".join(VARIANTS[:4] + ("\u200b",))}, "variants", "ตอนนี้มี 4 แบบ"),
    ],
)
def test_an_entry_that_would_break_the_faq_is_a_form_error(app, signed_in, changes, field, message):
    ticket_id = seed_ticket(app, QUESTION, answer=ANSWER)
    response = post(signed_in, f"/staff/tickets/{ticket_id}/promote", **_form(**changes))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert message in validate(PromoteForm.from_request(_form(**changes)).draft(), app.extensions["answerer"].kb)[field]
    assert _learned(app) == []
    assert ask(app, QUESTION).decision.status == "escalated"


def test_only_an_answered_ticket_is_promoted_and_only_once(app, kb):
    db = app.extensions["db"]
    draft = Draft(QUESTION, VARIANTS, ANSWER, CATEGORY)
    unanswered = seed_ticket(app, QUESTION)
    with pytest.raises(PromotionError) as error:
        promote(db, kb, unanswered, draft, staff="somchai")
    assert "ticket" in error.value.errors
    with pytest.raises(PromotionError):
        promote(db, kb, 404, draft, staff="somchai")
    answered = seed_ticket(app, QUESTION, user_id="other", answer=ANSWER)
    assert promote(db, kb, answered, draft, staff="somchai") == "learned-1"
    with pytest.raises(PromotionError) as again:
        promote(db, kb, answered, draft, staff="somchai")
    assert "learned-1" in again.value.errors["ticket"]


def test_one_entry_in_use_per_ticket_and_the_upgrade_withdraws_the_extra_ones(database_url):
    """Two staff promoting one ticket at the same moment could make two entries before revision 0003; the
    upgrade keeps the first in use, and from then on the database itself refuses a second one."""
    db = Database(normalize_database_url(database_url))
    try:
        db.upgrade("0002")
        columns = ("entry_id", "category", "question", "variants", "answer", "source_ticket_id", "created_by")
        learned = sa.table("learned_entries", *(sa.column(c) for c in columns), sa.column("created_at", sa.DateTime(timezone=True)))
        now = datetime.now(timezone.utc)
        with db.engine.begin() as conn:
            conn.execute(sa.insert(learned), [
                {"entry_id": f"learned-{n}", "category": CATEGORY, "question": QUESTION, "variants": "[]",
                 "answer": ANSWER, "source_ticket_id": ticket, "created_by": "somchai", "created_at": now}
                for n, ticket in ((1, 7), (2, 7), (3, 8))
            ])
        db.upgrade()
        assert [(r.entry_id, r.withdrawn_by) for r in all_rows(db)] == [
            ("learned-3", None), ("learned-2", "upgrade 0003"), ("learned-1", None)
        ]
        assert [e.id for e in read_entries(db)] == ["learned-1", "learned-3"]

        def another_from_ticket_7():
            with db.session() as s:
                s.add(LearnedEntry(entry_id="learned-4", category=CATEGORY, question=QUESTION, variants="[]",
                                   answer=ANSWER, source_ticket_id=7, created_by="malee"))

        with pytest.raises(IntegrityError):
            another_from_ticket_7()
        assert withdraw(db, "learned-1", staff="somchai")
        another_from_ticket_7()  # once the first is withdrawn, a corrected one is fine
        assert [e.id for e in read_entries(db)] == ["learned-3", "learned-4"]
    finally:
        db.engine.dispose()


def test_every_app_process_picks_up_a_new_entry_on_its_next_request(app_config, kb, bundle):
    from bot import create_app

    first = create_app({**app_config, "ANSWERER": Answerer(kb, bundle)})
    second = create_app({**app_config, "ANSWERER": Answerer(kb, bundle), "LEARNED_SYNC_SECONDS": 0})
    try:
        second.test_client().get("/healthz")
        assert ask(second, QUESTION, user_id="visitor-1").decision.status == "escalated"
        ticket_id = seed_ticket(first, QUESTION, user_id="visitor-9", answer=ANSWER)
        create_staff(first)
        client = first.test_client()
        login(client)
        assert post(client, f"/staff/tickets/{ticket_id}/promote", **_form()).status_code == 302

        second.test_client().get("/healthz")  # any request: the sync runs before it
        decision = ask(second, QUESTION, user_id="visitor-2").decision
        assert (decision.status, decision.faq_id) == ("answered", "learned-1")
    finally:
        first.extensions["db"].engine.dispose()
        second.extensions["db"].engine.dispose()


def test_the_check_for_new_entries_is_throttled(app, kb, bundle):
    clock = [100.0]
    answerer = Answerer(kb, bundle)
    sync = LearnedSync(app.extensions["db"], answerer, interval=1.0, clock=lambda: clock[0])
    sync.maybe_sync()
    ticket_id = seed_ticket(app, QUESTION, answer=ANSWER)
    promote(app.extensions["db"], kb, ticket_id, Draft(QUESTION, VARIANTS, ANSWER, CATEGORY), staff="somchai")
    clock[0] += 0.5
    sync.maybe_sync()
    assert "learned-1" not in answerer.kb  # checked less than a second ago
    clock[0] += 0.6
    sync.maybe_sync()
    assert "learned-1" in answerer.kb
    assert sync.sync() is False  # nothing changed since: no rebuild


def test_the_check_for_new_entries_never_waits_for_someone_writing(app, kb, bundle):
    """It runs before a request every second in every process: that request must not queue behind a surge's
    writes when nothing has changed."""
    sync = LearnedSync(app.extensions["db"], Answerer(kb, bundle), interval=0)
    assert sync.sync() is False
    holds_the_lock = update(LearnedEntry).values(category=LearnedEntry.category)
    assert while_someone_writes(app.extensions["db"], holds_the_lock, sync.sync) is False


def test_a_withdrawn_entry_is_no_longer_answered_and_the_ticket_can_be_promoted_again(app, signed_in):
    ticket_id = seed_ticket(app, QUESTION, answer=ANSWER)
    assert post(signed_in, f"/staff/tickets/{ticket_id}/promote", **_form()).status_code == 302
    assert ask(app, QUESTION, user_id="visitor-2").decision.faq_id == "learned-1"
    listed = signed_in.get("/staff/learned").get_data(as_text=True)
    assert QUESTION in listed and ANSWER in listed and 'action="/staff/learned/learned-1/withdraw"' in listed

    response = post(signed_in, "/staff/learned/learned-1/withdraw")
    assert response.status_code == 302 and response.headers["Location"].endswith("/staff/learned")
    again = ask(app, QUESTION, user_id="visitor-3")
    assert again.decision.status == "escalated" and again.ticket_id is not None
    [row] = _learned(app)
    assert row.withdrawn_by == "somchai" and row.withdrawn_at is not None and row.answer == ANSWER  # the record stays
    listed = signed_in.get("/staff/learned").get_data(as_text=True)
    assert "ถอนแล้วโดย somchai" in listed and "/withdraw" not in listed
    assert read_entries(app.extensions["db"]) == []  # nor exported

    # A corrected answer can be added again from the same ticket.
    corrected = "ขอใบรับรองการทำงานได้ที่งานธุรการของโรงเรียนที่สังกัดค่ะ"
    assert post(signed_in, f"/staff/tickets/{ticket_id}/promote", **_form(answer=corrected)).status_code == 302
    decision = ask(app, QUESTION, user_id="visitor-4").decision
    assert decision.faq_id == "learned-2" and decision.reply.startswith(corrected)


def test_withdrawing_an_unknown_entry_is_a_404(signed_in):
    assert post(signed_in, "/staff/learned/learned-99/withdraw").status_code == 404


def test_every_app_process_stops_using_a_withdrawn_entry_on_its_next_request(app_config, kb, bundle):
    from bot import create_app

    first = create_app({**app_config, "ANSWERER": Answerer(kb, bundle)})
    second = create_app({**app_config, "ANSWERER": Answerer(kb, bundle), "LEARNED_SYNC_SECONDS": 0})
    try:
        ticket_id = seed_ticket(first, QUESTION, user_id="visitor-9", answer=ANSWER)
        promote(first.extensions["db"], kb, ticket_id, Draft(QUESTION, VARIANTS, ANSWER, CATEGORY), staff="somchai")
        second.test_client().get("/healthz")
        assert ask(second, QUESTION, user_id="visitor-1").decision.faq_id == "learned-1"
        create_staff(first)
        client = first.test_client()
        login(client)
        assert post(client, "/staff/learned/learned-1/withdraw").status_code == 302

        second.test_client().get("/healthz")  # any request: the sync runs before it
        assert ask(second, QUESTION, user_id="visitor-2").decision.status == "escalated"
    finally:
        first.extensions["db"].engine.dispose()
        second.extensions["db"].engine.dispose()


def test_withdrawing_wins_over_an_export_already_in_the_knowledge_files(app, kb):
    """The entry was exported and committed (knowledge/learned/), then staff withdrew it: the bot stops using
    it now; the next export leaves it out of the file."""
    db = app.extensions["db"]
    ticket_id = seed_ticket(app, QUESTION, answer=ANSWER)
    promote(db, kb, ticket_id, Draft(QUESTION, VARIANTS, ANSWER, CATEGORY), staff="somchai")
    [exported] = read_entries(db)
    from_files = kb.with_entries([replace(exported, origin="learned/staff-answers.yaml")])
    answerer = Answerer(from_files)
    sync = LearnedSync(db, answerer)
    assert answerer.answer(QUESTION).faq_id == "learned-1"
    assert withdraw(db, "learned-1", staff="somchai") is True
    assert sync.sync() is True
    assert "learned-1" not in answerer.kb and answerer.answer(QUESTION).status == "escalated"


def test_export_writes_a_knowledge_file_that_passes_the_check(app, monkeypatch, tmp_path, database_url, capsys):
    from knowledge.__main__ import main as knowledge_main

    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "staff-answers.yaml"
    assert knowledge_main(["export", "--out", str(out)]) == 0
    assert "nothing written" in capsys.readouterr().out and not out.exists()

    db = app.extensions["db"]
    kb = app.extensions["answerer"].kb
    ticket_id = seed_ticket(app, QUESTION, answer=ANSWER)
    promote(db, kb, ticket_id, Draft(QUESTION, VARIANTS, ANSWER, CATEGORY), staff="somchai")
    assert knowledge_main(["export", "--out", str(out)]) == 0
    assert "1 learned entry written" in capsys.readouterr().out

    [data] = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data == {
        "id": "learned-1",
        "kind": "faq",
        "category": CATEGORY,
        "question": QUESTION,
        "variants": list(VARIANTS),
        "answer": ANSWER,
        "source": {"document": "staff-answers", "section": f"ticket {ticket_id}"},
    }
    root = tmp_path / "knowledge"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("__pycache__", "learned"))
    (root / "learned").mkdir()
    shutil.copy(out, root / "learned" / "staff-answers.yaml")
    assert check(root) == []
    entry = load(root).get("learned-1")
    assert entry is not None and entry.origin == "learned/staff-answers.yaml"
    assert read_entries(db) == [replace(entry, origin="learned (database)")]  # the file says what the database does


def test_export_reports_an_unusable_database(monkeypatch, tmp_path, capsys):
    from knowledge.__main__ import main as knowledge_main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    assert knowledge_main(["export", "--out", str(tmp_path / "out.yaml")]) == 1
    assert "cannot read learned entries" in capsys.readouterr().err
