"""The staff dashboard: sign-in and its protections, the ticket pages, insights and analytics."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
from flask import url_for
from sqlalchemy import select, update

from bot.staff.clock import OFFICE_TZ
from bot.tables import Conversation, Message, StaffUser, Ticket
from staff_support import PASSWORD, STAFF, FakeChannel, ask, create_staff, csrf, login, post, seed_ticket

GENERIC_ERROR = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"


@pytest.fixture
def staff(app):
    create_staff(app)
    return STAFF


@pytest.fixture
def signed_in(client, staff):
    assert login(client).status_code == 302
    return client


def _text(response) -> str:
    return response.get_data(as_text=True)


def _rows(app, model, *where):
    with app.extensions["db"].session() as s:
        return list(s.scalars(select(model).where(*where)))


# --- signing in ---------------------------------------------------------------------------------------------


def test_every_staff_route_needs_a_signed_in_user(app, client):
    seed_ticket(app, "คำถามหนึ่ง")
    rules = [r for r in app.url_map.iter_rules() if r.endpoint.startswith("staff.")]
    checked = set()
    for rule in rules:
        if rule.endpoint in ("staff.login", "staff.static"):
            continue
        with app.test_request_context():
            url = url_for(rule.endpoint, **{name: 1 for name in rule.arguments})
        if "GET" in rule.methods:
            response = client.get(url)
            assert response.status_code == 302, url
            assert response.headers["Location"].startswith("/staff/login"), url
            checked.add(rule.endpoint)
        if "POST" in rule.methods:
            assert client.post(url, data={"answer": "x"}).status_code == 401, url
            checked.add(rule.endpoint)
    pages = {"inbox", "ticket", "search", "undelivered", "insights", "analytics_page", "learned"}
    actions = {"answer", "close", "promote", "retry", "logout", "withdraw"}
    assert checked == {f"staff.{name}" for name in pages | actions}
    assert _rows(app, Ticket)[0].status == "open"


def test_sign_in_opens_the_inbox_with_a_hardened_session_cookie(client, staff):
    response = login(client)
    assert response.status_code == 302 and response.headers["Location"] == "/staff"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    expires = datetime.strptime(re.search(r"Expires=([^;]+)", cookie).group(1), "%a, %d %b %Y %H:%M:%S GMT")
    lifetime = expires.replace(tzinfo=timezone.utc) - datetime.now(timezone.utc)
    assert timedelta(hours=7, minutes=55) < lifetime <= timedelta(hours=8)
    page = client.get("/staff")
    assert page.status_code == 200 and STAFF in _text(page)
    assert page.headers["Cache-Control"] == "no-store" and "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]


def test_session_cookie_is_secure_when_served_over_https(app_config):
    from bot import create_app

    app = create_app({**app_config, "TESTING": False, "PUBLIC_BASE_URL": "https://bot.office.example"})
    try:
        response = app.test_client().get("/staff/login")  # the session starts here, with the CSRF token
        assert "Secure" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    finally:
        app.extensions["db"].engine.dispose()


def test_a_session_ends_eight_hours_after_sign_in_however_busy(signed_in):
    with signed_in.session_transaction("/staff/") as session:
        session["staff_since"] -= 8 * 3600 - 60
    assert signed_in.get("/staff").status_code == 200
    with signed_in.session_transaction("/staff/") as session:
        session["staff_since"] -= 120
    response = signed_in.get("/staff")
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login")


def test_wrong_password_and_unknown_name_get_the_same_answer(client, staff):
    wrong = login(client, password="not-the-password")
    unknown = login(client, name="nobody")
    for response in (wrong, unknown):
        assert response.status_code == 200 and GENERIC_ERROR in _text(response)
    assert client.get("/staff").status_code == 302


def test_five_failures_lock_the_account_for_fifteen_minutes(app, client, staff):
    for _ in range(5):
        assert GENERIC_ERROR in _text(login(client, password="wrong-password"))
    user = _rows(app, StaffUser)[0]
    locked_for = user.locked_until.replace(tzinfo=timezone.utc) - datetime.now(timezone.utc)
    assert timedelta(minutes=14) < locked_for <= timedelta(minutes=15)
    right = login(client)
    assert right.status_code == 200 and GENERIC_ERROR in _text(right)  # locked: even the right password fails
    with app.extensions["db"].session() as s:
        s.execute(update(StaffUser).values(locked_until=datetime.now(timezone.utc) - timedelta(seconds=1)))
    assert login(client).status_code == 302
    user = _rows(app, StaffUser)[0]
    assert user.failed_logins == 0 and user.locked_until is None


def test_a_success_resets_the_count_of_failures(app, client, staff):
    for _ in range(4):
        login(client, password="wrong-password")
    assert login(client).status_code == 302
    assert _rows(app, StaffUser)[0].failed_logins == 0


def test_sign_in_without_the_csrf_token_is_refused(client, staff):
    client.get("/staff/login")
    response = client.post("/staff/login", data={"name": STAFF, "password": PASSWORD})
    assert response.status_code == 400
    assert client.get("/staff").status_code == 302


def test_a_form_with_a_wrong_csrf_token_is_refused(app, signed_in):
    ticket_id = seed_ticket(app, "ขอเอกสารได้ที่ไหน")
    response = signed_in.post(f"/staff/tickets/{ticket_id}/answer", data={"answer": "ได้ค่ะ", "csrf_token": "forged"})
    assert response.status_code == 400
    missing = signed_in.post(f"/staff/tickets/{ticket_id}/close", data={})
    assert missing.status_code == 400
    assert _rows(app, Ticket)[0].status == "open"


def test_the_csrf_token_changes_when_someone_signs_in(client, staff):
    client.get("/staff/login")
    before = csrf(client)
    login(client)
    assert csrf(client) != before


def test_sign_out_is_a_post_with_the_csrf_token(signed_in):
    assert signed_in.get("/staff/logout").status_code == 405
    assert signed_in.post("/staff/logout").status_code == 400
    response = post(signed_in, "/staff/logout")
    assert response.status_code == 302
    assert signed_in.get("/staff").status_code == 302


def test_after_sign_in_only_a_dashboard_page_is_a_redirect_target(client, staff):
    assert login(client, next_url="/staff/analytics").headers["Location"] == "/staff/analytics"
    for target in ("//evil.example/staff", "https://evil.example/staff", "/elsewhere"):
        client.post("/staff/logout", data={"csrf_token": csrf(client)})
        assert login(client, next_url=target).headers["Location"] == "/staff", target


def test_a_deleted_account_loses_its_session(app, signed_in):
    with app.extensions["db"].session() as s:
        s.query(StaffUser).delete()
    assert signed_in.get("/staff").status_code == 302


# --- tickets ---------------------------------------------------------------------------------------------------


def test_inbox_lists_open_tickets_newest_first_with_the_conversation_around_them(app, signed_in):
    now = datetime.now(timezone.utc)
    older = seed_ticket(app, "คำถามเก่ากว่า", user_id="a", created_at=now - timedelta(hours=2), before=("สวัสดีค่ะ",))
    newer = seed_ticket(app, "คำถามใหม่กว่า", user_id="b", created_at=now - timedelta(hours=1))
    seed_ticket(app, "คำถามที่ตอบแล้ว", user_id="c", status="answered", answer="ตอบแล้วค่ะ")
    ask(app, "รายละเอียดเพิ่มเติม ขอใบรับรองการทำงาน", user_id="b")  # added to b's open ticket
    page = _text(signed_in.get("/staff"))
    assert page.index(f"#{newer} คำถามใหม่กว่า") < page.index(f"#{older} คำถามเก่ากว่า")
    assert "คำถามที่ตอบแล้ว" not in page
    assert "สวัสดีค่ะ" in page  # before the question
    assert "รายละเอียดเพิ่มเติม ขอใบรับรองการทำงาน" in page  # after it


def test_questions_are_shown_escaped(app, signed_in):
    ticket_id = seed_ticket(app, "<script>alert(1)</script>")
    for url in ("/staff", f"/staff/tickets/{ticket_id}", "/staff/search?q=script", "/staff/insights", "/staff/analytics"):
        page = _text(signed_in.get(url))
        assert "<script>alert(1)</script>" not in page, url
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in _text(signed_in.get(f"/staff/tickets/{ticket_id}"))


def test_ticket_page_shows_the_whole_conversation_and_the_forms(app, signed_in):
    ticket_id = seed_ticket(app, "ขอใบรับรองการทำงานได้ที่ไหน", before=("สวัสดีค่ะ",))
    page = _text(signed_in.get(f"/staff/tickets/{ticket_id}"))
    assert "สวัสดีค่ะ" in page and "ขอใบรับรองการทำงานได้ที่ไหน" in page
    assert f'action="/staff/tickets/{ticket_id}/answer"' in page and f'action="/staff/tickets/{ticket_id}/close"' in page
    assert "ตอบคำถามนี้ก่อน" in page  # promoting waits for an answer
    assert signed_in.get("/staff/tickets/999").status_code == 404


def test_a_question_that_does_not_say_what_about_is_shown_with_what_it_follows(app, signed_in):
    ask(app, "กลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ")
    outcome = ask(app, "แล้วเมื่อไหร่คะ")
    assert (outcome.decision.status, outcome.decision.reason) == ("escalated", "no-subject")
    page = _text(signed_in.get(f"/staff/tickets/{outcome.ticket_id}"))
    assert "ข้อความไม่ได้บอกว่าถามเรื่องใด" in page
    assert "กลุ่มอำนวยการมีหน้าที่อะไรบ้างคะ" in page and "แล้วเมื่อไหร่คะ" in page


def test_a_question_in_english_tells_staff_they_may_answer_in_english(app, signed_in):
    outcome = ask(app, "Hello, my son's school closed, who do I contact?")
    page = _text(signed_in.get(f"/staff/tickets/{outcome.ticket_id}"))
    assert "ผู้ถามเขียนเป็นภาษาอังกฤษ" in page and "in-english" not in page


@pytest.mark.parametrize(
    "message, reason, named",
    [
        ("ช่วยแปลหน้าที่กลุ่มอำนวยการเป็นภาษาอังกฤษให้หน่อยค่ะ", "task", "ผู้ถามขอให้แปลหรือเขียนข้อความให้"),
        ("ช่วยทำรายงานเรื่องการกระจายอำนาจให้ลูกหน่อยค่ะ", "task", "ทำการบ้านหรือรายงานให้"),
        ("อยากให้เขตมาตรวจโรงเรียนลูก ทำยังไง", "action", "ผู้ถามขอให้สำนักงานมาดำเนินการในเรื่องของตน"),
        ("งบประมาณโรงเรียนลูกถูกตัด เขตดูแลไหม", "own-case", "เป็นเรื่องเฉพาะของโรงเรียนหรือบุตรหลานของผู้ถาม"),
        ("ได้ยินว่าเขตจะตัดงบโรงเรียนเล็ก จริงไหมคะ", "rumour", "ผู้ถามถามถึงข่าวเรื่องสิ่งที่สำนักงานจะทำ"),
        ("ครูในหมู่บ้านบอกว่าไม่เคยได้รับการพัฒนาจากเขตเลย", "complaint", "ผู้ถามแจ้งปัญหาหรือร้องเรียน"),
        ("เครือข่ายความร่วมมือกับองค์คณะบุคคลเกี่ยวข้องกันยังไงคะ", "compared-apart", "ผู้ถามเปรียบเทียบหรือถามความเกี่ยวข้อง"),
        ("ข้อ 9 ในหน้ากระจายอำนาจเขียนว่าอะไรคะ", "not-on-the-pages", "ผู้ถามอ้างถึงข้อหรือหัวข้อที่ไม่มีในหน้าเว็บ"),
        ("ข้อ 3 คืออะไรคะ", "place-unclear", "ผู้ถามอ้างถึงข้อหรือหัวข้อโดยไม่ชัดว่าหมายถึงหน้าใด"),
    ],
)
def test_what_only_staff_can_do_is_named_to_staff(app, signed_in, message, reason, named):
    outcome = ask(app, message)
    assert (outcome.decision.status, outcome.decision.reason) == ("escalated", reason)
    page = _text(signed_in.get(f"/staff/tickets/{outcome.ticket_id}"))
    assert named in page and f"· {reason}" not in page  # named in Thai, not by its code


def test_a_reason_found_in_part_of_a_message_is_named_by_its_first_word(app, signed_in):
    outcome = ask(app, "เรียน เจ้าหน้าที่\nกลุ่มบริหารงานบุคคลมีหน้าที่อะไรคะ\nขอแสดงความนับถือ")
    assert (outcome.decision.status, outcome.decision.reason) == ("escalated", "not-covered in a letter")
    page = _text(signed_in.get(f"/staff/tickets/{outcome.ticket_id}"))
    assert "เป็นเรื่องที่เอกสารของบริการไม่ครอบคลุม" in page and "in a letter" not in page


def test_answer_from_the_dashboard_waits_for_a_web_visitor(app, signed_in):
    outcome = ask(app, "ขอใบรับรองการทำงานได้ที่ไหน", user_id="visitor-7")
    assert outcome.decision.status == "escalated"
    response = post(signed_in, f"/staff/tickets/{outcome.ticket_id}/answer", answer="ขอได้ที่กลุ่มบริหารงานบุคคลค่ะ")
    assert response.status_code == 302
    ticket = _rows(app, Ticket)[0]
    assert (ticket.status, ticket.answered_by, ticket.answer) == ("answered", STAFF, "ขอได้ที่กลุ่มบริหารงานบุคคลค่ะ")
    [staff_message] = _rows(app, Message, Message.author == "staff")
    assert staff_message.ticket_id == ticket.id and staff_message.delivered is False
    assert "ขอได้ที่กลุ่มบริหารงานบุคคลค่ะ" in _text(signed_in.get("/staff/undelivered"))
    # the web widget picks it up with the visitor's next message
    assert [p.text for p in ask(app, "ขอบคุณค่ะ", user_id="visitor-7").pending] == ["ขอได้ที่กลุ่มบริหารงานบุคคลค่ะ"]


def test_answer_is_delivered_at_once_when_the_channel_can(app, signed_in):
    channel = app.extensions["outbound"]["web"] = FakeChannel()
    ticket_id = seed_ticket(app, "คำถาม")
    response = post(signed_in, f"/staff/tickets/{ticket_id}/answer", answer="คำตอบค่ะ")
    assert "ส่งคำตอบถึงผู้ถามแล้ว" in _text(signed_in.get(response.headers["Location"]))
    assert [text for _, text in channel.sent] == ["คำตอบค่ะ"]
    assert _rows(app, Message, Message.author == "staff")[0].delivered is True


def test_an_empty_answer_is_a_form_error(app, signed_in):
    ticket_id = seed_ticket(app, "คำถาม")
    response = post(signed_in, f"/staff/tickets/{ticket_id}/answer", answer="   ")
    assert response.status_code == 400 and "กรุณาพิมพ์คำตอบก่อนส่ง" in _text(response)
    assert _rows(app, Ticket)[0].status == "open"
    assert post(signed_in, "/staff/tickets/999/answer", answer="คำตอบค่ะ").status_code == 404


def test_close_without_answer(app, signed_in):
    ticket_id = seed_ticket(app, "ข้อความทดสอบ ไม่ใช่คำถาม")
    response = post(signed_in, f"/staff/tickets/{ticket_id}/close")
    assert response.status_code == 302 and response.headers["Location"] == "/staff"
    ticket = _rows(app, Ticket)[0]
    assert ticket.status == "closed" and ticket.closed_at is not None and ticket.answer is None
    assert "ข้อความทดสอบ" not in _text(signed_in.get("/staff"))
    assert _rows(app, Message, Message.author == "staff") == []
    closed_page = _text(signed_in.get(f"/staff/tickets/{ticket_id}"))
    assert 'name="answer"' not in closed_page.split("เพิ่มเป็นคำถามที่พบบ่อย")[0]
    assert post(signed_in, f"/staff/tickets/{ticket_id}/answer", answer="ตอบค่ะ").status_code == 400


def test_search_finds_questions_and_answers(app, signed_in):
    by_question = seed_ticket(app, "ขอใบรับรองการทำงาน", user_id="a")
    by_answer = seed_ticket(app, "ติดต่อใคร", user_id="b", status="answered", answer="ติดต่อกลุ่มบริหารงานบุคคลค่ะ")
    seed_ticket(app, "สนามเปิดกี่โมง", user_id="c")
    seed_ticket(app, "ส่วนลด 100% ไหม", user_id="d")
    page = _text(signed_in.get("/staff/search?q=ใบรับรอง"))
    assert f"#{by_question}" in page and "สนามเปิดกี่โมง" not in page
    page = _text(signed_in.get("/staff/search?q=บริหารงานบุคคล"))
    assert f"#{by_answer}" in page and "ขอใบรับรองการทำงาน" not in page
    page = _text(signed_in.get("/staff/search?q=%25"))  # "%" is looked for as typed, not as a wildcard
    assert "ส่วนลด 100% ไหม" in page and "สนามเปิดกี่โมง" not in page


def test_undelivered_answers_can_be_sent_again(app, signed_in):
    channel = app.extensions["outbound"]["web"] = FakeChannel(fail=True)
    ticket_id = seed_ticket(app, "คำถาม")
    post(signed_in, f"/staff/tickets/{ticket_id}/answer", answer="คำตอบที่ส่งไม่ถึงค่ะ")
    page = _text(signed_in.get("/staff/undelivered"))
    assert "คำตอบที่ส่งไม่ถึงค่ะ" in page and "ConnectionError" in page
    channel.fail = False
    response = post(signed_in, "/staff/undelivered/retry")
    assert "ส่งสำเร็จ 1 จาก 1 ข้อความ" in _text(signed_in.get(response.headers["Location"]))
    message = _rows(app, Message, Message.author == "staff")[0]
    assert message.delivered is True and message.delivery_attempts == 2
    assert "ทุกคำตอบถึงผู้ถามแล้ว" in _text(signed_in.get("/staff/undelivered"))


# --- insights and analytics ----------------------------------------------------------------------------------


def test_insights_group_alike_questions_most_asked_first(app, signed_in):
    for n, question in enumerate(
        ["ขอใบรับรองการทำงานได้ที่ไหน", "ใบรับรองการทำงานขอได้ที่ไหน", "ใบรับรองการทำงาน ขอได้ที่ไหนจ้า"]
    ):
        seed_ticket(app, question, user_id=f"cert-{n}")
    for n, question in enumerate(["สนามฟุตบอลของโรงเรียนเปิดกี่โมง", "สนามฟุตบอลโรงเรียนเปิดกี่โมงคะ"]):
        seed_ticket(app, question, user_id=f"field-{n}")
    seed_ticket(app, "ขอหนังสือรับรองเงินเดือนได้ที่ไหน", user_id="salary")
    seed_ticket(app, "ขอใบรับรองการทำงานได้ไหม ปิดไปแล้ว", user_id="closed", status="closed")
    page = _text(signed_in.get("/staff/insights"))
    counts = [int(n) for n in re.findall(r'<h2><span class="count">(\d+)</span>', page)]
    assert counts == [3, 2, 1]
    cert, field, salary = page.split('<article class="group">')[1:]
    assert "ใบรับรองการทำงานขอได้ที่ไหน" in cert and "สนามฟุตบอล" not in cert
    assert "สนามฟุตบอลโรงเรียนเปิดกี่โมงคะ" in field and "หนังสือรับรองเงินเดือน" in salary
    assert "ปิดไปแล้ว" not in page


def _seed_analytics(app) -> dict:
    """Two days of traffic (office time) on both channels, with known counts."""
    now = datetime.now(timezone.utc)
    today = now.astimezone(OFFICE_TZ).replace(hour=10, minute=0, second=0, microsecond=0)
    if today > now:  # before 10:00 office time: "today" at 10:00 would be in the future; use yesterday's
        today -= timedelta(days=1)
    yesterday = today - timedelta(days=1)
    days = {"today": today.date(), "yesterday": yesterday.date()}
    today, yesterday = today.astimezone(timezone.utc), yesterday.astimezone(timezone.utc)  # stored in UTC
    plan = [  # (when, channel, user, question, status, faq_id)
        (yesterday, "line", "L1", "กลุ่มอำนวยการมีหน้าที่อะไร", "answered", "admin-duties"),
        (yesterday, "line", "L1", "กลุ่มอำนวยการคืออะไร", "answered", "admin-what-is"),
        (yesterday, "line", "L2", "ขอใบรับรองการทำงานได้ที่ไหน", "escalated", None),
        (yesterday, "web", "W1", "สวัสดีค่ะ", "smalltalk", "smalltalk-greeting"),
        (today, "web", "W1", "กลุ่มอำนวยการมีหน้าที่อะไร", "answered", "admin-duties"),
        (today, "web", "W2", "ใบรับรองการทำงานขอได้ที่ไหน", "escalated", None),
        (today, "web", "W3", "เรื่องนั้น", "clarify", None),
        (today - timedelta(days=60), "web", "old", "นอกช่วงเวลา", "answered", "admin-duties"),
    ]
    with app.extensions["db"].session() as s:
        for when, channel, user, question, status, faq_id in plan:
            conv = s.scalars(select(Conversation).where(Conversation.user_key == user)).first()
            if conv is None:
                conv = Conversation(channel=channel, user_key=user)
                s.add(conv)
                s.flush()
            ticket_id = None
            if status == "escalated":
                ticket = Ticket(conversation_id=conv.id, question=question, created_at=when)
                s.add(ticket)
                s.flush()
                ticket_id = ticket.id
            s.add(Message(conversation_id=conv.id, ticket_id=ticket_id, author="user", text=question, created_at=when))
            s.add(
                Message(
                    conversation_id=conv.id, ticket_id=ticket_id, author="bot", text="…", status=status,
                    faq_id=faq_id, created_at=when,
                )
            )
        # time to the first staff answer: 1 h, 2 h and 4 h (median 2 h); a second answer does not count
        conv = s.scalars(select(Conversation).where(Conversation.user_key == "W1")).first()
        for hours in (1, 2, 4):
            opened = yesterday - timedelta(hours=hours)
            ticket = Ticket(conversation_id=conv.id, question="q", created_at=opened, status="answered")
            s.add(ticket)
            s.flush()
            for later in (hours, hours + 10):
                s.add(Message(conversation_id=conv.id, ticket_id=ticket.id, author="staff", text="ค่ะ", created_at=opened + timedelta(hours=later)))
    return days


def test_analytics_numbers_match_the_data(app, signed_in):
    days = _seed_analytics(app)
    page = _text(signed_in.get("/staff/analytics?days=7"))

    def cell(attribute: str) -> str:
        return re.search(rf"{re.escape(attribute)}>([^<]*)<", page).group(1)

    assert cell(f'data-day="{days["yesterday"]}" data-channel="line"') == "3"
    assert cell(f'data-day="{days["yesterday"]}" data-channel="web"') == "1"
    assert cell(f'data-day="{days["today"]}" data-channel="web"') == "3"
    assert cell(f'data-day="{days["today"]}" data-channel="line"') == "0"
    assert cell('id="total-questions"') == "7"
    assert [cell(f'data-status="{s}"') for s in ("answered", "clarify", "smalltalk", "escalated")] == ["3", "1", "1", "2"]
    assert cell('data-rate="answered"') == "42.9%" and cell('data-rate="escalated"') == "28.6%"
    assert cell('data-entry="admin-duties"') == "2" and cell('data-entry="admin-what-is"') == "1"
    assert page.index('data-entry="admin-duties"') < page.index('data-entry="admin-what-is"')
    assert cell('data-unanswered="1"') == "2"  # the two ways of asking for a work certificate, together
    assert re.search(r'id="median-answer-time" data-seconds="(\d+)"', page).group(1) == "7200"
    assert "2 ชั่วโมง 0 นาที" in page
    assert page.count("<svg") == 3 and "<script" not in page


def test_analytics_charts_escape_what_they_show(app, signed_in):
    from bot.staff.charts import horizontal_bars

    svg = str(horizontal_bars([("<b>x</b>", 1, "1 & 2")], title='t"'))
    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt;" in svg and "1 &amp; 2" in svg and 't&#34;' in svg



def test_a_full_size_faq_form_is_within_the_staff_size_limit(app, client):
    """30 phrasings of 300 Thai letters are over the public 64 KB limit once URL-encoded, not the dashboard's."""
    create_staff(app)
    login(client)
    ticket_id = seed_ticket(app, "คำถามยาวมาก", answer="คำตอบค่ะ")
    variants = "\n".join("ก" * 300 for _ in range(30))
    response = post(client, f"/staff/tickets/{ticket_id}/promote", question="คำถาม", variants=variants,
                    answer="คำตอบค่ะ", category="ทั่วไป")
    assert response.status_code != 413
    assert response.status_code < 500
