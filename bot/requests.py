"""Parse one line of batch input: a plain question or {"question": ..., "article": ...}."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass(frozen=True)
class Request:
    """A question, optionally restricted to one article file."""

    question: str
    article: str | None = None


class RequestError(ValueError):
    """A request line that cannot be understood; the message is for the user."""


def parse_request(line: str) -> Request:
    """A Request from an input line; a line that starts with '{' must be a JSON object with a question."""
    text = line.strip()
    if not text.startswith("{"):
        return Request(printable(line.rstrip("\r\n")))
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RequestError(f"invalid JSON request: {exc.msg}") from None
    except RecursionError:
        raise RequestError("invalid JSON request: nested too deeply") from None
    if not isinstance(obj, dict):
        raise RequestError("a JSON request must be an object")
    question = obj.get("question", obj.get("q"))
    if not isinstance(question, str):
        raise RequestError('a JSON request needs a "question" string')
    article = obj.get("article")
    if article is not None and not isinstance(article, str):
        raise RequestError('"article" must be a path string')
    return Request(printable(question), printable(article) if article and article.strip() else None)


def printable(text: str) -> str:
    """text with lone surrogates (possible through JSON escapes) replaced, so it can be printed as UTF-8."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")
