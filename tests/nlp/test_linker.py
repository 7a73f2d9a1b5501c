"""Tests of linking names to the generated knowledge base (``beslan_kg.nlp.linker``).

Docs are built by hand on blank pipelines, with the entities a model would
tag; which entries exist, and their countries and priors, is read from the
bundled table, so each test states the situation it relies on.
"""

from __future__ import annotations

import pytest
from conftest import blank_pipeline, hand_doc
from spacy.tokens import Doc, Span

from beslan_kg.kb import fold, load_kb
from beslan_kg.nlp.gazetteer import INNER_KEY
from beslan_kg.nlp.linker import KBLinker, is_acronym, name_index

KB = load_kb()


def _generated(name: str, cls: str, country: str | None = None) -> list:
    """Return the generated entries of ``cls`` named ``name`` (in ``country``, a country's English label)."""
    keys = name_index().get(fold(name), ())
    found = [KB[k] for k in keys if KB[k].ontology_class == cls]
    if country is not None:
        found = [e for e in found if e.country and KB[e.country].labels["en"] == country]
    return found


def _country(label: str) -> str:
    return next(e.key for e in KB.values() if e.ontology_class == "Country" and e.labels.get("en") == label)


@pytest.fixture(scope="module")
def linkers(nlps):
    return {lang: KBLinker(nlp, "beslan_linker", lang=lang) for lang, nlp in nlps.items()}


def _link(linkers, nlps, lang: str, words: list[str], ents: list[tuple[int, int, str]], *, pos: list[str] | None = None) -> Doc:
    pos = pos or ["PROPN" if w[:1].isupper() else "X" for w in words]
    doc = hand_doc(nlps[lang], words, ents=ents, pos=pos, sent_starts=[i == 0 for i in range(len(words))])
    return linkers[lang](doc)


def _keys(doc: Doc) -> dict[str, str]:
    return {ent.text: ent.ent_id_ for ent in doc.ents}


def test_a_country_in_english_and_in_spanish_is_one_entry(linkers, nlps):
    en = _link(linkers, nlps, "en", ["Floods", "hit", "Germany", "."], [(2, 3, "GPE")])
    es = _link(linkers, nlps, "es", ["Las", "inundaciones", "afectaron", "a", "Alemania", "."], [(4, 5, "LOC")])
    key = _keys(en)["Germany"]
    assert key and key == _keys(es)["Alemania"]
    assert KB[key].labels == {"en": "Germany", "es": "Alemania"} and KB[key].wikidata


def test_a_capital_city_links_to_its_entry(linkers, nlps):
    # Kyiv is the one entry of its name, a city with its Wikidata ID.
    (kyiv,) = [KB[k] for k in name_index()[fold("Kyiv")]]
    assert kyiv.ontology_class == "Settlement" and kyiv.wikidata
    doc = _link(linkers, nlps, "en", ["Talks", "were", "held", "in", "Kyiv", "."], [(4, 5, "GPE")])
    assert _keys(doc) == {"Kyiv": kyiv.key}
    assert doc.ents[0].label_ == "Place"


def test_the_country_the_article_names_chooses_the_city(linkers, nlps):
    spain, venezuela = _generated("Valencia", "Settlement", "Spain"), _generated("Valencia", "Settlement", "Venezuela")
    assert len(spain) == len(venezuela) == 1
    words = ["Floods", "hit", "Valencia", ",", "in", "{}", "."]
    for country, (city,) in (("Spain", spain), ("Venezuela", venezuela)):
        text = [w.format(country) for w in words]
        doc = _link(linkers, nlps, "en", text, [(2, 3, "GPE"), (5, 6, "GPE")])
        assert _keys(doc) == {"Valencia": city.key, country: _country(country)}


def test_a_name_of_several_places_alike_in_size_stays_unlinked(linkers, nlps):
    cities = _generated("Valencia", "Settlement")
    ranked = sorted(cities, key=lambda e: -e.prior)
    # No Valencia is ten times the size of the next, and no country is named.
    assert len(ranked) > 1 and ranked[0].prior < 10 * ranked[1].prior
    doc = _link(linkers, nlps, "en", ["Floods", "hit", "Valencia", "."], [(2, 3, "GPE")])
    assert _keys(doc) == {"Valencia": ""}


def test_a_far_larger_namesake_wins_without_context(linkers, nlps):
    cities = sorted(_generated("London", "Settlement"), key=lambda e: -e.prior)
    assert len(cities) > 1 and cities[0].prior >= 10 * cities[1].prior
    doc = _link(linkers, nlps, "en", ["Rain", "fell", "in", "London", "."], [(3, 4, "GPE")])
    assert _keys(doc) == {"London": cities[0].key}


def test_the_model_label_must_fit_the_entry_kind(linkers, nlps):
    # A city's name the model took for a person's, in an article naming no country (a country's
    # name is the country whatever the model said: see below).
    doc = _link(linkers, nlps, "en", ["Kyiv", "said", "no", "."], [(0, 1, "PERSON")])
    assert _keys(doc) == {"Kyiv": ""}


def test_a_word_beside_the_name_chooses_the_class(linkers, nlps):
    # Catalonia is a region; "the city of Catalonia" names no entry of the table.
    assert _generated("Catalonia", "Region") and not _generated("Catalonia", "Settlement")
    doc = _link(linkers, nlps, "en", ["the", "city", "of", "Catalonia"], [(3, 4, "GPE")])
    assert _keys(doc) == {"Catalonia": ""}
    doc = _link(linkers, nlps, "en", ["Voters", "in", "Catalonia"], [(2, 3, "GPE")])
    assert _keys(doc)["Catalonia"] == _generated("Catalonia", "Region")[0].key


def test_islands_named_with_their_noun_link_the_region_they_make(linkers, nlps):
    # The Canary Islands are a region of Spain whose entry has no name with "islas".
    (canarias,) = _generated("Canarias", "Region", "Spain")
    assert not name_index().get(fold("islas Canarias"))
    doc = _link(linkers, nlps, "es", ["Llegó", "a", "las", "islas", "Canarias", "."], [(3, 5, "LOC")], pos=["VERB", "ADP", "DET", "NOUN", "PROPN", "PUNCT"])
    assert _keys(doc) == {"islas Canarias": canarias.key}


def test_an_ocean_named_with_its_noun_is_no_region_of_its_name(linkers, nlps):
    # Atlántico is a department of Colombia; "el océano Atlántico" is the ocean, not it.
    assert _generated("Atlántico", "Region", "Colombia")
    doc = _link(linkers, nlps, "es", ["Cruzó", "el", "océano", "Atlántico", "."], [(2, 4, "LOC")], pos=["VERB", "DET", "NOUN", "PROPN", "PUNCT"])
    assert _keys(doc) == {"océano Atlántico": ""}


def test_a_division_noun_links_no_entry_whose_own_name_says_another_kind_of_division(linkers, nlps):
    # Lima Region is Peru's first-level division; the province of Lima is another place.
    (region,) = _generated("Lima", "Region", "Peru")
    assert "Lima Region" in region.names("en")
    doc = _link(linkers, nlps, "es", ["en", "la", "provincia", "de", "Lima", "."], [(4, 5, "LOC")], pos=["ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"])
    assert _keys(doc) == {"Lima": ""}
    doc = _link(linkers, nlps, "es", ["en", "la", "región", "de", "Lima", "."], [(4, 5, "LOC")], pos=["ADP", "DET", "NOUN", "ADP", "PROPN", "PUNCT"])
    assert _keys(doc) == {"Lima": region.key}


def test_a_place_found_by_another_of_its_names_links_only_in_a_story_of_its_country(linkers, nlps):
    # "Atlántico Norte" is an alias of Nicaragua's North Caribbean Coast: in a story of
    # Canada it is the ocean.
    (region,) = _generated("Atlántico Norte", "Region", "Nicaragua")
    assert fold("Atlántico Norte") not in {fold(label) for label in region.labels.values()}
    pos = ["VERB", "ADP", "DET", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"]
    canada = _link(linkers, nlps, "es", ["Navegó", "en", "el", "Atlántico", "Norte", "hacia", "Canadá", "."], [(3, 5, "LOC"), (6, 7, "LOC")], pos=pos)
    assert _keys(canada)["Atlántico Norte"] == ""
    nicaragua = _link(linkers, nlps, "es", ["Llovió", "en", "el", "Atlántico", "Norte", "de", "Nicaragua", "."], [(3, 5, "LOC"), (6, 7, "LOC")], pos=pos)
    assert _keys(nicaragua)["Atlántico Norte"] == region.key


def test_a_plural_noun_of_one_name_names_its_parts_not_its_class(linkers, nlps):
    # "Cuts hit adjacent regions of Andorra.": Andorra is a country; its regions are parts of it.
    words = ["Cuts", "hit", "adjacent", "regions", "of", "Andorra", "."]
    doc = hand_doc(nlps["en"], words, ents=[(5, 6, "GPE")], pos=["NOUN", "VERB", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
                   tags=["NNS", "VBD", "JJ", "NNS", "IN", "NNP", "."], lemmas=["cut", "hit", "adjacent", "region", "of", "Andorra", "."],
                   sent_starts=[i == 0 for i in range(len(words))])
    assert _keys(linkers["en"](doc)) == {"Andorra": _country("Andorra")}


def test_an_unlabelled_capitalised_place_name_is_found(linkers, nlps):
    doc = _link(linkers, nlps, "es", ["Viajó", "a", "Alemania", "ayer"], [])
    assert _keys(doc) == {"Alemania": _country("Germany")}


def test_a_known_name_inside_a_clause_the_filter_refused_is_found_es(linkers, nlps):
    # The model took a clause for a name; the filter refuses it whole, the country in it is still found.
    words = ["Un", "incendio", "arrasó", "el", "sur", "de", "Alemania", "ayer", "."]
    pos = ["DET", "NOUN", "VERB", "DET", "NOUN", "ADP", "PROPN", "ADV", "PUNCT"]
    doc = hand_doc(nlps["es"], words, ents=[(0, 7, "MISC")], pos=pos, sent_starts=[i == 0 for i in range(len(words))])
    doc = linkers["es"](blank_pipeline("es").entity_filter(doc))
    assert _keys(doc) == {"Alemania": _country("Germany")}


def test_an_acronym_links_when_the_text_spells_it_out(linkers, nlps):
    (party,) = [KB[k] for k in name_index()[fold("PSOE")]]
    long_name = [t.text for t in nlps["en"].make_doc(party.labels["en"])]
    words = ["The", *long_name, "(", "PSOE", ")", "won", "."]
    ents = [(1, 1 + len(long_name), "ORG")]
    doc = _link(linkers, nlps, "en", words, ents)
    assert _keys(doc) == {party.labels["en"]: party.key, "PSOE": party.key}


def test_a_word_in_capitals_in_brackets_after_a_name_is_its_short_form_not_a_town(linkers, nlps):
    # Morena is a town of India, far above the prior an untagged name needs; "(MORENA)" after a
    # party's name is the party's short form.
    (town,) = [KB[k] for k in name_index()[fold("Morena")] if KB[k].ontology_class == "Settlement"]
    assert town.prior >= 100_000
    words = ["The", "Voss", "Halden", "Movement", "(", "MORENA", ")", "won", "."]
    doc = _link(linkers, nlps, "en", words, [(1, 4, "ORG")])
    assert "MORENA" not in _keys(doc)
    doc = _link(linkers, nlps, "en", ["Floods", "hit", "MORENA", "."], [])
    assert _keys(doc) == {"MORENA": town.key}


def test_an_acronym_the_model_gave_no_kind_links_as_its_own_name(linkers, nlps):
    # "UEFA" is the one entry of that English name; the Spanish model tags it MISC (a Thing).
    (uefa,) = [KB[k] for k in name_index()[fold("UEFA")]]
    assert uefa.labels["en"] == "UEFA" and uefa.kind == "Organization"
    doc = _link(linkers, nlps, "es", ["La", "UEFA", "multó", "al", "club", "."], [(1, 2, "MISC")])
    assert _keys(doc) == {"UEFA": uefa.key}
    assert doc.ents[0].label_ == "Organization"


def test_an_acronym_alone_links_only_with_its_country_in_the_article(linkers, nlps):
    (party,) = [KB[k] for k in name_index()[fold("PSOE")]]
    alone = _link(linkers, nlps, "en", ["The", "PSOE", "won", "."], [(1, 2, "ORG")])
    assert _keys(alone) == {"PSOE": ""}
    country = KB[party.country].labels["en"]
    confirmed = _link(linkers, nlps, "en", ["The", "PSOE", "won", "in", country, "."], [(1, 2, "ORG"), (4, 5, "GPE")])
    assert _keys(confirmed)["PSOE"] == party.key


def test_an_acronym_of_several_entries_stays_unlinked_even_with_context(linkers, nlps):
    keys = name_index()[fold("PP")]
    assert len(keys) > 1
    doc = _link(linkers, nlps, "en", ["The", "PP", "won", "in", "Spain", "."], [(1, 2, "ORG"), (4, 5, "GPE")])
    assert _keys(doc)["PP"] == ""


@pytest.mark.parametrize(("text", "expected"), [("UN", True), ("PSOE", True), ("NATO", True), ("Lyon", False), ("U.S.", True), ("Paris", False), ("UNESCOS", False)])
def test_an_acronym_is_a_short_word_of_capitals(text, expected):
    assert is_acronym(text, 4) is expected


def test_names_the_hand_written_kb_knows_are_left_to_the_gazetteer(linkers, nlps):
    # "Russia" is an entry of kb.yaml: the gazetteer marks it, the linker leaves it be.
    doc = hand_doc(nlps["en"], ["Russia", "said", "no"], pos=["PROPN", "VERB", "X"])
    doc.ents = [doc.char_span(0, 6, label="Place", span_id="russia")]
    assert _keys(linkers["en"](doc)) == {"Russia": "russia"}


@pytest.mark.parametrize(
    ("words", "ents", "expected"),
    [
        # A place of another country before the comma, or a larger place of another country after it.
        (["Voters", "in", "Atlanta", ",", "Georgia", ",", "queued", "."], [(2, 3, "GPE"), (4, 5, "GPE")], "state"),
        (["Voters", "in", "Georgia", ",", "United", "States", ",", "queued", "."], [(2, 3, "GPE"), (4, 6, "GPE")], "state"),
        # A class cue the hand-written entry does not fit.
        (["The", "state", "of", "Georgia", "certified", "it", "."], [(3, 4, "GPE")], "state"),
        # A place of the hand-written entry's own country, a list, or nothing: the entry stays.
        (["Crowds", "in", "Tbilisi", ",", "Georgia", ",", "marched", "."], [(2, 3, "GPE"), (4, 5, "GPE")], "country"),
        (["Talks", "in", "Georgia", ",", "Armenia", "and", "Azerbaijan", "failed", "."], [(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE")], "country"),
        (["Georgia", "and", "Russia", "fought", "."], [(0, 1, "GPE"), (2, 3, "GPE")], "country"),
        # Two other places of the article in one namesake's country, none in the entry's.
        (["Storms", "hit", "Delaware", ",", "Georgia", "and", "South", "Carolina", "."], [(2, 3, "GPE"), (4, 5, "GPE"), (6, 8, "GPE")], "state"),
    ],
)
def test_a_hand_written_entry_yields_to_the_namesake_the_text_points_to(linkers, nlps, words, ents, expected):
    # kb.yaml's "Georgia" is the country; the generated table also has the US state of that name.
    (state,) = _generated("Georgia", "Region", "United States")
    assert KB["georgia"].ontology_class == "Country" and not KB["georgia"].generated
    pos = ["PROPN" if w[:1].isupper() and i else "NOUN" if w == "state" else "X" for i, w in enumerate(words)]
    pos[0] = "PROPN" if words[0] == "Georgia" else "DET" if words[0] == "The" else "NOUN"
    doc = hand_doc(nlps["en"], words, ents=ents, pos=pos, sent_starts=[i == 0 for i in range(len(words))])
    pipeline = blank_pipeline("en")
    doc = linkers["en"](pipeline.entity_filter(pipeline.gazetteer(doc)))
    assert _keys(doc)["Georgia"] == {"state": state.key, "country": "georgia"}[expected]


def test_the_place_before_a_comma_chooses_the_larger_place_after_it(linkers, nlps):
    (us_florida,) = _generated("Florida", "Region", "United States")
    assert len(_generated("Florida", "Region")) > 1  # more than one Florida: the place before the comma chooses
    words = ["It", "hit", "Fort", "Myers", ",", "Florida", "."]
    pos = ["PRON", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT"]
    keys = _keys(_link(linkers, nlps, "en", words, [(2, 4, "GPE"), (5, 6, "GPE")], pos=pos))
    assert keys["Florida"] == us_florida.key
    keys = _keys(_link(linkers, nlps, "en", ["It", "hit", "Florida", "."], [(2, 3, "GPE")], pos=["PRON", "VERB", "PROPN", "PUNCT"]))
    assert keys["Florida"] != us_florida.key


def test_a_name_of_several_words_the_model_left_untyped_links_like_an_untagged_one_es(linkers, nlps):
    (region,) = [e for e in KB.values() if e.labels.get("es") == "Comunidad de Madrid"]
    words = ["La", "Comunidad", "de", "Madrid", "votó", "."]
    pos = ["DET", "PROPN", "ADP", "PROPN", "VERB", "PUNCT"]
    assert _keys(_link(linkers, nlps, "es", words, [(1, 4, "MISC")], pos=pos))["Comunidad de Madrid"] == region.key
    # A one-word name left untyped is no more linked than an untagged one of a small place.
    assert _keys(_link(linkers, nlps, "es", ["Llegó", "Metro", "."], [(1, 2, "MISC")], pos=["VERB", "PROPN", "PUNCT"])) == {"Metro": ""}


def test_an_international_organisation_s_spanish_name_and_its_expanded_acronym_are_its_entry(linkers, nlps):
    en = _keys(_link(linkers, nlps, "en", ["The", "International", "Monetary", "Fund", "agreed", "."], [(1, 4, "ORG")]))
    words = ["El", "Fondo", "Monetario", "Internacional", "(", "FMI", ")", "aprobó", "."]
    es = _keys(_link(linkers, nlps, "es", words, [(1, 4, "ORG"), (5, 6, "ORG")]))
    key = en["International Monetary Fund"]
    assert key and KB[key].generated and es == {"Fondo Monetario Internacional": key, "FMI": key}


def test_a_generated_country_s_demonym_places_a_name_in_it_and_a_repeated_row_is_no_rival(linkers, nlps):
    chile = KB[_country("Chile")]
    assert chile.generated and chile.demonyms["en"]
    capitals = [e for e in KB.values() if e.labels.get("en") == "Santiago" and e.country == chile.key and e.ontology_class == "Settlement"]
    assert len(capitals) == 2 and len([e for e in capitals if e.wikidata]) == 1  # one city, listed twice
    words = ["Chilean", "police", "gathered", "in", "Santiago", "."]
    pos = ["ADJ", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"]
    assert _keys(_link(linkers, nlps, "en", words, [(4, 5, "GPE")], pos=pos))["Santiago"] == next(e.key for e in capitals if e.wikidata)
    # Without the demonym, Santiago is a name of several countries' towns.
    words[0], pos[0] = "The", "DET"
    assert _keys(_link(linkers, nlps, "en", words, [(4, 5, "GPE")], pos=pos))["Santiago"] == ""


def test_towns_of_one_name_and_country_but_far_apart_in_size_are_two_towns_not_one(linkers, nlps):
    # The table's two US "Ontario"s (a city of 170,000 in California, one of 12,000 in Oregon) are
    # no one city listed twice: "Aeropuerto Internacional de Ontario" serves a town, the larger one,
    # which has no item to link; never the Canadian province.
    towns = _generated("Ontario", "Settlement", "United States")
    assert len(towns) == 2 and len([e for e in towns if e.wikidata]) == 1
    larger = max(towns, key=lambda e: e.prior)
    assert not larger.wikidata and larger.prior > 10 * min(e.prior for e in towns)
    words = ["Voló", "al", "Aeropuerto", "Internacional", "de", "Ontario", "."]
    pos = ["VERB", "ADP", "PROPN", "PROPN", "ADP", "PROPN", "PUNCT"]
    doc = _link(linkers, nlps, "es", words, [(2, 6, "LOC")], pos=pos)
    assert [(span.text, span.id_) for span in doc.spans[INNER_KEY]] == [("Ontario", larger.key)]


# Tagged a person, "Florida" is not linked as the one sense of the name; it is still the state
# the article's places (Fort Myers, Florida) lie in, as a name of the article's country would be
# (a surname of the article's people would not: see the test of the article's country below).
@pytest.mark.parametrize(("label", "linked"), [("GPE", True), ("PERSON", True)])
def test_a_name_the_article_linked_once_is_the_same_entry_elsewhere_in_it(linkers, nlps, label, linked):
    (us_florida,) = _generated("Florida", "Region", "United States")
    words = ["It", "hit", "Fort", "Myers", ",", "Florida", ".", "Many", "died", "in", "Florida", "."]
    pos = ["PRON", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT", "ADJ", "VERB", "ADP", "PROPN", "PUNCT"]
    doc = _link(linkers, nlps, "en", words, [(2, 4, "GPE"), (5, 6, "GPE"), (10, 11, label)], pos=pos)
    assert [ent.ent_id_ for ent in doc.ents if ent.text == "Florida"] == [us_florida.key, us_florida.key if linked else ""]


@pytest.mark.parametrize(("lang", "words"), [("en", ["Sanctions", "from", "the", "West", "."]), ("es", ["Llegó", "desde", "el", "Norte", "."])])
def test_an_ordinary_word_that_is_also_a_region_s_name_stays_unlinked(linkers, nlps, lang, words):
    name = words[3]
    assert _generated(name, "Region"), f"the table has a region named {name}"
    doc = _link(linkers, nlps, lang, words, [(3, 4, "LOC")])
    assert _keys(doc) == {name: ""}


# --------------------------------------------------------------------------
# Longer names, cues, the article's countries over the model's kind


def test_a_span_grows_over_the_words_that_make_a_longer_known_name(linkers, nlps):
    # "Washington" alone is a city and a state; "Washington, D.C." one city.
    assert len({e.key for e in _generated("Washington, D.C.", "Settlement")}) == 1
    doc = _link(linkers, nlps, "en", ["Crowds", "marched", "in", "Washington", ",", "D.C.", "today", "."],
                [(3, 4, "GPE"), (5, 6, "GPE")], pos=["NOUN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "NOUN", "PUNCT"])
    assert _keys(doc) == {"Washington, D.C.": _generated("Washington, D.C.", "Settlement")[0].key}


def test_a_span_grows_over_the_words_and_of_words_before_it_that_make_a_longer_known_name(linkers, nlps):
    # The model tagged "Congo" alone: the name is the other Congo's.
    (drc,) = _generated("Democratic Republic of the Congo", "Country")
    (congo,) = _generated("Congo", "Country")
    assert drc.key != congo.key
    words = ["Cases", "rose", "in", "the", "Democratic", "Republic", "of", "the", "Congo", "."]
    doc = _link(linkers, nlps, "en", words, [(8, 9, "GPE")], pos=["NOUN", "VERB", "ADP", "DET", "PROPN", "PROPN", "ADP", "DET", "PROPN", "PUNCT"])
    assert _keys(doc) == {"Democratic Republic of the Congo": drc.key}


def test_a_hand_written_name_opening_a_longer_known_name_is_taken_whole_and_stays_an_inner_name(linkers, nlps):
    # "United States" (kb.yaml, found by the gazetteer) + "Virgin Islands": the territory, in the country.
    (territory,) = _generated("United States Virgin Islands", "Region")
    words = ["The", "storm", "hit", "the", "United", "States", "Virgin", "Islands", "."]
    doc = hand_doc(nlps["en"], words, pos=["DET", "NOUN", "VERB", "DET", "PROPN", "PROPN", "PROPN", "PROPN", "PUNCT"],
                   sent_starts=[i == 0 for i in range(len(words))])
    doc.ents = [Span(doc, 4, 6, label="Place", span_id="united-states")]
    doc = linkers["en"](doc)
    assert _keys(doc) == {"United States Virgin Islands": territory.key}
    assert [(s.text, s.id_) for s in doc.spans[INNER_KEY]] == [("United States", "united-states")]


def test_a_hand_written_name_relinked_whole_is_no_inner_name(linkers, nlps):
    # "Georgia" with US states: the table's state takes the gazetteer's span, which names nothing besides.
    (state,) = _generated("Georgia", "Region", "United States")
    words = ["Storms", "hit", "Delaware", ",", "Georgia", "and", "South", "Carolina", "."]
    pos = ["NOUN", "X", "PROPN", "X", "PROPN", "X", "PROPN", "PROPN", "X"]
    doc = hand_doc(nlps["en"], words, ents=[(2, 3, "GPE"), (4, 5, "GPE"), (6, 8, "GPE")], pos=pos, sent_starts=[i == 0 for i in range(len(words))])
    pipeline = blank_pipeline("en")
    doc = linkers["en"](pipeline.entity_filter(pipeline.gazetteer(doc)))
    assert _keys(doc)["Georgia"] == state.key
    assert not doc.spans.get(INNER_KEY)


def test_a_plural_cue_reaches_every_name_of_a_coordination(linkers, nlps):
    # Puebla is a city and a state of Mexico; "the states of Puebla and Morelos" are states.
    (state,) = _generated("Puebla", "Region", "Mexico")
    words = ["It", "hit", "the", "states", "of", "Puebla", "and", "Morelos", "."]
    doc = hand_doc(nlps["en"], words, ents=[(5, 6, "GPE"), (7, 8, "GPE")],
                   pos=["PRON", "VERB", "DET", "NOUN", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"],
                   deps=["nsubj", "ROOT", "det", "dobj", "prep", "pobj", "cc", "conj", "punct"],
                   heads=[1, 1, 3, 1, 3, 4, 5, 5, 1],
                   lemmas=["it", "hit", "the", "state", "of", "Puebla", "and", "Morelos", "."])
    keys = _keys(linkers["en"](doc))
    assert keys["Puebla"] == state.key
    assert KB[keys["Morelos"]].ontology_class == "Region"


def test_a_name_after_a_place_and_a_comma_is_the_larger_place_but_not_in_a_list(linkers, nlps):
    (state,) = _generated("Puebla", "Region", "Mexico")
    doc = _link(linkers, nlps, "es", ["cerca", "de", "Atlixco", ",", "Puebla", "."], [(2, 3, "LOC"), (4, 5, "LOC")],
                pos=["ADV", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT"])
    assert _keys(doc)["Puebla"] == state.key
    # "Lima, Puebla, Quito": a list of places, where no name is the one before's region.
    doc = _link(linkers, nlps, "es", ["en", "Lima", ",", "Puebla", ",", "Quito", "."], [(1, 2, "LOC"), (3, 4, "LOC"), (5, 6, "LOC")],
                pos=["ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "PUNCT"])
    assert _keys(doc)["Puebla"] != state.key


def test_the_name_of_a_natural_feature_is_not_the_place(linkers, nlps):
    doc = _link(linkers, nlps, "en", ["the", "Caribbean", "plate", "moved", "."], [(1, 2, "LOC")],
                pos=["DET", "PROPN", "NOUN", "VERB", "PUNCT"])
    assert _keys(doc) == {"Caribbean": ""}


def test_the_article_s_country_overrules_the_model_s_kind_but_not_for_a_surname(linkers, nlps):
    # "Morelos", a state of Mexico, tagged an organisation in an article that names Mexico.
    (morelos,) = _generated("Morelos", "Region", "Mexico")
    words = ["Mexico", "said", "Morelos", "was", "hit", "."]
    doc = _link(linkers, nlps, "en", words, [(0, 1, "GPE"), (2, 3, "ORG")], pos=["PROPN", "VERB", "PROPN", "AUX", "VERB", "PUNCT"])
    assert _keys(doc)["Morelos"] == morelos.key
    # The surname of a person the article names stays the person's.
    words = ["Mexico", "honours", "José", "Morelos", ".", "Morelos", "led", "."]
    doc = _link(linkers, nlps, "en", words, [(0, 1, "GPE"), (2, 4, "PERSON"), (5, 6, "PERSON")],
                pos=["PROPN", "VERB", "PROPN", "PROPN", "PUNCT", "PROPN", "VERB", "PUNCT"])
    assert _keys(doc)["Morelos"] == ""


def test_a_kind_the_words_of_the_name_give_is_not_overruled_by_a_town_of_the_article_s_country_es(linkers, nlps):
    # A town of Chile is called "Constitución"; in an article on Chile, "su Constitución",
    # which the model took for a place, is the document its head word says it is.
    (town,) = _generated("Constitución", "Settlement", "Chile")
    words = ["Chile", "reformó", "su", "Constitución", "."]
    pos = ["PROPN", "VERB", "DET", "PROPN", "PUNCT"]
    doc = hand_doc(nlps["es"], words, ents=[(0, 1, "LOC"), (3, 4, "LOC")], pos=pos, sent_starts=[i == 0 for i in range(len(words))])
    doc = linkers["es"](blank_pipeline("es").entity_filter(doc))
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("Chile", "Place", _country("Chile")), ("Constitución", "Thing", "")]
    # Left as the model's place, it would be the town.
    doc = hand_doc(nlps["es"], words, ents=[(0, 1, "LOC"), (3, 4, "LOC")], pos=pos, sent_starts=[i == 0 for i in range(len(words))])
    assert _keys(linkers["es"](doc))["Constitución"] == town.key


def test_a_state_body_named_without_its_country_links_in_an_article_on_that_country(linkers, nlps):
    # Russia is a hand-written entry: the gazetteer finds it first, as in the pipeline.
    _, gazetteer, _ = blank_pipeline("en")
    words = ["Russia", "'s", "Interior", "Ministry", "said", "."]
    doc = hand_doc(nlps["en"], words, ents=[(2, 4, "ORG")], pos=["PROPN", "PART", "PROPN", "PROPN", "VERB", "PUNCT"])
    doc = linkers["en"](gazetteer(doc))
    assert KB[_keys(doc)["Interior Ministry"]].wikidata
    doc = _link(linkers, nlps, "en", ["The", "Interior", "Ministry", "said", "."], [(1, 3, "ORG")],
                pos=["DET", "PROPN", "PROPN", "VERB", "PUNCT"])
    assert _keys(doc)["Interior Ministry"] == ""


def test_a_party_links_only_in_an_article_that_names_its_country(linkers, nlps):
    # A party's name is often another country's party's too ("Concertación" of Chile and of Paraguay).
    (party,) = _generated("Concertación", "PoliticalParty", "Chile")
    words = ["The", "Concertación", "won", "in", "Paraguay", "."]
    doc = _link(linkers, nlps, "en", words, [(1, 2, "ORG"), (4, 5, "GPE")], pos=["DET", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"])
    assert _keys(doc)["Concertación"] == ""
    doc = _link(linkers, nlps, "en", words[:4] + ["Chile", "."], [(1, 2, "ORG"), (4, 5, "GPE")], pos=["DET", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"])
    assert _keys(doc)["Concertación"] == party.key


def test_a_name_the_model_took_for_a_person_before_a_known_region_is_a_place(linkers, nlps):
    (state,) = _generated("Puebla", "Region", "Mexico")
    doc = _link(linkers, nlps, "es", ["cerca", "de", "San", "Atlixco", ",", "Puebla", "."], [(2, 4, "PER"), (5, 6, "LOC")],
                pos=["ADV", "ADP", "PROPN", "PROPN", "PUNCT", "PROPN", "PUNCT"])
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("San Atlixco", "Place", ""), ("Puebla", "Place", state.key)]


def test_a_capitalised_article_is_part_of_the_name_and_a_small_town_needs_its_country(linkers, nlps):
    # "La Palma" is a small town of Panama in the table, "Palma" a large city of Spain.
    (town,) = _generated("La Palma", "Settlement")
    (city,) = _generated("Palma", "Settlement", "Spain")
    assert town.prior < 100_000 <= city.prior and KB[town.country].labels["en"] == "Panama"
    words = ["El", "volcán", "de", "La", "Palma", "entró", "en", "erupción", "."]
    doc = _link(linkers, nlps, "es", words, [(3, 5, "LOC")])
    # Not the city of another name, nor a town elsewhere on a guess.
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("La Palma", "")]
    doc = _link(linkers, nlps, "es", words[:-1] + [",", "en", "Panamá", "."], [(3, 5, "LOC"), (10, 11, "LOC")])
    assert _keys(doc)["La Palma"] == town.key


def test_a_far_more_prominent_place_of_the_article_s_country_overrules_the_model_s_kind(linkers, nlps):
    # "Gaziantep" is a city of two million and a province of no stated size, both in Turkey.
    entries = [KB[k] for k in name_index()[fold("Gaziantep")]]
    city = max(entries, key=lambda e: e.prior)
    assert len(entries) > 1 and city.ontology_class == "Settlement" and KB[city.country].labels["en"] in ("Türkiye", "Turkey")
    doc = _link(linkers, nlps, "en", ["Rescuers", "from", "Gaziantep", "reached", "Turkey", "'s", "south", "."],
                [(2, 3, "ORG"), (4, 5, "GPE")])
    assert _keys(doc)["Gaziantep"] == city.key


def test_a_head_of_state_of_the_table_links_only_in_an_article_that_names_their_country(linkers, nlps):
    people = [KB[k] for k in name_index().get(fold("Pedro Sánchez"), ()) if KB[k].kind == "Person"]
    assert len(people) == 1 and people[0].wikidata and KB[people[0].country].labels["en"] == "Spain"
    words = ["Pedro", "Sánchez", "spoke", "in", "Madrid", "."]
    # Madrid is in Spain, but a city is not the country: a namesake elsewhere is as likely.
    assert _keys(_link(linkers, nlps, "en", words, [(0, 2, "PERSON"), (4, 5, "GPE")]))["Pedro Sánchez"] == ""
    doc = _link(linkers, nlps, "en", words[:-1] + [",", "Spain", "."], [(0, 2, "PERSON"), (4, 5, "GPE"), (6, 7, "GPE")])
    assert _keys(doc)["Pedro Sánchez"] == people[0].key


def test_a_city_s_name_after_a_lower_case_article_is_not_the_city_es(linkers, nlps):
    (city,) = _generated("Liverpool", "Settlement", "United Kingdom")
    assert city.prior >= 100_000
    doc = _link(linkers, nlps, "es", ["El", "Madrid", "ganó", "ante", "el", "Liverpool", "en", "Liverpool", "."],
                [(1, 2, "ORG"), (5, 6, "LOC"), (7, 8, "LOC")])
    assert [(e.start, e.ent_id_) for e in doc.ents if e.start > 1] == [(5, ""), (7, city.key)]


def test_a_city_whose_name_has_its_article_links_after_it_es(linkers, nlps):
    (cairo,) = _generated("Cairo", "Settlement", "Egypt")
    assert cairo.labels["es"] == "El Cairo"
    doc = _link(linkers, nlps, "es", ["Llegó", "al", "Cairo", "."], [(2, 3, "LOC")])
    assert _keys(doc)["Cairo"] == cairo.key


def test_a_country_s_name_is_the_country_whatever_the_model_guessed_but_not_a_person_s_surname(linkers, nlps):
    malawi = _country("Malawi")
    doc = _link(linkers, nlps, "en", ["The", "storm", "then", "struck", "Malawi", "."], [(4, 5, "PERSON")])
    assert _keys(doc)["Malawi"] == malawi
    jordan = ["Ana", "Jordan", "scored", ".", "Jordan", "left", "."]
    doc = _link(linkers, nlps, "en", jordan, [(0, 2, "PERSON"), (4, 5, "PERSON")])
    assert [e.ent_id_ for e in doc.ents] == ["", ""]


def test_the_capital_of_a_country_cues_no_city(linkers, nlps):
    doc = _link(linkers, nlps, "es", ["Ocurrió", "en", "la", "capital", "del", "Líbano", "."], [(5, 6, "LOC")])
    assert _keys(doc)["Líbano"] == _country("Lebanon")


def test_a_us_state_links_in_an_article_on_the_united_states(linkers, nlps):
    # The source also gave the state's item to a town of Puerto Rico of the same name; the state keeps it.
    (state,) = [e for e in _generated("Florida", "Region") if e.wikidata == "Q812"]
    words = ["Surfside", ",", "Florida", ",", "United", "States"]
    doc = hand_doc(nlps["en"], words, ents=[(2, 3, "GPE")], pos=["PROPN" if w[:1].isupper() else "PUNCT" for w in words])
    _, gazetteer, _ = blank_pipeline("en")
    doc = linkers["en"](gazetteer(doc))  # the gazetteer names the country (a hand-written entry)
    assert _keys(doc)["Florida"] == state.key


def _inner_event_name_place(linkers, nlps, words: list[str], pos: list[str], name: tuple[int, int], ents=()) -> Doc:
    """Link a doc whose ``name`` span the filter refused as a word of an event's name."""
    from spacy.tokens import Span

    from beslan_kg.nlp.filters import IN_EVENT_NAME, REJECTED_KEY

    doc = hand_doc(nlps["es"], words, ents=list(ents), pos=pos, sent_starts=[i == 0 for i in range(len(words))])
    doc.spans[REJECTED_KEY] = [Span(doc, *name, label=IN_EVENT_NAME)]
    return linkers["es"](doc)


def test_a_place_in_an_event_s_name_is_an_inner_name_not_a_mention_es(linkers, nlps):
    from beslan_kg.nlp.gazetteer import INNER_KEY

    (state,) = _generated("Chiapas", "Region", "Mexico")
    doc = _inner_event_name_place(linkers, nlps, ["Tras", "el", "terremoto", "de", "Chiapas", "llegó", "otro", "."],
                                  ["ADP", "DET", "NOUN", "ADP", "PROPN", "VERB", "DET", "PUNCT"], (4, 5))
    assert [(s.text, s.label_, s.id_) for s in doc.spans[INNER_KEY]] == [("Chiapas", "Place", state.key)]
    assert _keys(doc) == {}


def test_a_place_in_an_event_s_name_is_the_place_the_article_links_by_that_name_es(linkers, nlps):
    from beslan_kg.nlp.gazetteer import INNER_KEY

    # "Puebla" alone is the city or the state; after "Atlixco," the article says it is the state.
    (state,) = _generated("Puebla", "Region", "Mexico")
    words = ["El", "terremoto", "de", "Puebla", "dañó", "Atlixco", ",", "Puebla", "."]
    pos = ["DET", "NOUN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "PUNCT"]
    doc = _inner_event_name_place(linkers, nlps, words, pos, (3, 4), ents=[(5, 6, "LOC"), (7, 8, "LOC")])
    assert [(s.start, s.id_) for s in doc.spans[INNER_KEY]] == [(3, state.key)]
    alone = _inner_event_name_place(linkers, nlps, words[:4] + ["."], pos[:4] + ["PUNCT"], (3, 4))
    assert INNER_KEY not in alone.spans or not alone.spans[INNER_KEY]


@pytest.mark.parametrize("lang, words, ents, expected", [
    # After an of-word at the end of a body's name: the place it serves.
    ("en", ["The", "District", "Court", "of", "Minnesota", "ruled", "."], [(1, 5, "ORG")], [("Minnesota", "Minnesota", "Region")]),
    ("es", ["El", "Gobierno", "de", "España", "dimitió", "."], [(1, 4, "ORG")], [("España", "Spain", "Country")]),
    # A place's name with of-words in it.
    ("es", ["El", "Gobierno", "de", "la", "Ciudad", "de", "México", "dimitió", "."], [(1, 7, "ORG")],
     [("Ciudad de México", "Mexico City", "Settlement")]),
    # Opening a name that ends in a body's head word.
    ("en", ["The", "Brazil", "Supreme", "Court", "ruled", "."], [(1, 4, "ORG")], [("Brazil", "Brazil", "Country")]),
    # After a body's acronym opening the name: the city of its seat.
    ("en", ["The", "KVT", "Madrid", "said", "."], [(1, 3, "ORG")], [("Madrid", "Madrid", "Settlement")]),
    # Opening any other name ("Washington Post"), or the whole name: no inner name.
    ("en", ["The", "Brazil", "Herald", "said", "."], [(1, 3, "ORG")], []),
    ("en", ["The", "Kovat", "Madrid", "said", "."], [(1, 3, "ORG")], []),
    ("es", ["El", "ARA", "Puerto", "Madryn", "zarpó", "."], [(1, 4, "ORG")], []),
    ("en", ["Troops", "left", "Brazil", "."], [(2, 3, "GPE")], []),
])
def test_a_known_place_inside_a_longer_name_is_an_inner_name(linkers, nlps, lang, words, ents, expected):
    doc = _link(linkers, nlps, lang, words, ents)
    inner = [(span.text, KB[span.id_].labels["en"], KB[span.id_].ontology_class) for span in doc.spans.get(INNER_KEY, [])]
    assert inner == expected
    # The longer name stays whole and unlinked.
    if expected:
        assert [(e.text, e.ent_id_) for e in doc.ents] == [(doc[ents[0][0] : ents[0][1]].text, "")]


def test_a_name_the_knowledge_base_knows_only_as_places_is_a_place_even_unlinked_es(linkers, nlps):
    # Three Valencias, alike enough in size that none is linked on a guess: a place all the same.
    valencias = [KB[k] for k in name_index()[fold("Valencia")]]
    assert len(valencias) > 1 and {e.kind for e in valencias} == {"Place"}
    doc = _link(linkers, nlps, "es", ["El", "alcalde", "de", "Valencia", "habló", "."], [(3, 4, "Thing")],
                pos=["DET", "NOUN", "ADP", "PROPN", "VERB", "PUNCT"])
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [("Valencia", "Place", "")]
    # A surname of a person the article names stays the person's.
    words = ["Ana", "Valencia", "habló", ".", "Valencia", "dijo", "."]
    doc = _link(linkers, nlps, "es", words, [(0, 2, "Person"), (4, 5, "Person")],
                pos=["PROPN", "PROPN", "VERB", "PUNCT", "PROPN", "VERB", "PUNCT"])
    assert [(e.text, e.label_) for e in doc.ents] == [("Ana Valencia", "Person"), ("Valencia", "Person")]


def test_the_article_s_other_places_choose_among_namesakes(linkers, nlps):
    # Valencia of Spain, of Venezuela and of the United States: none ten times another's size.
    (venezuelan,) = _generated("Valencia", "Settlement", "Venezuela")
    words = ["Protests", "in", "Valencia", "spread", "."]
    assert _keys(_link(linkers, nlps, "en", words, [(2, 3, "GPE")]))["Valencia"] == ""
    words = ["Protests", "in", "Caracas", ",", "Maracaibo", "and", "Valencia", "spread", "."]
    doc = _link(linkers, nlps, "en", words, [(2, 3, "GPE"), (4, 5, "GPE"), (6, 7, "GPE")])
    assert _keys(doc)["Valencia"] == venezuelan.key


def test_a_name_decided_by_size_is_doubted_where_the_article_s_places_point_to_namesakes(linkers, nlps):
    # "Ontario" is a Canadian province of millions, and two towns of the United States.
    assert len(_generated("Ontario", "Settlement", "United States")) == 2
    doc = _link(linkers, nlps, "en", ["Storms", "hit", "Ontario", "."], [(2, 3, "GPE")])
    assert KB[_keys(doc)["Ontario"]].ontology_class == "Region"
    words = ["Storms", "hit", "Delaware", ",", "Ontario", "and", "South", "Carolina", "."]
    doc = _link(linkers, nlps, "en", words, [(2, 3, "GPE"), (4, 5, "GPE"), (6, 8, "GPE")])
    assert _keys(doc)["Ontario"] == ""  # which of the two, the text does not say


def test_the_table_s_one_small_place_of_a_name_stays_unlinked_among_places_of_another_country(linkers, nlps):
    # The table's one "Leeward Islands" is a region of French Polynesia, of no people counted.
    (islands,) = [KB[k] for k in name_index().get(fold("Leeward Islands"), ())]
    assert islands.prior < 100_000
    doc = _link(linkers, nlps, "en", ["Warnings", "reached", "the", "Leeward", "Islands", "."], [(3, 5, "LOC")])
    assert _keys(doc)["Leeward Islands"] == islands.key
    words = ["Warnings", "reached", "Delaware", ",", "South", "Carolina", "and", "the", "Leeward", "Islands", "."]
    doc = _link(linkers, nlps, "en", words, [(2, 3, "GPE"), (4, 6, "GPE"), (8, 10, "LOC")])
    assert _keys(doc)["Leeward Islands"] == ""


def test_a_town_of_a_country_the_article_does_not_name_needs_to_be_large_to_link(linkers, nlps):
    # The one El Paso of the table is a city of Texas, of fewer than a million people: in a story
    # that names Spain and not the United States, "the town of El Paso" is a town the table lacks.
    (el_paso,) = _generated("El Paso", "Settlement", "United States")
    assert KB.get(el_paso.key).prior < 1_000_000 and len(_generated("El Paso", "Settlement")) == 1
    words = ["Lava", "reached", "the", "town", "of", "El", "Paso", "in", "{}", "."]
    abroad = _link(linkers, nlps, "en", [w.format("Spain") for w in words], [(5, 7, "GPE"), (8, 9, "GPE")])
    assert _keys(abroad) == {"El Paso": "", "Spain": _country("Spain")}
    home = _link(linkers, nlps, "en", [w.format("Texas") for w in words], [(5, 7, "GPE"), (8, 9, "GPE")])
    assert _keys(home)["El Paso"] == el_paso.key
    # Named with no country, it links on its size, as before.
    alone = _link(linkers, nlps, "en", ["Lava", "reached", "El", "Paso", "."], [(2, 4, "GPE")])
    assert _keys(alone) == {"El Paso": el_paso.key}


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["The", "coup", "of", "the", "State", "of", "Peru", "failed", "."]),
    ("es", ["Fracasó", "el", "golpe", "del", "Estado", "de", "Perú", "."]),
])
def test_a_polity_s_name_the_table_lacks_names_its_country(linkers, nlps, lang, words):
    # The model takes "State of Peru" for an organisation; the country is named, and links.
    start = words.index("State" if lang == "en" else "Estado")
    doc = _link(linkers, nlps, lang, words, [(start, start + 3, "ORG")])
    assert _keys(doc) == {words[start + 2]: _country("Peru")}


def test_a_polity_s_name_of_a_country_with_a_division_named_after_it_is_not_the_country(linkers, nlps):
    # "Estado de México" is a state of Mexico: "the State of Mexico" may be it, and is not the country.
    assert _generated("Estado de México", "Region", "Mexico")
    doc = _link(linkers, nlps, "en", ["Floods", "hit", "the", "State", "of", "Mexico", "."], [(3, 6, "GPE")])
    assert _keys(doc).get("Mexico") is None and _country("Mexico") not in _keys(doc).values()


def test_the_capitalised_word_of_a_common_phrase_is_no_cue_to_the_name_after_it_es(linkers, nlps):
    # "estado de X" would call X a state; in "golpe de Estado de Perú" it is the coup's word.
    words = ["Fracasó", "el", "golpe", "de", "Estado", "de", "Perú", "."]
    doc = _link(linkers, nlps, "es", words, [(6, 7, "LOC")])
    assert _keys(doc) == {"Perú": _country("Peru")}


def test_a_person_s_hyphenated_name_is_found_written_without_the_hyphen_en(linkers, nlps):
    names = {fold(n) for e in load_kb().values() for n in e.all_names()}
    hyphenated = [e for e in load_kb().values() if e.generated and e.kind == "Person" and "-" in e.labels["en"]
                  and fold(e.labels["en"].replace("-", " ")) not in names]
    assert hyphenated, "the table holds people whose names have a hyphen"
    for entry in hyphenated:
        assert name_index(None)[fold(entry.labels["en"].replace("-", " "))] == (entry.key,)
    yoon = next(e for e in hyphenated if e.labels["en"] == "Yoon Suk-yeol")
    country = load_kb()[yoon.country].labels["en"]
    words = ["In", *country.split(), ",", "President", "Yoon", "Suk", "Yeol", "spoke", "."]
    n = len(country.split())
    doc = _link(linkers, nlps, "en", words, [(1, 1 + n, "GPE"), (3 + n, 6 + n, "PERSON")])
    assert _keys(doc)["Yoon Suk Yeol"] == yoon.key


@pytest.mark.parametrize("country, linked", [(True, True), (False, False)])
def test_a_name_ending_in_the_word_of_its_class_links_that_class_s_entry_in_a_named_country_en(linkers, nlps, country, linked):
    # "Chiang Rai Province": the province (a region of the table), not the town of that name; only where
    # the article names the province's country.
    region = next(e for e in load_kb().values() if e.generated and e.ontology_class == "Region" and e.labels["en"] == "Chiang Rai")
    assert any(e.ontology_class == "Settlement" and e.labels["en"] == "Chiang Rai" for e in load_kb().values())
    nation = load_kb()[region.country].labels["en"].split()
    words = ["In", "Chiang", "Rai", "Province", *([","] + nation if country else []), "."]
    ents = [(1, 4, "GPE")] + ([(5, 5 + len(nation), "GPE")] if country else [])
    doc = _link(linkers, nlps, "en", words, ents)
    assert _keys(doc)["Chiang Rai Province"] == (region.key if linked else "")


@pytest.mark.parametrize(("country", "linked"), [("Birmania", True), ("Chile", False)])
def test_a_spanish_body_s_name_translated_word_by_word_links_the_one_known_in_english_in_the_article_s_country(linkers, nlps, country, linked):
    # The table knows the party by its English name only; the Spanish name links only in an article on its country.
    (party,) = _generated("National League for Democracy", "PoliticalParty")
    assert fold(party.labels["es"]) == fold(party.labels["en"])
    words = ["La", "Liga", "Nacional", "para", "la", "Democracia", "ganó", "en", country, "."]
    pos = ["DET", "PROPN", "PROPN", "ADP", "DET", "PROPN", "VERB", "ADP", "PROPN", "PUNCT"]
    doc = _link(linkers, nlps, "es", words, [(1, 6, "ORG"), (8, 9, "LOC")], pos=pos)
    assert _keys(doc)["Liga Nacional para la Democracia"] == (party.key if linked else "")


@pytest.mark.parametrize(("region", "linked"), [("Pennsylvania", False), ("Berkshire", True)])
def test_a_town_the_text_locates_in_a_region_of_another_country_stays_unlinked(linkers, nlps, region, linked):
    # The table's one "Reading" is the English town: "Reading, Pennsylvania" is another, which it lacks.
    (reading,) = [KB[k] for k in name_index()[fold("Reading")]]
    (pennsylvania,) = _generated("Pennsylvania", "Region", "United States")
    assert reading.ontology_class == "Settlement" and reading.country != pennsylvania.country
    words = ["Fires", "hit", "Reading", ",", region, ",", "on", "Monday", "."]
    doc = _link(linkers, nlps, "en", words, [(2, 3, "GPE"), (4, 5, "GPE")])
    assert _keys(doc)["Reading"] == (reading.key if linked else "")


@pytest.mark.parametrize(("region", "linked"), [("California", False), ("Canada", True)])
def test_a_region_the_text_locates_in_a_region_of_another_country_stays_unlinked(linkers, nlps, region, linked):
    # The table's largest "Ontario" is the Canadian province: "Ontario, California" is a city.
    (province,) = _generated("Ontario", "Region", "Canada")
    words = ["Planes", "landed", "in", "Ontario", ",", region, ",", "on", "Monday", "."]
    doc = _link(linkers, nlps, "en", words, [(3, 4, "GPE"), (5, 6, "GPE")])
    assert _keys(doc)["Ontario"] == (province.key if linked else "")


def test_a_region_before_a_country_of_another_is_a_list_not_an_address(linkers, nlps):
    (samoa,) = _generated("American Samoa", "Region", "United States")
    words = ["Tsunamis", "hit", "Fiji", ",", "American", "Samoa", ",", "Vanuatu", "and", "Chile", "."]
    doc = _link(linkers, nlps, "en", words, [(2, 3, "GPE"), (4, 6, "GPE"), (7, 8, "GPE"), (9, 10, "GPE")])
    assert _keys(doc)["American Samoa"] == samoa.key


def test_a_city_of_millions_stays_itself_beside_the_small_namesakes_of_the_article_s_country(linkers, nlps):
    # Two places of the United States, and "London": the capital, not a town of a few thousand in Ohio.
    (capital,) = _generated("London", "Settlement", "United Kingdom")
    assert any(KB[k].country == _country("United States") and KB[k].prior * 10 < capital.prior for k in name_index()[fold("London")])
    words = ["Storms", "hit", "Houston", "and", "Akron", ";", "flights", "to", "London", "were", "cancelled", "."]
    doc = _link(linkers, nlps, "en", words, [(2, 3, "GPE"), (4, 5, "GPE"), (8, 9, "GPE")])
    assert _keys(doc)["London"] == capital.key


@pytest.mark.parametrize(
    ("lang", "words", "ents"),
    [
        # The demonym before a body's name, or after it in Spanish, says whose body it is.
        ("en", ["The", "Peruvian", "National", "Police", "said", "so", "."], [(1, 4, "ORG")]),
        ("es", ["La", "Policía", "Nacional", "peruana", "lo", "dijo", "."], [(1, 3, "ORG")]),
    ],
)
def test_a_body_s_name_said_of_its_country_by_a_demonym_links_the_body_of_that_country(linkers, nlps, lang, words, ents):
    (police,) = _generated("National Police of Peru", "SecurityAgency", "Peru")
    doc = _link(linkers, nlps, lang, words, ents)
    assert [ent.ent_id_ for ent in doc.ents] == [police.key]
    # Another country's demonym names no body of Peru.
    other = [w.replace("Peruvian", "Chilean").replace("peruana", "chilena") for w in words]
    assert police.key not in [ent.ent_id_ for ent in _link(linkers, nlps, lang, other, ents).ents]


def test_a_place_s_name_that_begins_a_body_s_name_links_only_in_an_article_of_its_country(linkers, nlps):
    # The state of Colorado is in the table, large and alone under its name: the situation relied on.
    [state] = _generated("Colorado", "Region", "United States")
    words = ["The", "Colorado", "candidate", "won", "in", "Paraguay", ".", "The", "Colorado", "Tarvisa", "Party", "ruled", "."]
    ents = [(1, 2, "Place"), (5, 6, "Place"), (8, 11, "Organization")]
    # In a story of Paraguay, "Colorado" is the short name of the party it begins.
    assert _keys(_link(linkers, nlps, "en", words, ents))["Colorado"] == ""
    # In a story of its own country (named as the gazetteer finds it), it is the state.
    words = ["The", "Colorado", "candidate", "won", "in", "the", "United", "States", ".", "The", "Colorado", "Tarvisa", "Party", "ruled", "."]
    doc = hand_doc(nlps["en"], words, pos=["PROPN" if w[:1].isupper() else "X" for w in words], sent_starts=[i == 0 for i in range(len(words))])
    doc.ents = [Span(doc, 1, 2, label="Place"), Span(doc, 6, 8, label="Place", span_id=state.country), Span(doc, 10, 13, label="Organization")]
    assert _keys(linkers["en"](doc))["Colorado"] == state.key
    # With no body of that name, the state links as before.
    words = ["The", "Colorado", "candidate", "won", "in", "Paraguay", "."]
    assert _keys(_link(linkers, nlps, "en", words, [(1, 2, "Place"), (5, 6, "Place")]))["Colorado"] == state.key


def test_a_known_name_with_lower_case_words_is_found_whole_from_the_model_s_part_of_it(linkers, nlps):
    (party,) = _generated("Unión por el Perú", "PoliticalParty")
    (country,) = _generated("Perú", "Country")
    words = ["En", "Perú", ",", "votó", "Unión", "por", "el", "Perú", "."]
    # The model took the party's first word for a place and the country apart.
    doc = _link(linkers, nlps, "es", words, [(1, 2, "LOC"), (4, 5, "LOC"), (7, 8, "LOC")])
    assert _keys(doc) == {"Perú": country.key, "Unión por el Perú": party.key}
    assert party.country == country.key
    # Words the table does not hold whole stay the model's ("Unión" por el "Perú" of no known name).
    doc = _link(linkers, nlps, "es", [*words[:5], "por", "el", "Chad", "."], [(1, 2, "LOC"), (4, 5, "LOC"), (7, 8, "LOC")])
    assert "Unión por el Chad" not in _keys(doc)


def test_a_city_under_a_million_in_a_country_the_article_names_no_place_of_stays_unlinked(linkers, nlps):
    # The table's Windsors are Canadian, the larger of some 300,000 people; an article of two
    # British cities is of a Windsor the table lacks.
    windsors = _generated("Windsor", "Settlement")
    assert windsors and all(KB[e.country].labels["en"] == "Canada" and e.prior < 1_000_000 for e in windsors)
    words = ["From", "London", "and", "Edinburgh", "it", "went", "to", "Windsor", "."]
    doc = _link(linkers, nlps, "en", words, [(1, 2, "GPE"), (3, 4, "GPE"), (7, 8, "GPE")])
    assert _keys(doc)["Windsor"] == ""
    # Alone, or beside a place of its own country, it is the city the table knows.
    assert _keys(_link(linkers, nlps, "en", ["It", "went", "to", "Windsor", "."], [(3, 4, "GPE")]))["Windsor"] == max(windsors, key=lambda e: e.prior).key
    doc = _link(linkers, nlps, "en", ["From", "Toronto", "and", "London", "to", "Windsor", "."], [(1, 2, "GPE"), (3, 4, "GPE"), (5, 6, "GPE")])
    assert _keys(doc)["Windsor"] == max(windsors, key=lambda e: e.prior).key
    # A city of a million people is the one meant wherever the text is.
    doc = _link(linkers, nlps, "en", ["From", "London", "and", "Edinburgh", "to", "Toronto", "."], [(1, 2, "GPE"), (3, 4, "GPE"), (5, 6, "GPE")])
    assert KB[_keys(doc)["Toronto"]].prior >= 1_000_000


@pytest.mark.parametrize(("spanish", "english", "country"), [("Hawái", "Hawaii", "United States"), ("Baja Sajonia", "Lower Saxony", "Germany")])
def test_a_division_s_spanish_name_links_the_division(linkers, nlps, spanish, english, country):
    # ontology/kb-names.yaml gives the divisions the sources name in English only their Spanish names.
    (division,) = _generated(english, "Region", country)
    words = ["Llovió", "en", *spanish.split(), "."]
    doc = _link(linkers, nlps, "es", words, [(2, 2 + len(spanish.split()), "LOC")])
    assert _keys(doc) == {spanish: division.key}


def test_an_acronym_that_is_an_entry_s_own_name_in_the_text_s_language_links(linkers, nlps):
    # "OTAN" is NATO's Spanish name (ontology/kb-names.yaml), as "NATO" is its English one.
    (nato,) = [KB[k] for k in name_index()[fold("NATO")]]
    assert nato.labels["es"] == "OTAN"
    doc = _link(linkers, nlps, "es", ["La", "OTAN", "habló", "."], [(1, 2, "ORG")], pos=["DET", "PROPN", "VERB", "PUNCT"])
    assert _keys(doc) == {"OTAN": nato.key}


@pytest.mark.parametrize(
    ("lang", "words", "lemmas", "morph", "ents", "kinds"),
    [
        # "los partidos A, B y C": each name of the list is a party's, whatever the model guessed.
        ("es", "las bancadas de los partidos Varnholt Libre , Halden Unido y Acme Nuevo votaron".split(),
         {4: "partido"}, {4: "Number=Plur"}, [(5, 7, "ORG"), (8, 10, "LOC"), (11, 13, "PER")],
         {"Varnholt Libre": "Organization", "Halden Unido": "Organization", "Acme Nuevo": "Organization"}),
        ("en", "the carmakers Varnholt , Halden , and Acme cut jobs".split(),
         {1: "carmaker"}, {1: "Number=Plur"}, [(2, 3, "ORG"), (4, 5, "GPE"), (7, 8, "PERSON")],
         {"Varnholt": "Organization", "Halden": "Organization", "Acme": "Organization"}),
        # One name is no list, nor a noun of no kind ("los votantes A y B"), nor a singular noun.
        ("es", "los partidos Varnholt Libre votaron".split(), {1: "partido"}, {1: "Number=Plur"}, [(2, 4, "LOC")],
         {"Varnholt Libre": "Place"}),
        ("es", "los votantes Varnholt y Halden votaron".split(), {1: "votante"}, {1: "Number=Plur"}, [(2, 3, "PER"), (4, 5, "LOC")],
         {"Varnholt": "Person", "Halden": "Place"}),
        ("es", "el partido Varnholt y Halden votaron".split(), {1: "partido"}, {1: "Number=Sing"}, [(2, 3, "PER"), (4, 5, "LOC")],
         {"Varnholt": "Person", "Halden": "Place"}),
        # A name the knowledge base knows keeps its own kind.
        ("es", "los partidos Varnholt Libre y Alemania votaron".split(), {1: "partido"}, {1: "Number=Plur"}, [(2, 4, "PER"), (5, 6, "LOC")],
         {"Varnholt Libre": "Organization", "Alemania": "Place"}),
    ],
)
def test_names_listed_after_a_plural_noun_of_a_kind_are_of_that_kind(linkers, nlps, lang, words, lemmas, morph, ents, kinds):
    pos = ["NOUN" if i in lemmas else "PROPN" if w[:1].isupper() else "PUNCT" if w == "," else "X" for i, w in enumerate(words)]
    doc = hand_doc(nlps[lang], words, ents=ents, pos=pos, lemmas=[lemmas.get(i, w) for i, w in enumerate(words)],
                   morphs=[morph.get(i, "") for i in range(len(words))], sent_starts=[i == 0 for i in range(len(words))])
    doc = linkers[lang](doc)
    assert {ent.text: ent.label_ if ent.label_ in ("Organization", "Place", "Person", "Thing") else linkers[lang].kinds[ent.label_]
            for ent in doc.ents} == kinds
