"""Sending on LINE: staff answers (staff group and pushes), staff notices, retries (also of kept answers, on
their schedule), the reply-token fallback, and LINE's limits on what is sent."""
from __future__ import annotations

import logging
import threading
import uuid
from datetime import datetime, timedelta

from sqlalchemy import select

from bot.answering import Decision
from bot.channels.line import LineApi, retry_key
from bot.channels.line_render import MAX_LABEL_CHARS, cut, decision_message, staff_answer_message, text_message
from bot.conversation import ASK_STAFF
from bot.handoff import MAX_ANSWER_CHARS, RETRY_AFTER, answer_ticket, close_ticket
from bot.tables import Conversation, Message, Ticket, as_utc
from fake_line_api import (
    PUSH,
    REPLY,
    SECRET,
    STAFF_GROUP,
    TOKEN,
    USER,
    Webhook,
    deliver,
    follow_event,
    message_event,
    postback_event,
    source,
    text_event,
    unfollow_event,
)

QUESTION = "กลุ่มอำนวยการมีหน้าที่อะไร"
STAFF_MEMBER = "U00000000000000000000000000staff"


def open_ticket(webhook: Webhook, line, app, user: str = USER) -> int:
    """The person taps "ask staff": a ticket is opened and the staff group is told."""
    deliver(webhook, line, postback_event(f"choice={ASK_STAFF}", src=source(user)))
    with app.extensions["db"].session() as s:
        return s.scalars(select(Ticket.id).order_by(Ticket.id.desc())).first()


def staff_says(webhook: Webhook, line, text: str) -> dict:
    event = text_event(text, src=source(STAFF_MEMBER, group=STAFF_GROUP))
    deliver(webhook, line, event)
    return event


def staff_messages(app) -> list[Message]:
    with app.extensions["db"].session() as s:
        return list(s.scalars(select(Message).where(Message.author == "staff").order_by(Message.id)))


def tickets(app) -> list[Ticket]:
    with app.extensions["db"].session() as s:
        return list(s.scalars(select(Ticket).order_by(Ticket.id)))


def pushes_to(fake_line, to: str) -> list:
    return [c for c in fake_line.calls_to(PUSH) if c.body["to"] == to]


# -- the staff group ----------------------------------------------------------------------------------------------


def test_new_ticket_is_posted_to_the_staff_group_with_a_link(webhook, line, line_app, fake_line):
    ticket_id = open_ticket(webhook, line, line_app)
    [notice] = pushes_to(fake_line, STAFF_GROUP)
    with line_app.extensions["db"].session() as s:
        ticket = s.get(Ticket, ticket_id)
        assert ticket.staff_notified is True
    assert notice.texts == [f"เรื่องที่ #{ticket_id}: {ticket.question}\nhttps://bot.example/staff/tickets/{ticket_id}"]
    assert notice.retry_key == retry_key("staff-notice", ticket_id)
    assert uuid.UUID(notice.retry_key)


def test_staff_answer_in_the_group_reaches_the_person(webhook, line, line_app, fake_line, kb):
    ticket_id = open_ticket(webhook, line, line_app)
    event = staff_says(webhook, line, f"#{ticket_id}  ยื่นคำร้องได้ที่ห้องธุรการ\nชั้น 1 ค่ะ")

    with line_app.extensions["db"].session() as s:
        ticket = s.get(Ticket, ticket_id)
        assert ticket.status == "answered"
        assert ticket.answer == "ยื่นคำร้องได้ที่ห้องธุรการ\nชั้น 1 ค่ะ"
        assert ticket.answered_by.startswith("LINE:") and STAFF_MEMBER not in ticket.answered_by
    [message] = staff_messages(line_app)
    assert message.delivered is True
    [push] = pushes_to(fake_line, USER)
    assert push.texts == [f"{kb.replies['staff_answer_prefix']}\nยื่นคำร้องได้ที่ห้องธุรการ\nชั้น 1 ค่ะ"]
    assert push.retry_key == retry_key("staff-answer", message.id)
    confirmation = [c for c in fake_line.accepted(REPLY) if c.body["replyToken"] == event["replyToken"]]
    assert [c.texts for c in confirmation] == [[f"บันทึกคำตอบเรื่องที่ #{ticket_id} และส่งถึงผู้ถามแล้วค่ะ"]]


def test_other_talk_in_the_staff_group_is_ignored(webhook, line, line_app, fake_line):
    ticket_id = open_ticket(webhook, line, line_app)
    calls_before = len(fake_line.calls)
    mention = [{"index": 0, "length": 4, "type": "user", "userId": "Ubot", "isSelf": True}]
    talk = ("เรื่องนี้ใครรับไปคะ", f"#{ticket_id}", "#abc ตอบแล้ว", f"ดูเรื่อง #{ticket_id} ด้วย", "ถามบอท " + QUESTION)
    deliver(
        webhook,
        line,
        *(text_event(text, src=source(STAFF_MEMBER, group=STAFF_GROUP)) for text in talk),
        text_event("@บอท" + QUESTION, src=source(STAFF_MEMBER, group=STAFF_GROUP), mention=mention),
        postback_event("choice=admin-duties", src=source(STAFF_MEMBER, group=STAFF_GROUP)),
        message_event(
            {"type": "sticker", "packageId": "1", "stickerId": "1", "stickerResourceType": "STATIC", "quoteToken": "q"},
            src=source(STAFF_MEMBER, group=STAFF_GROUP),
        ),
    )
    assert len(fake_line.calls) == calls_before
    assert staff_messages(line_app) == []
    with line_app.extensions["db"].session() as s:
        assert s.get(Ticket, ticket_id).status == "open"


def test_staff_group_is_told_in_thai_when_an_answer_cannot_be_recorded(webhook, line, line_app, fake_line):
    ticket_id = open_ticket(webhook, line, line_app)
    close_ticket(line_app, ticket_id, staff="test")
    replies = [
        staff_says(webhook, line, "#999999 ตอบเรื่องที่ไม่มี"),
        staff_says(webhook, line, f"#{ticket_id} ตอบเรื่องที่ปิดแล้ว"),
        staff_says(webhook, line, f"#{ticket_id} " + "ก" * (MAX_ANSWER_CHARS + 1)),
    ]
    texts = {c.body["replyToken"]: c.texts[0] for c in fake_line.accepted(REPLY)}
    assert [texts[e["replyToken"]] for e in replies] == [
        "ไม่พบเรื่องที่ #999999 กรุณาตรวจเลขเรื่องอีกครั้งค่ะ",
        f"เรื่องที่ #{ticket_id} ปิดไปแล้ว จึงบันทึกคำตอบไม่ได้ค่ะ",
        f"คำตอบยาวเกิน {MAX_ANSWER_CHARS:,} ตัวอักษร กรุณาย่อหรือแบ่งส่งค่ะ",
    ]
    assert staff_messages(line_app) == []


# -- pushes of staff answers: retries and the retry key --------------------------------------------------------------


def test_push_failing_twice_then_succeeding_is_sent_once_with_one_retry_key(webhook, line, line_app, fake_line):
    ticket_id = open_ticket(webhook, line, line_app)
    fake_line.fail_next(PUSH, 500, times=2)
    result = answer_ticket(line_app, ticket_id, "คำตอบ", staff="test")

    assert result.delivered is True
    attempts = pushes_to(fake_line, USER)
    assert [c.status for c in attempts] == [500, 500, 200]
    assert {c.retry_key for c in attempts} == {retry_key("staff-answer", result.message_id)}
    [message] = staff_messages(line_app)
    assert message.delivered is True and message.delivery_attempts == 1


def test_push_answered_too_late_is_not_sent_twice(webhook, line, line_app, fake_line):
    ticket_id = open_ticket(webhook, line, line_app)
    fake_line.delay_next(PUSH, 1.0)  # LINE takes the push but answers after the client's 0.5 s timeout
    result = answer_ticket(line_app, ticket_id, "คำตอบ", staff="test")

    assert result.delivered is True
    attempts = pushes_to(fake_line, USER)
    assert [c.status for c in attempts] == [200, 409]  # the retry is recognised by its key
    assert attempts[0].retry_key == attempts[1].retry_key


def test_push_rate_limited_is_retried(webhook, line, line_app, fake_line):
    ticket_id = open_ticket(webhook, line, line_app)
    fake_line.fail_next(PUSH, 429)
    assert answer_ticket(line_app, ticket_id, "คำตอบ", staff="test").delivered is True
    assert [c.status for c in pushes_to(fake_line, USER)] == [429, 200]


def test_push_refused_is_not_retried_and_kept(webhook, line, line_app, fake_line):
    ticket_id = open_ticket(webhook, line, line_app)
    fake_line.fail_next(PUSH, 400)
    assert answer_ticket(line_app, ticket_id, "คำตอบ", staff="test").delivered is False
    assert [c.status for c in pushes_to(fake_line, USER)] == [400]
    assert staff_messages(line_app)[0].delivered is False


def test_answer_that_cannot_be_pushed_arrives_with_the_next_reply(webhook, line, line_app, fake_line, kb, caplog):
    ticket_id = open_ticket(webhook, line, line_app)
    fake_line.fail_next(PUSH, 500, times=100)
    staff_says(webhook, line, f"#{ticket_id} ติดต่อห้องธุรการได้ค่ะ")

    [message] = staff_messages(line_app)
    assert message.delivered is False and message.delivery_attempts == 1
    assert len(pushes_to(fake_line, USER)) == 3  # a few attempts, then kept for later
    assert "ยังส่งถึงผู้ถามไม่ได้" in fake_line.accepted(REPLY)[-1].texts[0]

    fake_line.clear_scripts()
    event = text_event(QUESTION)
    deliver(webhook, line, event)
    [reply] = [c for c in fake_line.accepted(REPLY) if c.body["replyToken"] == event["replyToken"]]
    assert reply.texts[0] == f"{kb.replies['staff_answer_prefix']}\nติดต่อห้องธุรการได้ค่ะ"
    assert len(reply.texts) == 2 and reply.quick_replies  # the answer to the new question comes last
    assert staff_messages(line_app)[0].delivered is True
    assert len(pushes_to(fake_line, USER)) == 3
    assert TOKEN not in caplog.text and SECRET not in caplog.text


def kept_answer(webhook, line, app, fake_line) -> Message:
    """A staff answer LINE refused to take (its push failed every attempt), kept undelivered."""
    ticket_id = open_ticket(webhook, line, app)
    fake_line.fail_next(PUSH, 500, times=3)
    assert answer_ticket(app, ticket_id, "ติดต่อห้องธุรการได้ค่ะ", staff="test").delivered is False
    [message] = staff_messages(app)
    assert message.delivery_attempts == 1
    return message


def test_a_kept_answer_is_pushed_again_once_its_retry_is_due(webhook, line, line_app, fake_line):
    """The person never writes again: the answer still reaches them, pushed on the retry schedule."""
    message = kept_answer(webhook, line, line_app, fake_line)
    given = as_utc(message.created_at)
    assert line.retry_staff_answers(now=given + RETRY_AFTER[0] - timedelta(seconds=1)) == 0
    assert line.retry_staff_answers(now=given + RETRY_AFTER[0]) == 1
    assert line.wait_idle(10)
    assert staff_messages(line_app)[0].delivered is True
    pushed = [c for c in fake_line.accepted(PUSH) if c.body["to"] == USER]
    assert [c.retry_key for c in pushed] == [retry_key("staff-answer", message.id)]
    assert line.retry_staff_answers(now=given + timedelta(days=1)) == 0


def retry_on_each_due_time(line, retry, first_tried: datetime) -> None:
    """Run ``retry`` (one of the sweep's checks) a second before and at each due time of `RETRY_AFTER`: it queues
    one send at each due time and none before."""
    waited = timedelta()
    for wait in RETRY_AFTER:
        waited += wait
        assert retry(now=first_tried + waited - timedelta(seconds=1)) == 0
        assert retry(now=first_tried + waited) == 1
        assert line.wait_idle(10)


def test_retries_follow_the_schedule_then_stop(webhook, line, line_app, fake_line):
    message = kept_answer(webhook, line, line_app, fake_line)
    given = as_utc(message.created_at)
    fake_line.fail_next(PUSH, 500, times=1000)
    retry_on_each_due_time(line, line.retry_staff_answers, given)
    assert staff_messages(line_app)[0].delivery_attempts == 1 + len(RETRY_AFTER)
    assert line.retry_staff_answers(now=given + timedelta(days=30)) == 0  # now it waits for the person or staff
    assert staff_messages(line_app)[0].delivered is False


def test_a_kept_answer_is_not_retried_to_someone_who_blocked_the_bot(webhook, line, line_app, fake_line):
    message = kept_answer(webhook, line, line_app, fake_line)
    deliver(webhook, line, unfollow_event())
    assert line.retry_staff_answers(now=as_utc(message.created_at) + timedelta(days=1)) == 0


def test_reply_carries_at_most_five_messages_and_the_rest_follow_later(webhook, line, line_app, fake_line, kb):
    ticket_id = open_ticket(webhook, line, line_app)
    fake_line.fail_next(PUSH, 500, times=100)
    for n in range(6):
        answer_ticket(line_app, ticket_id, f"คำตอบที่ {n}", staff="test")
    fake_line.clear_scripts()
    prefix = kb.replies["staff_answer_prefix"]

    deliver(webhook, line, text_event(QUESTION))
    reply = fake_line.accepted(REPLY)[-1]
    assert reply.texts[:4] == [f"{prefix}\nคำตอบที่ {n}" for n in range(4)]
    assert len(reply.texts) == 5
    assert [m.delivered for m in staff_messages(line_app)] == [True] * 4 + [False] * 2

    deliver(webhook, line, text_event(QUESTION))
    reply = fake_line.accepted(REPLY)[-1]
    assert reply.texts[:2] == [f"{prefix}\nคำตอบที่ {n}" for n in (4, 5)] and len(reply.texts) == 3
    assert all(m.delivered for m in staff_messages(line_app))


def test_answer_is_not_pushed_to_someone_who_blocked_the_bot(webhook, line, line_app, fake_line):
    ticket_id = open_ticket(webhook, line, line_app)
    deliver(webhook, line, unfollow_event())
    assert answer_ticket(line_app, ticket_id, "คำตอบ", staff="test").delivered is False
    assert pushes_to(fake_line, USER) == []


def test_failed_staff_notice_does_not_stop_the_persons_reply(webhook, line, line_app, fake_line, answerer):
    fake_line.fail_next(PUSH, 500, times=100)
    ticket_id = open_ticket(webhook, line, line_app)
    assert fake_line.accepted(REPLY)[-1].texts == [answerer.escalation().reply]
    with line_app.extensions["db"].session() as s:
        assert s.get(Ticket, ticket_id).staff_notified is False


def test_a_widget_reply_does_not_wait_for_the_staff_notice(line_app, line, fake_line, answerer):
    """The notice of a widget question's ticket is pushed after the person has their reply, so a slow or failing
    LINE never keeps them waiting: the push is held here until the reply has come back."""
    replied = threading.Event()
    seen_after_reply = []

    def hold_notice(call) -> None:
        if call.path == PUSH and call.body.get("to") == STAFF_GROUP:
            seen_after_reply.append(replied.wait(5))

    fake_line.on_request = hold_notice
    response = line_app.test_client().post("/api/chat", json={"message": "ขอคุยกับเจ้าหน้าที่ค่ะ"})
    replied.set()
    assert response.status_code == 200 and response.get_json()["status"] == "escalated"
    assert line.wait_idle(10)
    assert seen_after_reply == [True]
    [ticket] = tickets(line_app)
    assert ticket.staff_notified is True and ticket.notice_attempts == 1


def test_a_notice_that_failed_is_posted_once_its_retry_is_due(webhook, line, line_app, fake_line):
    fake_line.fail_next(PUSH, 500, times=3)
    ticket_id = open_ticket(webhook, line, line_app)
    [ticket] = tickets(line_app)
    assert ticket.staff_notified is False and ticket.notice_attempts == 1
    opened = as_utc(ticket.created_at)
    assert line.retry_staff_notices(now=opened + RETRY_AFTER[0] - timedelta(seconds=1)) == 0
    assert line.retry_staff_notices(now=opened + RETRY_AFTER[0]) == 1
    assert line.wait_idle(10)
    [notice] = [c for c in fake_line.accepted(PUSH) if c.body["to"] == STAFF_GROUP]
    assert f"#{ticket_id}" in notice.texts[0] and notice.retry_key == retry_key("staff-notice", ticket_id)
    assert tickets(line_app)[0].staff_notified is True
    assert line.retry_staff_notices(now=opened + timedelta(hours=12)) == 0


def test_notice_retries_follow_the_schedule_then_stop(webhook, line, line_app, fake_line):
    fake_line.fail_next(PUSH, 500, times=1000)
    open_ticket(webhook, line, line_app)
    opened = as_utc(tickets(line_app)[0].created_at)
    retry_on_each_due_time(line, line.retry_staff_notices, opened)
    assert tickets(line_app)[0].notice_attempts == 1 + len(RETRY_AFTER)
    assert line.retry_staff_notices(now=opened + timedelta(hours=23)) == 0
    assert tickets(line_app)[0].staff_notified is False  # the dashboard still lists it


def test_tickets_closed_or_older_than_a_day_are_not_announced_late(webhook, line, line_app, fake_line):
    fake_line.fail_next(PUSH, 500, times=6)
    first = open_ticket(webhook, line, line_app)
    second = open_ticket(webhook, line, line_app, user="U" + "2" * 32)
    close_ticket(line_app, first, staff="test")
    opened = as_utc(tickets(line_app)[1].created_at)
    assert line.retry_staff_notices(now=opened + timedelta(days=1, minutes=1)) == 0
    assert line.retry_staff_notices(now=opened + RETRY_AFTER[0]) == 1
    assert line.wait_idle(10)
    assert [c.texts[0].split(":")[0] for c in fake_line.accepted(PUSH)] == [f"เรื่องที่ #{second}"]


# -- replies: retries and the push fallback --------------------------------------------------------------------------


def test_expired_reply_token_falls_back_to_a_push(webhook, line, fake_line, answerer):
    event = text_event(QUESTION)
    fake_line.expire_reply_token(event["replyToken"])
    deliver(webhook, line, event)

    assert [c.status for c in fake_line.calls_to(REPLY)] == [400]
    [push] = fake_line.accepted(PUSH)
    assert push.body["to"] == USER
    assert push.texts == [answerer.answer_entry("admin-duties").reply]
    assert push.retry_key == retry_key("event", event["webhookEventId"])


def test_expired_reply_token_in_a_group_pushes_to_the_group(webhook, line, fake_line):
    group = "Cothergroup00000000000000000000000"
    event = text_event("ถามบอท " + QUESTION, src=source(group=group))
    fake_line.expire_reply_token(event["replyToken"])
    deliver(webhook, line, event)
    assert [c.body["to"] for c in fake_line.accepted(PUSH)] == [group]


def test_reply_server_errors_and_rate_limits_are_retried(webhook, line, fake_line):
    fake_line.fail_next(REPLY, 500)
    fake_line.fail_next(REPLY, 429)
    deliver(webhook, line, text_event(QUESTION))
    assert [c.status for c in fake_line.calls_to(REPLY)] == [500, 429, 200]
    assert fake_line.calls_to(PUSH) == []


def test_reply_failing_every_time_is_pushed(webhook, line, fake_line):
    fake_line.fail_next(REPLY, 503, times=100)
    deliver(webhook, line, text_event(QUESTION))
    assert len(fake_line.calls_to(REPLY)) == 3
    assert [c.body["to"] for c in fake_line.accepted(PUSH)] == [USER]


def test_calls_from_one_thread_keep_one_connection_to_line_open(fake_line):
    api = LineApi(fake_line.base_url, TOKEN, timeout=5, attempts=1, wait=0)
    for n in range(3):
        assert api.push(USER, [text_message(f"ข้อความที่ {n}")], key=str(uuid.uuid4()))
    api.show_loading(USER)
    assert [c.status for c in fake_line.calls] == [200, 200, 200, 202]
    assert len({c.connection for c in fake_line.calls}) == 1


def test_a_connection_line_closed_is_replaced_without_losing_the_call(fake_line):
    api = LineApi(fake_line.base_url, TOKEN, timeout=5, attempts=1, wait=0)
    fake_line.close_after_next(PUSH)
    for n in range(3):
        assert api.push(USER, [text_message(f"ข้อความที่ {n}")], key=str(uuid.uuid4()))
    first, second, third = fake_line.accepted(PUSH)
    assert first.connection != second.connection == third.connection


def test_reply_taken_but_answered_too_late_is_not_sent_again(webhook, line, fake_line):
    fake_line.delay_next(REPLY, 1.0)
    deliver(webhook, line, text_event(QUESTION))
    # The timed-out attempt used the token, so the retry is told "Invalid reply token": no push follows.
    assert [c.status for c in fake_line.calls_to(REPLY)] == [200, 400]
    assert fake_line.calls_to(PUSH) == []


# -- rendering within LINE's limits ---------------------------------------------------------------------------------


def test_button_labels_are_cut_without_splitting_thai_syllables():
    label = cut("การกระจายอำนาจและการมีส่วนร่วมหมายถึงอะไร", MAX_LABEL_CHARS)
    assert len(label) <= MAX_LABEL_CHARS and label.endswith("…")
    assert cut("กลุ่มอำนวยการ", 4) == "ก…"  # not "กลุ": ล keeps its vowel and tone mark or goes
    assert cut("ครูเก่งมาก", 5) == "ครู…"  # not "ครูเ": the leading vowel goes with its consonant
    assert cut("สวัสดีค่ะ", 20) == "สวัสดีค่ะ"


def test_long_answers_and_many_suggestions_stay_within_limits(kb):
    ids = [e.id for e in kb.entries][:20]
    decision = Decision("clarify", "ก" * 6000, None, 0.3, [kb.get(i).question for i in ids], ids)
    message = decision_message(decision, kb).to_dict()
    assert len(message["text"]) == 5000
    items = message["quickReply"]["items"]
    assert len(items) == 13
    assert items[-1]["action"]["data"] == f"choice={ASK_STAFF}"
    assert all(len(i["action"]["label"]) <= MAX_LABEL_CHARS for i in items)
    assert [i["action"]["displayText"] for i in items[:-1]] == [kb.get(i).question for i in ids[:12]]
    assert staff_answer_message(kb, "ข" * 6000).to_dict()["text"].startswith(kb.replies["staff_answer_prefix"])


def test_follow_after_unfollow_greets_again(webhook, line, line_app, fake_line):
    deliver(webhook, line, follow_event(), unfollow_event(), follow_event())
    assert len(fake_line.accepted(REPLY)) == 2
    with line_app.extensions["db"].session() as s:
        assert s.scalars(select(Conversation.followed)).one() is True


def test_log_lines_of_failures_hold_no_secrets(webhook, line, fake_line, caplog):
    fake_line.fail_next(REPLY, 500, times=100)
    fake_line.fail_next(PUSH, 500, times=100)
    with caplog.at_level(logging.DEBUG):
        deliver(webhook, line, text_event(QUESTION))
    assert "LINE reply failed" in caplog.text
    assert TOKEN not in caplog.text and SECRET not in caplog.text
