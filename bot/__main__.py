"""Command line: `python -m bot ask | build | ...` (see `python -m bot --help`)."""
from bot.cli import main

raise SystemExit(main())
