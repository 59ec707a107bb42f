"""Sentence segmentation on news prose: titles, abbreviations, multi-sentence quotes, speaker tails."""

from index.segment import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_titles_and_abbreviations_do_not_split():
    text = "Pentagon press secretary Maj. Gen. Pat Ryder spoke in the U.S. capital on Oct. 30 at 3 p.m. on Tuesday. Then he left."
    assert sentences(text) == [
        "Pentagon press secretary Maj. Gen. Pat Ryder spoke in the U.S. capital on Oct. 30 at 3 p.m. on Tuesday.",
        "Then he left.",
    ]


def test_multi_sentence_quote_keeps_its_speaker_tail():
    text = '"We are ready. We will respond," the minister said. Markets fell.'
    assert sentences(text) == ['"We are ready. We will respond," the minister said.', "Markets fell."]


def test_offsets_hold_with_leading_and_trailing_space():
    text = "  First one.   Second one!  \n"
    spans = split_sentences(text)
    assert [text[s.start : s.end] for s in spans] == ["First one.", "Second one!"]


def test_sub_range_offsets_are_absolute():
    text = "Header.\n\nBody starts here. It ends."
    start = text.index("Body")
    got = [text[s.start : s.end] for s in split_sentences(text, start, len(text))]
    assert got == ["Body starts here.", "It ends."]


def test_blank_text_has_no_sentences():
    assert split_sentences("  \n\t ") == []


def test_offsets_hold_when_the_segmenter_alters_the_text(monkeypatch):
    """If pysbd ever returns text that is not in the input, the rest of the paragraph becomes one sentence."""
    import index.segment as segment

    class Altering:
        def segment(self, chunk):
            return ["First one.", "SOMETHING ELSE", "Third."]

    monkeypatch.setattr(segment, "_segmenter", lambda: Altering())
    text = "First one.   Second one. Third.  "
    assert [text[s.start : s.end] for s in segment.split_sentences(text)] == ["First one.", "Second one. Third."]
