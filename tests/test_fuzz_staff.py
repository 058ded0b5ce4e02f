"""Bad input on the staff dashboard's forms, property-based: signing in, answering, closing, adding to the FAQ,
searching, retrying deliveries and signing out, with any field values (zero-width characters, emoji, lone
combining marks, 10,000 characters, SQL and HTML fragments, NUL), wrong content types, random bytes, bodies
over the size limit, and ticket numbers and page numbers of any size.

The dashboard answers 200 (the form again, with a Thai error where the input was refused), 302, or a 4xx;
never a 500. Nothing broken is stored: a refused answer leaves the ticket as it was, a saved answer has
something to read in it, and every FAQ entry made from a form can be merged into the model.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.handoff import MAX_ANSWER_CHARS
from bot.staff.auth_views import MAX_FORM_BYTES
from bot.tables import LearnedEntry, Message, Ticket
from nasty_text import EMOJI, ZERO_WIDTH, pieces, repeated
from staff_support import PASSWORD, STAFF, FakeChannel, create_staff, csrf, login, seed_ticket

FUZZ = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FEW = settings(FUZZ, max_examples=10)
LIMIT = MAX_FORM_BYTES
LOGIN_ERROR = "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง"
ANSWER_ERRORS = ("กรุณาพิมพ์คำตอบก่อนส่ง", "คำตอบยาวเกินไป")
NUL_REFUSED = "อักขระที่ใช้ไม่ได้"  # any field with NUL, which PostgreSQL cannot hold
THAI = re.compile(r"[\u0e01-\u0e5b]")

FRAGMENTS = (
    "' OR '1'='1",
    "'; DROP TABLE tickets; --",
    "1; SELECT pg_sleep(5)",
    "%",
    "_",
    "\\",
    "%_%",
    "' --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea>",
    "&amp;",
    "{{ 7*7 }}",
    "{0}",
    "\x00",
    "\x1b[31m",
    "\r\n",
    "\n",
    "\t",
    "\u2028",
    "ค่ะ",
    "ครับ",
    "กลุ่มอำนวยการ",
    "โรงเรียน",
    "ย้ายโรงเรียน",
    "ต้องใช้เอกสารอะไรบ้าง",
    "ติดต่อได้ที่สำนักงานเขตพื้นที่",
    "สวัสดี",
    "ได้",
)
PIECES = pieces(FRAGMENTS)
NASTY_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(PIECES, max_size=30).map("".join),
    repeated(
        ("ก", "a", "😀", "\u200b", "\u0e49", " ", "<b>", "'"), (MAX_ANSWER_CHARS, MAX_ANSWER_CHARS + 1, 7000, 10_000)
    ),
)
BIG_NUMBERS = st.one_of(
    st.integers(0, 2**31 + 10), st.integers(2**31, 10**30), st.sampled_from((0, 2**31 - 1, 2**63, 10**40))
)


def _text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def app_config(app_config):
    """Learned entries are merged into the model only when a test asks (a merge rebuilds it: seconds)."""
    return app_config | {"LEARNED_SYNC_SECONDS": 3600}


@pytest.fixture
def signed_in(app, client):
    create_staff(app)
    assert login(client).status_code == 302
    return client


def _form(client, url: str, data: dict, with_token: bool = True):
    if with_token:
        data = {**data, "csrf_token": csrf(client)}
    return client.post(url, data=data)


def _staff_messages(app, ticket_id: int) -> list[str]:
    with app.extensions["db"].session() as s:
        return list(s.scalars(select(Message.text).where(Message.ticket_id == ticket_id, Message.author == "staff")))


def _visible(text: str) -> bool:
    return any(ch.isprintable() and not ch.isspace() for ch in text)


def _shown_raw(response, value: str) -> bool:
    """True when markup typed into a field comes back unescaped (an injection)."""
    return any(tag in value and tag in _text(response) for tag in ("<script>", "<img "))


# -- signing in ---------------------------------------------------------------------------------------------


@FUZZ
@given(name=NASTY_TEXT, password=NASTY_TEXT, with_token=st.booleans())
def test_login_with_any_name_and_password_is_refused_with_a_thai_error(app, client, name, password, with_token):
    client.get("/staff/login")
    response = _form(client, "/staff/login", {"name": name, "password": password}, with_token)
    size = len(name.encode("utf-8", "surrogatepass")) + len(password.encode("utf-8", "surrogatepass"))
    if size * 3 > LIMIT:
        assert response.status_code in (200, 400, 413)
    elif not with_token:
        assert response.status_code == 400
    else:
        assert response.status_code in (200, 400), response.status_code
    if response.status_code == 200:
        assert LOGIN_ERROR in _text(response)
        assert not _shown_raw(response, name)
    elif response.status_code == 400:
        assert THAI.search(_text(response)), _text(response)[:300]


@FEW
@given(
    next_url=st.one_of(
        NASTY_TEXT,
        NASTY_TEXT.map(lambda t: "/staff" + t),
        st.sampled_from(
            (
                "/staff\r\nSet-Cookie: x=1",
                "//evil.example/staff",
                "/staff/../../etc",
                "https://evil.example",
                "/staff%0d%0aX: y",
                "/\\evil.example",
                "/staff?page=" + "9" * 40,
                "javascript:alert(1)",
            )
        ),
    )
)
def test_login_sends_only_to_a_dashboard_page(app, signed_in, next_url):
    response = signed_in.post(
        "/staff/login",
        query_string={"next": next_url},
        data={"name": STAFF, "password": PASSWORD, "csrf_token": csrf(signed_in)},
    )
    if "\x00" in next_url:
        assert response.status_code == 400 and NUL_REFUSED in _text(response)
        return
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith("/staff") and "\n" not in location and "\r" not in location


# -- answering, closing -------------------------------------------------------------------------------------


@FUZZ
@given(answer=NASTY_TEXT)
def test_any_answer_is_saved_readable_or_refused_with_a_thai_error(app, signed_in, answer):
    ticket_id = seed_ticket(app, "ขอเบอร์โทรกลุ่มบริหารงานบุคคล")
    web = app.extensions["outbound"]["web"] = FakeChannel()  # the person's channel: what reaches them
    response = _form(signed_in, f"/staff/tickets/{ticket_id}/answer", {"answer": answer})
    event(f"HTTP {response.status_code}")  # pytest --hypothesis-show-statistics shows how often each came
    assert response.status_code in (302, 400, 413), response.status_code
    saved = _staff_messages(app, ticket_id)
    if response.status_code == 302:
        assert len(saved) == 1
        assert _visible(saved[0]) and len(saved[0]) <= MAX_ANSWER_CHARS and "\x00" not in saved[0], repr(saved[0][:50])
        assert [text for _, text in web.sent] == saved
    else:
        assert saved == [] and web.sent == []  # refused: nothing stored, nothing delivered
        with app.extensions["db"].session() as s:
            assert s.get(Ticket, ticket_id).status == "open"
    if response.status_code == 400:
        page = _text(response)
        assert any(e in page for e in ANSWER_ERRORS) or THAI.search(page)
        assert not _shown_raw(response, answer)


@FUZZ
@given(ticket_id=BIG_NUMBERS, action=st.sampled_from(("answer", "close", "promote", "")))
def test_any_ticket_number_is_a_page_a_redirect_or_404(app, signed_in, ticket_id, action):
    seed_ticket(app, "คำถามทดสอบ")
    if action:
        data = {"answer": "คำตอบค่ะ", "question": "คำถาม", "variants": "ก\nข", "category": "ทั่วไป"}
        response = _form(signed_in, f"/staff/tickets/{ticket_id}/{action}", data)
    else:
        response = signed_in.get(f"/staff/tickets/{ticket_id}")
    assert response.status_code in (200, 302, 400, 404), response.status_code


@FUZZ
@given(entry_id=st.one_of(st.text(max_size=300), st.just("learned-1"), st.integers().map(lambda n: f"learned-{n}")))
def test_any_entry_id_to_withdraw_is_a_redirect_or_404(app, signed_in, entry_id):
    response = _form(signed_in, f"/staff/learned/{quote(entry_id, safe='')}/withdraw", {})
    assert response.status_code in (302, 308, 404), response.status_code  # 308: Werkzeug merging "//" in the path


# -- adding to the FAQ --------------------------------------------------------------------------------------

# Strings staff might type as a question or a way of asking it: Thai words with the nasty pieces mixed in.
WORDS = st.sampled_from(
    ("ขอ", "เอกสาร", "ย้าย", "โรงเรียน", "ค่าเทอม", "ชุดนักเรียน", "สมัคร", "ครู", "อนุบาล", "ไหม", "อะไร", "ยังไง")
)
PHRASE = st.lists(st.one_of(WORDS, WORDS, PIECES), min_size=1, max_size=8).map("".join)
VARIANTS = st.one_of(
    NASTY_TEXT,
    st.builds(
        lambda lines, sep: sep.join(lines),
        st.lists(st.one_of(PHRASE, NASTY_TEXT), max_size=8),
        st.sampled_from(("\n", "\r\n", "\r", "\u2028", "\x1c")),
    ),
)
ANSWER = st.one_of(
    NASTY_TEXT,
    st.builds(
        lambda t, end: t + end, st.one_of(PHRASE, NASTY_TEXT), st.sampled_from(("ค่ะ", " ค่ะ ", "ค่ะ\u200b", "ค่ะ}"))
    ),
)
# Text that passes the checks, with emoji, zero-width characters, SQL and HTML in it.
ODD = st.sampled_from(
    (*EMOJI, *ZERO_WIDTH[:4], "' OR '1'='1", "; DROP TABLE tickets; --", "<b>", "<script>x</script>", "%_%", " ")
)
CLEAN_PHRASE = st.lists(st.one_of(WORDS, WORDS, WORDS, ODD), min_size=2, max_size=8).map("".join).filter(_visible)


@FUZZ
@given(
    question=st.one_of(PHRASE, NASTY_TEXT, CLEAN_PHRASE),
    variants=st.one_of(VARIANTS, st.lists(CLEAN_PHRASE, min_size=5, max_size=8).map("\n".join)),
    answer=st.one_of(ANSWER, CLEAN_PHRASE.map(lambda t: t + "ค่ะ")),
    category=st.one_of(PHRASE, NASTY_TEXT, CLEAN_PHRASE),
)
def test_any_faq_form_is_saved_or_shown_again_with_thai_errors(
    app, signed_in, monkeypatch, question, variants, answer, category
):
    # Merging into the model takes seconds; it is done once, for every entry saved, after the examples.
    monkeypatch.setattr(app.extensions["learned_sync"], "sync", lambda: True)
    ticket_id = seed_ticket(app, "ขอเบอร์โทรกลุ่มบริหารงานบุคคล", answer="โทร 077-000000 ค่ะ")
    fields = {"question": question, "variants": variants, "answer": answer, "category": category}
    response = _form(signed_in, f"/staff/tickets/{ticket_id}/promote", fields)
    event(f"HTTP {response.status_code}")
    assert response.status_code in (302, 400, 413), response.status_code
    with app.extensions["db"].session() as s:
        rows = list(s.scalars(select(LearnedEntry).where(LearnedEntry.source_ticket_id == ticket_id)))
    if response.status_code != 302:
        assert rows == []
    if response.status_code == 400:
        page = _text(response)
        assert ('class="error"' in page and THAI.search(page)) or NUL_REFUSED in page
        assert not any(_shown_raw(response, v) for v in fields.values())
    if response.status_code == 302:
        (row,) = rows
        assert _visible(row.question) and row.answer.endswith("ค่ะ") and "\x00" not in row.answer + row.question
        assert all(_visible(v) for v in json.loads(row.variants))


SAVED_EXAMPLE = {
    "question": "ชุดนักเรียน😀อนุบาล ซื้อที่ไหน <script>alert(1)</script>",
    "variants": "ซื้อชุดนักเรียนอนุบาลที่ไหน\u200b\nชุดอนุบาลขายที่ไหน' OR '1'='1\r\nร้านชุดนักเรียน 👨‍👩‍👧‍👦\n"
    "ชุดนักเรียน %_% ร้านไหน\nชุด นร. อนุบาล; DROP TABLE tickets; --",
    "answer": "ติดต่อโรงเรียน <b>ได้</b> 🙏ค่ะ",
    "category": "ทั่วไป 🇹🇭",
}


def test_faq_entries_saved_from_any_form_merge_into_the_model(app, signed_in, monkeypatch):
    """The examples above skip the merge; here forms that pass the checks are saved, then merged for real."""
    monkeypatch.setattr(app.extensions["learned_sync"], "sync", lambda: True)
    saved = []

    @FEW
    @example(**SAVED_EXAMPLE)
    @given(
        question=CLEAN_PHRASE,
        variants=st.lists(CLEAN_PHRASE, min_size=5, max_size=8, unique_by=str.casefold).map("\n".join),
        answer=CLEAN_PHRASE.map(lambda t: t + "ค่ะ"),
        category=CLEAN_PHRASE,
    )
    def promote(question, variants, answer, category):
        ticket_id = seed_ticket(app, "ขอเบอร์โทรกลุ่มบริหารงานบุคคล", answer="โทร 077-000000 ค่ะ")
        fields = {"question": question, "variants": variants, "answer": answer, "category": category}
        response = _form(signed_in, f"/staff/tickets/{ticket_id}/promote", fields)
        assert response.status_code in (302, 400), response.status_code
        if response.status_code == 302:
            saved.append(question)

    promote()
    monkeypatch.undo()
    assert saved, "no form was saved: the strategy makes no valid forms any more"
    with app.extensions["db"].session() as s:
        assert s.scalar(select(func.count(LearnedEntry.id))) == len(saved)
    assert app.extensions["learned_sync"].sync()  # raises if a saved entry cannot be built into the model
    answerer = app.extensions["answerer"]
    for n in range(1, len(saved) + 1):
        assert f"learned-{n}" in answerer.kb


# -- searching and the other pages ---------------------------------------------------------------------------


@FUZZ
@given(query=NASTY_TEXT)
def test_search_for_anything_shows_a_results_page(app, signed_in, query):
    seed_ticket(app, "ย้ายโรงเรียน 50% ของนักเรียน_ชั้น ป.1", answer="ได้ค่ะ")
    response = signed_in.get("/staff/search", query_string={"q": query})
    assert response.status_code in (200, 400), response.status_code
    assert not _shown_raw(response, query)


@FEW
@given(
    page=st.one_of(NASTY_TEXT, BIG_NUMBERS.map(str), st.integers(-(10**20), 0).map(str)),
    days=st.one_of(NASTY_TEXT, BIG_NUMBERS.map(str)),
)
def test_any_page_and_period_numbers_show_a_page(app, signed_in, page, days):
    seed_ticket(app, "คำถามหนึ่ง")
    for url, args in (("/staff", {"page": page}), ("/staff/analytics", {"days": days})):
        response = signed_in.get(url, query_string=args)
        assert response.status_code in (200, 400), (url, response.status_code)


# -- any body, any content type, on every form -----------------------------------------------------------------

POST_FORMS = (
    "/staff/login",
    "/staff/logout",
    "/staff/undelivered/retry",
    "/staff/tickets/1/answer",
    "/staff/tickets/1/close",
    "/staff/tickets/1/promote",
    "/staff/learned/learned-1/withdraw",
)
CONTENT_TYPES = st.sampled_from(
    (
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "multipart/form-data; boundary=xyz",
        "application/json",
        "text/plain",
        "",
    )
)


@FUZZ
@given(
    url=st.sampled_from(POST_FORMS),
    body=st.binary(max_size=2000),
    content_type=CONTENT_TYPES,
    token_first=st.booleans(),
)
def test_random_bodies_on_every_form_are_refused_or_handled(app, signed_in, url, body, content_type, token_first):
    """Random bytes (invalid UTF-8, broken multipart): a 400 without this session's token in front; with it, the
    form's normal outcome, and an answer saved from such bytes still has something to read."""
    seed_ticket(app, "คำถามหนึ่ง")
    token = csrf(signed_in)
    if token_first and content_type.startswith("application/x-www"):
        body = f"csrf_token={token}&answer=".encode() + body
    response = signed_in.post(url, data=body, content_type=content_type or None)
    assert response.status_code in (200, 302, 400, 404, 413), response.status_code
    if not (token_first and content_type.startswith("application/x-www")):
        assert response.status_code == 400
    assert all(_visible(text) for text in _staff_messages(app, 1))
    if url == "/staff/logout" and response.status_code == 302:
        assert login(signed_in).status_code == 302


@FEW
@given(
    url=st.sampled_from(POST_FORMS),
    size=st.integers(LIMIT + 1, 2 * LIMIT),
    field=st.sampled_from(("answer", "variants", "name")),
)
def test_bodies_over_the_size_limit_are_413(app, signed_in, url, size, field):
    seed_ticket(app, "คำถามหนึ่ง")
    response = _form(signed_in, url, {field: "ก" * (size // 9 + 1)})
    assert response.status_code == 413
    assert _staff_messages(app, 1) == []


@FEW
@given(url=st.sampled_from(POST_FORMS), token=st.one_of(st.none(), NASTY_TEXT))
def test_a_missing_or_wrong_token_is_a_400_with_a_thai_message(app, signed_in, url, token):
    seed_ticket(app, "คำถามหนึ่ง")
    data = {"answer": "คำตอบค่ะ"} | ({} if token is None else {"csrf_token": token})
    response = signed_in.post(url, data=data)
    assert response.status_code in (400, 413)
    if response.status_code == 400:
        assert "กรุณาโหลดหน้าใหม่" in _text(response) or NUL_REFUSED in _text(response)
    assert _staff_messages(app, 1) == []
