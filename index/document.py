"""Turn an article file into a Document: read, clean (HTML to text, Markdown markup and wiki citation markers out),
lay out, segment and attribute; offsets are exact in the cleaned text, which is the text stored."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from index import html, ingest, layout, markup, model, segment, site
from index.attribute import attribute


def load_document(path: str | Path) -> model.Document:
    """Read and analyse one article file; raises ingest.ArticleError with a user-facing message."""
    path = Path(path)
    return document_from_bytes(ingest.read_bytes(path), str(path))


def document_from_bytes(data: bytes, path: str, digest: str = "") -> model.Document:
    """Analyse a file's bytes: plain text and Markdown as they are, HTML through its extracted article text."""
    text, warnings = ingest.decode(data, path)
    digest = digest or ingest.content_hash(data)
    if not html.is_html(path, text):
        return document_from_text(markup.clean(text, path), path, digest, warnings)
    page = html.extract(text, path)
    doc = document_from_text(markup.strip_wiki_markers(page.text), path, digest, warnings)
    doc.meta = replace(
        doc.meta,
        title=page.title or doc.meta.title,
        outlet=page.outlet or doc.meta.outlet or site.host_name(page.url),
        date=page.date or doc.meta.date,
        authors=page.authors or doc.meta.authors,
        url=page.url or doc.meta.url,
    )
    return doc


def document_from_text(text: str, path: str, digest: str = "", warnings: list[str] | None = None) -> model.Document:
    """Analyse article text that is already decoded (plain text or Markdown)."""
    if not text.strip():
        raise ingest.ArticleError(f"{path}: the article is empty")
    parts = layout.analyse(text, fallback_title=Path(path).stem)
    sentences: list[model.Sentence] = []
    for block in parts.blocks:
        for span in segment.sentence_spans(text, block.start, block.end):
            sentences.append(
                model.Sentence(span.start, span.end, block.paragraph, block.kind, text[span.start : span.end])
            )
    meta = model.ArticleMeta(
        path=path,
        title=parts.title,
        outlet=parts.outlet,
        date=parts.date,
        authors=parts.authors,
        url=parts.url,
        content_hash=digest or ingest.content_hash(text.encode()),
    )
    return model.Document(meta=meta, text=text, sentences=attribute(sentences), warnings=list(warnings or []))
