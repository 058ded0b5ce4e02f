"""The LINE webhook end to end: signed deliveries in, replies out through a fake LINE API on 127.0.0.1."""
from __future__ import annotations

import json
import logging
import threading

from sqlalchemy import func, select

from bot import create_app
from bot.answering import Decision
from bot.conversation import ASK_STAFF
from bot.tables import Conversation, Message, ProcessedEvent, Ticket
from fake_line_api import (
    LOADING,
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
    signature,
    source,
    text_event,
    unfollow_event,
)

ADMIN_DUTIES_QUESTION = "กลุ่มอำนวยการมีหน้าที่อะไร"
OUT_OF_SCOPE = "ลูกจะเข้า ป.1 ปีหน้าต้องสมัครเรียนยังไงคะ"
GROUP = "Cothergroup00000000000000000000000"
ROOM = "Rroom0000000000000000000000000000"


def count(app, model) -> int:
    with app.extensions["db"].session() as s:
        return s.scalar(select(func.count()).select_from(model))


def conversation_of(app, user_id: str) -> Conversation:
    from bot.conversation import user_key

    key = user_key(app.config["USER_ID_HASH_KEY"], "line", user_id)
    with app.extensions["db"].session() as s:
        return s.scalars(select(Conversation).where(Conversation.user_key == key)).one()


# -- the webhook's answers to LINE ------------------------------------------------------------------------


def test_without_line_settings_the_webhook_says_line_is_not_configured(app_config, request):
    app_config.update(LINE_CHANNEL_SECRET="", LINE_CHANNEL_ACCESS_TOKEN="")
    client = request.getfixturevalue("client")
    response = client.post("/callback", data=b'{"events": []}', headers={"X-Line-Signature": "x"})
    assert response.status_code == 503
    assert "LINE is not configured" in response.get_json()["error"]


def test_missing_signature_is_refused_and_nothing_is_processed(webhook, line, line_app, fake_line):
    body = json.dumps({"events": [text_event(ADMIN_DUTIES_QUESTION)]}).encode()
    response = webhook.post_raw(body, sign=False)
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad request"}
    assert line.wait_idle(5)
    assert fake_line.calls == []
    assert count(line_app, ProcessedEvent) == 0


def test_wrong_signature_is_refused_without_detail(webhook, line, line_app, fake_line, caplog):
    body = json.dumps({"events": [text_event(ADMIN_DUTIES_QUESTION)]}).encode()
    forged = signature(body, secret="not-the-channel-secret")
    response = webhook.post_raw(body, **{"X-Line-Signature": forged})
    assert response.status_code == 400
    assert response.get_json() == {"error": "bad request"}
    assert forged not in response.get_data(as_text=True)
    assert line.wait_idle(5)
    assert fake_line.calls == []
    assert count(line_app, ProcessedEvent) == 0
    assert SECRET not in caplog.text and TOKEN not in caplog.text


def test_signature_of_a_changed_body_is_refused(webhook, fake_line, line):
    body = json.dumps({"events": [text_event(ADMIN_DUTIES_QUESTION)]}).encode()
    response = webhook.post_raw(body.replace(b"text", b"text "), **{"X-Line-Signature": signature(body)})
    assert response.status_code == 400
    assert line.wait_idle(5) and fake_line.calls == []


def test_signed_but_malformed_bodies_get_a_clear_400(webhook, fake_line):
    for body in (b"{not json", b"[]", b'{"destination": "U1"}', b'{"events": "x"}', b'{"events": [1]}', b"\xff\xfe"):
        response = webhook.post_raw(body)
        assert response.status_code == 400, body
        assert response.get_json()["error"], body
    assert fake_line.calls == []


def test_empty_event_list_is_accepted(webhook):
    response = webhook.post()
    assert response.status_code == 200


def test_unknown_and_unhandled_event_types_are_ignored(webhook, line, fake_line):
    new_kind = text_event("x")
    new_kind["type"] = "somethingNewFromLine"
    join = {**text_event("x"), "type": "join"}
    join.pop("message")
    deliver(webhook, line, new_kind, join)
    assert fake_line.calls == []


# -- one-to-one chat ------------------------------------------------------------------------------------------


def test_question_is_answered_with_its_answer_and_follow_up_buttons(webhook, line, fake_line, answerer, kb):
    event = text_event(ADMIN_DUTIES_QUESTION)
    deliver(webhook, line, event)

    expected = answerer.answer_entry("admin-duties")
    [reply] = fake_line.accepted(REPLY)
    assert reply.body["replyToken"] == event["replyToken"]
    assert reply.texts == [expected.reply]
    assert reply.headers["authorization"] == f"Bearer {TOKEN}"
    buttons = reply.quick_replies
    assert [b["data"] for b in buttons] == [*(f"choice={i}" for i in expected.suggestion_ids), f"choice={ASK_STAFF}"]
    assert [b["displayText"] for b in buttons] == [*expected.suggestions, kb.replies["ask_staff_label"]]
    assert all(b["type"] == "postback" and 1 <= len(b["label"]) <= 20 for b in buttons)
    assert fake_line.calls_to(PUSH) == []


def test_loading_animation_is_shown_to_the_person_before_the_reply(webhook, line, fake_line):
    deliver(webhook, line, text_event(ADMIN_DUTIES_QUESTION))
    assert [c.path for c in fake_line.calls] == [LOADING, REPLY]
    assert fake_line.calls[0].body["chatId"] == USER


def test_unclear_question_offers_choices_and_asking_staff(webhook, line, fake_line, answerer, kb, monkeypatch):
    # Which texts the model finds unclear changes as it is tuned; what matters here is how "clarify" is shown.
    ids = ["admin-duties", "decent-four-areas", "admin-challenges"]
    questions = answerer.suggestion_questions(ids)
    unclear = Decision("clarify", "\n".join([kb.reply("clarify"), *questions]), None, 0.41, questions, ids)
    monkeypatch.setattr(answerer, "answer", lambda text: unclear)
    deliver(webhook, line, text_event("มีอะไรบ้าง"))

    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [unclear.reply]
    buttons = reply.quick_replies
    assert [b["data"] for b in buttons] == [*(f"choice={i}" for i in ids), f"choice={ASK_STAFF}"]
    assert [b["displayText"] for b in buttons] == [*questions, kb.replies["ask_staff_label"]]
    assert buttons[-1]["label"] == kb.replies["ask_staff_label"]


def test_a_number_typed_after_choices_picks_that_choice(webhook, line, line_app, fake_line, answerer):
    """On LINE people often type the number of a choice rather than tap its button: "2" went to staff. Asking
    staff after it hands them the question the choices were for, not "2"."""
    vague = next((q for q in ("อำนวยการ", "หน้าที่", "รายงาน", "กระจายอำนาจ", "การศึกษา")
                  if answerer.answer(q).status == "clarify"), None)
    assert vague is not None, "none of these one-word questions gets a choice any more: add one that does"
    offered = answerer.answer(vague).suggestion_ids
    deliver(webhook, line, text_event(vague))
    deliver(webhook, line, text_event("2"))
    choices, picked = fake_line.accepted(REPLY)
    assert "2. " in choices.texts[0]
    assert picked.texts == [answerer.answer_entry(offered[1]).reply]
    deliver(webhook, line, postback_event(f"choice={ASK_STAFF}"))
    with line_app.extensions["db"].session() as s:
        assert s.scalars(select(Ticket.question)).one() == vague


def test_small_talk_and_an_answer_offer_asking_staff_and_a_handover_does_not(webhook, line, fake_line, kb, answerer):
    assert answerer.answer(OUT_OF_SCOPE).status == "escalated", "precondition: the model answers this now"
    deliver(webhook, line, text_event("สวัสดีค่ะ"))
    deliver(webhook, line, text_event(ADMIN_DUTIES_QUESTION))
    deliver(webhook, line, text_event(OUT_OF_SCOPE))
    greeting, answer, handover = fake_line.accepted(REPLY)
    for offered in (greeting, answer):
        assert offered.quick_replies[-1]["data"] == f"choice={ASK_STAFF}"
        assert offered.quick_replies[-1]["label"] == kb.replies["ask_staff_label"]
    assert f"choice={ASK_STAFF}" not in [b["data"] for b in handover.quick_replies]


def test_out_of_scope_question_opens_a_ticket_before_the_person_is_told(webhook, line, line_app, fake_line, answerer):
    assert answerer.answer(OUT_OF_SCOPE).status == "escalated", "precondition: the model answers this now"
    tickets_when_replying = []
    fake_line.on_request = lambda call: call.path == REPLY and tickets_when_replying.append(count(line_app, Ticket))
    deliver(webhook, line, text_event(OUT_OF_SCOPE))

    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.escalation().reply]
    assert tickets_when_replying == [1]
    with line_app.extensions["db"].session() as s:
        ticket = s.scalars(select(Ticket)).one()
        assert ticket.question == OUT_OF_SCOPE and ticket.status == "open"


def test_a_message_of_line_emoji_only_gets_a_nod_and_opens_no_ticket(webhook, line, line_app, fake_line, answerer):
    """LINE's own emoji reach the bot as "$" in the text, with where each one sits in "emojis"."""
    event = text_event("$$")
    event["message"]["emojis"] = [
        {"index": i, "length": 1, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": f"00{i + 1}"} for i in range(2)
    ]
    deliver(webhook, line, event)
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.answer_entry("smalltalk-okay").reply]
    assert count(line_app, Ticket) == 0


def test_tapped_suggestion_is_answered_with_that_entry(webhook, line, fake_line, answerer, kb):
    deliver(webhook, line, postback_event("choice=decent-meaning"))
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.answer_entry("decent-meaning").reply]
    assert fake_line.calls_to(LOADING) == []


def test_ask_staff_button_opens_a_ticket(webhook, line, line_app, fake_line, answerer):
    deliver(webhook, line, postback_event(f"choice={ASK_STAFF}"))
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.escalation().reply]
    assert count(line_app, Ticket) == 1


def test_ask_staff_tapped_under_an_answer_hands_staff_the_question_answered(webhook, line, line_app, fake_line):
    deliver(webhook, line, text_event(ADMIN_DUTIES_QUESTION))
    deliver(webhook, line, postback_event(f"choice={ASK_STAFF}"))
    with line_app.extensions["db"].session() as s:
        ticket = s.scalars(select(Ticket)).one()
    assert (ticket.question, ticket.reason) == (ADMIN_DUTIES_QUESTION, "asked-for-staff")


def test_postback_without_a_choice_is_ignored(webhook, line, fake_line):
    deliver(webhook, line, postback_event("action=something-else"))
    assert fake_line.calls == []


def test_new_follower_is_greeted_with_example_questions(webhook, line, line_app, fake_line, answerer, kb):
    deliver(webhook, line, follow_event())
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.answer_entry("smalltalk-greeting").reply]
    examples = ["admin-duties", "decent-four-areas", "decent-meaning", "service-capabilities"]
    assert [b["data"] for b in reply.quick_replies] == [*(f"choice={i}" for i in examples), f"choice={ASK_STAFF}"]
    assert [b["displayText"] for b in reply.quick_replies] == [
        *answerer.suggestion_questions(examples), kb.replies["ask_staff_label"]
    ]
    assert conversation_of(line_app, USER).followed is True


def test_unfollow_is_recorded_and_refollow_undoes_it(webhook, line, line_app, fake_line):
    deliver(webhook, line, follow_event())
    deliver(webhook, line, unfollow_event())
    assert conversation_of(line_app, USER).followed is False
    assert len(fake_line.calls_to(REPLY)) == 1  # the greeting; nothing is sent to someone who left
    deliver(webhook, line, follow_event())
    assert conversation_of(line_app, USER).followed is True


def test_a_sticker_gets_a_nod_like_an_emoji(webhook, line, line_app, fake_line, answerer):
    """It used to get "the system cannot read stickers, please type": the thumbs-up after an answer too."""
    sticker = {"type": "sticker", "packageId": "1", "stickerId": "1", "stickerResourceType": "STATIC", "quoteToken": "q"}
    deliver(webhook, line, message_event(sticker))
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.answer_entry("smalltalk-okay").reply]
    assert count(line_app, Ticket) == 0


def test_pictures_files_and_places_get_the_please_type_reply(webhook, line, fake_line, kb):
    kinds = [
        {"type": "image", "contentProvider": {"type": "line"}, "quoteToken": "q"},
        {"type": "audio", "duration": 1000, "contentProvider": {"type": "line"}},
        {"type": "video", "duration": 1000, "contentProvider": {"type": "line"}, "quoteToken": "q"},
        {"type": "file", "fileName": "a.pdf", "fileSize": 10},
        {"type": "location", "latitude": 10.5, "longitude": 99.2, "title": "", "address": ""},
    ]
    deliver(webhook, line, *(message_event(m) for m in kinds))
    replies = fake_line.accepted(REPLY)
    assert [r.texts for r in replies] == [[kb.replies["non_text"]]] * len(kinds)


def test_messages_of_one_person_are_answered_in_order(webhook, line, fake_line, answerer):
    first, second = text_event(ADMIN_DUTIES_QUESTION), postback_event("choice=decent-meaning")
    deliver(webhook, line, first, second)
    replies = fake_line.accepted(REPLY)
    assert [r.body["replyToken"] for r in replies] == [first["replyToken"], second["replyToken"]]


# -- redelivery, standby, a full queue, failures ------------------------------------------------------------------


def test_redelivered_event_is_answered_once(webhook, line, line_app, fake_line):
    event = text_event(ADMIN_DUTIES_QUESTION)
    deliver(webhook, line, event)
    deliver(webhook, line, {**event, "deliveryContext": {"isRedelivery": True}})
    assert len(fake_line.calls_to(REPLY)) == 1
    assert count(line_app, ProcessedEvent) == 1
    with line_app.extensions["db"].session() as s:
        assert s.scalar(select(func.count()).select_from(Message).where(Message.author == "user")) == 1


def test_same_event_delivered_to_two_app_processes_at_once_is_answered_once(line_config, line_app, fake_line):
    other_app = create_app(line_config)  # a second process sharing the same database
    try:
        event = text_event(ADMIN_DUTIES_QUESTION)
        start = threading.Barrier(2)
        codes = []

        def post(app) -> None:
            hook = Webhook(app.test_client())
            start.wait()
            codes.append(hook.post(event).status_code)

        threads = [threading.Thread(target=post, args=(a,)) for a in (line_app, other_app)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        assert codes == [200, 200]
        assert line_app.extensions["line"].wait_idle(10) and other_app.extensions["line"].wait_idle(10)
        assert len(fake_line.calls_to(REPLY)) == 1
    finally:
        other_app.extensions["line"].close()
        other_app.extensions["db"].engine.dispose()


def test_standby_events_are_recorded_but_not_answered(webhook, line, line_app, fake_line):
    deliver(webhook, line, text_event(ADMIN_DUTIES_QUESTION, mode="standby"))
    assert fake_line.calls == []
    assert count(line_app, ProcessedEvent) == 1


def test_full_queue_still_answers_line_200_and_logs(line_config, request, fake_line, caplog):
    line_config.update(LINE_WORKERS=1, LINE_QUEUE_LIMIT=1)
    app = request.getfixturevalue("line_app")
    hook, line = Webhook(app.test_client()), app.extensions["line"]
    fake_line.delay_next(LOADING, 0.3)  # keeps the only worker busy with the first event
    first = text_event(ADMIN_DUTIES_QUESTION)
    second = text_event(ADMIN_DUTIES_QUESTION, src=source("U0000000000000000000000000000two"))
    with caplog.at_level(logging.WARNING, logger="bot.channels.line"):
        assert hook.post(first).status_code == 200
        assert hook.post(second).status_code == 200
    assert line.wait_idle(10)
    assert [r.body["replyToken"] for r in fake_line.calls_to(REPLY)] == [first["replyToken"]]
    assert "queue full" in caplog.text


def test_a_failing_event_does_not_stop_the_workers(webhook, line, line_app, fake_line, monkeypatch, caplog):
    step = line_app.extensions["conversation"]
    real_handle = step.handle
    calls = []

    def handle_failing_once(msg):
        calls.append(msg)
        if len(calls) == 1:
            raise RuntimeError("database went away")
        return real_handle(msg)

    monkeypatch.setattr(step, "handle", handle_failing_once)
    deliver(webhook, line, text_event(ADMIN_DUTIES_QUESTION), postback_event("choice=decent-meaning"))
    deliver(webhook, line, text_event(ADMIN_DUTIES_QUESTION))
    assert len(fake_line.accepted(REPLY)) == 2
    assert "could not be handled" in caplog.text


# -- groups and rooms -------------------------------------------------------------------------------------------


def test_group_talk_not_meant_for_the_bot_is_ignored(webhook, line, line_app, fake_line):
    someone_else = [{"index": 0, "length": 5, "type": "user", "userId": "Uother", "isSelf": False}]
    deliver(
        webhook,
        line,
        text_event(ADMIN_DUTIES_QUESTION, src=source(group=GROUP)),
        text_event("@สมชาย " + ADMIN_DUTIES_QUESTION, src=source(group=GROUP), mention=someone_else),
        message_event(
            {"type": "sticker", "packageId": "1", "stickerId": "1", "stickerResourceType": "STATIC", "quoteToken": "q"},
            src=source(group=GROUP),
        ),
    )
    assert fake_line.calls == []
    assert count(line_app, Conversation) == 0


def test_group_message_with_the_prefix_is_answered_in_the_group(webhook, line, line_app, fake_line, answerer):
    deliver(webhook, line, text_event("ถามบอท " + ADMIN_DUTIES_QUESTION, src=source(group=GROUP)))
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.answer_entry("admin-duties").reply]
    assert fake_line.calls_to(LOADING) == []  # the animation exists for one-to-one chats only
    assert conversation_of(line_app, f"{GROUP}/{USER}").reply_to == GROUP


def test_group_message_mentioning_the_bot_is_answered_without_the_mention(webhook, line, line_app, fake_line, answerer):
    mention = [{"index": 0, "length": 4, "type": "user", "userId": "Ubot", "isSelf": True}]
    deliver(webhook, line, text_event("@บอท" + ADMIN_DUTIES_QUESTION, src=source(group=GROUP), mention=mention))
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.answer_entry("admin-duties").reply]
    with line_app.extensions["db"].session() as s:
        asked = s.scalars(select(Message.text).where(Message.author == "user")).one()
    assert asked == ADMIN_DUTIES_QUESTION


def test_room_message_with_the_prefix_is_answered_in_the_room(webhook, line, line_app, fake_line, answerer):
    deliver(webhook, line, text_event("ถามบอท" + ADMIN_DUTIES_QUESTION, src=source(room=ROOM)))
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.answer_entry("admin-duties").reply]
    assert conversation_of(line_app, f"{ROOM}/{USER}").reply_to == ROOM


def test_prefix_alone_gets_the_greeting(webhook, line, fake_line, answerer):
    deliver(webhook, line, text_event("ถามบอท", src=source(group=GROUP)))
    [reply] = fake_line.accepted(REPLY)
    assert reply.texts == [answerer.answer_entry("smalltalk-greeting").reply]


def test_hash_number_outside_the_staff_group_is_an_ordinary_question(webhook, line, line_app, fake_line):
    deliver(webhook, line, postback_event(f"choice={ASK_STAFF}", src=source("U0000000000000000000000000asker")))
    with line_app.extensions["db"].session() as s:
        ticket_id = s.scalars(select(Ticket.id)).one()
    deliver(
        webhook,
        line,
        text_event(f"#{ticket_id} ปิดเรื่องได้เลย"),
        text_event(f"ถามบอท #{ticket_id} ปิดเรื่องได้เลย", src=source(group=GROUP)),
    )
    assert len(fake_line.accepted(REPLY)) == 3
    assert {c.body["to"] for c in fake_line.calls_to(PUSH)} == {STAFF_GROUP}  # notices of tickets only
    with line_app.extensions["db"].session() as s:
        ticket = s.get(Ticket, ticket_id)
        assert ticket.status == "open" and ticket.answer is None
        assert s.scalar(select(func.count()).select_from(Message).where(Message.author == "staff")) == 0
