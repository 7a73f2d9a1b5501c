"""Tests of the knowledge-base gazetteer component.

Docs come from blank pipelines (no statistical model); the "model" entities a
test needs are set by hand. Expected keys and kinds are read off the input
text and ``ontology/kb.yaml``.
"""

from __future__ import annotations

import pytest
import spacy
from conftest import LANGS, blank_pipeline, hand_doc
from spacy.tokens import Doc

from beslan_kg.nlp.gazetteer import DEMONYM, DEMONYM_KEY, INNER_KEY, MADE_KEY, GazetteerMatches


@pytest.fixture(scope="module")
def gazetteers():
    """The gazetteer on each blank pipeline of the ``nlps`` fixture."""
    return {lang: blank_pipeline(lang).gazetteer for lang in LANGS}


@pytest.fixture(scope="module")
def annotate(nlps, gazetteers):
    """Run the gazetteer on a text of a language, without any model entities."""
    def run(lang: str, text: str) -> Doc:
        return gazetteers[lang](nlps[lang].make_doc(text))

    return run


def _ents(doc: Doc) -> list[tuple[str, str, str]]:
    """Return the Doc's entities as ``(text, label, ent_id)`` triples, in order."""
    return [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents]


def _with_model_ents(nlp, text: str, ents: list[tuple[str, str]]) -> Doc:
    """Return a Doc of ``text`` whose entities are set as a statistical model would.

    Args:
        nlp: A blank pipeline.
        text: The sentence.
        ents: ``(surface text, label)`` pairs, each occurring once in ``text``.
    """
    doc = nlp.make_doc(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, f"{surface!r} does not align with tokens"
        spans.append(span)
    doc.ents = spans
    return doc


# --------------------------------------------------------------------------
# Names become entities


def test_kb_names_become_entities_with_key_and_kind(annotate):
    doc = annotate("en", "Shamil Basayev led the raid on Budyonnovsk in June 1995.")
    assert _ents(doc) == [
        ("Shamil Basayev", "Person", "shamil-basayev"),
        ("Budyonnovsk", "Place", "budyonnovsk"),
    ]


def test_organisation_and_event_names_carry_their_kind(annotate):
    doc = annotate("es", "La ONU condenó la toma de rehenes del hospital de Budiónnovsk.")
    # The event's name contains the hospital's name; the longer name wins.
    assert _ents(doc) == [
        ("ONU", "Organization", "united-nations"),
        ("toma de rehenes del hospital de Budiónnovsk", "Event", "budyonnovsk-hospital-hostage-crisis"),
    ]


def test_a_name_of_another_language_is_found_too(annotate):
    # Spanish text often keeps the English transliteration of a name.
    doc = annotate("es", "Basayev y sus hombres huyeron hacia Chechenia.")
    assert _ents(doc) == [
        ("Basayev", "Person", "shamil-basayev"),
        ("Chechenia", "Place", "chechnya"),
    ]


# --------------------------------------------------------------------------
# Case


def test_one_token_names_match_case_sensitively(annotate):
    # "UN" is a name of the United Nations; the Spanish article "un"/"Un" is not.
    doc = annotate("es", "Un portavoz de la ONU dijo que un rehén murió en Moscú.")
    assert _ents(doc) == [
        ("ONU", "Organization", "united-nations"),
        ("Moscú", "Place", "moscow"),
    ]


@pytest.mark.parametrize(
    ("lang", "text", "name", "key"),
    [
        ("en", "Survivors of the moscow theatre siege met on Friday.", "moscow theatre siege",
         "moscow-theatre-hostage-crisis"),
        ("en", "SURVIVORS OF THE MOSCOW THEATRE SIEGE MEET", "MOSCOW THEATRE SIEGE",
         "moscow-theatre-hostage-crisis"),
        ("es", "ANIVERSARIO DE LA CRISIS DE REHENES DE BUDIÓNNOVSK", "CRISIS DE REHENES DE BUDIÓNNOVSK",
         "budyonnovsk-hospital-hostage-crisis"),
        ("es", "Veteranos del grupo alfa declararon ante el juez.", "grupo alfa", "alpha-group"),
    ],
)
def test_names_of_several_tokens_match_in_any_case(annotate, lang, text, name, key):
    doc = annotate(lang, text)
    assert [(ent.text, ent.ent_id_) for ent in doc.ents] == [(name, key)]


def test_one_token_names_in_the_wrong_case_do_not_match(annotate):
    # Only places are written in capitals (datelines); "KREMLIN" is no name.
    doc = annotate("en", "MOSCOW SAYS THE KREMLIN WAS WARNED")
    assert [(e.text, e.ent_id_) for e in doc.ents] == [("MOSCOW", "moscow")]
    assert list(annotate("es", "Un tribunal de Moscú").ents)[0].ent_id_ == "moscow"
    assert [e.text for e in annotate("es", "Un tribunal de Moscú").ents] == ["Moscú"]


@pytest.mark.parametrize("lang, text, key", [
    ("en", "MOSCOW, July 10 — The FSB said", "moscow"),
    ("es", "MOSCÚ, 31 de marzo de 2010. El líder", "moscow"),
    ("es", "NALCHIK (Rusia). Los ataques", "nalchik"),
    # Not a place: no name in capitals but a place's.
    ("en", "REUTERS - The FSB said", None),
])
def test_a_dateline_in_capitals_names_its_place(annotate, lang, text, key):
    first = annotate(lang, text)[0]
    assert (first.ent_id_ or None) == key
    if key:
        assert first.ent_type_ == "Place"


# --------------------------------------------------------------------------
# Accents


@pytest.mark.parametrize(
    ("lang", "text", "name", "key"),
    [
        # The KB spells these only with accents (Budiónnovsk, Moscú, Aslán Masjádov).
        ("es", "Los heridos fueron trasladados de Budionnovsk a Moscu.", "Budionnovsk", "budyonnovsk"),
        ("es", "Los heridos fueron trasladados de Budionnovsk a Moscu.", "Moscu", "moscow"),
        ("es", "Aslan Masjadov negó haber ordenado el ataque.", "Aslan Masjadov", "aslan-maskhadov"),
        # Both spellings are names of the same entry.
        ("es", "Los heridos de Beslan fueron trasladados.", "Beslan", "beslan"),
        ("en", "Survivors of Beslán met in Vladikavkaz.", "Beslán", "beslan"),
        ("en", "Basáyev claimed the raid.", "Basáyev", "shamil-basayev"),
        ("es", "Basáyev reivindicó el ataque.", "Basáyev", "shamil-basayev"),
    ],
)
def test_names_match_with_or_without_accents(annotate, lang, text, name, key):
    doc = annotate(lang, text)
    assert (name, key) in [(ent.text, ent.ent_id_) for ent in doc.ents]


# --------------------------------------------------------------------------
# Overlaps with the model's entities


def test_a_kb_match_wins_over_an_overlapping_model_entity(nlps, gazetteers):
    doc = _with_model_ents(
        nlps["en"],
        "Gunmen held the Dubrovka Theatre in Moscow for three days.",
        [("the Dubrovka", "ORG"), ("three days", "DATE")],
    )
    gazetteers["en"](doc)
    assert _ents(doc) == [
        ("Dubrovka Theatre", "Place", "dubrovka-theatre"),
        ("Moscow", "Place", "moscow"),
        # Overlapping nothing known, the model's entity stays as it was.
        ("three days", "DATE", ""),
    ]


def test_a_kb_match_inside_a_longer_model_entity_replaces_it(nlps, gazetteers):
    doc = _with_model_ents(
        nlps["en"],
        "Gunmen held the Dubrovka Theatre in Moscow for three days.",
        [("Dubrovka Theatre in Moscow", "FAC")],
    )
    gazetteers["en"](doc)
    assert _ents(doc) == [
        ("Dubrovka Theatre", "Place", "dubrovka-theatre"),
        ("Moscow", "Place", "moscow"),
    ]


@pytest.mark.parametrize(
    ("text", "model", "expected"),
    [
        ("Dana Kowal's Twitter lost advertisers.", "Dana Kowal's Twitter", [("Dana Kowal", "PERSON", ""), ("Twitter", "Organization", "twitter")]),
        ("Twitter's Dana Kowal resigned.", "Twitter's Dana Kowal", [("Twitter", "Organization", "twitter"), ("Dana Kowal", "PERSON", "")]),
        # Without a possessive, the rest of the model's span is no name of its own.
        ("The Twitter Files leaked.", "Twitter Files", [("Twitter", "Organization", "twitter")]),
    ],
)
def test_the_owner_a_model_entity_holds_beside_a_known_name_is_kept(nlps, gazetteers, text, model, expected):
    doc = _with_model_ents(nlps["en"], text, [(model, "PERSON")])
    gazetteers["en"](doc)
    assert _ents(doc) == expected


@pytest.mark.parametrize(
    ("lang", "words_pos", "person", "expected"),
    [
        # A known country's name opening a person's name is the person's given name.
        ("es", "Su/DET fórmula/NOUN ,/PUNCT Francia/PROPN Ortiz/PROPN ,/PUNCT habló/VERB", (3, 5), [("Francia Ortiz", "PER", "")]),
        ("en", "Georgia/PROPN Varga/PROPN won/VERB the/DET race/NOUN", (0, 2), [("Georgia Varga", "PERSON", "")]),
        # After a preposition the model ran the place and a person into one name; before a title, the office is the place's.
        ("es", "En/ADP Francia/PROPN Ortiz/PROPN habló/VERB", (1, 3), [("Francia", "Place", "france")]),
        ("en", "Georgia/PROPN Governor/PROPN Varga/PROPN spoke/VERB", (0, 3), [("Georgia", "Place", "georgia")]),
    ],
)
def test_a_known_place_opening_a_person_s_name_is_the_given_name(nlps, gazetteers, lang, words_pos, person, expected):
    pairs = [item.rsplit("/", 1) for item in words_pos.split()]
    doc = hand_doc(nlps[lang], [w for w, _ in pairs], ents=[(*person, "PER" if lang == "es" else "PERSON")], pos=[p for _, p in pairs])
    gazetteers[lang](doc)
    assert _ents(doc) == expected


def test_model_entities_of_unknown_names_are_kept(nlps, gazetteers):
    doc = _with_model_ents(nlps["es"], "Ajmed Zakáyev habló desde Londres.", [("Ajmed Zakáyev", "PER"), ("Londres", "LOC")])
    gazetteers["es"](doc)
    assert _ents(doc) == [("Ajmed Zakáyev", "PER", ""), ("Londres", "LOC", "")]


# --------------------------------------------------------------------------
# Demonyms


def test_demonyms_are_kept_apart_from_entities(annotate):
    doc = annotate("es", "Los combatientes chechenos retuvieron a varios rehenes rusos.")
    assert list(doc.ents) == []
    assert [(span.text, span.label_, span.id_) for span in doc.spans[DEMONYM_KEY]] == [
        ("chechenos", DEMONYM, "chechnya"),
        ("rusos", DEMONYM, "russia"),
    ]


def test_a_demonym_inside_a_known_name_is_not_a_demonym(annotate):
    # "Russian special forces" is a name of the Spetsnaz; its "Russian" is part of it.
    doc = annotate("en", "Chechen gunmen fought Russian special forces in Pervomayskoye.")
    assert _ents(doc) == [
        ("Russian special forces", "Organization", "spetsnaz"),
        ("Pervomayskoye", "Place", "pervomayskoye"),
    ]
    assert [(span.text, span.id_) for span in doc.spans[DEMONYM_KEY]] == [("Chechen", "chechnya")]


def test_demonyms_match_in_any_case(annotate):
    doc = annotate("en", "Ukrainian and GEORGIAN officials condemned the raid.")
    assert [(span.text, span.id_) for span in doc.spans[DEMONYM_KEY]] == [
        ("Ukrainian", "ukraine"),
        ("GEORGIAN", "georgia"),
    ]


# --------------------------------------------------------------------------
# Matching is apart from annotating


def test_match_does_not_modify_the_doc(nlps, gazetteers):
    doc = _with_model_ents(nlps["en"], "Chechen gunmen held the Dubrovka Theatre.", [("the Dubrovka", "ORG")])
    before = doc.to_bytes()
    entities, demonyms, inner = gazetteers["en"].match(doc)
    assert doc.to_bytes() == before
    assert DEMONYM_KEY not in doc.spans
    assert [(ent.text, ent.label_) for ent in doc.ents] == [("the Dubrovka", "ORG")]
    # What match() found is what set_annotations() writes.
    assert [(span.text, span.label_) for span in entities] == [("Dubrovka Theatre", "Place")]
    assert [span.text for span in demonyms] == ["Chechen"]
    gazetteers["en"].set_annotations(doc, (entities, demonyms, inner))
    assert _ents(doc) == [("Dubrovka Theatre", "Place", "dubrovka-theatre")]


def test_the_factory_adds_the_component_to_a_pipeline():
    nlp = spacy.blank("es")
    nlp.add_pipe("beslan_gazetteer")
    doc = nlp("El Kremlin guardó silencio.")
    assert [(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents] == [("Kremlin", "Organization", "kremlin")]
    assert len(doc.spans[DEMONYM_KEY]) == 0


# --------------------------------------------------------------------------
# Names inside longer names


def test_match_returns_entities_demonyms_and_inner_names(nlps, gazetteers):
    doc = nlps["en"].make_doc("Chechen gunmen seized the Budyonnovsk hospital.")
    found = gazetteers["en"].match(doc)
    assert isinstance(found, GazetteerMatches)
    assert [(span.text, span.id_) for span in found.entities] == [("Budyonnovsk hospital", "budyonnovsk-hospital")]
    assert [(span.text, span.id_) for span in found.demonyms] == [("Chechen", "chechnya")]
    # The town's name is part of the hospital's name: an inner name, not an entity.
    assert [(span.text, span.label_, span.id_) for span in found.inner] == [("Budyonnovsk", "Place", "budyonnovsk")]


def test_a_known_name_inside_a_longer_known_name_is_kept_apart(annotate):
    doc = annotate("en", "Survivors of the Budyonnovsk hospital met in Moscow.")
    assert _ents(doc) == [
        ("Budyonnovsk hospital", "Place", "budyonnovsk-hospital"),
        ("Moscow", "Place", "moscow"),
    ]
    assert [(span.text, span.label_, span.id_) for span in doc.spans[INNER_KEY]] == [
        ("Budyonnovsk", "Place", "budyonnovsk"),
    ]


def test_a_known_name_standing_alone_is_no_inner_name(annotate):
    doc = annotate("es", "Los heridos llegaron a Budiónnovsk.")
    assert _ents(doc) == [("Budiónnovsk", "Place", "budyonnovsk")]
    assert list(doc.spans[INNER_KEY]) == []


def test_a_demonym_inside_a_known_name_is_an_inner_name_es(annotate):
    # "Gobierno ruso" is a name of the Government of Russia (ontology/kb.yaml).
    doc = annotate("es", "El Gobierno ruso negó las acusaciones.")
    assert _ents(doc) == [("Gobierno ruso", "Organization", "government-of-russia")]
    assert list(doc.spans[DEMONYM_KEY]) == []
    assert [(span.text, span.label_, span.id_) for span in doc.spans[INNER_KEY]] == [("ruso", DEMONYM, "russia")]


def test_a_demonym_inside_a_known_name_is_an_inner_name_en(annotate):
    doc = annotate("en", "Russian special forces stormed the building.")
    assert _ents(doc) == [("Russian special forces", "Organization", "spetsnaz")]
    assert [(span.text, span.label_, span.id_) for span in doc.spans[INNER_KEY]] == [("Russian", DEMONYM, "russia")]


@pytest.mark.parametrize(
    ("lang", "text", "document"),
    [
        # A known name a document is named after: the document, unlinked, not a mention of it.
        ("es", "El Gobierno aprobó la Ley de Amnistía ayer.", "Ley de Amnistía"),
        ("en", "The Amnesty Law passed.", "Amnesty Law"),
    ],
)
def test_a_known_name_in_a_document_s_name_makes_the_document(annotate, lang, text, document):
    # "Amnistía", "Amnesty" are kb.yaml's short names of Amnesty International.
    assert _ents(annotate(lang, text)) == [(document, "Thing", "")]
    alone = text.replace(document, "Amnistía" if lang == "es" else "Amnesty")
    assert [key for _, _, key in _ents(annotate(lang, alone))] == ["amnesty-international"]


def test_a_known_country_opening_a_body_s_name_is_an_inner_name(nlps, gazetteers):
    # The model's "The United States Supreme Court" ends in a body's head word: the court's
    # name stays whole and the country is a name inside it.
    doc = _with_model_ents(nlps["en"], "The United States Supreme Court ruled.", [("The United States Supreme Court", "ORG")])
    doc = gazetteers["en"](doc)
    assert _ents(doc) == [("The United States Supreme Court", "ORG", "")]
    assert [(span.text, span.id_) for span in doc.spans[INNER_KEY]] == [("United States", "united-states")]
    # So does a body's head word before its of-word.
    doc = _with_model_ents(nlps["en"], "The United States Department of Commerce said.", [("The United States Department of Commerce", "ORG")])
    doc = gazetteers["en"](doc)
    assert _ents(doc) == [("The United States Department of Commerce", "ORG", "")]
    # Before words that do not say the whole is a body, the known name wins as before.
    doc = _with_model_ents(nlps["en"], "The United States Open began.", [("The United States Open", "ORG")])
    doc = gazetteers["en"](doc)
    assert _ents(doc) == [("United States", "Place", "united-states")]


def test_a_known_organisation_opening_a_body_s_name_is_an_inner_name(nlps, gazetteers):
    # "the United Nations Office": a body's head word right after the known name makes the whole the body's.
    doc = _with_model_ents(nlps["en"], "The United Nations Office for Halden said so.", [("The United Nations Office", "ORG")])
    doc = gazetteers["en"](doc)
    assert _ents(doc) == [("The United Nations Office", "ORG", "")]
    assert [(span.text, span.id_) for span in doc.spans[INNER_KEY]] == [("United Nations", "united-nations")]
    # Any other word after it leaves the known name the entity.
    doc = _with_model_ents(nlps["en"], "The United Nations Halden said so.", [("The United Nations Halden", "ORG")])
    doc = gazetteers["en"](doc)
    assert _ents(doc) == [("United Nations", "Organization", "united-nations")]


@pytest.mark.parametrize(
    ("words_pos", "model", "expected", "made"),
    [
        # The model named a work or a product that a known organisation's name opens: what it makes.
        ("they/PRON watched/VERB it/PRON on/ADP Facebook/PROPN Live/PROPN", (4, 6, "WORK_OF_ART"),
         [("Facebook Live", "WORK_OF_ART", "")], ["Facebook Live"]),
        ("they/PRON watched/VERB it/PRON on/ADP Facebook/PROPN Live/PROPN", (4, 6, "PRODUCT"),
         [("Facebook Live", "PRODUCT", "")], ["Facebook Live"]),
        # A title or role, a month or weekday after it: the organisation, whatever the model said.
        ("Facebook/PROPN CEO/PROPN Varga/PROPN spoke/VERB", (0, 2, "WORK_OF_ART"), [("Facebook", "Organization", "facebook")], []),
        ("Facebook/PROPN Monday/PROPN removed/VERB it/PRON", (0, 2, "WORK_OF_ART"), [("Facebook", "Organization", "facebook")], []),
        # A lower-case word, or a body the model named: the known name wins as before.
        ("on/ADP Facebook/PROPN live/ADJ", (1, 3, "WORK_OF_ART"), [("Facebook", "Organization", "facebook")], []),
        ("on/ADP Facebook/PROPN Live/PROPN", (1, 3, "ORG"), [("Facebook", "Organization", "facebook")], []),
    ],
)
def test_a_known_organisation_opening_a_thing_the_model_named_is_its_maker(nlps, gazetteers, words_pos, model, expected, made):
    pairs = [item.rsplit("/", 1) for item in words_pos.split()]
    doc = hand_doc(nlps["en"], [w for w, _ in pairs], ents=[model], pos=[p for _, p in pairs])
    gazetteers["en"](doc)
    assert _ents(doc) == expected
    assert [span.text for span in doc.spans[MADE_KEY]] == made
    assert [(span.text, span.id_) for span in doc.spans[INNER_KEY]] == ([("Facebook", "facebook")] if made else [])


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("en", "Vladimir Putin Jr. spoke, and then Vladimir Putin spoke.", "Vladimir Putin"),
        ("en", "Vladimir Putin, Jr. spoke, and then Vladimir Putin spoke.", "Vladimir Putin"),
        ("es", "Habló Vladímir Putin hijo; después habló Vladímir Putin.", "Vladímir Putin"),
    ],
)
def test_a_known_person_s_name_before_a_generational_suffix_is_another_person(annotate, lang, text, name):
    # "Jr.", "hijo": the son (or the father) of the known person, not linked to the known one.
    doc = annotate(lang, text)
    assert [(ent.text, ent.ent_id_, ent.start_char) for ent in doc.ents] == [(name, "vladimir-putin", text.rindex(name))]


def test_a_known_person_s_name_before_a_relative_s_noun_of_someone_is_that_person_es(annotate):
    # "padre de la víctima" says whose father he is: no suffix of his name.
    text = "Habló Vladímir Putin, padre de la víctima."
    assert [ent.ent_id_ for ent in annotate("es", text).ents] == ["vladimir-putin"]


@pytest.mark.parametrize(("text", "model", "other"), [
    ("The Halden Foundation and Human Rights Watch said so.", "The Halden Foundation and Human Rights Watch", "Halden Foundation"),
    ("Human Rights Watch and the Halden Foundation said so.", "Human Rights Watch and the Halden Foundation", "Halden Foundation"),
])
def test_a_name_coordinated_with_a_known_one_in_a_model_entity_is_a_name_of_its_own(nlps, gazetteers, text, model, other):
    # The model ran two bodies into one name: the known one wins, and the other stays a name.
    doc = gazetteers["en"](_with_model_ents(nlps["en"], text, [(model, "ORG")]))
    assert sorted(_ents(doc)) == sorted([(other, "ORG", ""), ("Human Rights Watch", "Organization", "human-rights-watch")])


@pytest.mark.parametrize(("lang", "text", "model", "inner"), [
    ("es", "La Oficina de Halden de las Naciones Unidas habló.", "Oficina de Halden de las Naciones Unidas", "Naciones Unidas"),
    ("en", "The Office of the United Nations High Commissioner said so.", "Office of the United Nations High Commissioner", "United Nations"),
])
def test_a_known_organisation_after_an_of_word_in_a_body_s_name_is_an_inner_name(nlps, gazetteers, lang, text, model, inner):
    # The body the model named whole is of the known organisation, whose name is inside it.
    doc = gazetteers[lang](_with_model_ents(nlps[lang], text, [(model, "ORG")]))
    assert _ents(doc) == [(model, "ORG", "")]
    assert [span.text for span in doc.spans[INNER_KEY]] == [inner]
