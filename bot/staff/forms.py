"""Reading the dashboard's forms into plain values: text trimmed, one variant per line (a line with nothing to read,
blank or zero-width characters only, is no variant)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from bot.learning import Draft
from models.text import readable

# What staff see for each `TicketError.code` from bot.handoff.
TICKET_ERRORS = {
    "empty": "กรุณาพิมพ์คำตอบก่อนส่ง",
    "too-long": "คำตอบยาวเกินไป",
    "missing": "ไม่พบเรื่องนี้",
    "closed": "เรื่องนี้ปิดแล้ว ตอบไม่ได้",
}


@dataclass
class PromoteForm:
    """The "add to FAQ" form: the values as typed (to show again) and, after `validate`, errors by field."""

    question: str = ""
    variants: str = ""
    answer: str = ""
    category: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_request(cls, form: Mapping[str, str]) -> "PromoteForm":
        return cls(**{name: form.get(name, "").strip() for name in ("question", "variants", "answer", "category")})

    def draft(self) -> Draft:
        lines = (line.strip() for line in self.variants.splitlines())
        return Draft(
            question=" ".join(self.question.split()),
            variants=tuple(" ".join(line.split()) for line in lines if readable(line)),
            answer=self.answer.strip(),
            category=" ".join(self.category.split()),
        )


def answer_text(form: Mapping[str, str]) -> str:
    return form.get("answer", "").strip()
