"""Raw Discord payloads as the gateway and REST API send them (API v10), shared by the in-process and worker tests."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import discord

APP_ID = 910000000000000001
BOT_USER = {"id": "910000000000000002", "username": "article-qa", "discriminator": "0", "avatar": None, "bot": True}
GUILD_ID = 920000000000000001
CHANNEL_ID = 920000000000000002
MEMBER_ID = 930000000000000001
MANAGE_GUILD = 1 << 5
SEND_MESSAGES = 1 << 11
_serial = itertools.count(1)


def snowflake() -> int:
    """A fresh snowflake dated now (discord.py derives `created_at` and expiry from it)."""
    return discord.utils.time_snowflake(datetime.now(UTC)) + next(_serial)


def user(user_id: int = MEMBER_ID) -> dict:
    return {"id": str(user_id), "username": f"user{user_id % 1000}", "discriminator": "0", "avatar": None}


def option(name: str, value, kind: int = 3, focused: bool = False) -> dict:
    """One command option; kind 3 string, 5 boolean, 11 attachment (value is the attachment id)."""
    out = {"name": name, "type": kind, "value": value}
    if focused:
        out["focused"] = True
    return out


def attachment(filename: str, size: int, url: str = "https://cdn.discordapp.test/article") -> dict:
    """A resolved attachment object; `url` is what Attachment.read() fetches."""
    return {
        "id": str(snowflake()),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
        "content_type": "text/plain; charset=utf-8",
    }


def interaction(
    command: str,
    *options: dict,
    autocomplete: bool = False,
    user_id: int = MEMBER_ID,
    guild_id: int | None = GUILD_ID,
    permissions: int = SEND_MESSAGES,
    attachments: list[dict] | None = None,
) -> dict:
    """An INTERACTION_CREATE payload for a slash command (type 2) or its autocomplete (type 4)."""
    interaction_id = snowflake()
    data: dict = {"id": str(snowflake()), "name": command, "type": 1, "options": list(options)}
    if attachments:
        data["resolved"] = {"attachments": {a["id"]: a for a in attachments}}
    payload: dict = {
        "id": str(interaction_id),
        "application_id": str(APP_ID),
        "type": 4 if autocomplete else 2,
        "data": data,
        "token": f"token-{interaction_id}",
        "version": 1,
        "channel_id": str(CHANNEL_ID),
        "locale": "en-US",
        "app_permissions": str(SEND_MESSAGES | (1 << 14)),
        "attachment_size_limit": 10 * 1024 * 1024,
        "entitlements": [],
        "authorizing_integration_owners": {"0": str(guild_id)} if guild_id else {"1": str(user_id)},
        "context": 0 if guild_id else 1,
    }
    if guild_id:
        payload["guild_id"] = str(guild_id)
        payload["guild_locale"] = "en-US"
        payload["member"] = {
            "user": user(user_id),
            "roles": [],
            "joined_at": "2024-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "permissions": str(permissions),
        }
    else:
        payload["user"] = user(user_id)
    return payload


def ready(session_id: str, resume_url: str) -> dict:
    """The READY dispatch's data for a bot in no guilds."""
    return {
        "v": 10,
        "user": BOT_USER,
        "guilds": [],
        "session_id": session_id,
        "resume_gateway_url": resume_url,
        "application": {"id": str(APP_ID), "flags": 0},
    }


def application() -> dict:
    """GET /oauth2/applications/@me."""
    return {
        "id": str(APP_ID),
        "name": "article-qa",
        "description": "",
        "icon": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "owner": user(940000000000000001),
        "verify_key": "0" * 64,
        "flags": 0,
    }


def message(sent: dict, channel_id: int = CHANNEL_ID) -> dict:
    """The message object Discord returns for a follow-up (discord.py waits for it), echoing what was sent."""
    return {
        "id": str(snowflake()),
        "channel_id": str(channel_id),
        "type": 0,
        "author": BOT_USER,
        "content": sent.get("content") or "",
        "embeds": sent.get("embeds") or [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": datetime.now(UTC).isoformat(),
        "edited_timestamp": None,
        "flags": sent.get("flags") or 0,
        "components": [],
    }
