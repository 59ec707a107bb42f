"""Where the index cache lives and how files in it are written: atomically, so a crash leaves no half file."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import platformdirs
from filelock import FileLock

# Longest a writer waits for another process's lock before giving up with filelock.Timeout.
LOCK_TIMEOUT_SECONDS = 600


def cache_dir() -> Path:
    """ARTICLE_QA_CACHE, or the per-user cache directory for article-qa."""
    raw = os.environ.get("ARTICLE_QA_CACHE")
    return Path(raw).expanduser() if raw else Path(platformdirs.user_cache_dir("article-qa"))


def atomic_write(path: Path, data: bytes) -> None:
    """Write data to path through a temporary file in the same directory and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sha256(data: bytes) -> str:
    """Hex SHA-256 of data, used as a checksum for cache files."""
    return hashlib.sha256(data).hexdigest()


def writer_lock() -> FileLock:
    """The lock every process holds while it writes into this cache; readers take none (writes are renames)."""
    folder = cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return FileLock(str(folder / "writer.lock"), timeout=LOCK_TIMEOUT_SECONDS)
