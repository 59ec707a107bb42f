"""Whole-number settings from environment variables: a bad value is logged once and the safe default used."""

from __future__ import annotations

import logging
import os

log = logging.getLogger(__name__)


def env_int(name: str, default: int, minimum: int = 1) -> int:
    """The variable as a whole number >= minimum; unset gives default, a bad value a warning and default."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        log.warning("%s=%r is not a whole number of at least %d; using %d", name, raw, minimum, default)
        return default
    return value
