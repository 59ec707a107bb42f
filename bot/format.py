"""One way to show an answer as text, shared by the CLI, the REPL and the Discord bot."""

from __future__ import annotations

from retrieval.answer import Answer, Candidate

NO_ANSWER = "The article doesn't say."


def source_line(c: Candidate) -> str:
    """Article title, outlet, date and paragraph, e.g. "Title · Fox News Digital · 2024-10-30 · paragraph 4"."""
    a = c.article
    parts = [a.title, a.outlet, a.date]
    if c.sentence.paragraph:
        parts.append(f"paragraph {c.sentence.paragraph}")
    return " \u00b7 ".join(p for p in parts if p)


def speaker_line(c: Candidate) -> str:
    """The speaker with title, or the article itself (outlet and authors) where nobody is quoted."""
    if c.speaker:
        return c.speaker
    a = c.article
    who = a.outlet or "the article"
    if a.authors:
        who += f" ({', '.join(a.authors)})"
    return f"{who}, article text"


def answer_text(answer: Answer) -> str:
    """Several lines for a person: the quoted sentence, who said it, where it stands, other sources."""
    if answer.best is None:
        return NO_ANSWER
    c = answer.best
    lines = [f"\u201c{c.sentence.text}\u201d", f"  \u2014 {speaker_line(c)}", f"  {source_line(c)}"]
    if answer.also:
        lines.append("Also reported:")
        lines.extend(f"  \u2022 \u201c{o.sentence.text}\u201d \u2014 {speaker_line(o)}" for o in answer.also)
    return "\n".join(lines)


def answer_line(answer: Answer) -> str:
    """The answer on one line, for batch output where each request gets exactly one line."""
    if answer.best is None:
        return NO_ANSWER
    c = answer.best
    text = " ".join(c.sentence.text.split())
    return f"{text} \u2014 {speaker_line(c)} [{source_line(c)}]"


def shorten(text: str, limit: int, ellipsis: str = "\u2026") -> str:
    """Text with white space folded, cut to at most `limit` characters at a word boundary with an ellipsis."""
    folded = " ".join(text.split())
    if len(folded) <= limit:
        return folded
    room = max(limit - len(ellipsis), 0)
    cut = folded[: room + 1].rsplit(" ", 1)[0] if " " in folded[: room + 1] else folded[:room]
    cut = cut[:room].rstrip(" ,;:-\u2013\u2014")
    return cut + ellipsis if cut else folded[:room] + ellipsis
