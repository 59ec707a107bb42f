"""`article-qa eval`: score the engine on question sets (issue 4)."""

from __future__ import annotations

import argparse


def add_subcommand(sub: argparse._SubParsersAction) -> None:
    """Register `article-qa eval` on the CLI."""
    parser = sub.add_parser("eval", help="score the engine on a SQuAD-format or JSONL question set")
    parser.add_argument("datasets", nargs="*", metavar="DATASET")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("evaluation lands with issue 4")
