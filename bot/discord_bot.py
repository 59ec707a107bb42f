"""The Discord front end (issue 5): `article-qa discord` runs the bot as a hosted worker."""

from __future__ import annotations

import argparse
import sys

from bot.discord_config import ConfigError, load_config


def add_subcommand(sub: argparse._SubParsersAction) -> None:
    """Register `article-qa discord` on the CLI."""
    parser = sub.add_parser("discord", help="run the Discord bot (needs DISCORD_TOKEN)")
    parser.add_argument("--sync", action="store_true", help="sync slash commands globally, then exit")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Check the settings first (one line and exit 2 when one is wrong), then run the worker."""
    try:
        config = load_config()
    except ConfigError as exc:
        print(f"article-qa: error: {exc}", file=sys.stderr)
        return 2
    from bot.discord_worker import run_worker  # imports discord.py and the engine only when needed

    return run_worker(config, sync=args.sync)
