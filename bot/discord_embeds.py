"""Discord messages for answers, quotes and article lists, built from the shared formatter and kept within limits."""

from __future__ import annotations

import re
from collections.abc import Iterable

import discord

from bot import format as fmt
from index.model import ArticleMeta
from retrieval.answer import Answer, Candidate

# Discord's limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits).
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_VALUE_MAX = 1024
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000
CONTENT_MAX = 2000
CHOICE_MAX = 100  # autocomplete choice name and value
URL_MAX = 500  # ours: leaves room for the source line beside the link in one field

# Our own budgets inside those limits, so that a whole embed stays under EMBED_TOTAL_MAX.
SENTENCE_MAX = 1500
ALSO_MAX = 3
ALSO_SENTENCE_MAX = 280
COLOUR = discord.Colour.blurple()
FOOTER = "Quoted verbatim from the article"


def fit(text: str, limit: int) -> str:
    """Markdown-escaped text of at most `limit` characters, shortened at a word boundary with an ellipsis."""
    room = limit
    while room > 1:
        escaped = discord.utils.escape_markdown(fmt.shorten(text, room))
        if len(escaped) <= limit:
            return escaped
        room -= len(escaped) - limit
    return "\u2026"[:limit]


def quoted(c: Candidate, limit: int) -> str:
    """The sentence between curly quotes, shortened to fit `limit` characters in all."""
    return f"\u201c{fit(c.sentence.text, limit - 2)}\u201d"


def article_link(meta: ArticleMeta) -> str | None:
    """The article's URL when it is a plain web address Discord will accept (http or https, no spaces, not huge)."""
    url = (meta.url or "").strip()
    return url if re.fullmatch(r"https?://[^\s()<>]+", url) and len(url) <= URL_MAX else None


def answer_message(answer: Answer) -> dict:
    """send() arguments for an answer: an embed, or the plain honest abstention."""
    if answer.best is None:
        return {"content": fmt.NO_ANSWER}
    best = answer.best
    embed = discord.Embed(description=quoted(best, SENTENCE_MAX), colour=COLOUR)
    embed.title = fit(answer.question, TITLE_MAX)
    embed.add_field(name="Who", value=fit(fmt.speaker_line(best), FIELD_VALUE_MAX), inline=False)
    embed.add_field(name="Source", value=_source_value(best), inline=False)
    if answer.also:
        lines = [
            f"\u2022 {quoted(o, ALSO_SENTENCE_MAX)} \u2014 {fit(fmt.speaker_line(o), 120)} ({fit(fmt.source_line(o), 200)})"
            for o in answer.also[:ALSO_MAX]
        ]
        embed.add_field(name="Also reported", value=_join_within(lines, FIELD_VALUE_MAX), inline=False)
    url = article_link(best.article)
    if url:
        embed.url = url
    embed.set_footer(text=FOOTER)
    return {"embed": embed}


def _source_value(c: Candidate) -> str:
    url = article_link(c.article)
    line = fit(fmt.source_line(c), FIELD_VALUE_MAX - (len(url) + 20 if url else 0))
    return f"{line}\n[Read the article]({url})" if url else line


def quotes_message(speaker: str, quotes: list[Candidate]) -> dict:
    """send() arguments for what one person is quoted as saying: one line per sentence with its source."""
    if not quotes:
        return {"content": fit(f"No sentences in the articles are attributed to {speaker}.", CONTENT_MAX)}
    title = fit(f"What {fmt.speaker_line(quotes[0])} is quoted as saying", TITLE_MAX)
    lines = [f"{quoted(q, 400)}\n\u2003{fit(fmt.source_line(q), 200)}" for q in quotes]
    embed = discord.Embed(title=title, description=_join_within(lines, DESCRIPTION_MAX, sep="\n\n"), colour=COLOUR)
    embed.set_footer(text=f"{len(quotes)} sentence{'s' if len(quotes) != 1 else ''} \u00b7 {FOOTER}")
    return {"embed": embed}


def articles_message(articles: list[ArticleMeta]) -> dict:
    """send() arguments listing the articles the bot answers from: title, outlet and date."""
    if not articles:
        return {"content": "No articles are loaded."}
    lines = [article_line(m) for m in articles]
    embed = discord.Embed(
        title=f"Answering from {len(articles)} article{'s' if len(articles) != 1 else ''}",
        description=_join_within(lines, DESCRIPTION_MAX),
        colour=COLOUR,
    )
    return {"embed": embed}


def article_line(meta: ArticleMeta) -> str:
    """One article as a list line: bold title, then outlet and date when known."""
    rest = " \u00b7 ".join(p for p in (meta.outlet, meta.date) if p)
    title = f"**{fit(meta.title or 'Untitled', 200)}**"
    return f"{title} \u00b7 {fit(rest, 100)}" if rest else title


def choice_name(*parts: str | None) -> str:
    """An autocomplete label from parts joined by a middle dot, within Discord's 100 characters."""
    return fmt.shorten(" \u00b7 ".join(p for p in parts if p), CHOICE_MAX)


def _join_within(lines: Iterable[str], limit: int, sep: str = "\n") -> str:
    """Lines joined until the next would pass `limit`, then "... and N more" (which always fits)."""
    lines = list(lines)
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        size = used + len(line) + (len(sep) if out else 0)
        after = len(lines) - i - 1
        reserve = len(sep) + len(f"\u2026 and {after} more") if after else 0
        if size + reserve > limit:
            out.append(f"\u2026 and {len(lines) - i} more")
            break
        out.append(line)
        used = size
    return sep.join(out)
