"""The widget in a real browser: the app served on 127.0.0.1, Debian's Chromium driven by Playwright.

Screenshots for review land in tests/out/screenshots/ (not committed). No browser is ever downloaded: the
tests use /usr/bin/chromium and skip when it is missing.
"""
from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from bot.handoff import answer_ticket
from bot.tables import Ticket

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parent / "out" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

BUBBLE_TEXT = "สวัสดีค่ะ ติดต่อสอบถามข้อมูลได้ที่นี่ค่ะ"
INPUT_LABEL = "พิมพ์คำถามของคุณ"
STAFF_LABEL = "คำตอบจากเจ้าหน้าที่"
OFFLINE = "ไม่สามารถเชื่อมต่อได้ กรุณาลองใหม่อีกครั้งค่ะ"
IN_SCOPE = "กลุ่มอำนวยการมีหน้าที่อะไรบ้าง"
OUT_OF_SCOPE = "ลูกจะย้ายโรงเรียนต้องทำอย่างไร"
STAFF_ANSWER = "ยื่นคำร้องขอย้ายที่โรงเรียนปลายทางได้เลยค่ะ"
POLL_WAIT_MS = 12_000  # the widget polls every 4 s while open
# One-word questions the model is unsure of (see tests/test_web_chat.py)
VAGUE_CANDIDATES = ("อำนวยการ", "หน้าที่", "รายงาน", "กระจายอำนาจ", "กลุ่มอำนวยการ", "การศึกษา")


class _OneRequestPerConnection(WSGIRequestHandler):
    # HTTP/1.0: no keep-alive, so once the server stops, the browser cannot reach it over an old connection.
    protocol_version = "HTTP/1.0"


@dataclass
class LiveServer:
    app: Flask
    server: BaseWSGIServer
    thread: threading.Thread

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/"

    def stop(self) -> None:
        if self.thread.is_alive():
            self.server.shutdown()
            self.server.server_close()
            self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip("Chromium not installed (apt-get install chromium); CI installs it")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def live_server(answerer, tmp_path) -> Iterator[LiveServer]:
    from bot import create_app

    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": f"sqlite:///{tmp_path / 'browser.sqlite3'}",
            "AUTO_MIGRATE": True,
            "SECRET_KEY": "browser-test-key",
            "ANSWERER": answerer,
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=_OneRequestPerConnection)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    live = LiveServer(app, server, thread)
    yield live
    live.stop()
    app.extensions["db"].engine.dispose()


def _page(browser: Browser, viewport: dict[str, int]) -> Iterator[Page]:
    context = browser.new_context(viewport=viewport, locale="th-TH")
    context.set_default_timeout(8_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def page(browser) -> Iterator[Page]:
    yield from _page(browser, DESKTOP)


@pytest.fixture
def phone(browser) -> Iterator[Page]:
    yield from _page(browser, PHONE)


def open_chat(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name=BUBBLE_TEXT).click()
    expect(page.get_by_role("dialog")).to_be_visible()
    expect(page.get_by_label(INPUT_LABEL)).to_be_focused()


def say(page: Page, text: str) -> None:
    box = page.get_by_label(INPUT_LABEL)
    box.fill(text)
    box.press("Enter")


def shadow_count(page: Page, selector: str) -> int:
    return page.evaluate(
        "sel => document.getElementById('office-chat-widget').shadowRoot.querySelectorAll(sel).length", selector
    )


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def first_line(kb, entry_id: str) -> str:
    return kb.get(entry_id).answer.splitlines()[0].strip()


def test_questions_suggestions_staff_answer_and_history(page, live_server, kb):
    page.goto(live_server.url)
    screenshot(page, "desktop-closed")
    open_chat(page, live_server.url)
    log = page.get_by_role("log")

    say(page, IN_SCOPE)
    expect(log).to_contain_text(first_line(kb, "admin-duties"))
    expect(page.get_by_label(INPUT_LABEL)).to_have_value("")

    follow_up = kb.get(kb.get("admin-duties").follow_ups[0])
    log.get_by_role("button", name=follow_up.question, exact=True).last.click()
    expect(log).to_contain_text(first_line(kb, follow_up.id)[:40])

    say(page, OUT_OF_SCOPE)
    badge = page.get_by_text(re.compile(r"ส่งต่อเจ้าหน้าที่แล้ว · เรื่องที่ #\d+"))
    expect(badge).to_be_visible()
    ticket = int(re.search(r"#(\d+)", badge.text_content()).group(1))

    answer_ticket(live_server.app, ticket, STAFF_ANSWER, "staff-test")
    expect(log).to_contain_text(STAFF_ANSWER, timeout=POLL_WAIT_MS)
    expect(log).to_contain_text(f"{STAFF_LABEL} · เรื่องที่ #{ticket}")
    screenshot(page, "desktop-conversation")

    page.reload()  # the panel stays open and the history comes back from the server
    expect(page.get_by_role("dialog")).to_be_visible()
    for text in (IN_SCOPE, follow_up.question, OUT_OF_SCOPE, STAFF_ANSWER, first_line(kb, "admin-duties")):
        expect(log).to_contain_text(text)
    assert log.get_by_text(STAFF_ANSWER).count() == 1  # shown once, not again by a later poll


def test_markup_in_messages_is_shown_as_text(page, live_server):
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_chat(page, live_server.url)
    hostile = "<script>alert(1)</script><b>x</b><img src=x onerror=alert(2)>"
    say(page, hostile)
    log = page.get_by_role("log")
    expect(log).to_contain_text(hostile)
    expect(page.locator(".msg.bot")).to_have_count(2)  # the welcome and the reply
    assert shadow_count(page, ".log b, .log script, .log img") == 0
    page.reload()  # and again when the history is rebuilt from the server
    expect(log).to_contain_text(hostile)
    assert shadow_count(page, ".log b, .log script, .log img") == 0
    assert dialogs == []


def test_keyboard_opens_focuses_and_closes(page, live_server):
    page.goto(live_server.url)
    focused = "() => { const h = document.getElementById('office-chat-widget');" \
              " return document.activeElement === h ? h.shadowRoot.activeElement.className : null; }"
    for _ in range(10):  # the page's own links come first
        page.keyboard.press("Tab")
        if page.evaluate(focused) == "bubble":
            break
    assert page.evaluate(focused) == "bubble", "Tab never reached the chat button"
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    assert dialog.get_attribute("aria-label")
    expect(page.get_by_label(INPUT_LABEL)).to_be_focused()
    expect(page.get_by_role("button", name="ส่งข้อความ")).to_be_visible()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate(focused) == "bubble"


def test_phone_width_uses_the_whole_screen(phone, live_server, kb):
    phone.goto(live_server.url)
    bubble = phone.get_by_role("button", name=BUBBLE_TEXT)
    box = bubble.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    screenshot(phone, "phone-closed")
    open_chat(phone, live_server.url)
    panel = phone.get_by_role("dialog").bounding_box()
    assert (panel["x"], panel["y"], panel["width"], panel["height"]) == (0, 0, PHONE["width"], PHONE["height"])
    say(phone, IN_SCOPE)
    expect(phone.get_by_role("log")).to_contain_text(first_line(kb, "admin-duties"))
    width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], "the page scrolls sideways"
    screenshot(phone, "phone-conversation")


def test_server_gone_shows_a_thai_error_and_keeps_the_text(page, live_server, kb):
    open_chat(page, live_server.url)
    say(page, IN_SCOPE)
    expect(page.get_by_role("log")).to_contain_text(first_line(kb, "admin-duties"))
    live_server.stop()
    say(page, "การกระจายอำนาจคืออะไร")
    expect(page.get_by_role("alert")).to_have_text(OFFLINE)
    expect(page.get_by_label(INPUT_LABEL)).to_have_value("การกระจายอำนาจคืออะไร")
    screenshot(page, "desktop-offline")


def test_clarify_shows_choices_and_the_ask_staff_button(page, live_server, answerer, kb):
    vague = next((q for q in VAGUE_CANDIDATES if answerer.answer(q).status == "clarify"), None)
    assert vague, f"none of {VAGUE_CANDIDATES} gets a clarify answer any more: add one that does"
    decision = answerer.answer(vague)
    open_chat(page, live_server.url)
    say(page, vague)
    log = page.get_by_role("log")
    expect(log).to_contain_text(kb.reply("clarify"))
    for question in decision.suggestions:  # as buttons, not repeated as "1. ..." lines in the text
        expect(log.get_by_role("button", name=question, exact=True).last).to_be_visible()
        expect(log).not_to_contain_text(f"1. {question}")
    log.locator(".msg.bot").last.get_by_role("button", name=kb.replies["ask_staff_label"], exact=True).click()
    expect(page.get_by_text(re.compile(r"ส่งต่อเจ้าหน้าที่แล้ว · เรื่องที่ #\d+"))).to_be_visible()


def test_the_welcome_offers_asking_staff_at_once(page, live_server, kb):
    """Someone who opens the chat to reach a person needs no question first: one tap hands them to staff."""
    open_chat(page, live_server.url)
    welcome = page.locator(".msg.bot").first
    expect(welcome).to_contain_text(first_line(kb, "smalltalk-greeting")[:40])
    welcome.get_by_role("button", name=kb.replies["ask_staff_label"], exact=True).click()
    expect(page.get_by_text(re.compile(r"ส่งต่อเจ้าหน้าที่แล้ว · เรื่องที่ #\d+"))).to_be_visible()


def test_an_answer_offers_asking_staff_and_the_ticket_holds_the_question(page, live_server, kb):
    """An answer may not settle what was meant: its own button hands that question to staff."""
    open_chat(page, live_server.url)
    say(page, IN_SCOPE)
    answer = page.locator(".msg.bot").last
    expect(answer).to_contain_text(first_line(kb, "admin-duties"))
    answer.get_by_role("button", name=kb.replies["ask_staff_label"], exact=True).click()
    badge = page.get_by_text(re.compile(r"ส่งต่อเจ้าหน้าที่แล้ว · เรื่องที่ #\d+"))
    expect(badge).to_be_visible()
    ticket = int(re.search(r"#(\d+)", badge.text_content()).group(1))
    with live_server.app.extensions["db"].session() as s:
        assert s.get(Ticket, ticket).question == IN_SCOPE


def test_staff_answer_while_away_marks_the_bubble(page, live_server):
    open_chat(page, live_server.url)
    say(page, OUT_OF_SCOPE)
    badge = page.get_by_text(re.compile(r"เรื่องที่ #\d+"))
    expect(badge).to_be_visible()
    ticket = int(re.search(r"#(\d+)", badge.text_content()).group(1))
    page.keyboard.press("Escape")
    answer_ticket(live_server.app, ticket, STAFF_ANSWER, "staff-test")
    page.reload()  # a new page of the office site: the history comes back with the new answer
    bubble = page.get_by_role("button", name=re.compile("มีคำตอบใหม่จากเจ้าหน้าที่"))
    expect(bubble).to_be_visible()
    bubble.click()
    expect(page.get_by_role("log")).to_contain_text(STAFF_ANSWER)
    expect(page.get_by_role("button", name=BUBBLE_TEXT, exact=True)).to_be_hidden()


@pytest.fixture
def office_site(live_server) -> Iterator[str]:
    """Another website, on its own port (so another origin), whose page embeds the widget with the one line.
    A real loopback server rather than a routed fake host: Chromium keeps public sites off the local network."""
    html = f'<!doctype html><html lang="th"><body><h1>เว็บไซต์สำนักงาน</h1><script src="{live_server.url}widget.js" defer></script>'

    def site(environ, start_response):
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
        return [html.encode()]

    server = make_server("127.0.0.1", 0, site, threaded=True, request_handler=_OneRequestPerConnection)
    thread = threading.Thread(target=server.serve_forever, name="office-site", daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_widget_works_on_the_allowed_office_site(page, live_server, office_site, kb):
    live_server.app.config["ALLOWED_ORIGINS"] = (office_site,)
    open_chat(page, office_site + "/")
    say(page, IN_SCOPE)
    expect(page.get_by_role("log")).to_contain_text(first_line(kb, "admin-duties"))


def test_widget_on_a_site_not_allowed_cannot_reach_the_api(page, live_server, office_site):
    live_server.app.config["ALLOWED_ORIGINS"] = ("https://office.example",)
    open_chat(page, office_site + "/")
    say(page, IN_SCOPE)
    expect(page.get_by_role("alert")).to_have_text(OFFLINE)
