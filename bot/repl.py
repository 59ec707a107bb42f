"""An interactive prompt for trying questions without Discord; never crashes on odd input."""

from __future__ import annotations

import logging

from bot import format as fmt
from index.ingest import ArticleError
from retrieval.engine import Engine
from retrieval.question import QuestionError

log = logging.getLogger(__name__)

QUIT = {":q", ":quit", ":exit"}
HELP = (
    "Ask a question about the articles. :articles lists them, :add PATH indexes one more, "
    ":refresh re-reads the article files and folders, :q quits (or Ctrl-D)."
)
MAX_LISTED = 50


def handle_line(engine: Engine, line: str) -> str | None:
    """The reply to one line of input, or None to quit."""
    text = line.strip()
    if text in QUIT:
        return None
    if not text:
        return ""
    if text in {":help", ":h", "?"}:
        return HELP
    if text == ":articles":
        return _articles(engine)
    if text == ":refresh":
        return _refresh(engine)
    if text.startswith(":add "):
        try:
            meta = engine.add_article(text[5:].strip())
        except ArticleError as exc:
            return f"error: {exc}"
        return f"added {meta.title} ({meta.path})"
    try:
        return fmt.answer_text(engine.ask(text))
    except (QuestionError, ArticleError) as exc:
        return f"error: {exc}"
    except Exception:  # the REPL must survive anything a question can trigger
        log.exception("failed to answer %r", text)
        return "error: something went wrong answering that; see the log"


def _articles(engine: Engine) -> str:
    lines = [f"{a.title} \u00b7 {a.outlet or '-'} \u00b7 {a.date or '-'} ({a.path})" for a in engine.articles]
    if len(lines) > MAX_LISTED:
        lines = [*lines[:MAX_LISTED], f"... and {len(lines) - MAX_LISTED:,} more"]
    return "\n".join(lines) or "no articles"


def _refresh(engine: Engine) -> str:
    changes = engine.refresh()
    lines = [f"{len(changes.added)} added, {len(changes.changed)} changed, {len(changes.removed)} removed"]
    lines.extend(f"skipped: {p.message}" for p in engine.problems)
    return "\n".join(lines)


def run_repl(engine: Engine, read=input, write=print) -> int:
    """Read questions until EOF, :q or Ctrl-C."""
    titles = ", ".join(a.title for a in engine.articles[:3])
    write(f"article-qa: answering from {len(engine.articles)} article(s): {titles}\n{HELP}")
    while True:
        try:
            line = read("? ")
        except (EOFError, KeyboardInterrupt):
            write("")
            return 0
        reply = handle_line(engine, line)
        if reply is None:
            return 0
        if reply:
            write(reply)
