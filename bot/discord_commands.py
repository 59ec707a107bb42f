"""The slash commands (/ask, /articles, /quote, /add-article, /help), their cooldown and the tree's error handler."""

# No `from __future__ import annotations` here: discord.py reads the option annotations at definition time,
# and the question's length limit is a runtime value.

import contextlib
import logging
import math
import time

import discord
from discord import app_commands

from bot import discord_embeds as embeds
from bot.discord_config import DiscordConfig
from bot.discord_service import KEY_CHARS, EngineService, UnknownArticleError, check_upload
from index.ingest import ArticleError
from retrieval.question import QuestionError, clean_question, max_question_chars

log = logging.getLogger(__name__)

DISCORD_OPTION_MAX = 6000  # the longest string option Discord accepts
SPEAKER_MAX = 200
USER_ERRORS = (QuestionError, ArticleError, UnknownArticleError)
HELP_TEXT = (
    "**article-qa** answers questions with the article's own words: the best-matching sentence, verbatim, "
    "with who said it and where it stands. Nothing is generated; when the articles don't answer, it says so.\n"
    "\u2022 `/ask question [article] [private]`: ask a question (private: only you see the answer)\n"
    "\u2022 `/articles`: the articles I answer from\n"
    "\u2022 `/quote speaker [article]`: what a person is quoted as saying\n"
    "\u2022 `/add-article file`: add a .txt, .md or .html article (server managers only)\n"
    "\u2022 `/help`: this message"
)


class UserCooldown:
    """A per-user rate limit shared by the commands that do real work; refusals become CommandOnCooldown."""

    PRUNE_AT = 10_000

    def __init__(self, rate: int, per: float) -> None:
        self.rate = rate
        self.per = per
        self._buckets: dict[int, app_commands.Cooldown] = {}

    def __call__(self, interaction: discord.Interaction) -> bool:
        now = time.time()
        if len(self._buckets) >= self.PRUNE_AT:
            self._buckets = {k: b for k, b in self._buckets.items() if b.get_tokens(now) < b.rate}
        bucket = self._buckets.setdefault(interaction.user.id, app_commands.Cooldown(self.rate, self.per))
        retry_after = bucket.update_rate_limit(now)
        if retry_after:
            raise app_commands.CommandOnCooldown(bucket, retry_after)
        return True


class AnswerTree(app_commands.CommandTree):
    """The command tree, holding the engine service and answering every error ephemerally."""

    service: EngineService | None = None

    def engine(self) -> EngineService:
        if self.service is None:
            raise RuntimeError("the engine is not loaded")
        return self.service

    async def on_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
        """Tell the user what went wrong (only them); log anything that is not the user's doing, with context."""
        original = getattr(error, "original", error)
        if interaction.type is discord.InteractionType.autocomplete:
            log.error("autocomplete failed: %s", _context(interaction), exc_info=original)
            return
        message = user_message(error, original)
        if message is None:
            log.error("command failed: %s", _context(interaction), exc_info=original)
            message = "Sorry, something went wrong with that request. It has been logged; please try again later."
        await reply_privately(interaction, message)


def user_message(error: app_commands.AppCommandError, original: BaseException) -> str | None:
    """The polite explanation for an error the user can act on, or None for a fault of ours."""
    if isinstance(error, app_commands.CommandOnCooldown):
        wait = max(1, math.ceil(error.retry_after))
        return f"You're asking a little fast. Please try again in {wait} second{'s' if wait != 1 else ''}."
    if isinstance(error, app_commands.MissingPermissions):
        return "Only members who can manage this server (Manage Server permission) can do that."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "That command works in a server, not in direct messages."
    if isinstance(original, USER_ERRORS):
        return str(original)
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use that command here."
    return None


async def reply_privately(interaction: discord.Interaction, message: str) -> None:
    """An ephemeral reply. After a deferral the "thinking" message (public unless deferred privately) is deleted
    first, so the reply can be a private follow-up; a failure to reply is only logged."""
    text = embeds.fit(message, embeds.CONTENT_MAX)
    try:
        if not interaction.response.is_done():
            await interaction.response.send_message(text, ephemeral=True)
            return
        with contextlib.suppress(discord.HTTPException):
            await interaction.delete_original_response()
        await interaction.followup.send(text, ephemeral=True)
    except discord.HTTPException as exc:
        log.warning("could not reply to %s: %s", _context(interaction), exc)


def _context(interaction: discord.Interaction) -> str:
    command = interaction.command.qualified_name if interaction.command else "?"
    options = (interaction.data or {}).get("options")
    return f"/{command} user={interaction.user.id} guild={interaction.guild_id} options={options!r}"


def in_guild(interaction: discord.Interaction) -> bool:
    """guild_only() only tells Discord's client where to offer a command; this refuses direct messages in code."""
    if interaction.guild_id is None:
        raise app_commands.NoPrivateMessage()
    return True


def build_tree(client: discord.Client, config: DiscordConfig, service: EngineService | None) -> AnswerTree:
    """A command tree on the client with every command registered and the engine service attached."""
    tree = AnswerTree(client)
    tree.service = service
    cooldown = UserCooldown(config.cooldown_rate, config.cooldown_seconds)
    question_max = min(max_question_chars(), DISCORD_OPTION_MAX)

    async def article_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        wanted = current.casefold().strip()
        choices = []
        for meta in tree.engine().articles:
            name = embeds.choice_name(meta.title, meta.outlet, meta.date)
            if wanted in name.casefold():
                choices.append(app_commands.Choice(name=name, value=meta.content_hash[:KEY_CHARS]))
                if len(choices) == 25:
                    break
        return choices

    async def speaker_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        wanted = current.casefold().strip()
        article = getattr(interaction.namespace, "article", None)
        try:
            meta = tree.engine().find_article(article) if article else None
        except UnknownArticleError:
            meta = None
        names = [n for n in tree.engine().speakers(meta) if wanted in n.casefold()]
        return [app_commands.Choice(name=embeds.choice_name(n), value=n[: embeds.CHOICE_MAX]) for n in names[:25]]

    @tree.command(name="ask", description="Answer a question with the article's own sentence, and who said it")
    @app_commands.describe(
        question="What you want to know",
        article="Answer from this article only (default: all of them)",
        private="Only you see the answer",
    )
    @app_commands.autocomplete(article=article_choices)
    @app_commands.check(cooldown)
    async def ask(
        interaction: discord.Interaction,
        question: app_commands.Range[str, 1, question_max],
        article: str | None = None,
        private: bool = False,
    ) -> None:
        clean_question(question)  # Discord's client enforces the length; a raw API call need not
        meta = tree.engine().find_article(article) if article else None
        await interaction.response.defer(ephemeral=private, thinking=True)
        answer = await tree.engine().ask(question, meta)
        await interaction.followup.send(**embeds.answer_message(answer))

    @tree.command(name="articles", description="The articles this bot answers from")
    async def articles(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(**embeds.articles_message(tree.engine().articles))

    @tree.command(name="quote", description="What a person is quoted as saying in the articles")
    @app_commands.describe(speaker="The person (or body) quoted", article="Only this article (default: all)")
    @app_commands.autocomplete(speaker=speaker_choices, article=article_choices)
    @app_commands.check(cooldown)
    async def quote(
        interaction: discord.Interaction,
        speaker: app_commands.Range[str, 1, SPEAKER_MAX],
        article: str | None = None,
    ) -> None:
        meta = tree.engine().find_article(article) if article else None
        await interaction.response.defer(thinking=True)
        quotes = await tree.engine().quotes(speaker, meta)
        await interaction.followup.send(**embeds.quotes_message(speaker, quotes))

    @tree.command(name="add-article", description="Add an article (.txt, .md or .html) for everyone to ask about")
    @app_commands.describe(file="The article file")
    @app_commands.guild_only()
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.check(cooldown)  # checks run bottom-up: a refused user spends no cooldown
    @app_commands.checks.has_permissions(manage_guild=True)
    @app_commands.check(in_guild)
    async def add_article(interaction: discord.Interaction, file: discord.Attachment) -> None:
        check_upload(file.filename, file.size, config.max_upload_bytes)
        await interaction.response.defer(ephemeral=True, thinking=True)
        data = await file.read()
        meta, is_new = await tree.engine().add_upload(file.filename, data, config.max_upload_bytes)
        log.info(
            "article %s by user %s in guild %s: %s", file.filename, interaction.user.id, interaction.guild_id, meta
        )
        verb = "Added" if is_new else "Updated"
        count = len(tree.engine().articles)
        await interaction.followup.send(
            f"{verb} {embeds.article_line(meta)}. Answering from {count} article{'s' if count != 1 else ''}.",
            ephemeral=True,
        )

    @tree.command(name="help", description="What this bot does and how to ask it")
    async def help_command(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(HELP_TEXT, ephemeral=True)

    return tree
