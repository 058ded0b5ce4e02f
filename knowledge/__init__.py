"""The office's knowledge: FAQ entries, settings, synonyms and fixed replies, loaded from reviewed files.

Nothing in this package knows about Flask, LINE or how matching works.
"""
from knowledge.base import Entry, KnowledgeBase, KnowledgeError, Source, load

__all__ = ["Entry", "KnowledgeBase", "KnowledgeError", "Source", "load"]
