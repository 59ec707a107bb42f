"""The Discord front end (issue 5): `article-qa discord` runs the bot as a hosted worker."""

from __future__ import annotations

import argparse
import os
import sys


def add_subcommand(sub: argparse._SubParsersAction) -> None:
    """Register `article-qa discord` on the CLI."""
    parser = sub.add_parser("discord", help="run the Discord bot (needs DISCORD_TOKEN)")
    parser.add_argument("--sync", action="store_true", help="sync slash commands globally, then exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not os.environ.get("DISCORD_TOKEN"):
        print("article-qa: error: set DISCORD_TOKEN to the bot's token", file=sys.stderr)
        return 2
    raise NotImplementedError("the Discord bot lands with issue 5")
