"""Bad input on the LINE webhook (`POST /callback`), property-based: random bytes, wrong content types,
bodies over the size limit, deeply nested JSON, invalid UTF-8, mangled LINE events, and well-formed events
whose text is anything a person (or a broken client) can send.

Whatever arrives, the webhook answers 200 (a LINE webhook body it accepted) or a 4xx with a clear error,
never a 500; an unsigned or wrongly signed body is always a plain 400. Events it accepted are handled in
the LINE workers without an exception escaping, and whatever reached the fake LINE API was within LINE's
limits (the fake refuses anything else with 400).
"""

from __future__ import annotations

import json
import logging
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from fake_line_api import (
    LOADING,
    PUSH,
    REPLY,
    STAFF_GROUP,
    USER,
    follow_event,
    postback_event,
    signature,
    source,
    text_event,
)
from bot.tables import Ticket
from nasty_text import pieces, repeated
from staff_support import seed_ticket

FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(FUZZ, max_examples=10)
LIMIT = 64 * 1024
GROUP = "Cfuzzgroup000000000000000000000000"
REFUSED = {"error": "bad request"}
NOT_A_PAYLOAD = "the request body is not a valid LINE webhook payload"

# -- strategies ----------------------------------------------------------------------------------------------

FRAGMENTS = (
    "' OR '1'='1",
    "'; DROP TABLE tickets; --",
    '" OR ""="',
    "1; SELECT pg_sleep(5)",
    "%",
    "_",
    "\\",
    "%_%",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</textarea>",
    "&lt;b&gt;",
    "{{ 7*7 }}",
    "{ticket}",
    "%s%n",
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\t",
    "ถามบอท",
    "#1 ",
    "กลุ่มอำนวยการมีหน้าที่อะไร",
    "ค่ะ",
    "ลูกจะย้ายโรงเรียนต้องทำอย่างไร",
    "สวัสดีครับ",
    "l;ylfu8iy[",
)
PIECES = pieces(FRAGMENTS)
# Text as a person, a broken phone or an attacker sends it, up to LINE's own 5000 characters and beyond.
NASTY_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(PIECES, max_size=40).map("".join),
    repeated(("ก", "a", "😀", "\u200b", "\u0e49", " ", "กลุ่มอำนวยการ", "<b>", "'"), (4999, 5000, 5001, 10_000)),
)
JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30)
)
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
CONTENT_TYPES = st.sampled_from(
    (
        "application/json",
        "application/json; charset=latin-1",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/octet-stream",
        "",
    )
)
# How the body is signed: right, with another secret, not at all, or a header that is not a signature.
SIGNING = st.sampled_from(("valid", "other-secret", "missing", "garbage"))


def _headers(body: bytes, signing: str) -> dict[str, str]:
    if signing == "valid":
        return {"X-Line-Signature": signature(body)}
    if signing == "other-secret":
        return {"X-Line-Signature": signature(body, secret="not-the-channel-secret")}
    if signing == "garbage":
        return {"X-Line-Signature": "=?utf-8?b?\u00e9?= not base64 \u00ff"}
    return {}


def _post(client, body: bytes, signing: str = "valid", content_type: str = "application/json"):
    return client.post("/callback", data=body, headers=_headers(body, signing), content_type=content_type or None)


def _payload(*events: dict) -> bytes:
    """A webhook body as LINE sends it (UTF-8); with \\u escapes where the text has what UTF-8 cannot hold."""
    body = {"destination": "Ubot", "events": list(events)}
    try:
        return json.dumps(body, ensure_ascii=False).encode()
    except UnicodeEncodeError:  # lone surrogates
        return json.dumps(body).encode()


@pytest.fixture
def client(line_app):
    return line_app.test_client()


@pytest.fixture
def errors(caplog):
    """The log records at ERROR or above since the last call: an exception in a LINE worker shows here."""
    caplog.set_level(logging.INFO)

    def new_errors() -> list[str]:
        found = [
            f"{r.name}: {r.getMessage()}\n{r.exc_text or ''}" for r in caplog.records if r.levelno >= logging.ERROR
        ]
        caplog.clear()
        return found

    return new_errors


def _settle(line, fake_line, errors) -> list:
    """Wait for the LINE workers; every call they made to the fake LINE API must have been accepted. Returns
    the replies and pushes to the chat the events came from (not the new-ticket notices to the staff group)."""
    assert line.wait_idle(15), "LINE workers did not finish"
    assert errors() == []
    for call in fake_line.calls:
        assert 200 <= call.status < 300 or call.path == LOADING, (call.path, call.status, call.body)
    calls = [c for c in fake_line.calls if c.path == REPLY or (c.path == PUSH and c.body.get("to") != STAFF_GROUP)]
    fake_line.calls.clear()
    return calls


# -- bodies that are not LINE webhook JSON -----------------------------------------------------------------


@FUZZ
@given(body=st.binary(max_size=3000), signing=SIGNING, content_type=CONTENT_TYPES)
def test_random_bytes_get_200_or_a_clear_400(client, line, fake_line, errors, body, signing, content_type):
    response = _post(client, body, signing, content_type)
    if signing != "valid":
        assert response.status_code == 400
        assert response.get_json() == REFUSED
    else:
        assert response.status_code in (200, 400), response.status_code
        if response.status_code == 400:
            assert response.get_json()["error"] in (REFUSED["error"], NOT_A_PAYLOAD)
    _settle(line, fake_line, errors)


@FUZZ
@given(
    text=st.text(min_size=1, max_size=200),
    junk=st.binary(min_size=1, max_size=4).filter(lambda b: not _is_utf8(b)),
    signing=SIGNING,
)
def test_invalid_utf8_is_a_400(client, line, fake_line, errors, text, junk, signing):
    """Bytes that are not UTF-8 inside an otherwise valid body, signed or not."""
    body = _payload(text_event(text)).replace(b'"text": "', b'"text": "' + junk, 1)
    response = _post(client, body, signing)
    assert response.status_code == 400
    assert response.get_json()["error"]
    _settle(line, fake_line, errors)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@FUZZ
@given(body=JSON_VALUE, wrap=st.booleans(), signing=SIGNING)
def test_any_json_value_gets_200_or_a_clear_400(client, line, fake_line, errors, body, wrap, signing):
    """Any JSON as the whole body, or as the value of "events"."""
    data = json.dumps({"destination": "Ubot", "events": body} if wrap else body).encode()
    response = _post(client, data, signing)
    assert response.status_code in (200, 400), response.status_code
    if signing != "valid":
        assert response.get_json() == REFUSED
    elif response.status_code == 400:
        assert response.get_json() == {"error": NOT_A_PAYLOAD}
    _settle(line, fake_line, errors)


@FEW
@given(depth=st.integers(min_value=500, max_value=30_000), kind=st.sampled_from(("[]", "{}", "events")))
def test_deeply_nested_json_is_a_clear_400(client, line, fake_line, errors, depth, kind):
    if kind == "[]":
        body = "[" * depth + "]" * depth
    elif kind == "{}":
        body = '{"a":' * depth + "1" + "}" * depth
    else:  # nested inside an event's message, where the SDK's models read it
        inner = '{"x":' * depth + "1" + "}" * depth
        body = json.dumps({"destination": "Ubot", "events": [text_event("สวัสดี")]}).replace(
            '"quoteToken"', f'"deep": {inner}, "quoteToken"'
        )
    data = body.encode()
    assume(len(data) <= LIMIT)
    response = _post(client, data)
    assert response.status_code in (200, 400), response.status_code
    if kind != "events":
        assert response.get_json() == {"error": NOT_A_PAYLOAD}
    _settle(line, fake_line, errors)


@FEW
@given(
    size=st.integers(min_value=LIMIT + 1, max_value=1024 * 1024),
    signing=st.sampled_from(("valid", "missing")),
    content_type=CONTENT_TYPES,
)
def test_bodies_over_the_size_limit_are_413(client, line, fake_line, errors, size, signing, content_type):
    head = _payload(text_event("กลุ่มอำนวยการมีหน้าที่อะไร"))[:-2] + b', "padding": "'
    body = head + b"x" * (size - len(head) - 3) + b'"}]'
    body = body[:size]
    response = _post(client, body, signing, content_type)
    assert response.status_code == 413
    assert _settle(line, fake_line, errors) == []


# -- LINE events: mangled, and well-formed with any text ------------------------------------------------------

EVENT_FIELDS = ("type", "mode", "timestamp", "source", "webhookEventId", "deliveryContext", "replyToken", "message")
MESSAGE_FIELDS = ("type", "id", "text", "quoteToken", "mention", "emojis")
SOURCE_FIELDS = ("type", "userId", "groupId", "roomId")


@st.composite
def mangled_events(draw) -> dict:
    """A valid text event with a few fields (top level, message or source) replaced by any JSON or removed."""
    event = text_event(
        draw(NASTY_TEXT), src=draw(st.sampled_from((source(), source(group=GROUP), source(room="Rfuzzroom"))))
    )
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(("event", "message", "source")))
        target = event if where == "event" else event[where] if isinstance(event.get(where), dict) else event
        names = {"event": EVENT_FIELDS, "message": MESSAGE_FIELDS, "source": SOURCE_FIELDS}[where]
        name = draw(st.sampled_from(names))
        if draw(st.booleans()):
            target.pop(name, None)
        else:
            target[name] = draw(JSON_VALUE)
    return event


@FUZZ
@given(events=st.lists(mangled_events(), min_size=1, max_size=3))
def test_mangled_events_get_200_or_a_clear_400(client, line, fake_line, errors, events):
    body = _payload(*events)
    response = _post(client, body)
    assert response.status_code in ((413,) if len(body) > LIMIT else (200, 400)), response.status_code
    if response.status_code == 400:
        assert response.get_json() == {"error": NOT_A_PAYLOAD}
    _settle(line, fake_line, errors)


def _sane(call) -> None:
    assert 1 <= len(call.messages) <= 5
    for text in call.texts:
        assert text.strip() and len(text) <= 5000


@FUZZ
@given(text=NASTY_TEXT)
def test_any_text_from_a_person_gets_one_sane_reply(client, line, fake_line, errors, text):
    response = _post(client, _payload(text_event(text)))
    assert response.status_code == 200
    calls = _settle(line, fake_line, errors)
    assert len(calls) == 1, [c.path for c in calls]
    _sane(calls[0])


@FUZZ
@given(text=st.text(alphabet=st.characters(codec=None, categories=("Cs", "Cc", "Lo", "Zs")), min_size=1, max_size=50))
def test_text_with_lone_surrogates_or_control_characters_never_breaks_a_worker(client, line, fake_line, errors, text):
    r"""JSON escapes can carry what UTF-8 cannot (lone surrogates, "\ud800") and what PostgreSQL refuses (NUL)."""
    response = _post(client, _payload(text_event(text)))
    assert response.status_code == 200
    for call in _settle(line, fake_line, errors):
        _sane(call)


@FUZZ
@given(
    text=NASTY_TEXT,
    addressed=st.sampled_from(("prefix", "mention", "none")),
    index=st.integers(-5, 6000),
    length=st.integers(-5, 6000),
    where=st.sampled_from(("group", "room")),
)
def test_any_text_in_a_group_gets_at_most_one_sane_reply(
    client, line, fake_line, errors, text, addressed, index, length, where
):
    src = source(group=GROUP) if where == "group" else source(room="Rfuzzroom")
    mention = None
    if addressed == "prefix":
        text = "ถามบอท" + text
    elif addressed == "mention":
        mention = [{"index": index, "length": length, "type": "user", "userId": "Ubot", "isSelf": True}]
    response = _post(client, _payload(text_event(text, src=src, mention=mention)))
    assert response.status_code == 200
    calls = _settle(line, fake_line, errors)
    assert len(calls) <= 1
    for call in calls:
        _sane(call)


@FUZZ
@given(
    data=st.one_of(
        NASTY_TEXT,
        NASTY_TEXT.map(lambda t: "choice=" + t),
        st.sampled_from(("choice=__ask_staff__", "choice=admin-duties&choice=x", "choice=")),
    )
)
def test_any_postback_data_gets_at_most_one_sane_reply(client, line, fake_line, errors, data):
    response = _post(client, _payload(postback_event(data)))
    assert response.status_code == 200
    calls = _settle(line, fake_line, errors)
    assert len(calls) <= 1
    for call in calls:
        _sane(call)


ODD_IDS = st.one_of(
    st.text(max_size=40), st.integers(60, 300).map(lambda n: "U" * n), st.sampled_from(("", "\x00", "U\x00x", "\ud800"))
)


@FUZZ
@given(
    user=st.one_of(ODD_IDS, st.just(USER)),
    group=st.one_of(st.none(), ODD_IDS.filter(bool)),
    event_id=st.one_of(st.none(), ODD_IDS),
)
def test_any_ids_in_events_never_break_the_webhook_or_a_worker(client, line, fake_line, errors, user, group, event_id):
    """Ids LINE would never send (empty, very long, NUL, lone surrogates), still signed with the channel secret."""
    events = [
        text_event("กลุ่มอำนวยการมีหน้าที่อะไร", src=source(user=user, group=group)),
        follow_event(src=source(user=user)),
    ]
    if event_id is not None:
        events[0]["webhookEventId"] = event_id
    response = _post(client, _payload(*events))
    assert response.status_code in (200, 400), response.status_code
    _settle(line, fake_line, errors)


# -- the staff group: "#<ticket> <answer>" with any answer ----------------------------------------------------

VISIBLE = re.compile(r"[^\s\u200b\u200c\u200d\u2060\ufeff\u00ad]")


@FUZZ
@given(answer=NASTY_TEXT)
def test_any_staff_answer_in_the_group_is_saved_and_confirmed_or_refused(
    line_app, client, line, fake_line, errors, answer
):
    ticket_id = seed_ticket(line_app, "ขอเบอร์โทรกลุ่มบริหารงานบุคคล", user_id=USER, channel="line")
    staff_src = source(user="Ustaffmember00000000000000000000", group=STAFF_GROUP)
    response = _post(client, _payload(text_event(f"#{ticket_id} {answer}", src=staff_src)))
    assert response.status_code == 200
    calls = _settle(line, fake_line, errors)
    replies = [c for c in calls if c.path == REPLY]
    with line_app.extensions["db"].session() as s:
        stored = s.get(Ticket, ticket_id).answer
    if stored is not None:
        # Whatever was saved (and so sent to the person) has something to read in it.
        assert VISIBLE.search(stored), repr(stored)
        assert len(replies) == 1 and f"#{ticket_id}" in replies[0].texts[0]
    for call in calls:
        _sane(call)
