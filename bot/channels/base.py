"""What the handoff needs from a channel to reach a person later (Rasa's OutputChannel, reduced)."""
from __future__ import annotations

from typing import Protocol

from bot.tables import Conversation


class OutputChannel(Protocol):
    name: str

    def deliver(self, conversation: Conversation, text: str, message_id: int) -> bool:
        """Send a staff answer to the person now; True only when the platform accepted it.

        False means "kept for later": the answer stays undelivered and goes out with the reply to the
        person's next message (LINE reply-token fallback) or when their open widget fetches it (web)."""
        ...


class StaffNotifier(Protocol):
    def notify_staff(self, ticket_id: int) -> None:
        """Have staff told a new ticket is waiting, without waiting for it: the caller is answering a person. May
        raise; the caller logs it and goes on."""
        ...
