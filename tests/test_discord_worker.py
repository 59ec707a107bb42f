"""The worker as a real process (`python -m bot discord`, real engine) against a local stand-in for Discord on
loopback; plus the start-up settings that stop it before it connects."""

from __future__ import annotations

import asyncio
import os
import signal
import sys

import pytest

from bot.cli import main
from bot.discord_config import ConfigError, load_config

from . import discord_payloads as p
from .conftest import ROOT
from .discord_standin import IDENTIFY, RESUME, StandIn

START_TIMEOUT = 240  # the model and index load before the worker connects; the machine may be busy
STEP_TIMEOUT = 60


def test_without_a_token_it_stops_at_once_naming_the_variable(monkeypatch, capsys):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    assert main(["discord"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "DISCORD_TOKEN" in err


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"DISCORD_SHARD_IDS": "0,1"}, "DISCORD_SHARD_COUNT"),
        ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "1,2"}, "DISCORD_SHARD_IDS"),
        ({"DISCORD_GUILD_ID": "my-server"}, "DISCORD_GUILD_ID"),
        ({"ARTICLE_QA_DISCORD_COOLDOWN_SECONDS": "0"}, "ARTICLE_QA_DISCORD_COOLDOWN_SECONDS"),
        ({"ARTICLE_QA_DISCORD_API_BASE": "ftp://x"}, "ARTICLE_QA_DISCORD_API_BASE"),
    ],
)
def test_bad_settings_are_refused_naming_the_variable(env, named):
    with pytest.raises(ConfigError, match=named):
        load_config({"DISCORD_TOKEN": "t", **env})


def test_settings_are_read_from_the_environment(tmp_path):
    config = load_config(
        {
            "DISCORD_TOKEN": " t ",
            "DISCORD_GUILD_ID": "42",
            "DISCORD_SHARD_COUNT": "4",
            "DISCORD_SHARD_IDS": "3, 2",
            "ARTICLE_QA_UPLOADS": str(tmp_path),
            "ARTICLE_QA_DISCORD_COOLDOWN_RATE": "5",
        }
    )
    assert (config.token, config.guild_id, config.shard_count, config.shard_ids) == ("t", 42, 4, (2, 3))
    assert config.uploads_dir == tmp_path and config.cooldown_rate == 5
    assert config.sharded and not config.syncs_guild  # only the process running shard 0 syncs


def test_sharded_settings_make_an_auto_sharded_client():
    import discord

    from bot.discord_worker import make_client

    config = load_config({"DISCORD_TOKEN": "t", "DISCORD_SHARD_COUNT": "4", "DISCORD_SHARD_IDS": "0,1"})
    client = make_client(config, None)
    assert isinstance(client, discord.AutoShardedClient)
    assert (client.shard_count, client.shard_ids) == (4, [0, 1])
    assert client.allowed_mentions.everyone is False and client.allowed_mentions.roles is False


def followups(standin: StandIn, interaction: dict) -> list:
    return standin.posts(f"/webhooks/{p.APP_ID}/{interaction['token']}")


def callbacks(standin: StandIn, interaction: dict) -> list:
    return standin.posts(f"/interactions/{interaction['id']}/{interaction['token']}/callback")


def answered(standin: StandIn, interaction: dict):
    return [c for c in followups(standin, interaction) if c.status == 200]


def worker_env(standin: StandIn | None, tmp_path, **extra: str) -> dict:
    """The worker's environment: every Discord endpoint on the stand-in (when given), nothing inherited that
    would change it."""
    env = {
        **os.environ,
        "DISCORD_TOKEN": "standin-token",
        "ARTICLE_QA_UPLOADS": str(tmp_path / "uploads"),
        "ARTICLE_QA_LOG_LEVEL": "INFO",
        "HF_HUB_OFFLINE": "1",
    }
    if standin is not None:
        env.update(ARTICLE_QA_DISCORD_API_BASE=standin.api_base, ARTICLE_QA_DISCORD_GATEWAY=standin.gateway)
    for name in ("DISCORD_GUILD_ID", "DISCORD_SHARD_COUNT", "DISCORD_SHARD_IDS", "ARTICLE_QA_ARTICLES"):
        env.pop(name, None)
    return {**env, **extra}


async def test_sync_publishes_the_commands_globally_and_exits(tmp_path):
    standin = StandIn()
    await standin.start()
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "discord",
            "--sync",
            cwd=ROOT,
            env=worker_env(standin, tmp_path, DISCORD_GUILD_ID=str(p.GUILD_ID)),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(proc.communicate(), STEP_TIMEOUT)
    finally:
        await standin.stop()
    assert proc.returncode == 0, err.decode()
    assert "synced 5 commands globally" in out.decode()
    puts = [c for c in standin.calls if c.method == "PUT"]
    assert [c.path for c in puts] == [f"/applications/{p.APP_ID}/commands"]  # not the guild too: no duplicates
    assert sorted(c["name"] for c in puts[0].body) == ["add-article", "articles", "ask", "help", "quote"]
    assert standin.connections == 0  # syncing needs no gateway connection


async def test_unreachable_discord_is_retried_then_one_clear_error_line(tmp_path):
    """Nothing listens at the REST base: each login attempt fails on the network, and the worker gives up cleanly."""
    import socket

    with socket.socket() as s:  # a loopback port that was free a moment ago: connections to it are refused
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = worker_env(
        None,
        tmp_path,
        ARTICLE_QA_DISCORD_API_BASE=f"http://127.0.0.1:{port}/api/v10",
        ARTICLE_QA_DISCORD_CONNECT_ATTEMPTS="2",
    )
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "discord", cwd=ROOT, env=env, stderr=asyncio.subprocess.PIPE
    )
    _, err = await asyncio.wait_for(proc.communicate(), START_TIMEOUT)
    text = err.decode(errors="replace")
    assert proc.returncode == 1, text
    assert "Traceback" not in text
    assert "attempt 2 in 1 s" in text  # the first failure was logged and retried
    assert text.strip().splitlines()[-1].startswith("article-qa: error: cannot reach Discord after 2 attempts")


async def test_worker_answers_reconnects_retries_and_stops_on_sigterm(tmp_path):
    standin = StandIn()
    await standin.start()
    env = worker_env(standin, tmp_path, DISCORD_GUILD_ID=str(p.GUILD_ID))
    log = tmp_path / "worker.log"
    with log.open("wb") as err:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "discord", cwd=ROOT, env=env, stdout=err, stderr=err
        )
    try:
        await _scenario(standin, proc)
        proc.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(proc.wait(), 30) == 0  # a host sends SIGKILL 30 s after SIGTERM
        last = standin.connections
        await standin.wait_for(lambda: last in standin.close_codes, STEP_TIMEOUT)
        # a close frame from the worker, not a dropped TCP connection (1006); discord.py 2.7.1 sends 1000 or,
        # when its own receive loop sees the close first, 4000
        assert standin.close_codes[last] in (1000, 4000), standin.close_codes
    except BaseException:
        print(log.read_text(errors="replace")[-5000:])
        raise
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await standin.stop()
    assert "Traceback" not in log.read_text(errors="replace")


async def _scenario(standin: StandIn, proc: asyncio.subprocess.Process) -> None:
    # 1. It logs in over REST, connects to the gateway and identifies.
    await standin.wait_for(lambda: (1, IDENTIFY) in standin.ops or proc.returncode is not None, START_TIMEOUT)
    assert proc.returncode is None, "the worker exited before identifying"
    assert [c.path for c in standin.calls[:2]] == ["/users/@me", "/oauth2/applications/@me"]
    # DISCORD_GUILD_ID set: the commands go to that guild only (instantly visible), never globally
    assert [c.path for c in standin.calls if c.method == "PUT"] == [
        f"/applications/{p.APP_ID}/guilds/{p.GUILD_ID}/commands"
    ]

    # 2. /ask arrives as INTERACTION_CREATE: a thinking deferral, then the follow-up with the answer.
    first = p.interaction("ask", p.option("question", "how many troops?"))
    await standin.dispatch("INTERACTION_CREATE", first)
    await standin.wait_for(lambda: answered(standin, first), STEP_TIMEOUT)
    assert [c.body["type"] for c in callbacks(standin, first)] == [5]
    body = answered(standin, first)[0].body
    assert body["allowed_mentions"] == {"parse": []}
    embed = body["embeds"][0]
    assert "10,000" in embed["description"]  # as the CLI answers this question (tests/test_cli.py)
    assert any("Fox News Digital" in f["value"] for f in embed["fields"])

    # 3. The gateway drops; the worker comes back (RESUME, or IDENTIFY when resuming is refused).
    await standin.drop_gateway()
    await standin.wait_for(lambda: any(n == 2 and op in (RESUME, IDENTIFY) for n, op in standin.ops), STEP_TIMEOUT)

    # 4. The next /ask is answered, and a 429 on its follow-up is waited out and retried.
    standin.rate_limit_followups = 1
    second = p.interaction("ask", p.option("question", "What did the Pentagon confirm?"))
    await standin.dispatch("INTERACTION_CREATE", second)
    await standin.wait_for(lambda: answered(standin, second), STEP_TIMEOUT)
    assert [c.status for c in followups(standin, second)] == [429, 200]
    assert answered(standin, second)[0].body["embeds"] or answered(standin, second)[0].body["content"]
