"""The bot's engine service with the real engine: uploads another process saves to the shared folder are picked up."""

from __future__ import annotations

import logging

from bot.discord_service import EngineService
from retrieval.engine import BUNDLED_ARTICLE

ARTICLE = (
    "Ferry service to the islands resumes\n\n"
    "By Ana Ruiz, Coastal Times\n\n"
    "The ferry will sail twice a day from Monday, the harbour master said. "
    "Tickets cost 14 euros for adults.\n"
)


def test_sync_uploads_adds_new_files_skips_bad_ones_once_and_drops_deleted(embedder, tmp_path, caplog):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    service = EngineService.load(uploads, [str(BUNDLED_ARTICLE)], embedder=embedder)
    assert service.sync_uploads() == ([], [])

    good = uploads / "ferry.txt"  # written by another worker process sharing the folder
    good.write_text(ARTICLE, encoding="utf-8")
    bad = uploads / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02 not text \xff\xfe\x00" * 50)
    with caplog.at_level(logging.WARNING, logger="bot.discord_service"):
        added, removed = service.sync_uploads()
        assert (added, removed) == ([str(good)], [])
        assert service.sync_uploads() == ([], [])  # the bad file is not retried while it is unchanged
    assert sum("broken.txt" in r.getMessage() for r in caplog.records) == 1
    answer = service.engine.ask("How much does a ticket cost?", str(good))
    assert answer.best is not None and "14 euros" in answer.best.sentence.text

    good.unlink()
    assert service.sync_uploads() == ([], [str(good)])
    assert all(m.path != str(good) for m in service.articles)


def test_load_skips_a_bad_stored_upload_and_sync_does_not_retry_it(embedder, tmp_path, caplog):
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    (uploads / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe\x00" * 50)
    with caplog.at_level(logging.WARNING, logger="bot.discord_service"):
        service = EngineService.load(uploads, [str(BUNDLED_ARTICLE)], embedder=embedder)
        assert service.sync_uploads() == ([], [])
    assert sorted(m.path for m in service.articles) == sorted([str(BUNDLED_ARTICLE), str(uploads / "ferry.txt")])
    assert sum("skipping stored upload" in r.getMessage() for r in caplog.records) == 1
