"""Delete index cache entries nobody has used for a while: those of changed or removed articles, of an older
pipeline or store format, of another model. An entry's modification time is when it was last written or used
(libraries touch the entries they load), so age alone says what no running process needs; deletion happens
under the cache's writer lock, so no entry is removed while a process writes one.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from filelock import Timeout

from index import cache, store
from index.settings import env_int

log = logging.getLogger(__name__)

DEFAULT_MAX_AGE_DAYS = 30
# Automatic pruning runs at most this often per cache folder (a stamp file's age says when it last ran).
AUTO_INTERVAL_SECONDS = 24 * 3600
_STAMP = "last-prune"
# Folders that hold article entries: "articles-v<format>" for each store format, "articles" for the first one.
_ENTRY_FOLDER = re.compile(r"^articles(?:-v\d+)?$")
_DAY = 24 * 3600


@dataclass(frozen=True)
class PruneReport:
    """What a prune removed (or would remove, in a dry run) and what it left."""

    removed: int = 0
    removed_bytes: int = 0
    kept: int = 0


def max_age_days() -> int:
    """ARTICLE_QA_CACHE_PRUNE_DAYS: entries unused this many days are deleted automatically; 0 turns that off."""
    return env_int("ARTICLE_QA_CACHE_PRUNE_DAYS", DEFAULT_MAX_AGE_DAYS, minimum=0)


def touch(paths: Iterable[Path]) -> None:
    """Mark entries as used now, so no prune takes them while they are in use; a read-only cache is left as is."""
    for path in paths:
        try:
            os.utime(path)
        except FileNotFoundError:
            continue  # never written (an unwritable cache) or just rebuilt elsewhere
        except OSError:
            return  # read-only: nothing here can be pruned by this user either


def prune(
    days: float, keep: Iterable[Path] = (), dry_run: bool = False, wait: float = cache.LOCK_TIMEOUT_SECONDS
) -> PruneReport:
    """Delete the article entries (every store format) not used for `days` days, except `keep`, under the writer
    lock (waiting up to `wait` seconds; filelock.Timeout past it). Left-over temporary files age out the same way."""
    root = cache.cache_dir()
    if not root.is_dir():
        return PruneReport()
    keep = {Path(p) for p in keep}
    cutoff = time.time() - days * _DAY
    with cache.writer_lock().acquire(timeout=wait):
        report = _prune_folders(root, cutoff, keep, dry_run)
    if report.removed:
        done = "would remove" if dry_run else "removed"
        log.info(
            "cache prune: %s %d entries (%d bytes), kept %d", done, report.removed, report.removed_bytes, report.kept
        )
    return report


def _prune_folders(root: Path, cutoff: float, keep: set[Path], dry_run: bool) -> PruneReport:
    current = store.entry_path("0", "").parent
    removed = size = kept = 0
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and _ENTRY_FOLDER.match(p.name)):
        for entry in list(os.scandir(folder)):
            path = Path(entry.path)
            try:
                mtime, nbytes = _newest_mtime(entry), _size(entry)
            except FileNotFoundError:
                continue
            if mtime >= cutoff or path in keep:
                kept += 1
                continue
            if not dry_run:
                _delete(entry)
            removed += 1
            size += nbytes
        if folder != current and not dry_run:
            with contextlib.suppress(OSError):
                folder.rmdir()  # an old format's folder, once empty
    return PruneReport(removed, size, kept)


def _newest_mtime(entry: os.DirEntry) -> float:
    """A file's modification time; for a folder (the first store format kept one per article), its newest file's."""
    if not entry.is_dir(follow_symlinks=False):
        return entry.stat(follow_symlinks=False).st_mtime
    times = [entry.stat(follow_symlinks=False).st_mtime]
    times += [f.stat(follow_symlinks=False).st_mtime for f in os.scandir(entry.path)]
    return max(times)


def _size(entry: os.DirEntry) -> int:
    if not entry.is_dir(follow_symlinks=False):
        return entry.stat(follow_symlinks=False).st_size
    return sum(f.stat(follow_symlinks=False).st_size for f in os.scandir(entry.path) if f.is_file())


def _delete(entry: os.DirEntry) -> None:
    with contextlib.suppress(FileNotFoundError):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)


def auto_prune(in_use: Iterable[Path]) -> PruneReport | None:
    """At most once a day per cache, prune entries unused for ARTICLE_QA_CACHE_PRUNE_DAYS days except `in_use`;
    skipped (None) when turned off, not due, or another process holds the lock. Never raises: a cache that can't
    be pruned costs disk space, never an answer."""
    days = max_age_days()
    stamp = cache.cache_dir() / _STAMP
    try:
        if days <= 0 or time.time() - stamp.stat().st_mtime < AUTO_INTERVAL_SECONDS:
            return None
    except FileNotFoundError:
        pass
    except OSError:
        return None
    try:
        report = prune(days, keep=in_use, wait=0)
        cache.atomic_write(stamp, b"")
        return report
    except (OSError, Timeout) as exc:
        log.debug("cache prune skipped: %s", exc)
        return None
