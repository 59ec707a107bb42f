"""Read an article file from disk into text (UTF-8, UTF-16/32 by byte-order mark, Windows-1252 as a fallback),
refusing what is not an article (binary, too large)."""

from __future__ import annotations

import codecs
import hashlib
import logging
from pathlib import Path
from typing import NoReturn

from index.settings import env_int

log = logging.getLogger(__name__)

DEFAULT_MAX_ARTICLE_BYTES = 10 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
# The information separators U+001C-U+001F are white space to Python's regular expressions but not to int(), which
# makes pysbd fail on "\x1f1. item"; a text has no use for them, so they are read as spaces (offsets unchanged).
SEPARATORS_AS_SPACES = str.maketrans("\x1c\x1d\x1e\x1f", "    ")


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
    text, _ = _decode(read_bytes(path), str(path))
    if not text.strip():
        raise ArticleError(f"{path}: the article is empty")


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """Text of a file's bytes and warnings: a byte-order mark (UTF-8, UTF-16, UTF-32) decides the encoding, then
    UTF-16 without one (every other byte NUL), UTF-8, else Windows-1252 with a warning; binary is refused; the
    control characters U+001C-U+001F are read as spaces."""
    text, warnings = _decode(data, name)
    for warning in warnings:
        log.warning(warning)
    return text.translate(SEPARATORS_AS_SPACES), warnings


def _decode(data: bytes, name: str) -> tuple[str, list[str]]:
    encoding = _sniff(data)
    if encoding is None:
        _refuse_binary(data, name)
        try:
            return data.decode("utf-8"), []
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
            return text, [f"{name}: not valid UTF-8; read as Windows-1252 (some characters may be wrong)"]
    codec, label = encoding
    try:
        text, warnings = data.decode(codec), []
    except UnicodeDecodeError:
        if codec == "utf-32-le":  # FF FE 00 00 is also a UTF-16 mark before a NUL character
            return _decode(data[2:], name) if not data[2:].startswith(codecs.BOM_UTF16_LE) else _refused(name)
        text = data.decode(codec, errors="replace")
        warnings = [f"{name}: not valid {label} despite its byte-order mark; unreadable bytes replaced"]
    text = text.removeprefix("\ufeff")
    head = text[:4096]
    if head.count("\ufffd") * 20 > len(head):
        _refused(name)
    _refuse_binary(head.encode("utf-8", errors="replace"), name)
    return text, warnings


# Byte-order marks, longest first (a UTF-32-LE mark starts like a UTF-16-LE one): codec, name for messages.
_BOMS = (
    (codecs.BOM_UTF32_LE, ("utf-32-le", "UTF-32")),
    (codecs.BOM_UTF32_BE, ("utf-32-be", "UTF-32")),
    (codecs.BOM_UTF8, ("utf-8", "UTF-8")),
    (codecs.BOM_UTF16_LE, ("utf-16-le", "UTF-16")),
    (codecs.BOM_UTF16_BE, ("utf-16-be", "UTF-16")),
)


def _sniff(data: bytes) -> tuple[str, str] | None:
    """The codec a byte-order mark names, or UTF-16 without one when NULs fill one byte of most pairs (English
    text in UTF-16); None for everything else."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    head = data[:4096]
    pairs = len(head) // 2
    if pairs < 8:
        return None
    evens, odds = head[0 : pairs * 2 : 2], head[1 : pairs * 2 : 2]
    for nuls, chars, codec in ((odds, evens, "utf-16-le"), (evens, odds, "utf-16-be")):
        if nuls.count(0) > 0.6 * pairs and _mostly_ascii_text(chars):
            return codec, "UTF-16"
    return None


def _mostly_ascii_text(data: bytes) -> bool:
    """Whether at least 90% of the bytes are printable ASCII or line breaks and tabs (and few are NUL)."""
    printable = sum(1 for b in data if 32 <= b < 127 or b in (9, 10, 13))
    return printable >= 0.9 * len(data)


def _refuse_binary(data: bytes, name: str) -> None:
    """ArticleError when the file's start has NUL bytes or more than 1 byte in 20 a non-space control character."""
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    if b"\x00" in head or controls * 20 > len(head):
        _refused(name)


def _refused(name: str) -> NoReturn:
    raise ArticleError(f"{name}: looks like a binary file, not a text or HTML article")


def content_hash(data: bytes) -> str:
    """SHA-256 of the file's bytes: the article's identity in every cache."""
    return hashlib.sha256(data).hexdigest()
