"""Thai question matching: normalization, tokenization, retrieval and the answer/clarify/escalate decision.

Nothing here knows about Flask, LINE or where entries are stored: the matcher is built from plain
(entry id, kind, phrasings) records and synonym lists.

PyThaiNLP must never try to download a corpus (downloads fail on the office's servers, and some of its
functions then quietly return nothing), so it is told to stay offline and read-only before it is imported.
"""
import os
from pathlib import Path

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
os.environ.setdefault("PYTHAINLP_DATA", str(Path(__file__).resolve().parent / "pythainlp-data"))
