"""Logging set up once per process, to stderr, at ARTICLE_QA_LOG_LEVEL (default WARNING)."""

from __future__ import annotations

import logging
import os


def setup_logging(default: str = "WARNING") -> None:
    """Configure the root logger once; later calls do nothing."""
    root = logging.getLogger()
    if getattr(root, "_article_qa_configured", False):
        return
    level = os.environ.get("ARTICLE_QA_LOG_LEVEL", default).upper()
    logging.basicConfig(
        level=getattr(logging, level, logging.WARNING), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    root._article_qa_configured = True  # type: ignore[attr-defined]
