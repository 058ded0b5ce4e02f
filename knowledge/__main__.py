"""Command line for the knowledge base: `python -m knowledge check | ingest FILE | export`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from knowledge.base import ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m knowledge", description="Check and grow the FAQ knowledge base.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate every knowledge file; exit 1 on any problem")
    check_cmd.add_argument("--root", type=Path, default=ROOT, help="knowledge folder (default: this package)")
    ingest_cmd = commands.add_parser("ingest", help="draft entries from a new office document (text or HTML)")
    ingest_cmd.add_argument("file", type=Path)
    ingest_cmd.add_argument("--out", type=Path, help="write the drafts here instead of standard output")
    export_cmd = commands.add_parser(
        "export", help="write the entries staff made in the dashboard (read from DATABASE_URL) to learned/ for review"
    )
    export_cmd.add_argument("--out", type=Path, help="file to write (default: learned/staff-answers.yaml)")
    args = parser.parse_args(argv)
    if args.command == "check":
        return _check(args.root)
    if args.command == "export":
        return _export(args.out)
    return _ingest(args.file, args.out)


def _check(root: Path) -> int:
    from knowledge.check import check

    problems = check(root)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"knowledge check: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print("knowledge check: all entries, settings and sources are valid")
    return 0


def _ingest(path: Path, out: Path | None) -> int:
    from knowledge.ingest import as_yaml_entries, ingest

    if not path.is_file():
        print(f"ingest: {path}: no such file", file=sys.stderr)
        return 2
    try:
        result = ingest(path)
    except UnicodeDecodeError:
        print(f"ingest: {path}: not UTF-8 text", file=sys.stderr)
        return 2
    for excerpt in result.flagged:
        print(f"ingest: {path.name}: broken Thai text, not drafted: '{excerpt}…'", file=sys.stderr)
    text = yaml.safe_dump(as_yaml_entries(result), allow_unicode=True, sort_keys=False, width=120)
    if out:
        out.write_text(text, encoding="utf-8")
        print(f"ingest: {len(result.drafts)} draft(s) written to {out}; review them before adding to faq/")
    else:
        sys.stdout.write(text)
    return 0


def _export(out: Path | None) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    # The entries live in the bot's database: only this command reaches into the bot (no Flask is imported).
    from bot.learning import stored_entries
    from knowledge.export import DEFAULT_PATH, write

    try:
        entries = stored_entries()
    except SQLAlchemyError as exc:
        reason = str(exc).splitlines()[0]
        print(f"export: cannot read learned entries from DATABASE_URL ({reason}); is it migrated (python -m bot db upgrade)?", file=sys.stderr)
        return 1
    if not entries:
        print("export: the database holds no learned entries; nothing written")
        return 0
    path = out or DEFAULT_PATH
    write(entries, path)
    count = f"{len(entries)} learned entr{'y' if len(entries) == 1 else 'ies'}"
    print(f"export: {count} written to {path}; run `python -m knowledge check`, review, commit")
    return 0


if __name__ == "__main__":
    sys.exit(main())
