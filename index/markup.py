"""Clean an article's text before it is laid out: Markdown inline markup and wiki citation markers out, so
answers are prose and gold answers stay contiguous; the cleaned text is the stored text offsets refer to."""

from __future__ import annotations

import re

MARKDOWN_SUFFIXES = (".md", ".markdown")

# Wikipedia's inline markers as they come out of a copied or extracted page, glued to the word before:
# "[12]", notes "[a]" / "[note 3]" / "[nb 1]", "[edit]", and cleanup tags "[citation needed]", "[when?]" ...
# A bracket after a space ("[sic]", "[the minister]") or opening a word ('"[t]he rules') is an editor's
# insertion in a quote and stays.
_TAG_WORDS = (
    r"citation needed|clarification needed|verification needed|better source needed|full citation needed|"
    r"page needed|pages needed|year needed|failed verification|dubious|dubious\s*[\u2013\u2014-]\s*discuss|"
    r"unreliable source\??|original research\??|not in citation given|according to whom\?|by whom\?|when\?|"
    r"who\?|which\?|where\?|why\?|how\?|vague|disputed|discuss|update|needs update|edit|edit source|"
    r"permanent dead link|dead link|non-primary source needed|specify|clarify|example needed|quantify|"
    r"attribution needed|further explanation needed|citation not found|self-published source\??"
)
_WIKI_MARKER = re.compile(
    r"(?<=[\w.,;:!?)\]%\u2019\u201d\"'])\[(?:\d{1,4}|[a-z]{1,2}(?=\](?![A-Za-z]))|(?:note|nb|n|fn|lower-alpha)\s?\d{1,3}|"
    rf"(?i:{_TAG_WORDS}))\]"
)
_EDIT_LINK = re.compile(r"[ \t]*\[edit(?: source)?\]", re.IGNORECASE)
# Markdown: images, footnote references, links (inline, reference-style, autolinks), emphasis, inline code.
_MD_IMAGE = re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)")
_MD_CITATION_LINK = re.compile(r"(?<=\S)\[\\?\[(\d{1,4}|[a-z]{1,2}|[A-Za-z]{1,6}\s?\d{1,3})\\?\]\]\([^)\n]*\)")
_MD_FOOTNOTE_REF = re.compile(r"(?<=\S)\[\^[^\]\s]+\]")
_MD_LINK = re.compile(r"(?<!!)\[((?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_MD_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
_MD_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_MD_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]+\S+.*(?:\n|$)", re.MULTILINE)
_MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_EM = re.compile(
    r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=\S)_(?![\w_])"
)
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_MD_TABLE_RULE = re.compile(
    r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*(?:\n|$)", re.MULTILINE
)
# (The lookahead, not "[^\n]*\S[^\n]*", asks for a non-space: that form backtracks quadratically on a long line.)
_MD_SETEXT = re.compile(r"^(?=[^\n]*\S)([^\n]+)\n[ \t]{0,3}(=+|-+)[ \t]*$", re.MULTILINE)
_MD_RULE = re.compile(r"^[ \t]{0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})(?:\n|$)", re.MULTILINE)
# YAML front matter: its fences go (the layout reads its "title:", "date:", "author:" lines).
_MD_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\n((?:[A-Za-z_][\w -]*:.*\n|[ \t]+.*\n|-[ \t].*\n)*?)---[ \t]*(?:\n|\Z)"
)
_MD_BLOCKQUOTE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?)+", re.MULTILINE)
_MD_HTML_TAG = re.compile(r"</?(?:sup|sub|span|small|b|i|em|strong|u|br|abbr|cite)\b[^>\n]*>", re.IGNORECASE)


def looks_like_markdown(text: str) -> bool:
    """Markdown by content: inline links to URLs or anchors, or emphasis around words on several lines."""
    return bool(re.search(r"\]\((?:https?://|#|/)", text)) or len(_MD_STRONG.findall(text[:20000])) >= 3


def clean(text: str, path: str) -> str:
    """The text to store and answer from: Markdown rendered to plain prose (for .md files or text that looks
    like Markdown), wiki citation markers removed; plain prose without either comes back unchanged."""
    if path.lower().endswith(MARKDOWN_SUFFIXES) or looks_like_markdown(text):
        text = render_markdown(text)
    return strip_wiki_markers(text)


def strip_wiki_markers(text: str) -> str:
    """Remove citation and cleanup markers glued to a word ("long.[1]", "Greek[citation needed]"), and wiki
    section edit links wherever they stand ("History [edit]", "[edit]" on a line of its own)."""
    return _WIKI_MARKER.sub("", _EDIT_LINK.sub("", text))


def render_markdown(text: str) -> str:
    """Markdown inline markup to its text; block markup (headings, list markers, table pipes) is left for the
    layout, with underlined headings as '#' ones, and blockquote markers, table rule rows, horizontal rules,
    link definitions and front matter fences dropped."""
    text = _MD_FRONT_MATTER.sub(r"\1", text, count=1)
    text = _MD_BLOCKQUOTE.sub("", text)
    text = _MD_LINK_DEFINITION.sub("", text)
    text = _MD_SETEXT.sub(lambda m: ("# " if m.group(2)[0] == "=" else "## ") + m.group(1), text)
    text = _MD_TABLE_RULE.sub("", text)
    text = _MD_RULE.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_CITATION_LINK.sub("", text)
    text = _MD_FOOTNOTE_REF.sub("", text)
    for _ in range(2):  # a link inside emphasis or emphasis inside a link
        text = _MD_LINK.sub(r"\1", text)
        text = _MD_REF_LINK.sub(r"\1", text)
        text = _MD_STRONG.sub(r"\2", text)
        text = _MD_EM.sub(lambda m: m.group(1) or m.group(2), text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _MD_CODE.sub(r"\1", text)
    text = _MD_HTML_TAG.sub("", text)
    return _MD_ESCAPE.sub(r"\1", text)
