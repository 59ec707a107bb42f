"""The Discord worker's settings, read once from environment variables with safe defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from index.ingest import max_article_bytes

DEFAULT_COOLDOWN_RATE = 3
DEFAULT_COOLDOWN_SECONDS = 30.0
DEFAULT_MAX_UPLOAD_BYTES = 2 * 1024 * 1024
DEFAULT_SYNC_SECONDS = 60.0
DEFAULT_CONNECT_ATTEMPTS = 6  # waits 1, 2, 4, 8, 16 s between them: about half a minute of network trouble


class ConfigError(ValueError):
    """A setting that cannot be used; the message names the variable, for one line on stderr."""


@dataclass(frozen=True)
class DiscordConfig:
    """Everything the worker reads from the environment."""

    token: str
    guild_id: int | None = None
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    uploads_dir: Path = Path("uploads")
    cooldown_rate: int = DEFAULT_COOLDOWN_RATE
    cooldown_seconds: float = DEFAULT_COOLDOWN_SECONDS
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    api_base: str | None = None
    gateway: str | None = None
    connect_attempts: int = DEFAULT_CONNECT_ATTEMPTS
    sync_seconds: float = DEFAULT_SYNC_SECONDS  # 0: never look for uploads other processes saved

    @property
    def sharded(self) -> bool:
        return self.shard_count is not None

    @property
    def syncs_guild(self) -> bool:
        """Sync to DISCORD_GUILD_ID from one process only: the unsharded one, or the one running shard 0."""
        return self.guild_id is not None and (self.shard_ids is None or 0 in self.shard_ids)


def uploads_dir(env: dict[str, str]) -> Path:
    """ARTICLE_QA_UPLOADS, else the per-user data dir: data, not cache, so clearing the index cache keeps them."""
    raw = env.get("ARTICLE_QA_UPLOADS", "").strip()
    if raw:
        return Path(raw).expanduser()
    return Path(platformdirs.user_data_dir("article-qa")) / "uploads"


def load_config(env: dict[str, str] | None = None) -> DiscordConfig:
    """The settings from env (default os.environ); ConfigError names the first bad or missing variable."""
    env = dict(os.environ if env is None else env)
    token = env.get("DISCORD_TOKEN", "").strip()
    if not token:
        raise ConfigError("set DISCORD_TOKEN to the bot's token (Discord Developer Portal > your app > Bot)")
    shard_count = _int(env, "DISCORD_SHARD_COUNT", minimum=1)
    shard_ids = _int_list(env, "DISCORD_SHARD_IDS")
    if shard_ids is not None:
        if shard_count is None:
            raise ConfigError("DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT (the total across all processes)")
        if any(i >= shard_count for i in shard_ids):
            raise ConfigError(f"DISCORD_SHARD_IDS must be below DISCORD_SHARD_COUNT={shard_count}")
    upload_limit = _int(env, "ARTICLE_QA_DISCORD_MAX_UPLOAD_BYTES", minimum=1)
    return DiscordConfig(
        token=token,
        guild_id=_int(env, "DISCORD_GUILD_ID", minimum=1),
        shard_count=shard_count,
        shard_ids=shard_ids,
        uploads_dir=uploads_dir(env),
        cooldown_rate=_int(env, "ARTICLE_QA_DISCORD_COOLDOWN_RATE", minimum=1) or DEFAULT_COOLDOWN_RATE,
        cooldown_seconds=_float(env, "ARTICLE_QA_DISCORD_COOLDOWN_SECONDS", DEFAULT_COOLDOWN_SECONDS),
        max_upload_bytes=min(upload_limit or DEFAULT_MAX_UPLOAD_BYTES, max_article_bytes()),
        api_base=_url(env, "ARTICLE_QA_DISCORD_API_BASE", ("http://", "https://")),
        gateway=_url(env, "ARTICLE_QA_DISCORD_GATEWAY", ("ws://", "wss://")),
        connect_attempts=_int(env, "ARTICLE_QA_DISCORD_CONNECT_ATTEMPTS", minimum=1) or DEFAULT_CONNECT_ATTEMPTS,
        sync_seconds=_float(env, "ARTICLE_QA_DISCORD_SYNC_SECONDS", DEFAULT_SYNC_SECONDS, zero_ok=True),
    )


def _int(env: dict[str, str], name: str, minimum: int) -> int | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < minimum:
        raise ConfigError(f"{name}={raw!r} must be a whole number of at least {minimum}")
    return int(raw)


def _int_list(env: dict[str, str], name: str) -> tuple[int, ...] | None:
    raw = env.get(name, "").strip()
    if not raw:
        return None
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if not parts or not all(p.isdigit() for p in parts):
        raise ConfigError(f"{name}={raw!r} must be shard numbers separated by commas, e.g. 0,1")
    return tuple(sorted({int(p) for p in parts}))


def _float(env: dict[str, str], name: str, default: float, zero_ok: bool = False) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not (value > 0 or (zero_ok and value == 0)):
        raise ConfigError(f"{name}={raw!r} must be a number of seconds {'(0 or more)' if zero_ok else 'above 0'}")
    return value


def _url(env: dict[str, str], name: str, schemes: tuple[str, ...]) -> str | None:
    raw = env.get(name, "").strip().rstrip("/")
    if not raw:
        return None
    if not raw.startswith(schemes):
        raise ConfigError(f"{name}={raw!r} must start with {' or '.join(schemes)}")
    return raw
