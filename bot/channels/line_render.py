"""A `Decision` turned into LINE message objects, within LINE's limits.

Limits (Messaging API reference): 5 messages per reply or push, 5000 characters per text message,
13 quick-reply buttons, 20 characters per button label, 300 characters of postback data and display text.
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Iterable

from bot.answering import Decision
from bot.channels.line_sdk import messaging
from bot.conversation import ASK_STAFF
from knowledge import KnowledgeBase

if TYPE_CHECKING:
    from linebot.v3.messaging import QuickReplyItem, TextMessage

MAX_MESSAGES = 5
MAX_TEXT_CHARS = 5000
MAX_QUICK_REPLIES = 13
MAX_LABEL_CHARS = 20
MAX_POSTBACK_CHARS = 300
ELLIPSIS = "…"
THAI_LEADING_VOWELS = frozenset("เแโใไ")

# Questions offered as buttons under the greeting a new follower gets.
GREETING_EXAMPLES = ("admin-duties", "decent-four-areas", "decent-meaning", "service-capabilities")


def cut(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, ending in "…" when cut; never ends on a split Thai cluster."""
    if len(text) <= limit:
        return text
    end = limit - len(ELLIPSIS)
    # A Thai vowel or tone mark above/below belongs to the consonant before it, and a leading vowel
    # (เ แ โ ใ ไ) to the consonant after it: move the cut so that no syllable is split that way.
    while end > 0 and unicodedata.category(text[end]) == "Mn":
        end -= 1
    while end > 0 and text[end - 1] in THAI_LEADING_VOWELS:
        end -= 1
    return text[:end].rstrip() + ELLIPSIS


def postback_choice(label: str, choice: str, display_text: str) -> QuickReplyItem:
    """A quick-reply button that sends ``choice=<choice>`` back and shows ``display_text`` as the person's line."""
    sdk = messaging()
    return sdk.QuickReplyItem(
        action=sdk.PostbackAction(
            label=cut(label, MAX_LABEL_CHARS),
            data=f"choice={choice}"[:MAX_POSTBACK_CHARS],
            display_text=cut(display_text, MAX_POSTBACK_CHARS),
        )
    )


def entry_buttons(kb: KnowledgeBase, entry_ids: Iterable[str]) -> list[QuickReplyItem]:
    """One button per entry that still exists, labelled with (the start of) its question."""
    entries = [e for e in (kb.get(i) for i in entry_ids) if e is not None]
    return [postback_choice(e.question, e.id, e.question) for e in entries]


def text_message(text: str, buttons: list[QuickReplyItem] | None = None) -> TextMessage:
    sdk = messaging()
    quick_reply = sdk.QuickReply(items=buttons[:MAX_QUICK_REPLIES]) if buttons else None
    return sdk.TextMessage(text=cut(text, MAX_TEXT_CHARS), quick_reply=quick_reply)


def decision_message(decision: Decision, kb: KnowledgeBase) -> TextMessage:
    """The bot's reply; suggestions become buttons, and the last one asks staff where the decision offers it."""
    return text_message(decision.reply, _with_staff(decision, kb, entry_buttons(kb, decision.suggestion_ids)))


def greeting_message(greeting: Decision, kb: KnowledgeBase) -> TextMessage:
    return text_message(greeting.reply, _with_staff(greeting, kb, entry_buttons(kb, GREETING_EXAMPLES)))


def _with_staff(decision: Decision, kb: KnowledgeBase, buttons: list[QuickReplyItem]) -> list[QuickReplyItem]:
    if not decision.offers_staff:
        return buttons
    label = kb.replies["ask_staff_label"]
    return [*buttons[: MAX_QUICK_REPLIES - 1], postback_choice(label, ASK_STAFF, label)]


def staff_answer_message(kb: KnowledgeBase, text: str) -> TextMessage:
    """A staff answer, headed by the fixed line that tells it apart from the bot's own answers."""
    return text_message(f"{kb.replies['staff_answer_prefix']}\n{text}")
