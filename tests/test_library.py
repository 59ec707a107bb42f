"""The set of indexed articles: refresh from folders (added, changed, removed), bad files skipped, nothing stale;
cache entries nobody uses are pruned (index.prune).

The embedder is the real model wrapped to count what it is asked to embed (to show unchanged articles
are never re-embedded).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from bot import cli
from index import prune, store
from index.library import Library
from retrieval.engine import Engine


class Counting:
    """The real embedder, recording every text it embeds."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.texts: list[str] = []

    def record(self, texts) -> None:
        self.texts.extend(texts)

    def encode(self, texts):
        self.record(texts)
        return self.inner.encode(texts)

    def encode_pieces(self, texts, starts=None):
        self.record(texts)
        return self.inner.encode_pieces(texts, starts)


def write(folder: Path, name: str, title: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "orchard.txt", "Orchard harvest doubles", "The apple harvest in Kettleby doubled this year.")
    write(folder, "ferry.md", "Ferry service resumes", "The island ferry resumed on Sunday after the storm.")
    return folder


@pytest.fixture
def counting(embedder) -> Counting:
    return Counting(embedder)


def test_refresh_embeds_only_what_changed(folder, counting):
    library = Library([folder], counting)
    assert len(library.articles) == 2
    counting.texts.clear()

    assert not library.refresh()
    assert counting.texts == []

    write(folder, "zoo.txt", "Zoo welcomes a calf", "A giraffe calf was born at the Brindle zoo on Friday.")
    changes = library.refresh()
    assert changes.added == (str(folder / "zoo.txt"),) and not changes.changed and not changes.removed
    assert any("giraffe" in t for t in counting.texts) and not any("apple" in t for t in counting.texts)
    counting.texts.clear()

    write(folder, "orchard.txt", "Orchard harvest triples", "The pear harvest in Kettleby tripled this year.")
    changes = library.refresh()
    assert changes.changed == (str(folder / "orchard.txt"),) and not changes.added
    assert any("pear" in t for t in counting.texts) and not any("giraffe" in t or "ferry" in t for t in counting.texts)
    assert "pear" in library.items[library.position(folder / "orchard.txt")].document.text


def test_reopening_reuses_the_cache(folder, counting):
    Library([folder], counting)
    counting.texts.clear()
    again = Library([folder], counting)
    assert counting.texts == []
    assert len(again.corpus.rows) > 0


def test_removed_article_leaves_no_trace(folder, embedder):
    engine = Engine([folder], embedder=embedder)
    question = "How much did the apple harvest in Kettleby grow?"
    assert any("Kettleby" in c.sentence.text for c in engine.ask(question, top=5).candidates)

    (folder / "orchard.txt").unlink()
    changes = engine.refresh()
    assert changes.removed == (str(folder / "orchard.txt"),)
    answer = engine.ask(question, top=5)
    cited = [c.article.path for c in [*answer.candidates, *answer.also, *([answer.best] if answer.best else [])]]
    assert str(folder / "orchard.txt") not in cited
    assert all("Kettleby" not in engine.corpus.sentence(r).text for r in range(len(engine.corpus.rows)))
    assert not engine.corpus.lexical.scores("Kettleby apple").any()


def test_remove_and_add_by_hand(folder, tmp_path, counting):
    library = Library([folder], counting)
    extra = write(tmp_path, "extra.txt", "Library opens late", "The town library will open until nine from May.")
    library.add(extra)
    assert str(extra) in {a.path for a in library.articles}
    assert not library.refresh()  # an added file stays a source
    extra.unlink()
    assert library.refresh().removed == (str(extra),)

    assert library.remove(folder / "ferry.md")
    assert str(folder / "ferry.md") not in {a.path for a in library.articles}
    assert not library.remove(folder / "ferry.md")


def test_answers_after_adding_an_article_equal_a_fresh_build(folder, tmp_path, embedder):
    """An article added by hand goes last in the corpus; a corpus built with it from the start has it first.
    Both answer alike: the row order of the corpus decides nothing."""
    engine = Engine([folder], embedder=embedder)
    extra = write(tmp_path, "extra.txt", "Library opens late", "The town library will open until nine from May.")
    engine.add_article(extra)
    fresh = Engine([extra, folder], embedder=embedder)
    assert [a.path for a in engine.articles] != [a.path for a in fresh.articles]
    for question in ("How late will the library open?", "When did the ferry resume?", "What doubled in Kettleby?"):
        got, want = engine.ask(question, top=3), fresh.ask(question, top=3)
        assert [(c.article.path, c.sentence.text, round(c.score, 5)) for c in got.candidates] == [
            (c.article.path, c.sentence.text, round(c.score, 5)) for c in want.candidates
        ]


def test_answers_after_removing_and_changing_articles_equal_a_fresh_build(folder, tmp_path, embedder):
    """Each change builds the corpus from the previous one (BM25 and the term vocabulary updated, not rebuilt);
    after an add, a remove and an edit it answers exactly as a corpus built over the final articles."""
    write(folder, "bridge.txt", "Bridge reopens", "The old stone bridge reopened to traffic on Friday after repairs.")
    engine = Engine([folder], embedder=embedder)
    extra = write(tmp_path, "extra.txt", "Library opens late", "The town library will open until nine from May.")
    engine.add_article(extra)
    assert engine.remove_article(folder / "ferry.md")
    write(folder, "orchard.txt", "Orchard harvest doubles", "The pear harvest in Kettleby tripled, growers said.")
    (folder / "ferry.md").unlink()
    assert engine.refresh().changed == (str(folder / "orchard.txt"),)
    fresh = Engine([folder, extra], embedder=embedder)
    questions = ("How late will the library open?", "What tripled in Kettleby?", "When did the bridge reopen?")
    for question in (*questions, "When did the ferry resume?"):
        got, want = engine.ask(question, top=3), fresh.ask(question, top=3)
        assert [(c.article.path, c.sentence.text, c.score) for c in got.candidates] == [
            (c.article.path, c.sentence.text, c.score) for c in want.candidates
        ]
        assert (got.best is None) == (want.best is None)


def test_bad_files_are_skipped_and_listed(folder, counting):
    (folder / "blank.txt").write_text("  \n\n ")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "app.html").write_text("<html><body><script>boot()</script></body></html>")
    library = Library([folder, folder.parent / "missing.txt"], counting)
    assert {Path(a.path).name for a in library.articles} == {"orchard.txt", "ferry.md"}
    problems = {Path(p.path).name: p.message for p in library.problems}
    assert "empty" in problems["blank.txt"]
    assert "binary" in problems["image.html"]
    assert "no article text" in problems["app.html"]
    assert "no such file" in problems["missing.txt"]


def test_hidden_files_and_folders_are_not_articles(folder, counting):
    (folder / ".git").mkdir()
    write(folder / ".git", "notes.txt", "Git notes", "Not an article at all.")
    (folder / "._orchard.txt").write_bytes(b"\x00\x05\x16\x07 macOS resource fork")
    library = Library([folder], counting)
    assert {Path(a.path).name for a in library.articles} == {"orchard.txt", "ferry.md"}
    assert not library.problems


def test_same_text_at_two_paths_keeps_both_paths(folder, counting):
    copy = folder / "copy.txt"
    copy.write_bytes((folder / "orchard.txt").read_bytes())
    library = Library([folder], counting)
    paths = {a.path for a in library.articles}
    assert {str(copy), str(folder / "orchard.txt")} <= paths


def test_an_article_the_embedder_fails_on_is_skipped_and_the_batch_kept(folder, embedder):
    """The embedder is the real one made to fail on one marked text (the failure can't be produced honestly)."""

    class FailsOnMark(Counting):
        def record(self, texts) -> None:
            if any("POISON" in t for t in texts):
                raise RuntimeError("cannot embed this")
            super().record(texts)

    write(folder, "bad.txt", "Bad one", "This sentence carries POISON for the embedder.")
    library = Library([folder], FailsOnMark(embedder))
    assert {Path(a.path).name for a in library.articles} == {"orchard.txt", "ferry.md"}
    assert [Path(p.path).name for p in library.problems] == ["bad.txt"]
    assert "could not be embedded" in library.problems[0].message


def test_engine_remove_and_refresh_change_what_it_answers(folder, embedder):
    engine = Engine([folder], embedder=embedder)
    assert engine.ask("How much did the apple harvest grow?").best.article.path == str(folder / "orchard.txt")
    assert engine.remove_article(folder / "orchard.txt")
    answer = engine.ask("How much did the apple harvest grow?")
    assert answer.best is None or "apple" not in answer.best.sentence.text
    assert engine.refresh().added == (str(folder / "orchard.txt"),)
    assert engine.sources == [str(folder)]
    assert engine.problems == []


DAY = 24 * 3600


def _age(path: Path, days: float) -> None:
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def _entries(cache: Path) -> set[Path]:
    return {p for p in cache.rglob("*") if p.is_file() and p.parent != cache}


def test_reopening_prunes_stale_entries_and_keeps_its_own_however_old(folder, counting, monkeypatch):
    cache = folder.parent / "cache"
    library = Library([folder], counting)
    own = {store.entry_path(a.content_hash, counting.name) for a in library.articles}
    assert own == _entries(cache)
    write(folder, "orchard.txt", "Orchard harvest triples", "The pear harvest in Kettleby tripled this year.")
    library.refresh()
    stale = own - {store.entry_path(a.content_hash, counting.name) for a in library.articles}
    assert len(stale) == 1  # the orchard's old content
    older_format = cache / "articles-v1" / "0123.entry"
    older_format.parent.mkdir()
    older_format.write_bytes(b"an entry of an older store format")
    first_format = cache / "articles" / "abcd"  # the first format kept a folder per article
    first_format.mkdir(parents=True)
    (first_format / "vectors.npy").write_bytes(b"old")
    recent_other = cache / "articles-v1" / "4567.entry"  # maybe in use by an older process right now
    recent_other.write_bytes(b"written an hour ago")
    for path in _entries(cache) - {recent_other}:
        _age(path, 40)
    _age(first_format, 40)
    _age(recent_other, 1 / 24)
    (cache / prune._STAMP).unlink()

    again = Library([folder], counting)

    current = {store.entry_path(a.content_hash, counting.name) for a in again.articles}
    assert _entries(cache) == current | {recent_other}
    assert all(time.time() - p.stat().st_mtime < DAY for p in current)  # touched on use
    assert not first_format.exists()


def test_automatic_pruning_runs_once_a_day_and_can_be_turned_off(folder, counting, monkeypatch):
    cache = folder.parent / "cache"
    Library([folder], counting)
    orphan = cache / "articles-v1" / "0123.entry"
    orphan.parent.mkdir()
    orphan.write_bytes(b"old")
    _age(orphan, 40)
    Library([folder], counting)
    assert orphan.exists()  # pruned on the first opening, not due again for a day
    _age(cache / prune._STAMP, 2)
    monkeypatch.setenv("ARTICLE_QA_CACHE_PRUNE_DAYS", "0")
    Library([folder], counting)
    assert orphan.exists()
    monkeypatch.setenv("ARTICLE_QA_CACHE_PRUNE_DAYS", "60")
    Library([folder], counting)
    assert orphan.exists()  # 40 days is within 60
    _age(cache / prune._STAMP, 2)
    monkeypatch.setenv("ARTICLE_QA_CACHE_PRUNE_DAYS", "30")
    Library([folder], counting)
    assert not orphan.exists()


def test_pruning_waits_for_no_writer_and_a_dry_run_removes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(tmp_path))
    old = tmp_path / "articles-v2" / "0123.entry"
    old.parent.mkdir()
    old.write_bytes(b"x" * 1000)
    _age(old, 40)
    with FileLock(str(tmp_path / "writer.lock")):  # another process writing
        assert prune.auto_prune([]) is None
        with pytest.raises(Timeout):
            prune.prune(30, wait=0.1)
    assert prune.prune(30, dry_run=True) == prune.PruneReport(removed=1, removed_bytes=1000, kept=0)
    assert old.exists()
    assert prune.prune(50) == prune.PruneReport(kept=1)
    assert prune.prune(30).removed == 1 and not old.exists()


def test_index_prune_command(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ARTICLE_QA_CACHE", str(tmp_path))
    old, new = tmp_path / "articles-v2" / "old.entry", tmp_path / "articles-v2" / "new.entry"
    old.parent.mkdir()
    for path in (old, new):
        path.write_bytes(b"x" * 2_000_000)
    _age(old, 10)
    assert cli.main(["index", "prune", "--days", "7", "--dry-run"]) == 0
    assert capsys.readouterr().out.strip() == "would remove 1 cache entries unused for 7 days (2.0 MB); 1 kept"
    assert cli.main(["index", "prune", "--days", "7"]) == 0
    assert not old.exists() and new.exists()
    assert cli.main(["index", "prune"]) == 0  # ARTICLE_QA_CACHE_PRUNE_DAYS's 30 by default
    assert "removed 0 cache entries unused for 30 days" in capsys.readouterr().out
