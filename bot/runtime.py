"""Where the running bot keeps its files, and the one way to get a ready `Answerer`."""
from __future__ import annotations

import os
from pathlib import Path

from bot.answering import ANSWER_CACHE_SIZE, Answerer
from bot.model import load_or_build, save_bundle
from knowledge import load

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def instance_path() -> Path:
    """Folder for run-time files (SQLite database, saved model): `INSTANCE_PATH` or ./instance."""
    return Path(os.environ.get("INSTANCE_PATH") or PROJECT_ROOT / "instance")


def model_path() -> Path:
    return Path(os.environ.get("MODEL_PATH") or instance_path() / "model.pkl")


def load_answerer(save: bool = True, cache_size: int = ANSWER_CACHE_SIZE) -> Answerer:
    """Knowledge from files, model from the saved copy when it is current; ``save`` keeps a fresh build;
    ``cache_size``: decisions kept for repeated messages (0 decides every message afresh)."""
    kb = load()
    path = model_path()
    bundle, from_disk = load_or_build(kb, path)
    if save and not from_disk:
        try:
            save_bundle(bundle, path)
        except OSError:
            pass  # a read-only disk only costs the next start its build time
    return Answerer(kb, bundle, cache_size)
