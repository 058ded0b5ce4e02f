"""Loading the knowledge files into plain, immutable Python objects.

`load` parses and checks the shape of every file (a wrong shape is a :class:`KnowledgeError` naming the file
and entry); the slower content checks (near-duplicate questions, broken text, sources) live in
:mod:`knowledge.check`.
"""
from __future__ import annotations

import re
import string
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable

import yaml

from knowledge.outline import Outline, read_outline
from knowledge.shapes import word_list

ROOT = Path(__file__).resolve().parent
# libyaml's loader when PyYAML was built with it (its wheels are): the same safe loading, ten times faster.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
KINDS = ("faq", "smalltalk", "handoff")
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MIN_VARIANTS = 5
# One LINE text bubble holds 5000 characters; a readable answer on a phone is far shorter.
MAX_ANSWER_CHARS = 1000
# How an area office of another province is named before the province (scope.yaml `other_provinces`).
OTHER_PROVINCE_OFFICES = ("สพป.", "สำนักงานเขตพื้นที่การศึกษาประถมศึกษา")
REQUIRED_REPLIES = (
    "escalated",
    "escalated_with_hours",
    "in_english",
    "clarify",
    "ask_staff_label",
    "non_text",
    "follow_up_note",
    "also_asked",
    "staff_answer_prefix",
    "rate_limited",
    "error",
    "ticket_open",
)


class KnowledgeError(ValueError):
    """The knowledge files are not usable; ``problems`` lists each one as "file: entry: message"."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Source:
    document: str
    section: str


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    category: str
    question: str
    variants: tuple[str, ...]
    answer: str
    source: Source
    follow_ups: tuple[str, ...] = ()
    requires: tuple[str, ...] = ()
    origin: str = ""

    @property
    def phrasings(self) -> tuple[str, ...]:
        """The question and every variant: all the texts the matcher learns this entry from."""
        return (self.question, *self.variants)


@dataclass(frozen=True)
class KnowledgeBase:
    entries: tuple[Entry, ...]
    settings: dict[str, Any]
    synonyms: dict[str, tuple[str, ...]]
    domain_words: tuple[str, ...]
    replies: dict[str, str]
    context_words: tuple[str, ...] = ()
    source_titles: dict[str, str] = field(default_factory=dict)
    not_covered: tuple[str, ...] = ()
    not_covered_asked: tuple[str, ...] = ()
    detail_words: tuple[str, ...] = ()
    count_words: tuple[str, ...] = ()
    item_counters: tuple[str, ...] = ()
    lead_ins: tuple[str, ...] = ()
    frame_words: tuple[str, ...] = ()
    disclaimers: tuple[str, ...] = ()
    reaction_entry: str | None = None
    bot_or_person_entry: str | None = None
    whose_service_entry: str | None = None
    cover_words: tuple[str, ...] = ()
    not_words: tuple[str, ...] = ()
    announcing_entries: tuple[str, ...] = ()
    thanks_entry: str | None = None
    thanks_remarks: tuple[str, ...] = ()
    goodbye_entry: str | None = None
    leaving_remarks: tuple[str, ...] = ()
    okay_entry: str | None = None
    # scope.yaml `named_only`: entry id -> the items its answer lists by name only, each as the ways it is written.
    named_only: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    contents_asked: tuple[str, ...] = ()
    other_items_asked: tuple[str, ...] = ()
    home_districts: tuple[str, ...] = ()
    # outline.yaml: the lists on the office's pages (knowledge/outline.py).
    outline: Outline = Outline()
    root: Path = ROOT
    _by_id: dict[str, Entry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entries})

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def missing_settings(self, entry: Entry) -> list[str]:
        """Settings the entry's answer needs that the office has not filled in."""
        return [key for key in entry.requires if self.settings.get(key) in (None, "")]

    def render_answer(self, entry: Entry) -> str | None:
        """The answer with the office's settings filled in, or None while a setting it needs is empty."""
        if self.missing_settings(entry):
            return None
        return fill_settings(entry.answer, self.settings)

    def reply(self, key: str, **values: Any) -> str:
        """One of the bot's fixed sentences, with settings and ``values`` filled in."""
        return fill_settings(self.replies[key], {**self.settings, **values})

    def with_entries(self, extra: Iterable[Entry], without: Iterable[str] = ()) -> "KnowledgeBase":
        """A copy that also holds ``extra`` (entries staff added at run time; extra ids replace file ids) and
        no longer holds the entries whose ids are in ``without`` (entries staff withdrew)."""
        merged = {e.id: e for e in self.entries}
        merged.update({e.id: e for e in extra})
        for entry_id in without:
            merged.pop(entry_id, None)
        return replace(self, entries=tuple(merged.values()))


def fill_settings(text: str, values: dict[str, Any]) -> str:
    """Fill ``{name}`` placeholders; an unknown name stays as written rather than raising."""
    fields = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return text.format_map({name: values.get(name, "{" + name + "}") for name in fields})


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def load(root: Path | str = ROOT) -> KnowledgeBase:
    """Read every knowledge file under ``root``; raise :class:`KnowledgeError` listing all shape problems."""
    root = Path(root)
    problems: list[str] = []
    settings = _read_mapping(root / "settings.yaml", problems)
    replies = _read_mapping(root / "replies.yaml", problems)
    for key in REQUIRED_REPLIES:
        if not isinstance(replies.get(key), str) or not replies.get(key, "").strip():
            problems.append(f"replies.yaml: {key}: missing or empty")
    manifest = _read_mapping(root / "sources" / "manifest.yaml", problems).get("documents") or {}
    titles = {name: str(doc.get("title", name)) for name, doc in manifest.items() if isinstance(doc, dict)}
    scope = _read_mapping(root / "scope.yaml", problems)
    not_covered = word_list(scope, "scope.yaml", "not_covered", problems) + tuple(
        office + province
        for province in word_list(scope, "scope.yaml", "other_provinces", problems)
        for office in OTHER_PROVINCE_OFFICES
    )
    not_covered_asked = word_list(scope, "scope.yaml", "not_covered_asked", problems)
    detail_words = word_list(scope, "scope.yaml", "detail_words", problems)
    count_words = word_list(scope, "scope.yaml", "count_words", problems)
    item_counters = word_list(scope, "scope.yaml", "item_counters", problems)
    lead_ins = word_list(scope, "scope.yaml", "lead_ins", problems)
    frame_words = word_list(scope, "scope.yaml", "frame_words", problems)
    disclaimers = word_list(scope, "scope.yaml", "disclaimers", problems)
    reaction_entry = scope.get("reaction_entry")
    bot_or_person_entry = scope.get("bot_or_person_entry")
    whose_service_entry = scope.get("whose_service_entry")
    cover_words = word_list(scope, "scope.yaml", "cover_words", problems)
    announcing_entries = word_list(scope, "scope.yaml", "announcing_entries", problems)
    thanks_entry = scope.get("thanks_entry")
    thanks_remarks = word_list(scope, "scope.yaml", "thanks_remarks", problems)
    goodbye_entry = scope.get("goodbye_entry")
    leaving_remarks = word_list(scope, "scope.yaml", "leaving_remarks", problems)
    okay_entry = scope.get("okay_entry")
    named_only = _named_only(scope, problems)
    contents_asked = word_list(scope, "scope.yaml", "contents_asked", problems)
    other_items_asked = word_list(scope, "scope.yaml", "other_items_asked", problems)
    home_districts = word_list(scope, "scope.yaml", "home_districts", problems)
    outline = root / "outline.yaml"
    outline = read_outline(_read_mapping(outline, problems), problems) if outline.exists() else Outline()
    synonyms_file = _read_mapping(root / "synonyms.yaml", problems)
    synonyms, domain_words = _parse_synonyms(synonyms_file, problems)
    context_words = synonyms_file.get("context_words", [])
    if not isinstance(context_words, list) or not all(isinstance(w, (str, int)) for w in context_words):
        problems.append("synonyms.yaml: context_words: must be a list of words")
        context_words = []
    not_words = word_list(synonyms_file, "synonyms.yaml", "not_words", problems)
    entries: list[Entry] = []
    faq_files = sorted((root / "faq").glob("*.yaml")) + sorted((root / "learned").glob("*.yaml"))
    if not faq_files:
        problems.append(f"{root / 'faq'}: no entry files")
    for path in faq_files:
        entries.extend(_read_entries(path, root, problems))
    small_talk = {e.id for e in entries if e.kind == "smalltalk"}
    for key, entry_id in (("reaction_entry", reaction_entry), ("bot_or_person_entry", bot_or_person_entry),
                          ("thanks_entry", thanks_entry),
                          ("goodbye_entry", goodbye_entry), ("okay_entry", okay_entry)):
        if entry_id is not None and entry_id not in small_talk:
            problems.append(f"scope.yaml: {key}: {entry_id!r} is not the id of a small-talk entry")
    problems.extend(
        f"scope.yaml: announcing_entries: {i!r} is not the id of a small-talk entry"
        for i in announcing_entries if i not in small_talk
    )
    questions = {e.id for e in entries if e.kind == "faq"}
    problems.extend(
        f"scope.yaml: named_only: {i!r} is not the id of an FAQ entry" for i in named_only if i not in questions
    )
    if whose_service_entry is not None and whose_service_entry not in questions:
        problems.append(f"scope.yaml: whose_service_entry: {whose_service_entry!r} is not the id of an FAQ entry")
    problems.extend(
        f"outline.yaml: lists: {number}: entry: {pl['entry']!r} is not the id of an FAQ entry"
        for number, pl in enumerate(outline.lists, 1) if pl["entry"] is not None and pl["entry"] not in questions
    )
    if problems:
        raise KnowledgeError(problems)
    return KnowledgeBase(
        entries=tuple(entries),
        settings=settings,
        synonyms=synonyms,
        domain_words=domain_words,
        replies={k: str(v) for k, v in replies.items()},
        context_words=tuple(str(w) for w in context_words),
        source_titles=titles,
        not_covered=not_covered,
        not_covered_asked=not_covered_asked,
        detail_words=detail_words,
        count_words=count_words,
        item_counters=item_counters,
        lead_ins=lead_ins,
        frame_words=frame_words,
        disclaimers=disclaimers,
        reaction_entry=reaction_entry,
        bot_or_person_entry=bot_or_person_entry,
        whose_service_entry=whose_service_entry,
        cover_words=cover_words,
        not_words=not_words,
        announcing_entries=announcing_entries,
        thanks_entry=thanks_entry,
        thanks_remarks=thanks_remarks,
        goodbye_entry=goodbye_entry,
        leaving_remarks=leaving_remarks,
        okay_entry=okay_entry,
        named_only=named_only,
        contents_asked=contents_asked,
        other_items_asked=other_items_asked,
        home_districts=home_districts,
        outline=outline,
        root=root,
    )


def _read_yaml(path: Path, problems: list[str]) -> Any:
    try:
        with path.open(encoding="utf-8") as fh:
            return yaml.load(fh, Loader=SAFE_LOADER)
    except FileNotFoundError:
        problems.append(f"{path.name}: file is missing")
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        problems.append(f"{path.name}: not valid YAML: {exc}")
    return None


def _read_mapping(path: Path, problems: list[str]) -> dict[str, Any]:
    data = _read_yaml(path, problems)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{path.name}: must be a mapping of names to values")
        return {}
    return data


def _named_only(scope: dict[str, Any], problems: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """scope.yaml `named_only`: each entry id with its list's items, an item being the ways people write it."""
    data = scope.get("named_only", {})
    lists: dict[str, tuple[tuple[str, ...], ...]] = {}
    if not isinstance(data, dict):
        problems.append("scope.yaml: named_only: must map an entry id to its items, each a list of words")
        return lists
    for entry_id, items in data.items():
        if not isinstance(items, list) or not items or not all(
            isinstance(item, list) and item and all(isinstance(w, str) and w.strip() for w in item) for item in items
        ):
            problems.append(f"scope.yaml: named_only: {entry_id}: must be a list of items, each a list of words")
            continue
        lists[str(entry_id)] = tuple(tuple(w.strip() for w in item) for item in items)
    return lists


def _parse_synonyms(data: dict[str, Any], problems: list[str]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    words = word_list(data, "synonyms.yaml", "domain_words", problems)
    mapping = data.get("synonyms", {})
    synonyms: dict[str, tuple[str, ...]] = {}
    if not isinstance(mapping, dict):
        problems.append("synonyms.yaml: synonyms: must map a canonical form to a list of other forms")
        mapping = {}
    for canonical, forms in mapping.items():
        if not isinstance(canonical, str) or not isinstance(forms, list) or not all(
            isinstance(f, str) and f.strip() for f in forms
        ):
            problems.append(f"synonyms.yaml: {canonical}: must be a list of non-empty strings")
            continue
        synonyms[canonical] = tuple(forms)
    return synonyms, words


def _read_entries(path: Path, root: Path, problems: list[str]) -> list[Entry]:
    name = path.relative_to(root).as_posix()
    data = _read_yaml(path, problems)
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(f"{name}: must be a list of entries")
        return []
    entries = []
    for position, raw in enumerate(data, start=1):
        entry = parse_entry(raw, f"{name}: entry {position}", problems)
        if entry is not None:
            entries.append(replace(entry, origin=name))
    return entries


def parse_entry(raw: Any, where: str, problems: list[str]) -> Entry | None:
    """Build an :class:`Entry` from one parsed YAML mapping, or record why it cannot be built."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: must be a mapping")
        return None
    label = f"{where} ({raw.get('id')})" if raw.get("id") else where
    before = len(problems)

    def text(key: str) -> str:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{label}: '{key}' must be a non-empty text")
            return ""
        return value.strip()

    def text_list(key: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{label}: '{key}' must be a list of non-empty texts")
            return ()
        return tuple(v.strip() for v in value)

    unknown = set(raw) - {"id", "kind", "category", "question", "variants", "answer", "source", "follow_ups", "requires"}
    if unknown:
        problems.append(f"{label}: unknown field(s) {', '.join(sorted(map(str, unknown)))}")
    entry_id = text("id")
    if entry_id and not ID_PATTERN.match(entry_id):
        problems.append(f"{label}: id must be lowercase letters, digits and '-'")
    kind = raw.get("kind", "faq")
    if kind not in KINDS:
        problems.append(f"{label}: kind must be one of {', '.join(KINDS)}")
    variants = text_list("variants")
    if len({v.casefold() for v in variants}) < MIN_VARIANTS:
        problems.append(f"{label}: needs at least {MIN_VARIANTS} different variants, has {len(set(variants))}")
    source = raw.get("source")
    if not isinstance(source, dict) or not all(
        isinstance(source.get(k), str) and source.get(k).strip() for k in ("document", "section")
    ):
        problems.append(f"{label}: 'source' needs a document and a section")
        source = {"document": "", "section": ""}
    entry = Entry(
        id=entry_id,
        kind=str(kind),
        category=text("category"),
        question=text("question"),
        variants=variants,
        answer=text("answer"),
        source=Source(source["document"].strip(), source["section"].strip()),
        follow_ups=text_list("follow_ups"),
        requires=text_list("requires"),
    )
    return entry if len(problems) == before else None
