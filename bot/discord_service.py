"""The engine behind the bot: loaded once, called off the event loop one call at a time, uploads kept on disk."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from index import model
from index.build import article_files
from index.cache import atomic_write
from index.ingest import ARTICLE_SUFFIXES, ArticleError, content_hash
from retrieval.answer import Answer, Candidate
from retrieval.engine import Engine, default_articles

log = logging.getLogger(__name__)

T = TypeVar("T")
KEY_CHARS = 16  # an article's key in commands: the start of its content hash (choice values are capped at 100)


class UnknownArticleError(LookupError):
    """An `article` option that names none of the bot's articles; the message is for the user."""


class EngineService:
    """One Engine for the whole process; a lock serialises engine calls because adding an article rebuilds the corpus."""

    def __init__(self, engine: Engine, uploads_dir: Path) -> None:
        self.engine = engine
        self.uploads_dir = uploads_dir
        self._lock = threading.Lock()
        self._speakers = engine.speakers()
        self._unreadable: dict[str, float] = {}  # uploads that failed, by path, with the mtime that failed

    @classmethod
    def load(cls, uploads_dir: Path, paths: list[str] | None = None, **engine_args) -> EngineService:
        """Blocking: index the default articles plus every stored upload (a bad upload is skipped and logged)."""
        defaults = paths if paths is not None else default_articles()
        uploads = [str(p) for p in article_files([uploads_dir])] if uploads_dir.is_dir() else []
        try:
            service = cls(Engine([*defaults, *uploads], **engine_args), uploads_dir)
        except ArticleError as exc:
            if not uploads:
                raise
            log.warning("an upload could not be read (%s); adding uploads one by one", exc)
            service = cls(Engine(defaults, **engine_args), uploads_dir)
            service.sync_uploads()
        log.info("answering from %d articles (%d uploaded)", len(service.articles), len(uploads))
        return service

    async def call(self, func: Callable[..., T], *args) -> T:
        """Run an engine call in a worker thread, so the gateway heartbeat never waits on the model."""
        return await asyncio.to_thread(self._locked, func, *args)

    def _locked(self, func: Callable[..., T], *args) -> T:
        with self._lock:
            return func(*args)

    @property
    def articles(self) -> list[model.ArticleMeta]:
        return self.engine.articles

    async def ask(self, question: str, article: model.ArticleMeta | None = None) -> Answer:
        return await self.call(self.engine.ask, question, article.path if article else None)

    async def quotes(self, speaker: str, article: model.ArticleMeta | None = None) -> list[Candidate]:
        return await self.call(self.engine.quotes, speaker, article.path if article else None)

    def speakers(self, article: model.ArticleMeta | None = None) -> list[str]:
        """Speakers for autocomplete: cached for the whole corpus, computed for one article (cheap)."""
        if article is None:
            return self._speakers
        return self.engine.speakers(article.path)

    def find_article(self, key: str) -> model.ArticleMeta:
        """The article an option names: its key (from autocomplete) or, typed by hand, its exact or unique title."""
        wanted = key.strip()
        folded = wanted.casefold()
        articles = self.articles
        for meta in articles:
            if meta.content_hash[:KEY_CHARS] == wanted:
                return meta
        exact = [m for m in articles if m.title.casefold() == folded]
        partial = [m for m in articles if folded and folded in m.title.casefold()]
        for matches in (exact, partial):
            if len(matches) == 1:
                return matches[0]
        raise UnknownArticleError(f"No article matches \u201c{wanted}\u201d. Pick one from the list, or see /articles.")

    async def add_upload(self, filename: str, data: bytes, limit: int) -> tuple[model.ArticleMeta, bool]:
        """Save an uploaded article under the uploads dir and index it; (meta, True when it is new)."""
        check_upload(filename, len(data), limit)
        path = self.uploads_dir / stored_name(filename, data)
        is_new = not path.exists()
        await asyncio.to_thread(atomic_write, path, data)
        try:
            meta = await self.call(self.engine.add_article, path)
        except ArticleError as exc:
            if is_new:
                path.unlink(missing_ok=True)
            raise ArticleError(str(exc).replace(str(path), filename)) from None
        self._speakers = await self.call(self.engine.speakers)
        return meta, is_new

    def sync_uploads(self) -> tuple[list[str], list[str]]:
        """Blocking: index uploads saved since by another process sharing the folder, drop deleted ones; (added,
        removed). An upload that cannot be read is logged once, and tried again only when its file changes."""
        on_disk = [str(p) for p in article_files([self.uploads_dir])] if self.uploads_dir.is_dir() else []
        with self._lock:
            known = {m.path for m in self.engine.articles if Path(m.path).is_relative_to(self.uploads_dir)}
            added = []
            for path in on_disk:
                if path in known or self._unreadable.get(path) == _mtime(path):
                    continue
                try:
                    self.engine.add_article(path)
                    added.append(path)
                except ArticleError as exc:
                    self._unreadable[path] = _mtime(path)
                    log.warning("skipping stored upload: %s", exc)
            removed = [path for path in sorted(known - set(on_disk)) if self.engine.remove_article(path)]
            if added or removed:
                self._speakers = self.engine.speakers()
                log.info("uploads folder: %d added, %d removed", len(added), len(removed))
        return added, removed


def _mtime(path: str) -> float:
    try:
        return Path(path).stat().st_mtime
    except OSError:
        return -1.0


def stored_name(filename: str, data: bytes) -> str:
    """A safe file name for an upload: content hash first (same bytes, same file), then the cleaned name."""
    path = Path(filename)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", path.stem).strip(".-")[:60] or "article"
    return f"{content_hash(data)[:12]}-{stem}{path.suffix.lower()}"


def check_upload(filename: str, size: int, limit: int) -> None:
    """Refuse an attachment that is not an article file or is over the size limit (ArticleError, for the user)."""
    if Path(filename).suffix.lower() not in ARTICLE_SUFFIXES:
        raise ArticleError(f"{filename}: only {', '.join(ARTICLE_SUFFIXES)} files can be added")
    if size > limit:
        raise ArticleError(f"{filename}: {size:,} bytes is over the {limit:,}-byte limit")
