"""The article-qa command line: ask, inspect, repl, index build and prune (and the subcommands other modules add)."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

from bot import format as fmt
from bot.logs import setup_logging
from bot.requests import Request, RequestError, parse_request, printable
from index import ingest
from index.ingest import ArticleError
from retrieval.answer import Answer
from retrieval.engine import Engine
from retrieval.question import QuestionError

log = logging.getLogger(__name__)


class UsageError(Exception):
    """A bad command-line argument: reported on one stderr line, exit status 2."""


def _engine(paths: list[str] | None) -> Engine:
    """The engine over the articles named (default corpus when none); a named file that can't be read is a
    UsageError, while bad files inside a named folder are skipped with a warning."""
    for path in paths or []:
        if not Path(path).is_dir():
            try:
                ingest.check_article_file(Path(path))
            except ArticleError as exc:
                raise UsageError(str(exc)) from None
    engine = Engine(paths or None)
    named = {str(Path(p)) for p in paths or []}
    for problem in engine.problems:
        if problem.path in named:
            raise UsageError(problem.message)
    if not engine.articles:
        raise UsageError("no article could be read from " + ", ".join(engine.sources))
    return engine


def answer_request(engine: Engine, request: Request, top: int) -> Answer | dict:
    """The answer to one request, or {"question", "error"} when it cannot be answered."""
    try:
        return engine.ask(request.question, article=request.article, top=max(top, 5))
    except (QuestionError, ArticleError) as exc:
        return {"question": request.question, "error": str(exc)}
    except Exception as exc:  # a bug must cost one request, not the batch, and print no traceback
        log.error("failed to answer %r: %s: %s", request.question[:200], type(exc).__name__, exc)
        log.debug("traceback", exc_info=True)
        return {"question": request.question, "error": f"internal error ({type(exc).__name__}); see the log"}


def _requests(lines: Iterable[str]) -> Iterable[Request | RequestError]:
    for line in lines:
        try:
            yield parse_request(line)
        except RequestError as exc:
            yield exc


def cmd_ask(args: argparse.Namespace) -> int:
    engine = _engine(args.article)
    if args.question is not None:
        return _ask_one(engine, Request(printable(args.question)), args)
    if hasattr(sys.stdin, "reconfigure"):  # undecodable bytes become U+FFFD instead of ending the batch
        sys.stdin.reconfigure(errors="replace")
    for item in _requests(sys.stdin):
        if isinstance(item, RequestError):
            obj = {"question": None, "error": str(item)}
            print(json.dumps(obj, ensure_ascii=False) if args.json else f"error: {item}", flush=True)
            continue
        if not args.json and not item.question.strip():
            continue
        print(_render(answer_request(engine, item, args.top), args, one_line=True), flush=True)
    return 0


def _ask_one(engine: Engine, request: Request, args: argparse.Namespace) -> int:
    """Answer the question given as an argument; status 1 when it could not be answered (an error line)."""
    result = answer_request(engine, request, args.top)
    print(_render(result, args, one_line=False))
    return 1 if isinstance(result, dict) else 0


def _render(result: Answer | dict, args: argparse.Namespace, one_line: bool) -> str:
    if args.json:
        return json.dumps(result if isinstance(result, dict) else result.to_json(args.top), ensure_ascii=False)
    if isinstance(result, dict):
        return f"error: {result['error']}"
    return fmt.answer_line(result) if one_line else fmt.answer_text(result)


def cmd_inspect(args: argparse.Namespace) -> int:
    from index.build import article_files
    from index.document import load_document

    for path in article_files(args.paths):
        try:
            doc = load_document(path)
        except ArticleError as exc:
            raise UsageError(str(exc)) from None
        for s in doc.sentences:
            row = {
                "article": str(path),
                "start": s.start,
                "end": s.end,
                "paragraph": s.paragraph,
                "kind": s.kind,
                "text": s.text,
                "speaker": s.attribution.display(),
                "attribution": s.attribution.to_dict(),
            }
            if args.json:
                print(json.dumps(row, ensure_ascii=False))
            else:
                who = row["speaker"] or "-"
                print(f"{s.paragraph:>3} {s.kind:<12} {who[:40]:<40} {' '.join(s.text.split())}")
    return 0


def cmd_repl(args: argparse.Namespace) -> int:
    from bot.repl import run_repl

    return run_repl(_engine(args.article))


def cmd_index_build(args: argparse.Namespace) -> int:
    from index.build import article_files
    from index.embed import default_embedder
    from index.library import Library

    for path in args.paths:
        if not Path(path).exists():
            raise UsageError(f"{path}: no such file or folder")
    files = article_files(args.paths)
    if not files:
        raise UsageError("no article files found in " + ", ".join(args.paths))
    embedder = default_embedder()
    from tqdm.contrib.logging import logging_redirect_tqdm

    with _progress(len(files)) as bar, logging_redirect_tqdm():  # warnings print above the bar, not through it
        library = Library(args.paths, embedder, tick=bar.update)
    indexed = len(library.articles)
    sentences = len(library.corpus.rows)
    skipped = f", {len(library.problems)} skipped" if library.problems else ""
    print(f"indexed {indexed:,} of {len(files):,} articles ({sentences:,} sentences){skipped}", file=sys.stderr)
    return 1 if indexed == 0 else 0


def cmd_index_prune(args: argparse.Namespace) -> int:
    from filelock import Timeout

    from index import prune

    days = args.days if args.days is not None else prune.max_age_days() or prune.DEFAULT_MAX_AGE_DAYS
    try:
        report = prune.prune(days, dry_run=args.dry_run, wait=60)
    except Timeout:
        raise UsageError("the index cache is busy (another process is writing to it); try again") from None
    done = "would remove" if args.dry_run else "removed"
    print(
        f"{done} {report.removed:,} cache entries unused for {days:g} days ({report.removed_bytes / 1e6:.1f} MB); {report.kept:,} kept"
    )
    return 0


def _progress(total: int):
    """A tqdm bar on standard error when it is a terminal; otherwise a silent stand-in (the summary line says it)."""
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, disable=total < 2 or not sys.stderr.isatty())


# One path per flag, so `ask --article a.md "question"` keeps the question as the question.
ARTICLE_HELP = "an article file or folder to answer from (repeat for more; default: ARTICLE_QA_ARTICLES)"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="article-qa", description="Answer questions with a news article's own words.")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="answer a question (or one per line of stdin)")
    ask.add_argument("question", nargs="?", help="the question; without it, read one request a line from stdin")
    ask.add_argument("--article", action="append", metavar="PATH", help=ARTICLE_HELP)
    ask.add_argument("--json", action="store_true", help="one JSON object a line")
    ask.add_argument("--top", type=_non_negative, default=0, metavar="K", help="also list the K best candidates")
    ask.set_defaults(func=cmd_ask)

    inspect = sub.add_parser("inspect", help="show how an article was read, one sentence a line")
    inspect.add_argument("paths", nargs="+", metavar="PATH")
    inspect.add_argument("--json", action="store_true")
    inspect.set_defaults(func=cmd_inspect)

    repl = sub.add_parser("repl", help="ask questions interactively")
    repl.add_argument("--article", action="append", metavar="PATH", help=ARTICLE_HELP)
    repl.set_defaults(func=cmd_repl)

    index = sub.add_parser("index", help="manage the index cache")
    index_sub = index.add_subparsers(dest="index_command", required=True)
    build = index_sub.add_parser("build", help="index article files or folders ahead of time")
    build.add_argument("paths", nargs="+", metavar="PATH")
    build.set_defaults(func=cmd_index_build)
    prune = index_sub.add_parser("prune", help="delete cache entries no process has used for DAYS days")
    prune.add_argument("--days", type=_non_negative_float, metavar="DAYS", help="default: ARTICLE_QA_CACHE_PRUNE_DAYS")
    prune.add_argument("--dry-run", action="store_true", help="only say what would be removed")
    prune.set_defaults(func=cmd_index_prune)

    from bot import discord_bot, eval_command

    discord_bot.add_subcommand(sub)
    eval_command.add_subcommand(sub)
    return parser


def _non_negative(raw: str) -> int:
    value = int(raw)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def _non_negative_float(raw: str) -> float:
    value = float(raw)
    if not value >= 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # A hosted worker's log is its only window: connections and reconnects show at INFO.
    setup_logging(default="INFO" if args.command == "discord" else "WARNING")
    try:
        return args.func(args)
    except UsageError as exc:
        print(f"article-qa: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
