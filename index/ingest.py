"""Read an article file from disk into text, refusing what is not an article (binary, too large)."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from index.settings import env_int

log = logging.getLogger(__name__)

DEFAULT_MAX_ARTICLE_BYTES = 10 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")


class ArticleError(Exception):
    """An article that cannot be read; the message is meant for the user as it is."""


def max_article_bytes() -> int:
    """The size limit for one article file, from ARTICLE_QA_MAX_ARTICLE_BYTES."""
    return env_int("ARTICLE_QA_MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an ArticleError saying why not (missing, a folder, too large, unreadable)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None
    except ValueError:  # e.g. a NUL character in the path
        raise ArticleError(f"{path!r} is not a valid file path") from None
    if path.is_dir():
        raise ArticleError(f"{path}: is a directory, not an article file")
    limit = max_article_bytes()
    if size > limit:
        raise ArticleError(f"{path}: {size:,} bytes is over the {limit:,}-byte limit for one article")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None


def check_article_file(path: Path) -> None:
    """Cheap checks before any indexing: the file exists, is within the size limit, is text and not blank."""
    data = read_bytes(path)
    _refuse_binary(data, str(path))
    if not data.strip():
        raise ArticleError(f"{path}: the article is empty")


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text of a file's bytes: UTF-8 when it is, else Windows-1252 with a warning; binary is refused."""
    _refuse_binary(data, name)
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    warning = f"{name}: not valid UTF-8; read as Windows-1252 (some characters may be wrong)"
    log.warning(warning)
    return data.decode("cp1252", errors="replace"), [warning]


def _refuse_binary(data: bytes, name: str) -> None:
    """ArticleError when the file's start has NUL bytes or more than 1 byte in 20 a non-space control character."""
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if b"\x00" in head or controls * 20 > len(head):
        raise ArticleError(f"{name}: looks like a binary file, not a text or HTML article")


def content_hash(data: bytes) -> str:
    """SHA-256 of the file's bytes: the article's identity in every cache."""
    return hashlib.sha256(data).hexdigest()
