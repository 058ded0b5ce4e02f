"""Building the matcher from the knowledge base, and keeping the built model on disk between starts.

Fitting needs scikit-learn and takes most of a second; a process that answers only needs the fitted
vocabularies and matrices, and the decider made from them. `python -m bot build` (run by `make run` and the
Procfile's release step) saves them with a fingerprint of everything they are made from; a process whose
fingerprint differs (entries, settings, code or PyThaiNLP's version changed) builds afresh instead of answering
from a stale model.

The decider is saved too, its tokenizer dictionary (PyThaiNLP's word list and the office's words) with it:
making it again at every start took about 0.2 s (PyThaiNLP's word list read and indexed, the answers
prepared); loading it with the rest of the model takes about 0.05 s.
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pythainlp

import models
from knowledge import KnowledgeBase
from models.decide import Decider, Thresholds
from models.matcher import IndexedEntry, Matcher
from models.places import Places
from models.text import ThaiText

log = logging.getLogger(__name__)
FORMAT_VERSION = 3


@dataclass
class ModelBundle:
    """The decider made from a knowledge base, its matcher and thresholds within it, and the fingerprint of what it
    was made from."""

    fingerprint: str
    decider: Decider

    @property
    def matcher(self) -> Matcher:
        return self.decider.matcher

    @property
    def thresholds(self) -> Thresholds:
        return self.decider.thresholds


def fingerprint(kb: KnowledgeBase) -> str:
    """Hash of everything the model is built from: entries (their answers too, whose words the matcher weighs,
    and as people get them, settings filled in, whose numbers the decider reads), synonyms, scope, the matching
    code and PyThaiNLP's version (its word list is in the tokenizer's dictionary)."""
    h = hashlib.sha256(f"{FORMAT_VERSION} {pythainlp.__version__}".encode())
    for entry in sorted(kb.entries, key=lambda e: e.id):
        h.update(repr((entry.id, entry.kind, entry.phrasings, entry.answer, kb.render_answer(entry))).encode())
    word_lists = (kb.domain_words, kb.context_words, kb.not_covered, kb.not_covered_asked, kb.detail_words, kb.count_words,
                  kb.item_counters, kb.lead_ins, kb.frame_words, kb.reaction_entry, kb.cover_words, kb.not_words, kb.disclaimers,
                  kb.announcing_entries, kb.thanks_entry, kb.thanks_remarks, kb.goodbye_entry, kb.leaving_remarks,
                  kb.okay_entry, sorted(kb.named_only.items()), kb.contents_asked, kb.other_items_asked,
                  kb.bot_or_person_entry, kb.whose_service_entry, kb.home_districts, kb.outline)
    h.update(repr((sorted(kb.synonyms.items()), word_lists)).encode())
    for path in sorted(Path(models.__file__).parent.glob("*.py")):
        h.update(path.read_bytes())
    return h.hexdigest()


def thai_text_for(kb: KnowledgeBase, matcher: Matcher | None = None) -> ThaiText:
    """The text preparation for ``kb``; with ``matcher``, messages are respelt from the words its phrasings use
    (the phrasings themselves are prepared without: people reviewed their spelling)."""
    spellings = matcher.words_by_use() if matcher is not None else ()
    return ThaiText(kb.domain_words, kb.synonyms, kb.context_words, spellings, kb.not_words)


def _decider(kb: KnowledgeBase, matcher: Matcher, thresholds: Thresholds) -> Decider:
    return Decider(
        thai_text_for(kb, matcher), matcher, thresholds,
        not_covered=kb.not_covered, not_covered_asked=kb.not_covered_asked, detail_words=kb.detail_words,
        count_words=kb.count_words, item_counters=kb.item_counters, lead_ins=kb.lead_ins, frame_words=kb.frame_words,
        reaction_entry=kb.reaction_entry, cover_words=kb.cover_words, disclaimers=kb.disclaimers,
        announcing_entries=kb.announcing_entries, thanks_entry=kb.thanks_entry, thanks_remarks=kb.thanks_remarks,
        goodbye_entry=kb.goodbye_entry, leaving_remarks=kb.leaving_remarks, okay_entry=kb.okay_entry,
        answers={e.id: answer for e in kb.entries if (answer := kb.render_answer(e)) is not None},
        named_only=kb.named_only, contents_asked=kb.contents_asked, other_items_asked=kb.other_items_asked,
        bot_or_person_entry=kb.bot_or_person_entry, whose_service_entry=kb.whose_service_entry,
        home_districts=kb.home_districts, places=_places(kb),
    )


def _places(kb: KnowledgeBase) -> Places | None:
    outline = kb.outline
    if not outline.lists:
        return None
    return Places(outline.pages, outline.lists, outline.read_words, outline.explain_words, outline.parts)


def build_bundle(kb: KnowledgeBase, thresholds: Thresholds = Thresholds()) -> ModelBundle:
    text = thai_text_for(kb)
    indexed = [
        IndexedEntry(e.id, e.kind, tuple(text.prepare(p) for p in e.phrasings), text.prepare(e.answer)) for e in kb.entries
    ]
    matcher = Matcher(indexed)
    return ModelBundle(fingerprint(kb), _decider(kb, matcher, thresholds))


def save_bundle(bundle: ModelBundle, path: Path) -> None:
    """Write atomically, so a process starting meanwhile never reads half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as fh:
        pickle.dump(bundle, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(fh.name, path)


def load_or_build(kb: KnowledgeBase, path: Path | None) -> tuple[ModelBundle, bool]:
    """The saved model when it was built from exactly this knowledge base and code, else a fresh build;
    the flag says whether it came from disk."""
    wanted = fingerprint(kb)
    if path is not None and path.is_file():
        try:
            with path.open("rb") as fh:
                bundle = pickle.load(fh)
            if isinstance(bundle, ModelBundle) and bundle.fingerprint == wanted:
                return bundle, True
            log.info("saved model %s is out of date; building a new one", path)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError) as exc:
            log.warning("saved model %s is unreadable (%s); building a new one", path, exc)
    return build_bundle(kb), False
