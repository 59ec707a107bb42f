"""Whole-number settings from the environment: unset, valid, malformed and too small."""

import logging

from index.settings import env_int


def test_unset_and_valid_values(monkeypatch):
    monkeypatch.delenv("ARTICLE_QA_TEST_N", raising=False)
    assert env_int("ARTICLE_QA_TEST_N", 7) == 7
    monkeypatch.setenv("ARTICLE_QA_TEST_N", " 12 ")
    assert env_int("ARTICLE_QA_TEST_N", 7) == 12
    monkeypatch.setenv("ARTICLE_QA_TEST_N", "0")
    assert env_int("ARTICLE_QA_TEST_N", 7, minimum=0) == 0


def test_bad_values_fall_back_with_a_warning(monkeypatch, caplog):
    for raw in ("abc", "1.5", "0", "-4"):
        monkeypatch.setenv("ARTICLE_QA_TEST_N", raw)
        caplog.clear()
        with caplog.at_level(logging.WARNING, logger="index.settings"):
            assert env_int("ARTICLE_QA_TEST_N", 7) == 7
        assert "ARTICLE_QA_TEST_N" in caplog.text
