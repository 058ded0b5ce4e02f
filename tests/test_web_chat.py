"""The website chat API (`/api/chat`), CORS, rate limiting, `/widget.js` and the demo page, through Flask's
test client. The widget itself is driven in a real browser by tests/test_widget_browser.py."""
from __future__ import annotations

import re
import socket
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update

from bot.conversation import ASK_STAFF
from bot.handoff import answer_ticket
from bot.tables import Conversation, Message, Ticket
from db_support import while_someone_writes

IN_SCOPE = "กลุ่มอำนวยการมีหน้าที่อะไรบ้าง"
OUT_OF_SCOPE = "ลูกจะย้ายโรงเรียนต้องทำอย่างไร"
# One-word questions the model is unsure of; the knowledge base keeps changing, so the test takes the first
# one that the current model answers with "clarify".
VAGUE_CANDIDATES = ("อำนวยการ", "หน้าที่", "รายงาน", "กระจายอำนาจ", "กลุ่มอำนวยการ", "การศึกษา")
ALLOWED = "https://office.example"
SESSION = re.compile(r"[0-9a-f]{32}")


def ask(client, message=None, session_id=None, **extra):
    body = {k: v for k, v in (("message", message), ("session_id", session_id)) if v is not None} | extra
    return client.post("/api/chat", json=body)


@pytest.fixture
def vague(answerer) -> str:
    found = next((q for q in VAGUE_CANDIDATES if answerer.answer(q).status == "clarify"), None)
    if found is None:
        pytest.fail(f"none of {VAGUE_CANDIDATES} gets a clarify answer any more: add one that does")
    return found


def count(app, model) -> int:
    with app.extensions["db"].session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def make_client(app_config):
    """A test client of an app built with extra settings (the rate limit, mostly)."""
    from bot import create_app

    apps = []

    def make(**overrides):
        application = create_app(app_config | overrides)
        apps.append(application)
        return application, application.test_client()

    yield make
    for application in apps:
        application.extensions["db"].engine.dispose()


# --- answers -----------------------------------------------------------------------------------------------


def test_first_message_is_answered_and_gets_a_new_session(client):
    response = ask(client, IN_SCOPE)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert data["status"] == "answered"
    assert data["faq_id"] == "admin-duties"
    assert "หน้าที่หลักของกลุ่มอำนวยการเขตพื้นที่" in data["reply"]
    assert 0 < data["confidence"] <= 1
    assert data["source"]
    assert len(data["suggestions"]) == len(data["suggestion_ids"]) > 0
    assert SESSION.fullmatch(data["session_id"])
    assert "ticket" not in data
    assert len(data["message_ids"]) == 2 and data["message_ids"][0] < data["message_ids"][1]


def test_each_new_chat_gets_its_own_random_session(client):
    ids = {ask(client, IN_SCOPE).get_json()["session_id"] for _ in range(3)}
    assert len(ids) == 3


def test_second_message_with_the_session_id_continues_the_conversation(app, client):
    first = ask(client, IN_SCOPE).get_json()
    second = ask(client, "การกระจายอำนาจ 4 ด้าน มีอะไรบ้าง", first["session_id"]).get_json()
    assert second["session_id"] == first["session_id"]
    assert count(app, Conversation) == 1
    assert count(app, Message) == 4


def test_a_session_id_made_by_the_client_is_accepted(app, client):
    sid = "0123456789abcdef0123456789abcdef"
    assert ask(client, IN_SCOPE, sid).get_json()["session_id"] == sid
    assert count(app, Conversation) == 1


def test_message_ids_are_the_stored_question_and_reply(app, client):
    data = ask(client, OUT_OF_SCOPE).get_json()
    with app.extensions["db"].session() as s:
        stored = {m.id: (m.author, m.text) for m in s.scalars(select(Message))}
    assert stored[data["message_ids"][0]] == ("user", OUT_OF_SCOPE)
    assert stored[data["message_ids"][1]] == ("bot", data["reply"])


def test_first_messages_sent_at_once_make_one_conversation(app):
    """Two tabs of one visitor, or a double tap: the first messages of a session arrive together."""
    sid = "fedcba9876543210fedcba9876543210"
    senders = 6
    start = threading.Barrier(senders)

    def send(n: int) -> int:
        start.wait()
        return ask(app.test_client(), f"{IN_SCOPE} {n}", sid).status_code

    with ThreadPoolExecutor(senders) as pool:
        statuses = list(pool.map(send, range(senders)))
    assert statuses == [200] * senders
    assert count(app, Conversation) == 1
    assert count(app, Message) == 2 * senders


def test_suggestion_tapped_is_answered_with_that_entry(app, client):
    first = ask(client, IN_SCOPE).get_json()
    chosen = first["suggestion_ids"][0]
    data = ask(client, session_id=first["session_id"], choice=chosen).get_json()
    assert data["status"] == "answered"
    assert data["faq_id"] == chosen
    assert data["confidence"] == 1.0
    with app.extensions["db"].session() as s:
        shown = s.scalars(select(Message.text).where(Message.author == "user").order_by(Message.id.desc())).first()
    assert shown == first["suggestions"][0]


def test_clarify_offers_suggestions_and_the_ask_staff_label(client, kb, vague):
    data = ask(client, vague).get_json()
    assert data["status"] == "clarify"
    assert data["suggestion_ids"] and len(data["suggestions"]) == len(data["suggestion_ids"])
    assert data["ask_staff_label"] == kb.replies["ask_staff_label"]
    assert data["faq_id"] is None


@pytest.mark.parametrize("typed, picked", [("2", 1), ("ข้อ ๑ ค่ะ", 0), ("อันแรก", 0)])
def test_a_number_typed_after_a_choice_picks_that_choice(app, client, vague, typed, picked):
    """The choices are numbered in the reply, and people type the number they see: "2" went to staff."""
    first = ask(client, vague).get_json()
    assert first["status"] == "clarify" and len(first["suggestion_ids"]) >= 2
    data = ask(client, typed, first["session_id"]).get_json()
    assert (data["status"], data["faq_id"]) == ("answered", first["suggestion_ids"][picked])
    with app.extensions["db"].session() as s:
        shown = s.scalars(select(Message.text).where(Message.author == "user").order_by(Message.id.desc())).first()
    assert shown == typed  # what the person typed is what staff see


def test_a_number_with_no_choice_to_pick_is_a_message_like_any_other(app, client, vague):
    first = ask(client, vague).get_json()
    beyond = str(len(first["suggestion_ids"]) + 1)
    assert ask(client, beyond, first["session_id"]).get_json()["status"] == "escalated"
    answered = ask(client, IN_SCOPE).get_json()
    assert ask(client, "1", answered["session_id"]).get_json()["status"] == "escalated"  # nothing was offered
    assert ask(client, "1").get_json()["status"] == "escalated"  # a new chat


def test_small_talk_offers_asking_staff(client, kb):
    """ "แอดมินอยู่ไหมคะ" is a greeting to the model; whoever sends one may be looking for a person."""
    data = ask(client, "สวัสดีค่ะ").get_json()
    assert (data["status"], data["faq_id"]) == ("smalltalk", "smalltalk-greeting")
    assert data["ask_staff_label"] == kb.replies["ask_staff_label"]


def test_ask_staff_choice_opens_a_ticket_holding_the_question_before_it(app, client, kb, vague):
    first = ask(client, vague).get_json()
    data = ask(client, session_id=first["session_id"], choice=ASK_STAFF).get_json()
    assert data["status"] == "escalated" and "ask_staff_label" not in data
    with app.extensions["db"].session() as s:
        ticket = s.get(Ticket, data["ticket"])
        assert ticket is not None and ticket.reason == "asked-for-staff"
        assert ticket.question == vague
        shown = s.scalars(select(Message.text).where(Message.author == "user").order_by(Message.id.desc())).first()
    assert shown == kb.replies["ask_staff_label"]  # the conversation shows what was tapped


def test_an_answer_offers_staff_and_the_tap_hands_over_the_question_it_answered(app, client, kb):
    """An answer may settle one question of two, or not the one meant; the person is one tap from staff, and
    staff see that question, not the button's label."""
    question = "กลุ่มอำนวยการมีหน้าที่อะไรบ้าง แล้วแต่ละงานทำกันยังไงคะ"
    first = ask(client, question).get_json()
    assert first["status"] == "answered"
    assert first["ask_staff_label"] == kb.replies["ask_staff_label"]
    data = ask(client, session_id=first["session_id"], choice=ASK_STAFF).get_json()
    assert data["status"] == "escalated"
    with app.extensions["db"].session() as s:
        assert s.get(Ticket, data["ticket"]).question == question


@pytest.mark.parametrize("by_number", [True, False], ids=["typed number", "tapped choice"])
def test_ask_staff_after_picking_a_choice_hands_over_the_question_the_choices_were_for(app, client, vague, by_number):
    """ "2", or the knowledge base's wording of the question picked, told staff nothing of what was asked."""
    first = ask(client, vague).get_json()
    session = first["session_id"]
    picked = ask(client, "2", session) if by_number else ask(client, session_id=session, choice=first["suggestion_ids"][0])
    assert picked.get_json()["status"] == "answered"
    data = ask(client, session_id=session, choice=ASK_STAFF).get_json()
    with app.extensions["db"].session() as s:
        assert s.get(Ticket, data["ticket"]).question == vague


def test_a_number_beyond_the_choices_goes_to_staff_with_the_question_they_were_for(app, client, vague):
    first = ask(client, vague).get_json()
    beyond = ask(client, str(len(first["suggestion_ids"]) + 1), first["session_id"]).get_json()
    assert beyond["status"] == "escalated"
    with app.extensions["db"].session() as s:
        assert s.get(Ticket, beyond["ticket"]).question == vague


def test_ask_staff_first_or_after_a_greeting_keeps_the_label_as_the_question(app, client, kb):
    first = ask(client, choice=ASK_STAFF).get_json()
    greeting = ask(client, "สวัสดีค่ะ").get_json()
    assert greeting["status"] == "smalltalk"
    after_greeting = ask(client, session_id=greeting["session_id"], choice=ASK_STAFF).get_json()
    with app.extensions["db"].session() as s:
        for data in (first, after_greeting):
            assert s.get(Ticket, data["ticket"]).question == kb.replies["ask_staff_label"]


def test_out_of_scope_question_is_escalated_with_a_ticket(app, client, kb, answerer):
    data = ask(client, OUT_OF_SCOPE).get_json()
    assert data["status"] == "escalated"
    assert data["reply"] == answerer.escalation().reply
    with app.extensions["db"].session() as s:
        ticket = s.get(Ticket, data["ticket"])
        assert ticket.status == "open"
        assert ticket.question == OUT_OF_SCOPE
    again = ask(client, "ขอเอกสารอะไรบ้างคะ ย้ายโรงเรียน", data["session_id"]).get_json()
    assert again["ticket"] == data["ticket"]
    assert again["reply"] == kb.reply("ticket_open", ticket=data["ticket"])
    assert count(app, Ticket) == 1


def test_saying_no_one_has_answered_yet_joins_the_open_ticket(app, client, kb):
    """A nudge ("…ยังไม่มีใครตอบเลย") had got the explanation of how handing over works, and staff never saw it."""
    data = ask(client, OUT_OF_SCOPE).get_json()
    nudge = ask(client, "ส่งเรื่องไปสองวันแล้ว ยังไม่มีใครตอบเลยค่ะ", data["session_id"]).get_json()
    assert (nudge["status"], nudge["ticket"]) == ("escalated", data["ticket"])
    assert nudge["reply"] == kb.reply("ticket_open", ticket=data["ticket"])
    assert count(app, Ticket) == 1


def test_a_person_writing_in_english_is_told_in_english_each_time(client, kb):
    """The Thai escalation reply, and the one saying a message joined the open ticket, each come with the
    English sentence when the person wrote in English."""
    english = "\n\n" + kb.reply("in_english")
    first = ask(client, "Hello, my son's school closed, who do I contact?").get_json()
    assert (first["status"], first["reply"]) == ("escalated", kb.reply("escalated") + english)
    again = ask(client, "It is in Lang Suan district", first["session_id"]).get_json()
    assert again["ticket"] == first["ticket"]
    assert again["reply"] == kb.reply("ticket_open", ticket=first["ticket"]) + english
    thai = ask(client, "ขอเอกสารอะไรบ้างคะ ย้ายโรงเรียน", first["session_id"]).get_json()
    assert thai["reply"] == kb.reply("ticket_open", ticket=first["ticket"])


def test_markup_in_a_message_comes_back_as_plain_json_text(client):
    text = "<script>alert(1)</script><b>x</b>"
    response = ask(client, text)
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    sid = response.get_json()["session_id"]
    history = client.get(f"/api/chat/{sid}/messages")
    assert history.mimetype == "application/json"
    assert history.get_json()["messages"][0]["text"] == text


def test_control_characters_are_dropped_before_storing(client):
    sid = ask(client, "กลุ่มอำนวยการ\x00มีหน้าที่\x07อะไรบ้าง").get_json()["session_id"]
    stored = client.get(f"/api/chat/{sid}/messages").get_json()["messages"][0]["text"]
    assert stored == IN_SCOPE


def test_a_message_of_exactly_the_limit_is_accepted(client):
    assert ask(client, "ก" * 2000).status_code == 200


# --- bad input ---------------------------------------------------------------------------------------------

BAD_BODIES = [
    pytest.param({}, 400, "missing_message", id="no-message"),
    pytest.param({"message": ""}, 400, "empty_message", id="empty"),
    pytest.param({"message": "   \n\t "}, 400, "empty_message", id="whitespace"),
    pytest.param({"message": "\u200b\u200b"}, 400, "empty_message", id="zero-width-only"),
    pytest.param({"message": "ก" * 2001}, 413, "message_too_long", id="too-long"),
    pytest.param({"message": 42}, 400, "message_not_text", id="number"),
    pytest.param({"message": ["กลุ่มอำนวยการ"]}, 400, "message_not_text", id="list"),
    pytest.param({"message": {"text": "x"}}, 400, "message_not_text", id="object"),
    pytest.param({"message": None}, 400, "missing_message", id="null"),
    pytest.param({"message": "สวัสดี", "session_id": "abc"}, 400, "bad_session_id", id="short-session"),
    pytest.param({"message": "สวัสดี", "session_id": "0123456789ABCDEF0123456789ABCDEF"}, 400, "bad_session_id", id="upper-session"),
    pytest.param({"message": "สวัสดี", "session_id": "../../etc/passwd"}, 400, "bad_session_id", id="path-session"),
    pytest.param({"message": "สวัสดี", "session_id": 12345}, 400, "bad_session_id", id="number-session"),
    pytest.param({"choice": "no-such-entry"}, 400, "unknown_choice", id="unknown-choice"),
    pytest.param({"choice": 7}, 400, "unknown_choice", id="number-choice"),
    pytest.param({"message": "สวัสดี", "choice": "admin-duties"}, 400, "message_and_choice", id="both"),
]


@pytest.mark.parametrize("body, status, code", BAD_BODIES)
def test_bad_json_bodies_are_refused_with_a_clear_error(app, client, body, status, code):
    response = client.post("/api/chat", json=body)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    data = response.get_json()
    assert data["code"] == code
    assert isinstance(data["error"], str) and len(data["error"]) > 10
    assert count(app, Message) == 0


@pytest.mark.parametrize(
    "data, content_type, status",
    [
        pytest.param(b"{not json", "application/json", 400, id="broken-json"),
        pytest.param(b"", "application/json", 400, id="empty-body"),
        pytest.param(b"[1, 2]", "application/json", 400, id="array"),
        pytest.param(b"null", "application/json", 400, id="null"),
        pytest.param(b'"hello"', "application/json", 400, id="string"),
        pytest.param(b'{"message": "\xff\xfe"}', "application/json", 400, id="not-utf8"),
        pytest.param(b'{"message": "\\ud800 x"}', "application/json", 400, id="lone-surrogate"),
        pytest.param(b'{"message": "hi"}', "text/plain", 415, id="text-plain"),
        pytest.param(b"message=hi", "application/x-www-form-urlencoded", 415, id="form"),
        pytest.param(b'{"message": "hi"}', None, 415, id="no-content-type"),
    ],
)
def test_bad_raw_bodies_are_refused_with_json(client, data, content_type, status):
    headers = {"Content-Type": content_type} if content_type else {}
    response = client.post("/api/chat", data=data, headers=headers)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]


def test_a_body_over_the_size_limit_is_413_json(client):
    response = client.post("/api/chat", data=b'{"message": "' + b"a" * 70_000 + b'"}', content_type="application/json")
    assert response.status_code == 413
    assert response.get_json()["error"]


@pytest.mark.parametrize(
    "method, path, status",
    [("get", "/api/chat", 405), ("put", "/api/chat", 405), ("get", "/api/nothing-here", 404), ("post", "/api/chat/x/messages", 405)],
)
def test_http_errors_under_api_are_json(client, method, path, status):
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]


def test_http_errors_outside_api_stay_html(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.mimetype == "text/html"


JSON_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=60), st.lists(st.integers(), max_size=2)
)


def test_no_json_body_makes_a_server_error(make_client):
    _, client = make_client(CHAT_RATE_LIMIT="10000 per minute")

    @settings(max_examples=80, deadline=None)
    @given(body=st.dictionaries(st.sampled_from(["message", "session_id", "choice", "other"]), JSON_VALUES, max_size=3))
    def check(body):
        response = client.post("/api/chat", json=body)
        assert response.status_code in (200, 400, 413)
        assert response.mimetype == "application/json"

    check()


# --- fetching messages and staff answers -------------------------------------------------------------------


def test_staff_answer_is_fetched_then_marked_delivered(app, client):
    first = ask(client, OUT_OF_SCOPE).get_json()
    sid, ticket = first["session_id"], first["ticket"]
    history = client.get(f"/api/chat/{sid}/messages?after=0").get_json()
    assert history["session_id"] == sid
    assert [m["author"] for m in history["messages"]] == ["user", "bot"]
    assert history["messages"][1]["status"] == "escalated" and history["messages"][1]["ticket"] == ticket
    last = history["messages"][-1]["id"]

    result = answer_ticket(app, ticket, "ยื่นคำร้องที่โรงเรียนปลายทางได้เลยค่ะ", "staff-a")
    assert result.delivered is False  # the web waits for the widget to fetch it
    fresh = client.get(f"/api/chat/{sid}/messages?after={last}").get_json()["messages"]
    assert len(fresh) == 1
    staff = fresh[0]
    assert staff["author"] == "staff" and staff["text"] == "ยื่นคำร้องที่โรงเรียนปลายทางได้เลยค่ะ"
    assert staff["ticket"] == ticket and staff["id"] == result.message_id
    assert re.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", staff["created_at"]) and staff["created_at"].endswith("+00:00")
    with app.extensions["db"].session() as s:
        message = s.get(Message, result.message_id)
        assert message.delivered is True and message.delivered_at is not None
    assert client.get(f"/api/chat/{sid}/messages?after={staff['id']}").get_json()["messages"] == []


def test_messages_after_an_id_are_only_the_newer_ones(client):
    first = ask(client, IN_SCOPE).get_json()
    ask(client, OUT_OF_SCOPE, first["session_id"])
    everything = client.get(f"/api/chat/{first['session_id']}/messages").get_json()["messages"]
    assert len(everything) == 4
    newer = client.get(f"/api/chat/{first['session_id']}/messages?after={everything[1]['id']}").get_json()["messages"]
    assert newer == everything[2:]


def test_one_fetch_brings_at_most_200_messages_and_the_next_goes_on_from_there(app, client):
    from bot.conversation import IncomingMessage

    sid = ask(client, IN_SCOPE).get_json()["session_id"]
    for _ in range(100):  # 2 messages each, 202 in all
        app.extensions["conversation"].handle(IncomingMessage("web", sid, text=IN_SCOPE))
    first = client.get(f"/api/chat/{sid}/messages").get_json()["messages"]
    rest = client.get(f"/api/chat/{sid}/messages?after={first[-1]['id']}").get_json()["messages"]
    assert (len(first), len(rest)) == (200, 2)
    ids = [m["id"] for m in first + rest]
    assert ids == sorted(set(ids))


def test_polling_never_waits_for_someone_writing(app, client):
    """The widget polls every few seconds while open: a poll must not queue behind the writes of a surge."""
    sid = ask(client, IN_SCOPE).get_json()["session_id"]
    holds_the_lock = update(Conversation).values(followed=True)
    response = while_someone_writes(app.extensions["db"], holds_the_lock, lambda: client.get(f"/api/chat/{sid}/messages"))
    assert [m["author"] for m in response.get_json()["messages"]] == ["user", "bot"]


def test_unknown_session_has_no_messages_and_is_not_created(app, client):
    response = client.get("/api/chat/" + "a" * 32 + "/messages")
    assert response.status_code == 200
    assert response.get_json() == {"messages": [], "session_id": "a" * 32}
    assert count(app, Conversation) == 0


def test_sessions_do_not_see_each_other(client):
    mine = ask(client, IN_SCOPE).get_json()["session_id"]
    other = ask(client, OUT_OF_SCOPE).get_json()["session_id"]
    texts = [m["text"] for m in client.get(f"/api/chat/{mine}/messages").get_json()["messages"]]
    assert OUT_OF_SCOPE not in texts and other != mine


@pytest.mark.parametrize("session_id", ["abc", "A" * 32, "g" * 32, "a" * 33])
def test_bad_session_id_in_the_path_is_400(client, session_id):
    response = client.get(f"/api/chat/{session_id}/messages")
    assert response.status_code == 400
    assert response.get_json()["code"] == "bad_session_id"


@pytest.mark.parametrize("after", ["abc", "-1", "1.5", "", "1e3", "9" * 16, "0x10"])
def test_bad_after_is_400(client, after):
    response = client.get("/api/chat/" + "a" * 32 + f"/messages?after={after}")
    assert response.status_code == 400
    assert response.get_json()["code"] == "bad_after"


# --- CORS --------------------------------------------------------------------------------------------------


def test_cors_allows_a_listed_origin(client):
    response = client.post("/api/chat", json={"message": IN_SCOPE}, headers={"Origin": ALLOWED})
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert "Origin" in response.headers["Vary"]
    sid = response.get_json()["session_id"]
    fetched = client.get(f"/api/chat/{sid}/messages", headers={"Origin": ALLOWED})
    assert fetched.headers["Access-Control-Allow-Origin"] == ALLOWED


def test_cors_headers_are_on_errors_too_so_the_widget_can_read_them(client):
    response = client.post("/api/chat", json={"message": ""}, headers={"Origin": ALLOWED})
    assert response.status_code == 400
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED


@pytest.mark.parametrize("origin", ["https://evil.example", "https://office.example.evil.example", "http://office.example", "null"])
def test_cors_gives_other_origins_nothing(client, origin):
    response = client.post("/api/chat", json={"message": IN_SCOPE}, headers={"Origin": origin})
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = client.options("/api/chat", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert not any(h.startswith("Access-Control-") for h in preflight.headers.keys())


def test_cors_allows_the_apps_own_origin(client):
    response = client.post("/api/chat", json={"message": IN_SCOPE}, headers={"Origin": "http://localhost"})
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost"


@pytest.mark.parametrize("path", ["/api/chat", "/api/chat/" + "a" * 32 + "/messages"])
def test_cors_preflight_for_a_listed_origin(client, path):
    response = client.options(
        path, headers={"Origin": ALLOWED, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"}
    )
    assert response.status_code == 200
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    assert {m.strip() for m in response.headers["Access-Control-Allow-Methods"].split(",")} >= {"GET", "POST"}
    assert response.headers["Access-Control-Allow-Headers"].lower() == "content-type"
    assert int(response.headers["Access-Control-Max-Age"]) > 0


def test_no_cors_headers_outside_the_api(client):
    assert "Access-Control-Allow-Origin" not in client.get("/", headers={"Origin": ALLOWED}).headers


# --- rate limit --------------------------------------------------------------------------------------------


def test_rate_limit_answers_429_with_the_polite_thai_text(make_client, kb):
    _, client = make_client(CHAT_RATE_LIMIT="2 per minute")
    assert ask(client, IN_SCOPE).status_code == 200
    assert ask(client, IN_SCOPE).status_code == 200
    response = client.post("/api/chat", json={"message": IN_SCOPE}, headers={"Origin": ALLOWED})
    assert response.status_code == 429
    data = response.get_json()
    assert data["reply"] == data["error"] == kb.replies["rate_limited"]
    assert int(response.headers["Retry-After"]) > 0
    assert response.headers["Access-Control-Allow-Origin"] == ALLOWED
    # per client: someone else is still answered; preflights and fetching messages are not counted
    other = client.post("/api/chat", json={"message": IN_SCOPE}, environ_base={"REMOTE_ADDR": "10.0.0.2"})
    assert other.status_code == 200
    assert client.options("/api/chat", headers={"Origin": ALLOWED}).status_code == 200
    assert client.get("/api/chat/" + "a" * 32 + "/messages").status_code == 200


def test_polling_has_its_own_rate_limit(make_client, kb):
    """The widget polls every few seconds; the limit only stops a runaway client, and leaves asking alone."""
    _, client = make_client(POLL_RATE_LIMIT="2 per minute")
    sid = ask(client, IN_SCOPE).get_json()["session_id"]
    assert [client.get(f"/api/chat/{sid}/messages").status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get(f"/api/chat/{sid}/messages")
    assert refused.get_json()["error"] == kb.replies["rate_limited"] and int(refused.headers["Retry-After"]) > 0
    assert ask(client, IN_SCOPE, sid).status_code == 200


def test_rate_limit_refusals_store_nothing(make_client):
    app, client = make_client(CHAT_RATE_LIMIT="1 per minute")
    ask(client, IN_SCOPE)
    assert ask(client, IN_SCOPE).status_code == 429
    assert count(app, Message) == 2


def test_an_unreachable_rate_limit_store_lets_people_chat_and_is_logged(make_client, caplog):
    """Redis down: an unlimited chat for a while is better than no chat (bot/channels/web_limits.py)."""
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    _, client = make_client(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{port}", CHAT_RATE_LIMIT="1 per minute")
    with caplog.at_level("WARNING"):
        assert [ask(client, IN_SCOPE).status_code for _ in range(3)] == [200, 200, 200]
    assert [r.message for r in caplog.records].count("rate limit storage unreachable: requests are not limited meanwhile") == 1


def test_a_rate_limit_store_that_never_answers_holds_a_chat_a_moment_only(make_client):
    """A Redis whose port takes connections but never answers (hung, overloaded): the chat is answered after the
    store's one-second time-out, not for the several seconds of the Redis client's own defaults."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)  # the kernel completes the connections; nothing ever reads or answers them
        _, client = make_client(RATELIMIT_STORAGE_URI=f"redis://127.0.0.1:{silent.getsockname()[1]}")
        statuses: list[int] = []
        asking = threading.Thread(target=lambda: statuses.append(ask(client, IN_SCOPE).status_code), daemon=True)
        asking.start()
        asking.join(4)
        assert not asking.is_alive() and statuses == [200]


def test_a_rate_limit_setting_that_is_not_a_limit_stops_the_start(app_config):
    from bot import create_app

    with pytest.raises(ValueError):
        create_app(app_config | {"CHAT_RATE_LIMIT": "as many as you like"})


# --- widget and demo page ----------------------------------------------------------------------------------


def test_widget_js_is_served_with_the_office_texts(client, kb):
    response = client.get("/widget.js")
    assert response.status_code == 200
    assert response.mimetype == "application/javascript"
    assert "max-age" in response.headers["Cache-Control"]
    source = response.get_data(as_text=True)
    assert "/*CONFIG*/" not in source
    assert kb.settings["office_short_name"] in source and kb.replies["staff_answer_prefix"] in source
    assert "สวัสดีค่ะ ติดต่อสอบถามข้อมูลได้ที่นี่ค่ะ" in source
    again = client.get("/widget.js", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304


def test_widget_never_writes_html():
    from bot.channels.web import WIDGET_FILE

    source = WIDGET_FILE.read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source


def test_demo_page_looks_like_the_office_page_and_loads_the_widget(client, kb):
    response = client.get("/")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert kb.settings["office_name"] in page
    assert "การกระจายอำนาจและการมีส่วนร่วม" in page
    assert re.search(r'<script src="/widget\.js" defer></script>', page)
    assert not re.search(r'(src|href)="(https?:)?//', page), "the demo page must load nothing from elsewhere"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
