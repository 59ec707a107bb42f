"""General lexicons (places, acronyms, synonyms), question units and synthetic near-miss questions."""

from __future__ import annotations

import pytest

from index import lexicon, terms
from index.speakers import PLACES
from retrieval import evaluate, features, near_miss, sentence_table


def _places(text: str) -> list[str]:
    return [c for _, _, c in lexicon.place_mentions(text)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Seoul", "South Korea"),
        ("South Korean officials", "South Korea"),
        ("Moscow", "Russian troops"),
        ("Washington", "U.S."),
        ("American", "the United States"),
        ("Paris", "French"),
        ("Kyiv", "Ukrainians"),
        ("Pyongyang", "the DPRK"),
        ("Brasilia", "Brazil"),
        ("Nairobi", "Kenyan"),
    ],
)
def test_capitals_demonyms_and_countries_share_a_concept(a, b):
    assert _places(a) and _places(a) == _places(b)


def test_every_gazetteer_place_is_a_concept_and_north_is_not_south():
    for place in PLACES:
        assert _places(place.title() if place != "us" else "US"), place
    assert _places("North Korean") != _places("South Korean")
    assert _places("Russian") == _places("Russia's") != _places("Belarus")


def test_common_words_are_not_places_unless_capitalised():
    assert _places("tell us about it") == []
    assert _places("the US said") == _places("America")
    assert _places("a turkey dinner") == [] and _places("Turkey said") == _places("Ankara")


def test_place_mentions_take_the_longest_name_with_its_span():
    text = "SOUTH AFRICA'S envoy met New Zealanders in the U.S. and Kenya's neighbours, not a.US b"
    found = lexicon.place_mentions(text)
    assert [text[s:e] for s, e, _ in found] == ["SOUTH AFRICA", "New Zealanders", "U.S.", "Kenya"]
    assert [c for _, _, c in found] == _places("South Africa New Zealand United States Kenya")


def test_acronyms_from_spelled_out_names():
    found = set(lexicon.concepts("Director of the National Intelligence Service said the Democratic People's Republic"))
    assert lexicon.ACRONYM + "nis" in found
    assert lexicon.ACRONYM + "dpr" in found
    assert lexicon.ACRONYM + "dprk" in lexicon.concepts("the Democratic People's Republic of Korea")
    assert lexicon.ACRONYM + "nato" in lexicon.concepts("NATO members met")


def test_synonym_table_is_broad_and_general():
    assert lexicon.synonym_groups() >= 60
    for a, b in [("treaty", "pact"), ("killed", "died"), ("spy", "intelligence"), ("troops", "soldiers"),
                 ("spokesman", "secretary"), ("worried", "concerned"), ("admit", "denied"), ("weapons", "arms")]:  # fmt: skip
        assert lexicon.synonyms(terms.stem(a)) & lexicon.synonyms(terms.stem(b)), (a, b)
    assert not lexicon.synonyms(terms.stem("drone")) & lexicon.synonyms(terms.stem("troops"))


def test_question_units_and_focus():
    units, focus = lexicon.question_units("How many drones has North Korea sent to Russia?")
    keys = [k for k, _ in units]
    assert lexicon.PLACE + "north korea" in keys and lexicon.PLACE + "russia" in keys
    assert "korea" not in keys and "north" not in keys
    assert terms.stem("drones") in focus and terms.stem("sent") not in focus
    units, _ = lexicon.question_units("What did the head of the NIS say")
    alts = dict(units)[terms.stem("nis")]
    assert lexicon.ACRONYM + "nis" in alts


def test_paraphrase_matches_and_near_miss_does_not(engine):
    """Through the lexicons the article holds every unit of a paraphrase, but not the near miss's new focus term."""
    stats = sentence_table.table(engine.corpus).stats(0)
    paraphrase = features.Question.parse("What does Seoul's spy agency chief say?")
    assert all(stats.has_unit(k, a) for k, a in paraphrase.units)
    near = features.Question.parse("How many tanks did Pyongyang send to Moscow?")
    assert [k for k, a in near.units if not stats.has_unit(k, a)] == [terms.stem("tanks")]


ARTICLES = {
    "ships.txt": "Harbour news\n\nThe old harbour held twelve ships in 1890. The harbour master was Edith Crane.\n",
    "bees.txt": "Bee news\n\nThe colony kept 60,000 workers near the orchard. The keeper was Tomas Berg.\n",
}


def _engine_over(articles: dict[str, str], folder, embedder):
    """A real engine over small articles written to files in folder; (engine, their paths)."""
    from retrieval.engine import Engine

    paths = []
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
        paths.append(str(folder / name))
    return Engine(paths, embedder=embedder), paths


def test_near_miss_swaps_one_focus_term_for_one_the_article_lacks(tmp_path, embedder):
    engine, paths = _engine_over(ARTICLES, tmp_path, embedder)
    item = evaluate.Item("Who was the harbour master?", paths[0], ("Edith Crane",))
    made = near_miss.generate(engine.corpus, [item], engine.library.position)
    assert len(made) == 1 and not made[0].answerable and made[0].article == item.article
    old, new = item.question.split(), made[0].question.split()
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert len(changed) == 1
    stats = sentence_table.table(engine.corpus).stats(0)
    assert not stats.df.get(terms.stem(changed[0][1].strip("?").lower()))
    again = near_miss.generate(engine.corpus, [item], engine.library.position)
    assert again == made  # deterministic for a seed
    assert near_miss.generate(engine.corpus, [item], engine.library.position, seed=1)[0].article == item.article


PREDICATE_ARTICLES = {
    "mill.txt": "Mill news\n\nThe town mill was rebuilt in 1902 after a fire. Workers had repaired the wheel.\n",
    "fair.txt": "Fair news\n\nThe fair was cancelled after the storm. Farmers came to sell the apples they had harvested.\n",
}


def test_near_miss_also_swaps_the_predicate_for_a_verb_of_the_same_form(tmp_path, embedder):
    """A second near miss replaces the question's verb (here a past participle) with one the article lacks."""
    engine, paths = _engine_over(PREDICATE_ARTICLES, tmp_path, embedder)
    item = evaluate.Item("What had the workers repaired?", paths[0], ("wheel",))
    made = near_miss.generate(engine.corpus, [item], engine.library.position)
    predicate = [m for m in made if "repaired" not in m.question]
    assert len(predicate) == 1 and not predicate[0].answerable
    swapped = predicate[0].question.split()[-1].rstrip("?")
    assert swapped in {"cancelled", "harvested"}  # the other article's past participles
    assert near_miss.generate(engine.corpus, [item], engine.library.position, predicates=False) == made[:1]


def test_possessive_after_a_place_is_not_a_unit_of_its_own():
    units, focus = lexicon.question_units("How would South Korea's response be phased?")
    keys = [k for k, _ in units]
    assert "s" not in keys and lexicon.PLACE + "south korea" in keys
    assert lexicon.PLACE + "south korea" in focus


def test_the_us_in_lower_case_is_the_country_and_us_alone_the_pronoun():
    """Chat writes "what did the us say"; "tell us" and "us and them" stay pronouns."""
    assert [c for _, _, c in lexicon.place_mentions("what did the us defense department say")] == [
        c for _, _, c in lexicon.place_mentions("What did the US Defense Department say")
    ]
    assert lexicon.place_mentions("what did the us defense department say")
    assert lexicon.place_mentions("tell us what happened") == []
    assert lexicon.place_mentions("us and them") == []
