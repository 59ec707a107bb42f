"""Shared fixtures: an isolated cache per test session and one real engine over the bundled article."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ROOT / "articles" / "kursk-north-korean-troops-2024-10-30.txt"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    os.environ["ARTICLE_QA_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    os.environ.pop("ARTICLE_QA_ARTICLES", None)


@pytest.fixture(scope="session")
def embedder():
    from index.embed import default_embedder

    return default_embedder()


@pytest.fixture(scope="session")
def engine(embedder):
    from retrieval.engine import Engine

    return Engine([BUNDLED], embedder=embedder)


@pytest.fixture(scope="session")
def bundled_text() -> str:
    return BUNDLED.read_text(encoding="utf-8")
