"""Sentence segmentation on news prose: titles, abbreviations, multi-sentence quotes, speaker tails."""

from index.segment import sentence_spans, split_sentences


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


def test_abbreviations_before_numbers_do_not_split():
    text = (
        "Genghis Khan was born c. 1162 near the Onon. Warsaw has approx. 1.7 million residents. "
        "The ruling is in vol. 3 of the reports, pp. 12-14. Some rivers, e.g. the Aare, join it. "
        "It was described by J. R. R. Tolkien in 1937. The river is 3.5 km wide."
    )
    assert sentences(text) == [
        "Genghis Khan was born c. 1162 near the Onon.",
        "Warsaw has approx. 1.7 million residents.",
        "The ruling is in vol. 3 of the reports, pp. 12-14.",
        "Some rivers, e.g. the Aare, join it.",
        "It was described by J. R. R. Tolkien in 1937.",
        "The river is 3.5 km wide.",
    ]


def test_a_sentence_may_open_with_a_number():
    text = "The storm hit on Monday. 1,200 homes lost power. 30 people were hurt."
    assert sentences(text) == ["The storm hit on Monday.", "1,200 homes lost power.", "30 people were hurt."]


def test_list_items_are_sentences_without_their_bullets():
    text = (
        "Duties include:\n1. Dispensing medicines\n2. Advising patients. Some vaccinate.\n- hospital work\n- research"
    )
    assert sentences(text)[1] == "1. Dispensing medicines"  # split_sentences loses nothing
    assert [text[s.start : s.end] for s in sentence_spans(text)] == [
        "Duties include:",
        "Dispensing medicines",
        "Advising patients.",
        "Some vaccinate.",
        "hospital work",
        "research",
    ]


def test_a_line_break_inside_a_sentence_does_not_end_it():
    text = "Increased O\n2 concentration in the lungs helps. The storm damaged two of the\n14 piers on Monday."
    assert sentences(text) == [
        "Increased O\n2 concentration in the lungs helps.",
        "The storm damaged two of the\n14 piers on Monday.",
    ]


def test_short_lines_without_bullets_stay_apart():
    text = "List of rivers of Europe\nRhine Gorge\nMeuse"
    assert sentences(text) == ["List of rivers of Europe", "Rhine Gorge", "Meuse"]


def test_a_very_long_paragraph_is_cut_only_at_sentence_ends():
    """Long paragraphs go to pysbd in pieces; the sentences must be those of the pieces read whole."""
    unit = (
        "The Rhine flows c. 1,230 km from the Alps. Dr. Ruth Weber of the U.S. Geological Survey said "
        '"it carries approx. 2,900 m3/s." It floods often (e.g. in 1993 and 1995), she added. '
    )
    text = unit * 120
    assert len(text) > 20_000
    assert sentences(text) == sentences(unit) * 120


def test_text_without_a_sentence_end_is_one_sentence():
    assert sentences(" !!") == ["!!"]
