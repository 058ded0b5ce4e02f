"""`python -m bot`: ask questions from the shell and prepare the model.

`ask` is a contract other tools rely on: one JSON object per question with `status`, `reply`, `faq_id`,
`confidence` and `suggestions`; it writes nothing anywhere.
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import TextIO

from bot.answering import Answerer
from bot.runtime import load_answerer, model_path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description="The office's Q&A bot.")
    commands = parser.add_subparsers(dest="command", required=True)
    ask = commands.add_parser("ask", help="answer one question, or one per line from standard input")
    ask.add_argument("question", nargs="?", help="the question; omit it to read questions from standard input")
    commands.add_parser("build", help="build the model from the knowledge base and save it for fast starts")
    commands.add_parser("chat", help="chat in the terminal (the same core the channels use)")
    args = parser.parse_args(argv)
    if args.command == "ask":
        return _ask(args.question, sys.stdin, sys.stdout)
    if args.command == "build":
        return _build()
    return _chat(sys.stdin, sys.stdout)


def _print(obj: dict, out: TextIO) -> None:
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


def _ask(question: str | None, stdin: TextIO, out: TextIO) -> int:
    if question is not None:
        if not question.strip():
            print("ask: the question is empty; write a question in quotes, e.g. python -m bot ask \"กลุ่มอำนวยการมีหน้าที่อะไร\"", file=sys.stderr)
            return 2
        _print(load_answerer(save=False).answer(question).public(), out)
        return 0
    answerer: Answerer = load_answerer(save=False)
    failed = False
    for number, line in enumerate(stdin, start=1):
        text = line.rstrip("\n")
        if not text.strip():
            failed = True
            _print({"error": f"line {number}: the question is empty", "line": number}, out)
            continue
        _print(answerer.answer(text).public(), out)
    return 1 if failed else 0


def _build() -> int:
    from bot.model import build_bundle, save_bundle
    from knowledge import load

    path = model_path()
    bundle = build_bundle(load())
    save_bundle(bundle, path)
    print(f"model built from {len(bundle.matcher.entries)} entries and saved to {path}")
    return 0


def _chat(stdin: TextIO, out: TextIO) -> int:
    answerer = load_answerer(save=False)
    out.write("พิมพ์คำถามได้เลยค่ะ (Ctrl-D เพื่อจบ)\n> ")
    out.flush()
    for line in stdin:
        if line.strip():
            decision = answerer.answer(line)
            out.write(f"[{decision.status} {decision.confidence:.2f}] {decision.reply}\n")
            for n, s in enumerate(decision.suggestions, start=1):
                out.write(f"  {n}) {s}\n")
        out.write("> ")
        out.flush()
    return 0
