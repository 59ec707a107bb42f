"""The bot process: one client (sharded when configured), the engine loaded once, SIGTERM closing cleanly."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import signal
import sys

import aiohttp
import discord
import yarl

from bot.discord_commands import AnswerTree, build_tree
from bot.discord_config import DiscordConfig
from bot.discord_service import EngineService

log = logging.getLogger(__name__)

# What a failed login raises when the network or Discord is down, rather than the token being wrong.
_UNREACHABLE = (aiohttp.ClientError, OSError, discord.DiscordServerError)  # OSError covers TimeoutError


class UnreachableError(Exception):
    """Discord could not be reached in any of the connection attempts."""


class _AnswerBotMixin:
    """setup_hook for both client kinds: sync commands to the development guild when one is configured."""

    config: DiscordConfig
    tree: AnswerTree

    async def setup_hook(self) -> None:
        if self.config.syncs_guild:
            guild = discord.Object(id=self.config.guild_id)
            self.tree.copy_global_to(guild=guild)
            synced = await self.tree.sync(guild=guild)
            log.info("synced %d commands to guild %s", len(synced), self.config.guild_id)


class AnswerBot(_AnswerBotMixin, discord.Client):
    """The bot as one gateway connection."""


class ShardedAnswerBot(_AnswerBotMixin, discord.AutoShardedClient):
    """The bot running DISCORD_SHARD_IDS (or all shards) of DISCORD_SHARD_COUNT in this process."""


def make_client(config: DiscordConfig, service: EngineService | None) -> discord.Client:
    """The client with only the guilds intent, mentions disabled in everything it sends, and the commands."""
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False  # no voice here: skip the start-up warnings
    options: dict = {"intents": discord.Intents(guilds=True), "allowed_mentions": discord.AllowedMentions.none()}
    if config.sharded:
        client: discord.Client = ShardedAnswerBot(
            shard_count=config.shard_count, shard_ids=list(config.shard_ids) if config.shard_ids else None, **options
        )
    else:
        client = AnswerBot(**options)
    client.config = config  # type: ignore[attr-defined]
    client.tree = build_tree(client, config, service)  # type: ignore[attr-defined]
    return client


def point_at_endpoints(config: DiscordConfig) -> None:
    """Send REST calls and the gateway connection elsewhere (a proxy, or a local stand-in in tests) when configured."""
    if config.api_base:
        discord.http.Route.BASE = config.api_base
    if config.gateway:
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(config.gateway)


def run_worker(config: DiscordConfig, sync: bool = False) -> int:
    """Run the bot until SIGTERM/SIGINT (or, with sync, publish the commands globally and stop); the exit status."""
    point_at_endpoints(config)
    try:
        return asyncio.run(_sync(config) if sync else _serve(config))
    except discord.LoginFailure:
        print("article-qa: error: Discord refused DISCORD_TOKEN (check the bot token)", file=sys.stderr)
        return 2
    except UnreachableError as exc:
        print(f"article-qa: error: {exc}", file=sys.stderr)
        return 1


async def _serve(config: DiscordConfig) -> int:
    """Load the engine once, then log in and stay connected; a login the network breaks is retried with backoff."""
    service = await asyncio.to_thread(EngineService.load, config.uploads_dir)
    stopping = asyncio.Event()
    syncing = asyncio.create_task(_sync_uploads_every(service, config.sync_seconds)) if config.sync_seconds else None
    for attempt in range(1, config.connect_attempts + 1):
        client = make_client(config, service)
        _close_on_signals(client, stopping)
        try:
            async with client:
                await client.start(config.token)  # once logged in, discord.py itself reconnects the gateway
            break
        except _UNREACHABLE as exc:
            if stopping.is_set():
                break
            if attempt == config.connect_attempts:
                raise UnreachableError(
                    f"cannot reach Discord after {attempt} attempts ({type(exc).__name__}: {exc}); check the network"
                ) from None
            delay = 2 ** (attempt - 1)
            log.warning(
                "cannot reach Discord (%s: %s); attempt %d in %d s", type(exc).__name__, exc, attempt + 1, delay
            )
            if await _stopped_within(stopping, delay):
                break
    if syncing:
        syncing.cancel()
    log.info("client closed")
    return 0


async def _sync_uploads_every(service: EngineService, seconds: float) -> None:
    """Pick up uploads that other processes (other shards) saved to the shared folder, every `seconds`."""
    while True:
        await asyncio.sleep(seconds)
        try:
            await asyncio.to_thread(service.sync_uploads)
        except Exception:  # a full disk or a permission change must not stop the bot; try again next time
            log.exception("could not sync the uploads folder")


async def _stopped_within(stopping: asyncio.Event, seconds: float) -> bool:
    """Wait up to `seconds`; True as soon as a stop signal arrives."""
    try:
        await asyncio.wait_for(stopping.wait(), seconds)
    except TimeoutError:
        return False
    return True


async def _sync(config: DiscordConfig) -> int:
    client = make_client(dataclasses.replace(config, guild_id=None), None)  # global only: no guild copies too
    async with client:
        await client.login(config.token)
        synced = await client.tree.sync()  # type: ignore[attr-defined]
    print(f"synced {len(synced)} commands globally; they can take up to an hour to appear everywhere")
    return 0


def _close_on_signals(client: discord.Client, stopping: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, _closer(client, sig, stopping))
        except (NotImplementedError, RuntimeError):  # not on this platform or not the main thread
            log.debug("cannot handle %s here", sig)


def _closer(client: discord.Client, sig: signal.Signals, stopping: asyncio.Event):
    def close() -> None:
        log.warning("%s received: closing the Discord client", sig.name)
        stopping.set()
        asyncio.get_running_loop().create_task(client.close())

    return close
