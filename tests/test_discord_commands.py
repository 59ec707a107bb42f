"""The slash commands through discord.py's real machinery (payload parsing, tree, checks, cooldowns, error handler,
response payloads); only outgoing HTTP is replaced by a recorder. A fake engine unless a test says real engine."""

from __future__ import annotations

import asyncio
import contextvars
import logging
from contextlib import asynccontextmanager
from pathlib import Path

import discord
import pytest
from discord.webhook.async_ import async_context

from bot import format as fmt
from bot.discord_config import DiscordConfig
from bot.discord_service import EngineService
from bot.discord_worker import make_client
from index import model
from index.ingest import ArticleError
from retrieval.answer import Answer, Candidate

from . import discord_payloads as p
from .conftest import BUNDLED

EPHEMERAL = 64


# -- the HTTP recorder and the harness ------------------------------------------------------------------------------


class Recorder:
    """Stands in for discord.py's webhook adapter: records what would be POSTed for responses and follow-ups."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, dict]] = []

    async def create_interaction_response(self, interaction_id, token, *, session, params, proxy=None, proxy_auth=None):
        self.sent.append(("response", params.payload))
        data = params.payload.get("data") or {}
        return {
            "interaction": {
                "id": str(interaction_id),
                "type": 2,
                "response_message_loading": params.payload["type"] == 5,
                "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL),
            }
        }

    async def execute_webhook(self, webhook_id, token, *, session, payload=None, wait=False, **_):
        self.sent.append(("followup", payload))
        return p.message(payload)

    async def delete_original_interaction_response(self, application_id, token, *, session, **_):
        self.sent.append(("delete", {}))

    def kinds(self) -> list[str]:
        return [kind for kind, _ in self.sent]

    def last(self) -> dict:
        return self.sent[-1][1]


class Harness:
    """A client with the real command tree, fed raw INTERACTION_CREATE payloads."""

    def __init__(self, client: discord.Client, recorder: Recorder) -> None:
        self.client = client
        self.recorder = recorder

    async def send(self, payload: dict) -> Recorder:
        before = asyncio.all_tasks()
        self.client._connection.parse_interaction_create(payload)
        tasks = [t for t in asyncio.all_tasks() - before if t.get_name().startswith("CommandTree-invoker")]
        assert tasks, "the command tree did not start a task for the interaction"
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)
        return self.recorder


@asynccontextmanager
async def harness(service: EngineService, tmp_path: Path, **config):
    settings = {"token": "test", "uploads_dir": tmp_path / "uploads", "cooldown_rate": 100, **config}
    client = make_client(DiscordConfig(**settings), service)
    await client._async_setup_hook()
    client._connection.user = discord.ClientUser(state=client._connection, data=p.BOT_USER)
    client._connection.application_id = p.APP_ID
    recorder = Recorder()
    token = async_context.set(recorder)
    try:
        yield Harness(client, recorder)
    finally:
        async_context.reset(token)
        await client.close()


# -- a fake engine (for the layers above the engine) ----------------------------------------------------------------

ARTICLE_A = model.ArticleMeta(
    path="/srv/a.txt",
    title="Harbour reopens after storm",
    outlet="Coast Gazette",
    date="2025-03-01",
    authors=("Ann Lee",),
    url="https://example.test/harbour",
    content_hash="a" * 64,
)
ARTICLE_B = model.ArticleMeta(
    path="/srv/b.md", title="Council votes on budget", outlet="City Post", content_hash="b" * 64
)


def sentence(text: str, speaker: str | None = None, title: str | None = None, paragraph: int = 3) -> model.Sentence:
    attribution = model.Attribution(model.DIRECT_QUOTE, speaker, title, "said") if speaker else model.Attribution()
    return model.Sentence(0, len(text), paragraph, model.BODY, text, attribution)


class FakeEngine:
    """Canned answers: enough of retrieval.engine.Engine's interface for the bot; records the calls it gets."""

    def __init__(self, answer_text: str = "The harbour reopened on Monday, the mayor said.") -> None:
        self.articles = [ARTICLE_A, ARTICLE_B]
        self.answer_text = answer_text
        self.abstain = False
        self.fail = False
        self.asked: list[tuple[str, str | None]] = []

    def ask(self, question, article=None, top=5):
        self.asked.append((question, article))
        if self.fail:
            raise RuntimeError("index exploded")
        if self.abstain:
            return Answer(question, None, 0.1)
        best = Candidate(sentence(self.answer_text, "Maria Ortiz", "Mayor"), ARTICLE_A, 0.9)
        also = Candidate(sentence("Budget talks resumed @everyone.", None, paragraph=2), ARTICLE_B, 0.5)
        return Answer(question, best, 0.9, also=[also])

    def speakers(self, article=None):
        return ["Maria Ortiz", "Tom Reyes"] if article in (None, ARTICLE_A.path) else ["Tom Reyes"]

    def quotes(self, speaker, article=None):
        if speaker.lower() != "maria ortiz":
            return []
        return [Candidate(sentence(f"Quote number {i}.", "Maria Ortiz", "Mayor", i), ARTICLE_A, 1.0) for i in (1, 2)]

    def add_article(self, path):
        text = Path(path).read_text(encoding="utf-8")
        if not text.strip():
            raise ArticleError(f"{path}: the article is empty")
        meta = model.ArticleMeta(path=str(path), title=text.splitlines()[0], content_hash="c" * 64)
        self.articles = [a for a in self.articles if a.path != meta.path] + [meta]
        return meta


@pytest.fixture
def fake():
    return FakeEngine()


@pytest.fixture
async def bot(fake, tmp_path):
    async with harness(EngineService(fake, tmp_path / "uploads"), tmp_path) as h:
        yield h


def ask(question: str, *extra: dict, **kwargs) -> dict:
    return p.interaction("ask", p.option("question", question), *extra, **kwargs)


def flags(payload: dict) -> int:
    return (payload.get("data") or payload).get("flags") or 0


# -- private API smoke test -----------------------------------------------------------------------------------------


def test_private_discord_apis_the_tests_rely_on_still_exist():
    """Fails loudly when a discord.py upgrade moves what these tests (and the endpoint override) use."""
    assert discord.__version__ == "2.7.1", "re-check tests/test_discord_*.py against the new discord.py, then re-pin"
    assert isinstance(async_context, contextvars.ContextVar)
    assert callable(discord.state.ConnectionState.parse_interaction_create)
    assert callable(discord.Client._async_setup_hook)
    assert discord.http.Route.BASE.startswith("https://discord.com/api/v")
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY).startswith("wss://gateway.discord.gg")
    adapter = type(async_context.get())
    for name in ("create_interaction_response", "execute_webhook"):
        assert callable(getattr(adapter, name))


# -- /ask ------------------------------------------------------------------------------------------------------------


async def test_ask_defers_then_follows_up_with_the_answer_embed(bot, fake):
    sent = await bot.send(ask("When did the harbour reopen?"))
    assert sent.kinds() == ["response", "followup"]
    defer = sent.sent[0][1]
    assert defer["type"] == 5 and not flags(defer) & EPHEMERAL
    follow = sent.last()
    assert follow["allowed_mentions"] == {"parse": []}
    embed = follow["embeds"][0]
    assert embed["description"] == "\u201cThe harbour reopened on Monday, the mayor said.\u201d"
    assert embed["title"] == "When did the harbour reopen?"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Who"] == "Mayor Maria Ortiz"
    assert fields["Source"].startswith(
        "Harbour reopens after storm \u00b7 Coast Gazette \u00b7 2025-03-01 \u00b7 paragraph 3"
    )
    assert "(https://example.test/harbour)" in fields["Source"]
    assert embed["url"] == "https://example.test/harbour"
    assert "Budget talks resumed @everyone." in fields["Also reported"]
    assert "City Post" in fields["Also reported"]
    assert fake.asked == [("When did the harbour reopen?", None)]


async def test_private_ask_is_ephemeral_from_the_deferral(bot):
    sent = await bot.send(ask("When?", p.option("private", True, kind=5)))
    assert flags(sent.sent[0][1]) & EPHEMERAL
    assert "embeds" in sent.last()


async def test_abstention_is_a_plain_honest_reply(bot, fake):
    fake.abstain = True
    sent = await bot.send(ask("Who won the cup?"))
    assert sent.kinds() == ["response", "followup"]
    assert sent.last()["content"] == fmt.NO_ANSWER
    assert not sent.last().get("embeds")


async def test_question_with_mentions_pings_no_one(bot):
    sent = await bot.send(ask("@everyone <@&123> when did it reopen?"))
    assert sent.last()["allowed_mentions"] == {"parse": []}


async def test_too_long_question_is_refused_inside_the_command(bot, fake, monkeypatch):
    """Discord's client enforces the option's max length; a raw API call does not, so the command checks."""
    monkeypatch.setenv("ARTICLE_QA_MAX_QUESTION_CHARS", "50")
    sent = await bot.send(ask("why " * 40))
    assert sent.kinds() == ["response"]
    reply = sent.last()
    assert reply["type"] == 4 and flags(reply) & EPHEMERAL
    assert "limit" in reply["data"]["content"]
    assert fake.asked == []


async def test_long_sentence_is_shortened_at_a_word_boundary_within_embed_limits(tmp_path):
    words = [f"word{i}" for i in range(2000)]
    engine = FakeEngine(" ".join(words))
    async with harness(EngineService(engine, tmp_path), tmp_path) as h:
        sent = await h.send(ask("x " * 400))
    embed = discord.Embed.from_dict(sent.last()["embeds"][0])
    assert len(embed) <= 6000
    assert len(embed.description) <= 4096 and len(embed.title) <= 256
    shown = embed.description.strip("\u201c\u201d")
    assert shown.endswith("\u2026")
    assert " ".join(words).startswith(shown[:-1]) and shown[:-1].split()[-1] in words


# -- article choice and autocomplete --------------------------------------------------------------------------------


async def test_article_autocomplete_offers_titles_and_ask_uses_the_choice(bot, fake):
    sent = await bot.send(
        ask("budget?", p.option("article", "coun", focused=True), autocomplete=True),
    )
    response = sent.last()
    assert response["type"] == 8
    choices = response["data"]["choices"]
    assert [c["name"] for c in choices] == ["Council votes on budget \u00b7 City Post"]
    await bot.send(ask("budget?", p.option("article", choices[0]["value"])))
    assert fake.asked[-1] == ("budget?", ARTICLE_B.path)


async def test_unknown_article_is_refused_without_touching_the_engine(bot, fake):
    sent = await bot.send(ask("budget?", p.option("article", "/etc/passwd")))
    assert sent.kinds() == ["response"]
    assert flags(sent.last()) & EPHEMERAL
    assert "No article matches" in sent.last()["data"]["content"]
    assert fake.asked == []


async def test_speaker_autocomplete_narrows_by_typed_text_and_article(bot):
    sent = await bot.send(p.interaction("quote", p.option("speaker", "tom", focused=True), autocomplete=True))
    assert [c["value"] for c in sent.last()["data"]["choices"]] == ["Tom Reyes"]
    sent = await bot.send(
        p.interaction(
            "quote",
            p.option("speaker", "", focused=True),
            p.option("article", ARTICLE_B.content_hash[:16]),
            autocomplete=True,
        )
    )
    assert [c["value"] for c in sent.last()["data"]["choices"]] == ["Tom Reyes"]


# -- /quote, /articles, /help ---------------------------------------------------------------------------------------


async def test_quote_lists_the_speakers_sentences_with_sources(bot):
    sent = await bot.send(p.interaction("quote", p.option("speaker", "Maria Ortiz")))
    assert sent.kinds() == ["response", "followup"]
    embed = sent.last()["embeds"][0]
    assert embed["title"] == "What Mayor Maria Ortiz is quoted as saying"
    assert "\u201cQuote number 1.\u201d" in embed["description"]
    assert "paragraph 2" in embed["description"]


async def test_quote_of_nobody_says_so(bot):
    sent = await bot.send(p.interaction("quote", p.option("speaker", "Nobody Here")))
    assert "No sentences" in sent.last()["content"]


async def test_articles_and_help(bot):
    sent = await bot.send(p.interaction("articles"))
    description = sent.last()["data"]["embeds"][0]["description"]
    assert "**Harbour reopens after storm** \u00b7 Coast Gazette \u00b7 2025-03-01" in description
    assert "Council votes on budget" in description
    sent = await bot.send(p.interaction("help"))
    assert flags(sent.last()) & EPHEMERAL and "/ask" in sent.last()["data"]["content"]


# -- cooldown, permissions, errors ----------------------------------------------------------------------------------


async def test_per_user_cooldown_refuses_politely_and_privately(fake, tmp_path):
    async with harness(EngineService(fake, tmp_path), tmp_path, cooldown_rate=2, cooldown_seconds=60) as h:
        for _ in range(2):
            await h.send(ask("when?"))
        sent = await h.send(ask("when?"))
        refusal = sent.last()
        assert refusal["type"] == 4 and flags(refusal) & EPHEMERAL
        assert "try again in" in refusal["data"]["content"]
        assert len(fake.asked) == 2
        await h.send(ask("when?", user_id=p.MEMBER_ID + 1))  # another user is not held back
        assert len(fake.asked) == 3


def upload(filename: str, size: int, **kwargs) -> dict:
    file = p.attachment(filename, size)
    return p.interaction("add-article", p.option("file", file["id"], kind=11), attachments=[file], **kwargs)


async def test_add_article_needs_manage_server_even_if_the_command_is_visible(bot, fake):
    sent = await bot.send(upload("new.txt", 10))
    assert sent.kinds() == ["response"] and flags(sent.last()) & EPHEMERAL
    assert "Manage Server" in sent.last()["data"]["content"]
    sent = await bot.send(upload("new.txt", 10, guild_id=None))
    assert "in a server" in sent.last()["data"]["content"]
    assert len(fake.articles) == 2


async def test_add_article_refuses_other_types_and_oversized_files_before_download(bot, monkeypatch):
    async def no_download(url):
        raise AssertionError("downloaded a refused file")

    monkeypatch.setattr(bot.client.http, "get_from_cdn", no_download)
    sent = await bot.send(upload("photo.png", 10, permissions=p.MANAGE_GUILD))
    assert "only .txt" in sent.last()["data"]["content"]
    sent = await bot.send(upload("huge.txt", 50 * 1024 * 1024, permissions=p.MANAGE_GUILD))
    assert "limit" in sent.last()["data"]["content"]


async def test_add_article_saves_and_indexes_the_upload(bot, fake, monkeypatch, tmp_path):
    async def download(url):
        return b"Bridge opens\n\nThe new bridge opened today."

    monkeypatch.setattr(bot.client.http, "get_from_cdn", download)
    sent = await bot.send(upload("My Bridge!.txt", 40, permissions=p.MANAGE_GUILD))
    assert sent.kinds() == ["response", "followup"]
    assert flags(sent.sent[0][1]) & EPHEMERAL
    assert sent.last()["content"].startswith("Added **Bridge opens**")
    saved = list((tmp_path / "uploads").iterdir())
    assert len(saved) == 1 and saved[0].name.endswith("-My-Bridge.txt")
    assert fake.articles[-1].path == str(saved[0])


async def test_engine_failure_is_logged_with_context_and_answered_privately(bot, fake, caplog):
    fake.fail = True
    with caplog.at_level(logging.ERROR, logger="bot.discord_commands"):
        sent = await bot.send(ask("when?", p.option("private", False, kind=5)))
    assert sent.kinds() == ["response", "delete", "followup"]  # the public "thinking" message goes away
    assert "something went wrong" in sent.last()["content"]
    assert sent.last()["flags"] & EPHEMERAL
    record = next(r for r in caplog.records if r.name == "bot.discord_commands")
    assert "/ask" in record.getMessage() and str(p.MEMBER_ID) in record.getMessage()
    assert record.exc_info and "index exploded" in str(record.exc_info[1])


# -- the real engine ------------------------------------------------------------------------------------------------


@pytest.fixture
async def real_bot(engine, tmp_path):
    async with harness(EngineService(engine, tmp_path / "uploads"), tmp_path) as h:
        yield h


async def test_real_engine_answer_is_shown_verbatim_with_its_source(real_bot, engine, bundled_text):
    """Real engine over the bundled article: the embed shows the engine's own sentence, speaker and source."""
    question = "How many North Korean troops are in Russia?"
    best = engine.ask(question).best
    assert best is not None and best.sentence.text in bundled_text
    sent = await real_bot.send(ask(question))
    embed = sent.last()["embeds"][0]
    assert embed["description"] == f"\u201c{discord.utils.escape_markdown(best.sentence.text)}\u201d"
    fields = {f["name"]: f["value"] for f in embed["fields"]}
    assert fields["Source"] == discord.utils.escape_markdown(fmt.source_line(best))
    assert "Fox News Digital" in fields["Source"] and "2024-10-30" in fields["Source"]
    assert fields["Who"] == discord.utils.escape_markdown(fmt.speaker_line(best))


async def test_real_engine_abstains_off_topic(real_bot):
    """Real engine over the bundled article."""
    sent = await real_bot.send(ask("What is the capital of France?"))
    assert sent.last()["content"] == fmt.NO_ANSWER


async def test_real_engine_speakers_feed_quote(real_bot, engine):
    """Real engine: the first autocomplete speaker has quotes, and /quote shows them."""
    sent = await real_bot.send(p.interaction("quote", p.option("speaker", "", focused=True), autocomplete=True))
    choices = sent.last()["data"]["choices"]
    assert choices and len(choices) <= 25
    name = choices[0]["value"]
    sent = await real_bot.send(p.interaction("quote", p.option("speaker", name)))
    embed = sent.last()["embeds"][0]
    first = engine.quotes(name)[0].sentence.text
    assert fmt.shorten(first, 60)[:-1].rstrip() in embed["description"].replace("\\", "")


async def test_real_engine_upload_is_answerable_and_survives_a_restart(embedder, tmp_path, monkeypatch):
    """Real engine (its own, so the shared session engine is untouched): upload, ask, then reload from disk."""
    article = (
        b"Lighthouse keeper retires after 40 years\n\n"
        b"By Sam Hill, Northern Herald\n\n"
        b'The keeper, Ruth Alder, climbed the 112 steps for the last time on Friday. "I will miss the sea," Alder said.\n'
    )

    async def download(url):
        return article

    uploads = tmp_path / "uploads"
    service = await asyncio.to_thread(EngineService.load, uploads, [str(BUNDLED)], embedder=embedder)
    async with harness(service, tmp_path) as h:
        monkeypatch.setattr(h.client.http, "get_from_cdn", download)
        sent = await h.send(upload("lighthouse.md", len(article), permissions=p.MANAGE_GUILD))
        assert sent.last()["content"].startswith("Added")
        sent = await h.send(ask("How many steps did the keeper climb?"))
        assert "112 steps" in sent.last()["embeds"][0]["description"]
    restarted = await asyncio.to_thread(EngineService.load, uploads, [str(BUNDLED)], embedder=embedder)
    assert len(restarted.articles) == 2
    assert any("Lighthouse" in a.title for a in restarted.articles)
