"""Tests of the entity filter component.

Each Doc is built by hand with the parts of speech and entity labels a small
statistical model gives, noise included; no model is loaded.
"""

from __future__ import annotations

import pytest
import spacy
from conftest import LANGS, blank_pipeline, hand_doc, parse_table
from spacy.tokens import Doc, Span

from beslan_kg.nlp.filters import MAX_LONG_NAME, MODEL_LABELS_KEY, REJECTED_KEY
from beslan_kg.nlp.gazetteer import DEMONYM, DEMONYM_KEY


@pytest.fixture(scope="module")
def filters():
    """The entity filter on each blank pipeline of the ``nlps`` fixture."""
    return {lang: blank_pipeline(lang).entity_filter for lang in LANGS}


def tagged(nlp, words_pos: str, ents: list[tuple[int, int, str]]) -> Doc:
    """Build a Doc with parts of speech and model entities.

    Args:
        nlp: A blank pipeline of the text's language.
        words_pos: ``word/POS`` pairs separated by spaces.
        ents: ``(start, end, label)`` token spans the model tagged.
    """
    pairs = [item.rsplit("/", 1) for item in words_pos.split()]
    return hand_doc(nlp, [w for w, _ in pairs], ents=ents, pos=[p for _, p in pairs])


# --------------------------------------------------------------------------
# Rejected entities


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "reason"),
    [
        # An adverb at the start of a sentence, capitalised, tagged as a name.
        ("es", "Rápidamente/ADV la/DET policía/NOUN rodeó/VERB el/DET teatro/NOUN ./PUNCT",
         (0, 1, "MISC"), "starts with ADV"),
        ("en", "Meanwhile/ADV ,/PUNCT troops/NOUN surrounded/VERB the/DET hospital/NOUN ./PUNCT",
         (0, 1, "ORG"), "starts with ADV"),
        # A clause tagged as one entity.
        ("es", "Los/DET secuestradores/NOUN liberaron/VERB a/ADP los/DET niños/NOUN ./PUNCT",
         (0, 6, "MISC"), "contains a verb"),
        ("es", "La/DET operación/NOUN fue/AUX caótica/ADJ ./PUNCT", (0, 4, "MISC"), "contains a verb"),
        # Common nouns in lower case.
        ("en", "Troops/NOUN freed/VERB the/DET hostages/NOUN ./PUNCT", (3, 4, "ORG"), "lower case"),
        ("es", "Llegó/VERB la/DET policía/NOUN rusa/ADJ ./PUNCT", (1, 4, "ORG"), "lower case"),
        # Capitalised, but no proper noun in it.
        ("es", "Las/DET Fuerzas/NOUN Especiales/ADJ entraron/VERB ./PUNCT", (0, 3, "ORG"), "no proper noun"),
        # Labels that never make entities: dates and numbers are the temporal matcher's.
        ("en", "Chechen/PROPN gunmen/NOUN fled/VERB ./PUNCT", (0, 1, "NORP"), "label NORP"),
        ("en", "In/ADP October/PROPN 2002/NUM gunmen/NOUN struck/VERB ./PUNCT", (1, 3, "DATE"), "label DATE"),
        ("en", "Gunmen/NOUN held/VERB 850/NUM people/NOUN ./PUNCT", (2, 3, "CARDINAL"), "label CARDINAL"),
        # A people tagged as a place.
        ("en", "Chechens/PROPN seized/VERB the/DET theatre/NOUN ./PUNCT", (0, 1, "GPE"), "demonym"),
        ("es", "Los/DET chechenos/PROPN tomaron/VERB el/DET teatro/NOUN ./PUNCT", (1, 2, "LOC"), "demonym"),
        # Labels with a number in them.
        ("en", "Gunmen/NOUN stormed/VERB Hospital/PROPN 2/NUM ./PUNCT", (2, 4, "FAC"), "contains a number"),
    ],
)
def test_noise_is_rejected_with_its_reason(nlps, filters, lang, words_pos, ent, reason):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert list(doc.ents) == []
    start, end, _ = ent
    # What is refused is the span once cleaned ("Las Fuerzas Especiales" without its article).
    [rejected] = doc.spans[REJECTED_KEY]
    assert rejected.label_ == reason and start <= rejected.start and rejected.end == end
    assert list(doc.spans[MODEL_LABELS_KEY]) == []


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "reason"),
    [
        # Time zones, scales, units and Roman numerals, whatever label the model gave.
        ("en", "The/DET quake/NOUN struck/VERB at/ADP 13:14/NUM CDT/PROPN ./PUNCT", (5, 6, "PERSON"), "time zone"),
        ("es", "Ocurrió/VERB a/ADP las/DET 18:14/NUM UTC/PROPN ./PUNCT", (4, 5, "ORG"), "time zone"),
        ("es", "Tuvo/VERB una/DET magnitud/NOUN de/ADP 7.1/NUM Mw/PROPN ./PUNCT", (5, 6, "MISC"), "scale"),
        ("en", "It/PRON measured/VERB 6/NUM on/ADP the/DET Richter/PROPN scale/NOUN ./PUNCT", (5, 6, "ORG"), "scale"),
        ("en", "The/DET XIX/PROPN was/AUX held/VERB ./PUNCT", (1, 2, "ORG"), "Roman numeral"),
        # A disease is what an epidemic is of, no place or body.
        ("es", "la/DET pandemia/NOUN de/ADP COVID-19/PROPN llegó/VERB", (3, 4, "LOC"), "disease"),
        ("en", "an/DET Ebola/PROPN outbreak/NOUN spread/VERB", (1, 2, "ORG"), "disease"),
        # A common noun written with a capital is no name alone.
        ("es", "un/DET golpe/NOUN de/ADP Estado/PROPN fracasó/VERB", (3, 4, "MISC"), "common noun"),
        # A name cut before its last word.
        ("es", "Lo/PRON dijo/VERB el/DET Instituto/PROPN Nacional/PROPN de/ADP ./PUNCT", (3, 6, "ORG"), "ends in a function word"),
        # A place inside an event's name: the model's span of the whole name, or year + place + event noun.
        ("es", "Ocurrió/VERB tras/ADP el/DET terremoto/NOUN de/ADP Oaxaca/PROPN ./PUNCT", (3, 6, "LOC"), "in an event's name"),
        ("en", "the/DET 2010/NUM Haiti/PROPN earthquake/NOUN killed/VERB many/ADJ", (2, 3, "PERSON"), "in an event's name"),
        # A short upper-case word after a clock time, listed or not.
        ("en", "The/DET quake/NOUN struck/VERB at/ADP 04:17/NUM QRT/PROPN on/ADP Monday/PROPN", (5, 6, "ORG"), "time zone"),
        ("en", "Polls/NOUN closed/VERB at/ADP 8/NUM p.m./NOUN ZXT/PROPN ./PUNCT", (5, 6, "ORG"), "time zone"),
        # An offset from UTC, whatever its hours.
        ("es", "Ocurrió/VERB a/ADP las/DET 03:34/NUM (/PUNCT UTC-3/PROPN )/PUNCT", (5, 6, "MISC"), "time zone"),
        # A title after an article is no name.
        ("es", "Los/DET Reyes/PROPN visitaron/VERB Paiporta/PROPN ./PUNCT", (1, 2, "PER"), "a title"),
        ("en", "The/DET King/PROPN declared/VERB mourning/NOUN ./PUNCT", (1, 2, "PERSON"), "a title"),
        # The portfolio of an office.
        ("es", "el/DET ministro/NOUN de/ADP Economía/PROPN habló/VERB", (3, 4, "LOC"), "a portfolio"),
        ("en", "the/DET Minister/PROPN of/ADP Finance/PROPN spoke/VERB", (3, 4, "ORG"), "a portfolio"),
        # An office is no organisation.
        ("en", "the/DET Minister/PROPN of/ADP the/DET Interior/PROPN said/VERB", (1, 5, "ORG"), "a title"),
        ("es", "el/DET Presidente/PROPN de/ADP la/DET Generalitat/PROPN dijo/VERB", (1, 5, "ORG"), "a title"),
        # A title alone is no name (a surname that is a title word: see below).
        ("en", "President/PROPN said/VERB so/ADV", (0, 1, "PERSON"), "a title"),
        # A common noun written with a capital, alone.
        ("es", "habló/VERB a/ADP la/DET Nación/PROPN ./PUNCT", (3, 4, "ORG"), "common noun"),
    ],
)
def test_what_is_never_a_name_is_refused(nlps, filters, lang, words_pos, ent, reason):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert list(doc.ents) == []
    assert [s.label_ for s in doc.spans[REJECTED_KEY]] == [reason]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # A possessive ending and a lower-case article are not part of the name.
        ("en", "the/DET minister/NOUN of/ADP Acme/PROPN 's/PART board/NOUN", (3, 5, "ORG"), [(3, 4)]),
        ("en", "in/ADP the/DET Greater/PROPN Mexico/PROPN City/PROPN area/NOUN", (1, 5, "LOC"), [(2, 5)]),
        # A capitalised article inside a sentence is part of the name.
        ("es", "un/DET grupo/NOUN llamado/VERB La/DET Manada/PROPN ./PUNCT", (3, 5, "MISC"), [(3, 5)]),
        # Lower-case words before the name.
        ("es", "el/DET campeón/NOUN Flamengo/PROPN ganó/VERB", (1, 3, "MISC"), [(2, 3)]),
        ("es", "La/DET victoria/NOUN de/ADP Peña/PROPN Nieto/PROPN fue/AUX", (0, 5, "MISC"), [(3, 5)]),
        # A preposition opening the sentence, capitalised for that alone.
        ("es", "Según/ADP La/DET Gaceta/PROPN ,/PUNCT hubo/VERB protestas/NOUN", (0, 3, "MISC"), [(1, 3)]),
        # Two names set against each other.
        ("es", "Sporting/PROPN Cristal/PROPN contra/ADP Cruzeiro/PROPN ./PUNCT", (0, 4, "MISC"), [(0, 2), (3, 4)]),
        # An acronym's bracket the model took in: the acronym is a name of its own.
        ("en", "The/DET National/PROPN Electoral/PROPN Institute/PROPN (/PUNCT INE/PROPN )/PUNCT", (0, 6, "ORG"), [(1, 4), (5, 6)]),
        # A name the model cut before its last proper noun.
        ("en", "Shares/NOUN of/ADP Voss/PROPN Motor/PROPN Works/PROPN fell/VERB", (2, 4, "ORG"), [(2, 5)]),
        # A feature named after a place: the noun after the name, a singular noun before it.
        ("en", "the/DET Cocos/PROPN plate/NOUN moved/VERB", (1, 2, "LOC"), [(1, 3)]),
        ("es", "el/DET lago/NOUN de/ADP Texcoco/PROPN ./PUNCT", (3, 4, "LOC"), [(1, 4)]),
        # A people's adjective (never an entity alone) or an adjective naming a feature.
        ("en", "the/DET North/PROPN American/ADJ plate/NOUN moved/VERB", (1, 3, "NORP"), [(1, 4)]),
        ("en", "the/DET Caribbean/ADJ plate/NOUN moved/VERB", (1, 2, "LOC"), [(1, 3)]),
        # A place an event struck, or named before an event noun without a year, is a mention of it.
        ("es", "el/DET terremoto/NOUN sacudió/VERB Oaxaca/PROPN ./PUNCT", (3, 4, "LOC"), [(3, 4)]),
        ("en", "the/DET Haiti/PROPN earthquake/NOUN killed/VERB many/ADJ", (1, 2, "GPE"), [(1, 2)]),
        # A year after an of-word dates what is said of the name; a year without one may be part of it.
        ("es", "las/DET elecciones/NOUN de/ADP Portugal/PROPN de/ADP 2031/NUM ./PUNCT", (3, 6, "MISC"), [(3, 4)]),
        ("en", "the/DET floods/NOUN of/ADP Lower/PROPN Saxony/PROPN of/ADP 1962/NUM", (3, 7, "LOC"), [(3, 5)]),
        ("es", "ganó/VERB la/DET Copa/PROPN Andina/PROPN 2031/NUM ./PUNCT", (2, 5, "MISC"), []),
        # The capitalised word of a common phrase ("golpe de Estado") opens no name, nor do the words after it.
        ("es", "el/DET golpe/NOUN de/ADP Estado/PROPN Ana/PROPN Ruiz/PROPN huyó/VERB", (3, 6, "PER"), [(4, 6)]),
        ("es", "atribuyeron/VERB el/DET golpe/NOUN de/ADP Estado/PROPN al/ADP Senado/PROPN ./PUNCT", (4, 7, "ORG"), [(6, 7)]),
        ("es", "el/DET Consejo/PROPN de/ADP Estado/PROPN decidió/VERB", (1, 4, "ORG"), [(1, 4)]),
    ],
)
def test_a_span_is_cleaned_to_the_names_it_holds(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.start, e.end) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # A capitalised verb among capitalised words inside the sentence is a word of a name.
        ("es", "la/DET presentada/ADJ por/ADP Unidos/PROPN Podemos/VERB el/DET año/NOUN", (3, 5, "ORG"), ["Unidos Podemos"]),
        # In lower case, or opening the sentence, it makes the span a clause.
        ("es", "La/DET operación/PROPN fue/AUX Caótica/PROPN", (0, 4, "MISC"), []),
        ("es", "Llegó/VERB Rubio/PROPN ayer/ADV", (0, 2, "PER"), []),
        # A person's name has none: the model's person with a verb is left out.
        ("es", "según/ADP Amado/VERB Rubio/PROPN ,/PUNCT", (1, 3, "PER"), []),
    ],
)
def test_a_verb_is_a_word_of_a_name_only_capitalised_among_capitals_inside_the_sentence(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [e.text for e in doc.ents] == kept


def test_a_head_word_of_an_organisation_wins_over_the_model_s_label(nlps, filters):
    doc = tagged(nlps["es"], "El/DET Tribunal/PROPN Supremo/PROPN falló/VERB ./PUNCT", [(1, 3, "LOC")])
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Tribunal Supremo", "Organization")]
    doc = tagged(nlps["en"], "The/DET Supreme/PROPN Court/PROPN ruled/VERB ./PUNCT", [(1, 3, "GPE")])
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Supreme Court", "Organization")]
    # A branch of the state ("Poder Judicial") and a social insurer are bodies.
    doc = tagged(nlps["es"], "intervino/VERB el/DET Poder/PROPN Judicial/PROPN y/CCONJ el/DET Seguro/PROPN Social/PROPN", [(2, 4, "LOC"), (6, 8, "PER")])
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Poder Judicial", "Organization"), ("Seguro Social", "Organization")]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kind"),
    [
        # English puts a name's head last: the body's word wins over the place's before it...
        ("en", "The/DET Airport/PROPN Authority/PROPN met/VERB ./PUNCT", (1, 3, "GPE"), "Organization"),
        ("en", "The/DET Coast/PROPN Guard/PROPN searched/VERB ./PUNCT", (1, 3, "GPE"), "Organization"),
        # ...and the place's over the body's ("a police station"), a name the model took for a person's.
        ("en", "at/ADP the/DET Police/PROPN Station/PROPN ./PUNCT", (2, 4, "ORG"), "Place"),
        ("en", "shoppers/NOUN at/ADP the/DET Ostrava/PROPN Department/PROPN Store/PROPN ./PUNCT", (3, 6, "PERSON"), "Place"),
        # A head first in its own of-phrase, or where the last word says nothing, is the head.
        ("en", "ships/NOUN left/VERB the/DET Port/PROPN of/ADP Varnholt/PROPN ./PUNCT", (3, 6, "PERSON"), "Place"),
        ("en", "near/ADP Lake/PROPN Varnholt/PROPN ./PUNCT", (1, 3, "PERSON"), "Place"),
        # Spanish puts it first, before any place of the name.
        ("es", "La/DET Autoridad/PROPN del/ADP Puerto/PROPN habló/VERB ./PUNCT", (1, 4, "LOC"), "Organization"),
        ("es", "en/ADP el/DET Puerto/PROPN de/ADP Varnholt/PROPN ./PUNCT", (2, 5, "ORG"), "Place"),
        # A city's metro, a police force: bodies, where the model saw places.
        ("es", "en/ADP el/DET Metro/PROPN de/ADP Varnholt/PROPN ./PUNCT", (2, 5, "LOC"), "Organization"),
        ("es", "los/DET Carabineros/PROPN de/ADP Varnholt/PROPN reprimieron/VERB", (1, 4, "LOC"), "Organization"),
        # A legislature, a town's council: bodies, whether the model saw a thing or a place.
        ("es", "la/DET Legislatura/PROPN no/ADV aprobó/VERB el/DET presupuesto/NOUN", (1, 2, "MISC"), "Organization"),
        ("es", "el/DET Ayuntamiento/PROPN de/ADP Varnholt/PROPN multó/VERB", (1, 4, "LOC"), "Organization"),
        ("en", "the/DET Varnholt/PROPN Legislature/PROPN voted/VERB ./PUNCT", (1, 3, "GPE"), "Organization"),
        ("en", "the/DET Varnholt/PROPN Cabinet/PROPN resigned/VERB ./PUNCT", (1, 3, "PERSON"), "Organization"),
        # A brand is its maker's name, the noun before it in Spanish.
        ("es", "relojes/NOUN de/ADP la/DET marca/NOUN Varnholt/PROPN ,/PUNCT", (4, 5, "LOC"), "Organization"),
    ],
)
def test_a_name_s_head_word_stands_where_its_language_puts_it(nlps, filters, lang, words_pos, ent, kind):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(ent[0], ent[1], kind)]


@pytest.mark.parametrize(
    ("words", "pos", "deps", "heads", "ents", "kept"),
    [
        # Two people's names side by side, one noun phrase: one person ("Ana María" + "Varga Ruiz").
        ("Police arrested Ana María Varga Ruiz .".split(), ["NOUN", "VERB", "PROPN", "PROPN", "PROPN", "PROPN", "PUNCT"],
         ["nsubj", "ROOT", "compound", "compound", "compound", "dobj", "punct"], [1, 1, 5, 5, 5, 1, 1],
         [(2, 4, "PERSON"), (4, 6, "PERSON")], [(2, 6, "Person")]),
        # A body and a place, one noun phrase, a noun before the whole saying it is a firm's name: one name.
        ("the consulting firm Halden Varnica collected data".split(), ["DET", "NOUN", "NOUN", "PROPN", "PROPN", "VERB", "NOUN"],
         ["det", "compound", "compound", "compound", "nsubj", "ROOT", "dobj"], [4, 2, 4, 4, 5, 5, 5],
         [(3, 4, "ORG"), (4, 5, "GPE")], [(3, 5, "Organization")]),
        # Nothing says so: a body and the place, two names.
        ("the Halden Varnica collected data".split(), ["DET", "PROPN", "PROPN", "VERB", "NOUN"],
         ["det", "compound", "nsubj", "ROOT", "dobj"], [2, 2, 3, 3, 3],
         [(1, 2, "ORG"), (2, 3, "GPE")], [(1, 2, "Organization"), (2, 3, "Place")]),
        # ...unless the text writes the two as one name elsewhere.
        ("Halden Varnica collected data . Halden Varnica sold it".split(),
         ["PROPN", "PROPN", "VERB", "NOUN", "PUNCT", "PROPN", "PROPN", "VERB", "PRON"],
         ["compound", "nsubj", "ROOT", "dobj", "punct", "compound", "nsubj", "ROOT", "dobj"], [1, 2, 2, 2, 2, 6, 7, 7, 7],
         [(0, 1, "GPE"), (1, 2, "GPE"), (5, 7, "ORG")], [(0, 2, "Organization"), (5, 7, "Organization")]),
        # Names describing the noun after them stay two, whatever noun stands before them.
        ("the consulting firm Halden Varnica office closed".split(), ["DET", "NOUN", "NOUN", "PROPN", "PROPN", "NOUN", "VERB"],
         ["det", "compound", "compound", "compound", "compound", "nsubj", "ROOT"], [5, 2, 5, 4, 5, 6, 6],
         [(3, 4, "ORG"), (4, 5, "GPE")], [(3, 4, "Organization"), (4, 5, "Place")]),
    ],
)
def test_names_side_by_side_in_one_noun_phrase_are_one_name_en(nlps, filters, words, pos, deps, heads, ents, kept):
    doc = hand_doc(nlps["en"], words, ents=ents, pos=pos, deps=deps, heads=heads)
    filters["en"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        # A theme's title: its first word the text also writes as a common noun.
        ("es", "Temas/NOUN :/PUNCT Corrupción/PROPN y/CCONJ desarrollo/NOUN ,/PUNCT contra/ADP la/DET corrupción/NOUN",
         [(2, 3, "PER")], []),
        ("es", "Debatieron/VERB Aspectos/PROPN de/ADP cooperación/NOUN y/CCONJ otros/DET aspectos/NOUN",
         [(1, 4, "PER")], []),
        # A body's head word is a name's even so ("el ministerio" elsewhere).
        ("es", "El/DET Ministerio/PROPN de/ADP salud/NOUN habló/VERB con/ADP el/DET ministerio/NOUN",
         [(1, 4, "ORG")], [("Ministerio de salud", "Organization")]),
        # A name not written in lower case elsewhere stays.
        ("en", "Varnica/PROPN said/VERB the/DET company/NOUN lost/VERB", [(0, 1, "ORG")], [("Varnica", "Organization")]),
        # A firm's legal form alone after its name is no name of its own.
        ("en", "called/VERB Halden/PROPN Bank/PROPN ,/PUNCT N.A./PROPN ,/PUNCT which/PRON", [(1, 3, "ORG"), (4, 5, "GPE")],
         [("Halden Bank", "Organization")]),
    ],
)
def test_a_common_word_or_a_legal_form_capitalised_is_no_name(nlps, filters, lang, words_pos, ents, kept):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # The portfolio a title is of, then the person: the person's name alone.
        ("en", "issued/VERB by/ADP Secretary/PROPN of/ADP the/DET Treasury/PROPN Ana/PROPN Varga/PROPN ./PUNCT", (5, 8, "PERSON"),
         [("Ana Varga", "Person")]),
        ("es", "dijo/VERB el/DET ministro/NOUN de/ADP Hacienda/PROPN Ana/PROPN Varga/PROPN ./PUNCT", (4, 7, "PER"),
         [("Ana Varga", "Person")]),
        # A title right before a name is the person's, whatever body it is of.
        ("es", "contra/ADP el/DET gobierno/NOUN del/ADP presidente/NOUN Evaristo/PROPN Varga/PROPN ./PUNCT", (5, 7, "PER"),
         [("Evaristo Varga", "Person")]),
        # A shared phrase written with capitals ("jefes de Estado y de Gobierno") is no part of a name.
        ("es", "reúne/VERB a/ADP los/DET jefes/NOUN de/ADP Estado/PROPN y/CCONJ de/ADP Gobierno/PROPN de/ADP Halden/PROPN ./PUNCT",
         (8, 11, "ORG"), [("Halden", "Organization")]),
    ],
)
def test_a_title_s_portfolio_or_body_is_no_part_of_the_person_s_name(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "deps", "heads", "ents", "kept"),
    [
        # A name a naming word gives in quotes, the model's label of no entity notwithstanding: a thing's...
        ("en", 'an/DET app/NOUN called/VERB "/PUNCT Halden/PROPN Varnica/PROPN "/PUNCT spread/VERB',
         ["det", "nsubj", "acl", "punct", "compound", "oprd", "punct", "ROOT"], [1, 7, 1, 5, 5, 2, 5, 7],
         [(4, 6, "WORK_OF_ART")], [("Halden Varnica", "Thing")]),
        # ...or of the kind the noun it names says.
        ("en", 'a/DET group/NOUN called/VERB "/PUNCT Halden/PROPN Varnica/PROPN "/PUNCT marched/VERB',
         ["det", "nsubj", "acl", "punct", "compound", "oprd", "punct", "ROOT"], [1, 7, 1, 5, 5, 2, 5, 7],
         [], [("Halden Varnica", "Organization")]),
        # Words in lower case in quotes are no name.
        ("en", 'an/DET app/NOUN called/VERB "/PUNCT this/DET life/NOUN "/PUNCT spread/VERB',
         ["det", "nsubj", "acl", "punct", "det", "oprd", "punct", "ROOT"], [1, 7, 1, 5, 5, 2, 5, 7], [], []),
    ],
)
def test_a_name_given_in_quotes_is_a_name(nlps, filters, lang, words_pos, deps, heads, ents, kept):
    pairs = [item.rsplit("/", 1) for item in words_pos.split()]
    doc = hand_doc(nlps[lang], [w for w, _ in pairs], ents=ents, pos=[p for _, p in pairs], deps=deps, heads=heads,
                   lemmas=[w.lower() if w != "called" else "call" for w, _ in pairs])
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


def test_two_words_a_rule_refuses_that_the_model_ran_into_one_name_are_two_refused(nlps, filters):
    # "COVID-19 and Ebola": a coordinator after a word that is no name joins two of its kind.
    doc = tagged(nlps["en"], "died/VERB of/ADP COVID-19/PROPN and/CCONJ Ebola/PROPN ./PUNCT", [(2, 5, "ORG")])
    filters["en"](doc)
    assert list(doc.ents) == []
    assert [(s.text, s.label_) for s in doc.spans[REJECTED_KEY]] == [("COVID-19", "disease"), ("Ebola", "disease")]


@pytest.mark.parametrize(
    ("words_pos", "ent", "kept"),
    [
        # A body's name the model cut at its of-word: the proper nouns it left untagged are the rest.
        ("The/DET Human/PROPN Rights/PROPN Commission/PROPN of/ADP Halden/PROPN Varnica/PROPN spoke/VERB", (1, 4, "ORG"),
         "Human Rights Commission of Halden Varnica"),
        # Not common nouns after it, nor after a name that ends in no body's head word.
        ("The/DET Varnica/PROPN Commission/PROPN of/ADP inquiry/NOUN spoke/VERB", (1, 3, "ORG"), "Varnica Commission"),
        ("Ana/PROPN Varga/PROPN of/ADP Halden/PROPN spoke/VERB", (0, 2, "PERSON"), "Ana Varga"),
    ],
)
def test_a_body_s_name_cut_at_its_of_word_is_whole_en(nlps, filters, words_pos, ent, kept):
    doc = tagged(nlps["en"], words_pos, [ent])
    filters["en"](doc)
    assert [e.text for e in doc.ents] == [kept]


# --------------------------------------------------------------------------
# Kept entities


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kind"),
    [
        ("en", "Akhmed/PROPN Zakayev/PROPN denied/VERB it/PRON ./PUNCT", (0, 2, "PERSON"), "Person"),
        ("en", "The/DET Meshchansky/PROPN District/PROPN Court/PROPN ruled/VERB ./PUNCT", (1, 4, "ORG"),
         "Organization"),
        ("en", "Troops/NOUN reached/VERB Mozdok/PROPN ./PUNCT", (2, 3, "GPE"), "Place"),
        ("es", "Ajmed/PROPN Zakáyev/PROPN lo/PRON negó/VERB ./PUNCT", (0, 2, "PER"), "Person"),
        ("es", "La/DET Fiscalía/PROPN General/PROPN lo/PRON negó/VERB ./PUNCT", (1, 3, "ORG"), "Organization"),
        ("es", "Las/DET tropas/NOUN llegaron/VERB a/ADP Mozdok/PROPN ./PUNCT", (4, 5, "LOC"), "Place"),
        # A noun describing the name gives its kind over the model's: the noun before
        # the name, over its adjectives; the noun of an apposition after it; a place's
        # head word in its name.
        ("es", "Atacó/VERB el/DET grupo/NOUN armado/ADJ Brasaluz/PROPN ./PUNCT", (4, 5, "PER"), "Organization"),
        ("es", "Estalló/VERB en/ADP la/DET plaza/NOUN Tarvisa/PROPN ./PUNCT", (4, 5, "PER"), "Place"),
        ("en", "They/PRON joined/VERB Red/PROPN Kestrel/PROPN ,/PUNCT a/DET small/ADJ unit/NOUN led/VERB by/ADP Oms/PROPN", (2, 4, "PERSON"),
         "Organization"),
        ("en", "Trains/NOUN left/VERB Tarvisa/PROPN Station/PROPN ./PUNCT", (2, 4, "ORG"), "Place"),
        # An apposition that is no kind noun leaves the model's label.
        ("en", "They/PRON met/VERB Ana/PROPN Oms/PROPN ,/PUNCT a/DET lawyer/NOUN ./PUNCT", (2, 4, "PERSON"), "Person"),
    ],
)
def test_proper_nouns_are_kept_and_relabelled_with_their_kind(nlps, filters, lang, words_pos, ent, kind):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    start, end, model_label = ent
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(start, end, kind)]
    # The model's own label is kept for the entity step to read the class from.
    assert [(s.start, s.end, s.label_) for s in doc.spans[MODEL_LABELS_KEY]] == [(start, end, model_label)]
    assert list(doc.spans[REJECTED_KEY]) == []


def test_kb_entities_are_never_filtered(nlps, filters):
    # Lower case and without a proper noun: a model entity like it is rejected.
    doc = tagged(
        nlps["en"],
        "Survivors/NOUN of/ADP the/DET moscow/NOUN theatre/NOUN siege/NOUN met/VERB ./PUNCT",
        [],
    )
    doc.ents = [Span(doc, 3, 6, label="Event", span_id="moscow-theatre-hostage-crisis")]
    filters["en"](doc)
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("moscow theatre siege", "Event", "moscow-theatre-hostage-crisis")
    ]
    assert list(doc.spans[REJECTED_KEY]) == []
    # It is not a model entity, so it has no model label.
    assert list(doc.spans[MODEL_LABELS_KEY]) == []


def test_kept_and_rejected_entities_of_one_doc(nlps, filters):
    doc = tagged(
        nlps["es"],
        "Rápidamente/ADV Ajmed/PROPN Zakáyev/PROPN viajó/VERB a/ADP Moscú/PROPN con/ADP chechenos/ADJ ./PUNCT",
        [(0, 1, "MISC"), (1, 3, "PER"), (7, 8, "MISC")],
    )
    doc.ents = [*doc.ents, Span(doc, 5, 6, label="Place", span_id="moscow")]
    filters["es"](doc)
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("Ajmed Zakáyev", "Person", ""),
        ("Moscú", "Place", "moscow"),
    ]
    assert [(s.text, s.label_) for s in doc.spans[REJECTED_KEY]] == [
        ("Rápidamente", "starts with ADV"),
        ("chechenos", "demonym"),
    ]


# --------------------------------------------------------------------------
# Judging is apart from annotating


def test_match_does_not_modify_the_doc(nlps, filters):
    doc = tagged(
        nlps["es"],
        "Rápidamente/ADV Ajmed/PROPN Zakáyev/PROPN lo/PRON negó/VERB ./PUNCT",
        [(0, 1, "MISC"), (1, 3, "PER")],
    )
    before = doc.to_bytes()
    decisions = filters["es"].match(doc)
    assert doc.to_bytes() == before
    assert REJECTED_KEY not in doc.spans
    assert [(span.text, reason) for span, reason in decisions] == [
        ("Rápidamente", "starts with ADV"),
        ("Ajmed Zakáyev", None),
    ]


def test_the_factory_uses_the_pipeline_language():
    nlp = spacy.blank("es")
    nlp.add_pipe("beslan_entity_filter")
    # PER is a label of the Spanish model only; the English rules would reject it.
    doc = tagged(nlp, "Habló/VERB Ajmed/PROPN Zakáyev/PROPN ./PUNCT", [(1, 3, "PER")])
    doc = nlp.get_pipe("beslan_entity_filter")(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ajmed Zakáyev", "Person")]


# --------------------------------------------------------------------------
# A name the model could not type takes the kind of the name it is coordinated with


@pytest.mark.parametrize(("conj", "kind"), [("conj", "Organization"), ("nsubj", "Thing")])
def test_an_untyped_name_takes_the_kind_of_its_conjunct_es(conj, kind):
    doc = parse_table("es", f"""
        Lo        PRON  obj    1 él
        ganaron   VERB  ROOT   1 ganar
        Rocaverde PROPN nsubj  1
        y         CCONJ cc     4
        Sporting  PROPN {conj} {2 if conj == "conj" else 1}
        Vidal     PROPN flat   4
        .         PUNCT punct  1
    """, ents=((2, 3, "MISC"), (4, 6, "ORG")))
    assert [(e.text, e.label_) for e in doc.ents] == [("Rocaverde", kind), ("Sporting Vidal", "Organization")]


@pytest.mark.parametrize(("label", "kind"), [("LOC", "Place"), ("PER", "Person")])
def test_a_lone_word_taken_for_a_person_in_a_list_of_places_is_a_place_es(label, kind):
    # "Paiporta, Catarroja y Sedaví": towns, the last one the model's person; listed with a person, it stays one.
    doc = parse_table("es", """
        Visitaron  VERB  ROOT   0 visitar
        Orla       PROPN obj    0
        ,          PUNCT punct  3
        Voss       PROPN conj   1
        y          CCONJ cc     5
        Marten     PROPN conj   1
        .          PUNCT punct  0
    """, ents=((1, 2, label), (3, 4, "LOC"), (5, 6, "PER")))
    assert [(e.text, e.label_) for e in doc.ents][-1] == ("Marten", kind)


def test_a_demonym_in_a_feature_s_name_names_no_country_en(nlps, filters):
    # "the North American plate" is a feature's name, not something of a people's.
    doc = tagged(nlps["en"], "the/DET North/PROPN American/ADJ plate/NOUN moved/VERB", [(1, 3, "NORP")])
    doc.spans[DEMONYM_KEY] = [Span(doc, 2, 3, label=DEMONYM)]
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("North American plate", "Place")]
    assert list(doc.spans[DEMONYM_KEY]) == []


def test_an_upper_case_name_after_a_number_that_is_no_time_is_kept_en(nlps, filters):
    doc = tagged(nlps["en"], "He/PRON paid/VERB 40/NUM ACME/PROPN shares/NOUN ./PUNCT", [(3, 4, "ORG")])
    filters["en"](doc)
    assert [e.text for e in doc.ents] == ["ACME"]


def test_a_word_after_a_name_and_a_number_is_the_end_of_the_name_not_a_name_es(nlps, filters):
    doc = tagged(nlps["es"], "bajo/ADP licencia/NOUN Open/PROPN Halden/PROPN 3.0/NUM Unported/PROPN ./PUNCT", [(2, 4, "MISC"), (5, 6, "MISC")])
    filters["es"](doc)
    assert [e.text for e in doc.ents] == ["Open Halden"]
    assert [(s.text, s.label_) for s in doc.spans[REJECTED_KEY]] == [("Unported", "fragment of a name")]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        # A person's name the model cut at a particle.
        ("en", "Marta/PROPN von/PROPN der/NOUN Aalst/PROPN spoke/VERB ./PUNCT", [(0, 2, "PERSON"), (3, 4, "GPE")], [(0, 4, "Person")]),
        # A first name the model gave another label, just before the rest of the name.
        ("es", "Ganó/VERB Andrés/PROPN Manuel/PROPN Ortiz/PROPN Rubio/PROPN ./PUNCT", [(1, 2, "MISC"), (2, 5, "PER")], [(1, 5, "Person")]),
        # An organisation's head word cut from the rest of its name.
        ("es", "un/DET informe/NOUN de/ADP la/DET Organización/PROPN de/ADP los/DET Estados/PROPN Ribereños/PROPN ./PUNCT",
         [(4, 5, "LOC"), (7, 9, "LOC")], [(4, 9, "Organization")]),
        # A body's name ending in its head word, cut from the place it serves.
        ("en", "in/ADP the/DET District/PROPN Court/PROPN of/ADP Halden/PROPN ./PUNCT", [(1, 4, "ORG"), (5, 6, "GPE")], [(2, 6, "Organization")]),
        # A body's head word, a word for what it is for, and the rest of the name.
        ("en", "the/DET Tarvisa/PROPN Office/PROPN for/ADP the/DET Coordination/PROPN of/ADP Halden/PROPN Affairs/PROPN said/VERB",
         [(0, 3, "ORG"), (4, 9, "ORG")], [(1, 9, "Organization")]),
        # ...the rest of the name with of-words of its own.
        ("es", "la/DET Secretaría/PROPN de/ADP Gestión/PROPN de/ADP Riesgos/PROPN informó/VERB", [(1, 2, "ORG"), (3, 6, "LOC")], [(1, 6, "Organization")]),
        # A body's lone head word, and the rest of its name right after it.
        ("es", "La/DET Comisión/PROPN Nacional/PROPN del/ADP Agua/PROPN informó/VERB", [(0, 2, "PER"), (2, 5, "LOC")], [(1, 5, "Organization")]),
    ],
)
def test_the_pieces_of_one_name_are_joined(nlps, filters, lang, words_pos, ents, kept):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents"),
    [
        # "de" alone does not join a person and a place.
        ("es", "Habló/VERB Pedro/PROPN Ortiz/PROPN de/ADP Valdivia/PROPN ./PUNCT", [(1, 3, "PER"), (4, 5, "LOC")]),
        # Two names a comma parts are two.
        ("en", "Ana/PROPN Varga/PROPN ,/PUNCT Halden/PROPN ./PUNCT", [(0, 2, "PERSON"), (3, 4, "GPE")]),
        # A body's name and a person after "of" are two (only a place is what it serves).
        ("en", "the/DET Supreme/PROPN Court/PROPN of/ADP Ana/PROPN Varga/PROPN ./PUNCT", [(1, 3, "ORG"), (4, 6, "PERSON")]),
        # A place after a preposition and a person's name beside it are two.
        ("es", "En/ADP Valdivia/PROPN Pedro/PROPN Ortiz/PROPN habló/VERB", [(1, 2, "LOC"), (2, 4, "PER")]),
        # A body's head word and a person right after it are two.
        ("es", "la/DET Comisión/PROPN Ana/PROPN Varga/PROPN dijo/VERB", [(1, 2, "ORG"), (2, 4, "PER")]),
    ],
)
def test_neighbouring_names_that_are_two_stay_apart(nlps, filters, lang, words_pos, ents):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.start, e.end) for e in doc.ents] == [(s, e) for s, e, _ in ents]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # A title before a person's name, whatever label the model gave: the name is a person's.
        ("en", "Taoiseach/PROPN Micheál/PROPN Marten/PROPN spoke/VERB", (0, 3, "ORG"), (1, 3, "Person")),
        ("es", "El/DET Presidente/PROPN Gustavo/PROPN Ardila/PROPN habló/VERB", (1, 4, "PER"), (2, 4, "Person")),
        # A title after an organisation's name.
        ("en", "the/DET Halden/PROPN Commission/PROPN President/PROPN spoke/VERB", (1, 4, "ORG"), (1, 3, "Organization")),
        # A title before a single name is how the text names the person.
        ("en", "President/PROPN Marten/PROPN spoke/VERB", (0, 2, "PERSON"), (0, 2, "Person")),
        ("en", "King/PROPN Felipe/PROPN watched/VERB", (0, 2, "ORG"), (0, 2, "Person")),
        # After an of-word the word is what the body is of, not a title.
        ("en", "the/DET Department/PROPN of/ADP Justice/PROPN said/VERB", (1, 4, "ORG"), (1, 4, "Organization")),
        ("en", "State/PROPN Counsellor/PROPN Ana/PROPN Varga/PROPN was/AUX detained/VERB", (1, 4, "PERSON"), (2, 4, "Person")),
        ("en", "Sen./PROPN Ana/PROPN Varga/PROPN voted/VERB", (0, 3, "ORG"), (1, 3, "Person")),
        ("es", "el/DET embajador/NOUN Emil/PROPN Marten/PROPN habló/VERB", (1, 4, "PER"), (2, 4, "Person")),
        # A role noun opening a person's name the model found, capitalised at the sentence's start...
        ("en", "Goalkeeper/PROPN Emil/PROPN Marten/PROPN saved/VERB", (0, 3, "PERSON"), (1, 3, "Person")),
        # ...but not a body's name that opens with one.
        ("en", "the/DET Player/PROPN Development/PROPN Academy/PROPN opened/VERB", (1, 4, "ORG"), (1, 4, "Organization")),
    ],
)
def test_a_title_is_cut_off_a_name(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [kept]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kind"),
    [
        # A division noun after the name, a feature noun ending it, a company's legal form.
        ("en", "in/ADP Al/PROPN Qarif/PROPN province/NOUN ./PUNCT", (1, 3, "PERSON"), "Place"),
        ("en", "the/DET Halden/PROPN mountains/NOUN rose/VERB", (1, 3, "PERSON"), "Place"),
        ("en", "Voss/PROPN AG/PROPN filed/VERB for/ADP insolvency/NOUN", (0, 2, "PERSON"), "Organization"),
        ("es", "la/DET Cámara/PROPN Nacional/PROPN Electoral/PROPN informó/VERB", (1, 4, "LOC"), "Organization"),
        # A noun for a person's role before the name, or in an apposition after it.
        ("es", "El/DET técnico/NOUN Hansi/PROPN Volk/PROPN elogió/VERB", (2, 4, "ORG"), "Person"),
        ("en", "Halden/PROPN Marsh/PROPN ,/PUNCT the/DET striker/NOUN ,/PUNCT scored/VERB", (0, 2, "ORG"), "Person"),
        # An apposition without a determiner, before its own "of" phrase; a former role.
        ("es", "Voss/PROPN Halden/PROPN ,/PUNCT presidente/NOUN de/ADP la/DET cumbre/NOUN ,/PUNCT habló/VERB", (0, 2, "LOC"), "Person"),
        ("es", "El/DET exjuez/NOUN Voss/PROPN Halden/PROPN criticó/VERB", (2, 4, "MISC"), "Person"),
        # A role in an apposition after the name ("the chief", "vecina de").
        ("en", "Orla/PROPN Marten/PROPN ,/PUNCT the/DET chief/NOUN ,/PUNCT spoke/VERB", (0, 2, "ORG"), "Person"),
        ("es", "Orla/PROPN Marten/PROPN ,/PUNCT vecina/NOUN de/ADP Paiporta/PROPN ,/PUNCT lloró/VERB", (0, 2, "LOC"), "Person"),
        # A place's noun in apposition.
        ("en", "Orla/PROPN ,/PUNCT the/DET capital/NOUN of/ADP Voss/PROPN ,/PUNCT fell/VERB", (0, 1, "ORG"), "Place"),
        # An apposition over a name's possessive, after a comma or a dash.
        ("en", "Voss/PROPN ,/PUNCT Orla/PROPN 's/PART largest/ADJ miner/NOUN ,/PUNCT fell/VERB", (0, 1, "GPE"), "Organization"),
        ("en", "the/DET Halden/PROPN —/PUNCT Orla/PROPN 's/PART military/NOUN —/PUNCT ruled/VERB", (1, 2, "PERSON"), "Organization"),
        # A title written as a common phrase with a capital ("consejera de Estado") before the name.
        ("es", "la/DET consejera/NOUN de/ADP Estado/PROPN Ana/PROPN Voss/PROPN Halden/PROPN habló/VERB", (4, 7, "LOC"), "Person"),
        # A role only firms have, of the name: an organisation, unless the model said a person.
        ("en", "Ana/PROPN Varga/PROPN ,/PUNCT Voss/PROPN 's/PART founder/NOUN ,/PUNCT spoke/VERB", (3, 4, "GPE"), "Organization"),
        ("es", "el/DET fundador/NOUN de/ADP Voss/PROPN habló/VERB", (3, 4, "LOC"), "Organization"),
        ("es", "los/DET ejecutivos/NOUN de/ADP Voss/PROPN callaron/VERB", (3, 4, "MISC"), "Organization"),
        ("en", "the/DET executives/NOUN of/ADP Voss/PROPN resigned/VERB", (3, 4, "GPE"), "Organization"),
        ("en", "Ana/PROPN Varga/PROPN 's/PART employees/NOUN left/VERB", (0, 2, "PERSON"), "Person"),
        # A role after the comma that is the title of the next name says nothing of this one.
        ("en", "In/ADP Halden/PROPN ,/PUNCT former/ADJ president/NOUN Ana/PROPN Varga/PROPN lost/VERB", (1, 2, "GPE"), "Place"),
        # A name that begins with such a word is not said to be a person by it.
        ("en", "She/PRON studied/VERB at/ADP King/PROPN 's/PART College/PROPN ./PUNCT", (3, 6, "ORG"), "Organization"),
        # A role before a comma and the name, over its adjectives.
        ("es", "El/DET primer/ADJ ministro/NOUN libanés/ADJ ,/PUNCT Hasán/PROPN Dib/PROPN ,/PUNCT dimitió/VERB", (5, 7, "LOC"), "Person"),
        # ...and over the body the role is of.
        ("es", "El/DET director/NOUN general/ADJ de/ADP la/DET OMS/PROPN ,/PUNCT Tedros/PROPN Halden/PROPN ,/PUNCT dijo/VERB", (7, 9, "ORG"), "Person"),
        # Of a noun and its "of" phrase before the name, the first says what it is: a firm, not a lawyer.
        ("es", "la/DET firma/NOUN de/ADP abogados/NOUN panameña/ADJ Voss/PROPN Halden/PROPN cerró/VERB", (5, 7, "PER"), "Organization"),
        ("es", "el/DET abogado/NOUN Voss/PROPN Halden/PROPN habló/VERB", (2, 4, "ORG"), "Person"),
        # A document's head word: not a place, whatever the model said.
        ("es", "la/DET Constitución/PROPN Política/PROPN de/ADP Orla/PROPN rige/VERB", (1, 5, "LOC"), "Thing"),
        ("en", "the/DET Orla/PROPN Treaty/PROPN was/AUX signed/VERB", (1, 3, "GPE"), "Thing"),
        # A building's head word; a firm's noun before the name; a jury's head word.
        ("en", "stormed/VERB the/DET Orla/PROPN Council/PROPN Complex/PROPN", (2, 5, "ORG"), "Place"),
        ("es", "la/DET constructora/NOUN Orla/PROPN pagó/VERB", (2, 3, "PER"), "Organization"),
        ("es", "el/DET Jurado/PROPN Nacional/PROPN de/ADP Orla/PROPN proclamó/VERB", (1, 5, "LOC"), "Organization"),
        # A name in another language than the article's keeps its head word; a firm's legal form.
        ("es", "la/DET Halden/PROPN Health/PROPN Organization/PROPN demandó/VERB", (1, 4, "MISC"), "Organization"),
        ("en", "Banco/PROPN Halden/PROPN reported/VERB losses/NOUN", (0, 2, "PERSON"), "Organization"),
        ("es", "Voss/PROPN N.V./PROPN es/AUX un/DET grupo/NOUN", (0, 2, "PER"), "Organization"),
        # A neighbourhood's noun after the name.
        ("en", "in/ADP the/DET Halden/PROPN neighborhood/NOUN of/ADP Orla/PROPN", (2, 3, "ORG"), "Place"),
        ("es", "en/ADP el/DET barrio/NOUN Halden/PROPN ardió/VERB", (3, 4, "ORG"), "Place"),
    ],
)
def test_words_in_or_beside_a_name_say_its_kind(nlps, filters, lang, words_pos, ent, kind):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [e.label_ for e in doc.ents] == [kind]


@pytest.mark.parametrize(
    ("lang", "table", "ent", "kind"),
    [
        ("en", """
            They      PRON  nsubj    1
            formed    VERB  ROOT     1 form
            a         DET   det      4
            militant  ADJ   amod     4
            group     NOUN  dobj     1
            called    VERB  acl      4 call
            Red       PROPN compound 7
            Dawn      PROPN oprd     5
            .         PUNCT punct    1
        """, (6, 8, "GPE"), "Organization"),
        ("es", """
            Era       AUX   cop      1 ser
            miembro   NOUN  ROOT     1
            de        ADP   case     4
            un        DET   det      4 uno
            grupo     NOUN  nmod     1
            llamado   ADJ   amod     4
            La        DET   det      7 el
            Jauría    PROPN obj      5
            .         PUNCT punct    1
        """, (6, 8, "LOC"), "Organization"),
    ],
)
def test_the_noun_a_name_is_given_to_says_its_kind(lang, table, ent, kind):
    doc = parse_table(lang, table, ents=[ent])
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(ent[0], ent[1], kind)]


@pytest.mark.parametrize(
    ("lang", "table", "ents", "kinds"),
    [
        # A plural place noun names every name of its list, whatever the model guessed.
        ("en", """
            The       DET   det      1
            villages  NOUN/NNS nsubj 9 village
            of        ADP   prep     1
            Orla      PROPN pobj     2
            ,         PUNCT punct    3
            Tamsk     PROPN conj     3
            and       CCONJ cc       5
            Vey       PROPN compound 8
            Hollow    PROPN conj     5
            burned    VERB  ROOT     9 burn
            .         PUNCT punct    9
        """, [(3, 4, "ORG"), (5, 6, "GPE"), (7, 9, "PERSON")], ["Place", "Place", "Place"]),
        ("es", """
            Las       DET   det      1 el
            ciudades  NOUN  nsubj    6 ciudad
            de        ADP   case     3
            Orla      PROPN nmod     1
            y         CCONJ cc       5
            Tamsk     PROPN conj     3
            ardieron  VERB  ROOT     6 arder
            .         PUNCT punct    6
        """, [(3, 4, "PER"), (5, 6, "ORG")], ["Place", "Place"]),
        # A singular one names only the name right after "of".
        ("en", """
            The       DET   det      1
            mayor     NOUN  nsubj    10
            of        ADP   prep     1
            the       DET   det      4
            city      NOUN  pobj     2
            of        ADP   prep     4
            Orla      PROPN pobj     5
            and       CCONJ cc       6
            Ana       PROPN compound 9
            Varga     PROPN conj     6
            met       VERB  ROOT     10 meet
            .         PUNCT punct    10
        """, [(6, 7, "ORG"), (8, 10, "PERSON")], ["Place", "Person"]),
    ],
)
def test_a_place_noun_s_of_phrase_names_places(lang, table, ents, kinds):
    doc = parse_table(lang, table, ents=ents)
    assert [e.label_ for e in doc.ents] == kinds


@pytest.mark.parametrize(
    ("words_pos", "ent", "kept"),
    [
        # A firm the model called a product or a work: the noun before it says what it is.
        ("listed/VERB by/ADP the/DET service/NOUN provider/NOUN Voss/PROPN Halden/PROPN ./PUNCT", (5, 7, "PRODUCT"), [("Voss Halden", "Organization")]),
        ("run/VERB by/ADP the/DET operator/NOUN Orla/PROPN ./PUNCT", (4, 5, "WORK_OF_ART"), [("Orla", "Organization")]),
        # Without such a noun, a product stays refused.
        ("an/DET Orla/PROPN train/NOUN derailed/VERB ./PUNCT", (1, 2, "PRODUCT"), []),
    ],
)
def test_a_product_a_noun_beside_it_says_is_a_firm_is_kept_en(nlps, filters, words_pos, ent, kept):
    doc = tagged(nlps["en"], words_pos, [ent])
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("words_pos", "ent", "kept"),
    [
        # Something "of" a known place is no person, whatever the model said.
        ("Los/DET Papeles/PROPN de/ADP Panamá/PROPN salieron/VERB", (1, 4, "PER"), []),
        # A word beside it that says it is a person keeps it; a place the knowledge base lacks says nothing.
        ("el/DET rey/NOUN Carlos/PROPN de/ADP Panamá/PROPN llegó/VERB", (2, 5, "PER"), ["Carlos de Panamá"]),
        ("Habló/VERB Luis/PROPN de/ADP la/DET Fuente/PROPN ./PUNCT", (1, 5, "PER"), ["Luis de la Fuente"]),
    ],
)
def test_a_person_s_name_of_a_known_place_is_refused_es(nlps, filters, words_pos, ent, kept):
    doc = tagged(nlps["es"], words_pos, [ent])
    filters["es"](doc)
    assert [e.text for e in doc.ents] == kept


def test_a_one_word_person_after_a_plural_article_is_refused_es(nlps, filters):
    doc = tagged(nlps["es"], "Fueron/AUX a/ADP los/DET Sanfeliúes/PROPN ./PUNCT", [(3, 4, "PER")])
    doc[2].set_morph("Definite=Def|Gender=Masc|Number=Plur|PronType=Art")
    filters["es"](doc)
    assert list(doc.ents) == [] and [s.label_ for s in doc.spans[REJECTED_KEY]] == ["plural"]
    # After the person's full name, as news names one first.
    singular = tagged(nlps["es"], "Marta/PROPN Sanfeliú/PROPN habló/VERB ./PUNCT Lo/PRON dijo/VERB el/DET Sanfeliú/PROPN ./PUNCT",
                      [(0, 2, "PER"), (7, 8, "PER")])
    singular[6].set_morph("Definite=Def|Gender=Masc|Number=Sing|PronType=Art")
    filters["es"](singular)
    assert [e.text for e in singular.ents] == ["Marta Sanfeliú", "Sanfeliú"]


def test_a_title_word_that_ends_a_name_of_the_article_is_a_surname_en(nlps, filters):
    doc = tagged(nlps["en"], "Martin/PROPN King/PROPN spoke/VERB ./PUNCT King/PROPN left/VERB", [(0, 2, "PERSON"), (4, 5, "PERSON")])
    filters["en"](doc)
    assert [e.text for e in doc.ents] == ["Martin King", "King"]


@pytest.mark.parametrize(("name", "kept"), [("Spain", True), ("Health", False)])
def test_a_country_after_a_minister_s_title_is_no_portfolio_en(nlps, filters, name, kept):
    # "the Prime Minister of Spain Ana Ruiz": the country she heads; "the Minister of Health", a portfolio.
    doc = tagged(nlps["en"], f"the/DET Prime/PROPN Minister/PROPN of/ADP {name}/PROPN Ana/PROPN Ruiz/PROPN resigned/VERB",
                 [(4, 5, "GPE"), (5, 7, "PERSON")])
    filters["en"](doc)
    assert (name in [e.text for e in doc.ents]) is kept


def test_a_portfolio_after_a_title_and_its_adjectives_and_a_versus_only_before_a_name_es(nlps, filters):
    doc = tagged(nlps["es"], "la/DET comisaria/NOUN europea/ADJ de/ADP Competencia/PROPN habló/VERB", [(4, 5, "LOC")])
    filters["es"](doc)
    assert [s.label_ for s in doc.spans[REJECTED_KEY]] == ["a portfolio"]
    doc = tagged(nlps["es"], "la/DET Alianza/PROPN Global/PROPN contra/ADP el/DET Hambre/PROPN nació/VERB", [(1, 6, "ORG")])
    filters["es"](doc)
    assert [e.text for e in doc.ents] == ["Alianza Global contra el Hambre"]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        ("en", "Cyclone/PROPN Halden/PROPN struck/VERB Malawi/PROPN", (0, 2, "PERSON"), []),
        ("es", "la/DET Tormenta/PROPN Varga/PROPN llegó/VERB", (1, 3, "PER"), []),
        # A noun that is an event's and a body's head word ("partido": a match, a party) names the body,
        # unless the name sets two against each other.
        ("es", "el/DET partido/NOUN Tarvisa/PROPN Libre/PROPN ganó/VERB", (1, 4, "ORG"), ["Tarvisa Libre"]),
        ("es", "el/DET partido/NOUN Tarvisa-Olmo/PROPN terminó/VERB", (1, 3, "MISC"), []),
        # A person's name right after the lower-case noun of an event given one: the event's.
        ("es", "el/DET huracán/NOUN Otis/PROPN tocó/VERB tierra/NOUN", (2, 3, "PER"), []),
        ("en", "the/DET storm/NOUN Daniel/PROPN killed/VERB thousands/NOUN", (2, 3, "PERSON"), []),
        # Not after the noun of an event that is given no name, nor a place's name.
        ("en", "the/DET election/NOUN Biden/PROPN won/VERB", (2, 3, "PERSON"), ["Biden"]),
        ("es", "la/DET tormenta/NOUN Acapulco/PROPN cerró/VERB", (2, 3, "LOC"), ["Acapulco"]),
        # A kind's head word in the name says it is no event's: a party, a department.
        ("es", "el/DET Partido/PROPN Acción/PROPN Nacional/PROPN ganó/VERB", (1, 4, "ORG"), ["Partido Acción Nacional"]),
        ("en", "the/DET Fire/PROPN Department/PROPN said/VERB", (1, 3, "ORG"), ["Fire Department"]),
        # After "of", what a larger event is of: left to the events step.
        ("es", "una/DET final/NOUN de/ADP Copa/PROPN Andina/PROPN ./PUNCT", (3, 5, "MISC"), ["Copa Andina"]),
    ],
)
def test_a_name_an_event_noun_begins_is_the_event_s(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [e.text for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # The noun of a work before its name, apposed or with an of-word, and after it, over one word.
        ("es", "Estalló/VERB en/ADP la/DET estación/NOUN Tarvisa/PROPN ./PUNCT", (4, 5, "PER"), "estación Tarvisa"),
        ("es", "cayeron/VERB sobre/ADP la/DET avenida/NOUN Tarvisa/PROPN ./PUNCT", (4, 5, "LOC"), "avenida Tarvisa"),
        ("es", "cerca/ADV de/ADP la/DET estación/NOUN de/ADP Tarvisa/PROPN ./PUNCT", (5, 6, "LOC"), "estación de Tarvisa"),
        ("en", "trains/NOUN left/VERB the/DET Tarvisa/PROPN train/NOUN station/NOUN ./PUNCT", (3, 4, "GPE"), "Tarvisa train station"),
        ("en", "the/DET Tarvisa/PROPN rainforest/NOUN burned/VERB ./PUNCT", (1, 2, "ORG"), "Tarvisa rainforest"),
        # A mine or a plant built there, named the same way.
        ("en", "gas/NOUN exploded/VERB in/ADP Tarvisa/PROPN coal/NOUN mine/NOUN ./PUNCT", (3, 4, "GPE"), "Tarvisa coal mine"),
        ("es", "Estalló/VERB en/ADP la/DET mina/NOUN de/ADP Tarvisa/PROPN ./PUNCT", (5, 6, "LOC"), "mina de Tarvisa"),
        # The noun written as the name's first word, capitalised after an article.
        ("en", "a/DET fire/NOUN at/ADP the/DET Port/PROPN of/ADP Tarvisa/PROPN ./PUNCT", (6, 7, "GPE"), "Port of Tarvisa"),
        # A plural noun is shared by the names of a list: no name holds it.
        ("es", "las/DET estaciones/NOUN Tarvisa/PROPN y/CCONJ Olmo/PROPN", (2, 3, "LOC"), "Tarvisa"),
    ],
)
def test_a_name_is_widened_to_the_work_or_feature_it_names(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    if lang == "es" and "estaciones" in words_pos:
        doc[1].set_morph("Number=Plur")
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(kept, "Place")]


@pytest.mark.parametrize(
    ("words_pos", "ent", "kept"),
    [
        # The model's span holds the noun, or it tags the name alone.
        ("llegó/VERB a/ADP las/DET islas/NOUN Tarvisas/PROPN ./PUNCT", (3, 5, "LOC"), "islas Tarvisas"),
        ("cruzó/VERB el/DET océano/NOUN Tarvisio/PROPN ./PUNCT", (3, 4, "LOC"), "océano Tarvisio"),
    ],
)
def test_a_noun_spanish_writes_in_lower_case_before_a_places_name_is_part_of_it(nlps, filters, words_pos, ent, kept):
    # "las islas Canarias", "el océano Pacífico": lower case, and plural too, yet the place's name.
    doc = tagged(nlps["es"], words_pos, [ent])
    if "islas" in words_pos:
        doc[3].set_morph("Number=Plur")
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(kept, "Place")]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # A first-person verb in a name the model took for a person's: a party's or a coalition's slogan.
        ("es", "la/DET presentó/VERB Unidos/PROPN Podemos/AUX ./PUNCT", (2, 4, "PER"), [("Unidos Podemos", "Organization")]),
        # The accent tells the ministry from its head ("la secretaria de Economía").
        ("es", "según/ADP la/DET Secretaría/PROPN de/ADP la/DET Defensa/PROPN Nacional/PROPN", (2, 7, "ORG"),
         [("Secretaría de la Defensa Nacional", "Organization")]),
        ("es", "según/ADP la/DET Secretaria/PROPN de/ADP la/DET Defensa/PROPN Nacional/PROPN", (2, 7, "ORG"), []),
    ],
)
def test_a_body_s_name_is_told_from_a_person_s_and_a_title(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    if "Podemos" in words_pos:
        doc[3].set_morph("Mood=Ind|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin")
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("words_pos", "ent", "kept"),
    [
        # After a title and an of-word, a country run into a person's name is a name of its own.
        ("el/DET expresidente/NOUN de/ADP Perú/PROPN Ana/PROPN Varga/PROPN habló/VERB", (3, 6, "PER"),
         [("Perú", "Place"), ("Ana Varga", "Person")]),
        # Not without the title, nor a town's name that only opens a longer name.
        ("cerca/ADV de/ADP Perú/PROPN Ana/PROPN Varga/PROPN", (2, 5, "PER"), [("Perú Ana Varga", "Person")]),
        ("el/DET alcalde/NOUN de/ADP San/PROPN Felipe/PROPN Ayutla/PROPN habló/VERB", (3, 6, "PER"),
         [("San Felipe Ayutla", "Person")]),
        # A body's acronym there is the body the title is of, not the first word of the person's name.
        ("el/DET expresidente/NOUN del/ADP BBVA/PROPN Ana/PROPN Varga/PROPN declaró/VERB", (3, 6, "PER"),
         [("BBVA", "Organization"), ("Ana Varga", "Person")]),
        ("cerca/ADV de/ADP BBVA/PROPN Ana/PROPN Varga/PROPN", (2, 5, "PER"), [("BBVA Ana Varga", "Person")]),
        ("el/DET expresidente/NOUN del/ADP BBVA/PROPN Varga/PROPN declaró/VERB", (3, 5, "PER"), [("BBVA Varga", "Person")]),
    ],
)
def test_a_country_a_person_s_name_was_run_into_is_split_off_es(nlps, filters, words_pos, ent, kept):
    doc = tagged(nlps["es"], words_pos, [ent])
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("words_pos", "ent", "kept"),
    [
        # Longer than max_tokens through its articles and of-words, but capitalised words only: one name.
        ("El/DET Tribunal/PROPN Superior/PROPN de/ADP Justicia/PROPN de/ADP la/DET Ciudad/PROPN de/ADP México/PROPN falló/VERB",
         (0, 10, "ORG"), [("Tribunal Superior de Justicia de la Ciudad de México", "Organization")]),
        # A lower-case word in it makes it a clause.
        ("El/DET tribunal/NOUN superior/ADJ de/ADP Justicia/PROPN de/ADP la/DET Ciudad/PROPN de/ADP México/PROPN falló/VERB",
         (0, 10, "ORG"), []),
    ],
)
def test_a_long_name_of_capitalised_words_and_of_words_is_kept_es(nlps, filters, words_pos, ent, kept):
    doc = tagged(nlps["es"], words_pos, [ent])
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("acronym", "kept"),
    [
        # The acronym after it spells both pieces: one name (and the acronym, a name of its own).
        ("CNMC", [("Comisión Nacional de los Mercados y la Competencia", "Organization"), ("CNMC", "Organization")]),
        # It spells only the first, or none is there: two names.
        ("CNM", [("Comisión Nacional de los Mercados", "Organization"), ("Competencia", "Organization")]),
    ],
)
def test_a_name_cut_at_its_conjunction_is_joined_when_its_acronym_spells_both_pieces_es(nlps, filters, acronym, kept):
    words_pos = f"La/DET Comisión/PROPN Nacional/PROPN de/ADP los/DET Mercados/PROPN y/CCONJ la/DET Competencia/PROPN (/PUNCT {acronym}/PROPN )/PUNCT vigila/VERB"
    doc = tagged(nlps["es"], words_pos, [(1, 6, "ORG"), (8, 9, "ORG")])
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("second", "label", "kept"),
    [
        # A body's "of" phrase cut at its conjunction, the rest taken for a person: one name.
        ("Comunicaciones", "PER", ["Ministerio de Transportes y Comunicaciones"]),
        ("Comunicaciones", "MISC", ["Ministerio de Transportes y Comunicaciones"]),
        # A known place or an organisation after the conjunction is a name of its own.
        ("Perú", "LOC", ["Ministerio de Transportes", "Perú"]),
        ("Acme", "ORG", ["Ministerio de Transportes", "Acme"]),
    ],
)
def test_a_body_s_of_phrase_cut_at_its_conjunction_is_joined_es(nlps, filters, second, label, kept):
    words_pos = f"El/DET Ministerio/PROPN de/ADP Transportes/PROPN y/CCONJ {second}/PROPN abrió/VERB"
    doc = tagged(nlps["es"], words_pos, [(1, 4, "ORG"), (5, 6, label)])
    filters["es"](doc)
    assert [e.text for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("label", "dep", "kept"),
    [
        # The parser reads the word as part of the first name; the model took it for a person,
        # or left it untyped: one name.
        ("PER", "flat", [("Centro de Ensayos de Turbinas", "Place")]),
        ("MISC", "flat", [("Centro de Ensayos de Turbinas", "Place")]),
        # A place there is where the first is; a word the parser hangs elsewhere is no part of it.
        ("LOC", "flat", [("Centro de Ensayos", "Place"), ("Turbinas", "Place")]),
        ("PER", "nmod", [("Centro de Ensayos", "Place"), ("Turbinas", "Person")]),
    ],
)
def test_a_word_the_parser_reads_inside_a_name_joins_it_es(label, dep, kept):
    doc = parse_table("es", f"""
        El        DET   det    1
        Centro    PROPN nsubj  6
        de        ADP   case   3
        Ensayos   PROPN flat   1
        de        ADP   case   5
        Turbinas  PROPN {dep}  1
        abrió     VERB  ROOT   6  abrir
        .         PUNCT punct  6
    """, ents=((1, 4, "LOC"), (5, 6, label)))
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        # The second end of a route from a place: a place, whatever label no entity has the model gave it.
        ("en", "travelling/VERB from/ADP Madrid/PROPN to/ADP Ferrol/PROPN ,/PUNCT it/PRON derailed/VERB",
         [(2, 3, "GPE"), (4, 5, "PRODUCT")], [("Madrid", "Place"), ("Ferrol", "Place")]),
        # The first end, left untyped.
        ("es", "el/DET tren/NOUN de/ADP Ferrol/PROPN a/ADP Madrid/PROPN descarriló/VERB",
         [(3, 4, "MISC"), (5, 6, "LOC")], [("Ferrol", "Place"), ("Madrid", "Place")]),
        # No place at the other end: the name stays what the model said.
        ("en", "travelling/VERB from/ADP Acme/PROPN to/ADP Ferrol/PROPN ,/PUNCT it/PRON derailed/VERB",
         [(2, 3, "ORG"), (4, 5, "PRODUCT")], [("Acme", "Organization")]),
        ("es", "el/DET tren/NOUN de/ADP Ferrol/PROPN a/ADP Ana/PROPN Varga/PROPN descarriló/VERB",
         [(3, 4, "MISC"), (5, 7, "PER")], [("Ferrol", "Thing"), ("Ana Varga", "Person")]),
    ],
)
def test_the_end_of_a_route_from_or_to_a_place_is_a_place(nlps, filters, lang, words_pos, ents, kept):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent"),
    [
        # A scale's noun after the name, or before it (with an of-word or not).
        ("en", "a/DET maximum/ADJ Modified/PROPN Halden/PROPN intensity/NOUN of/ADP VIII/PROPN", (2, 4, "PERSON")),
        ("en", "on/ADP the/DET Halden/PROPN scale/NOUN", (2, 3, "ORG")),
        ("es", "7,8/NUM en/ADP la/DET escala/NOUN de/ADP Halden/PROPN", (5, 6, "PER")),
        ("es", "una/DET intensidad/NOUN Halden/PROPN de/ADP VIII/PROPN", (2, 3, "MISC")),
    ],
)
def test_a_scale_s_name_is_refused(nlps, filters, lang, words_pos, ent):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert not doc.ents
    assert [s.label_ for s in doc.spans[REJECTED_KEY] if (s.start, s.end) == ent[:2]] == ["scale"]


def test_a_person_s_name_that_is_a_scale_s_elsewhere_is_kept_en(nlps, filters):
    doc = tagged(nlps["en"], "the/DET painter/NOUN Ana/PROPN Richter/PROPN spoke/VERB", [(2, 4, "PERSON")])
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ana Richter", "Person")]


def test_a_capital_that_only_opens_the_sentence_makes_no_name_es(nlps, filters):
    doc = tagged(nlps["es"], "La/DET cancillería/PROPN peruana/ADJ expulsó/VERB al/ADP embajador/NOUN", [(0, 3, "MISC")])
    filters["es"](doc)
    assert list(doc.ents) == []
    assert [(s.text, s.label_) for s in doc.spans["rejected"]] == [("La cancillería peruana", "lower case")]


def test_a_known_place_the_model_tagged_a_people_is_a_place_but_not_a_demonym_en(nlps, filters):
    doc = tagged(nlps["en"], "hundreds/NOUN died/VERB in/ADP Aleppo/PROPN ,/PUNCT Syrian/ADJ media/NOUN said/VERB",
                 [(3, 4, "NORP"), (5, 6, "NORP")])
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Aleppo", "Place")]
    assert [(s.text, s.label_) for s in doc.spans["rejected"]] == [("Syrian", "label NORP")]


@pytest.mark.parametrize(
    ("words_pos", "deps", "heads", "ent", "kind"),
    [
        # The apposition's noun is the head its compounds describe ("a rescue group").
        ("The/DET Varga/PROPN Helmets/PROPN ,/PUNCT a/DET rescue/NOUN group/NOUN ,/PUNCT said/VERB",
         ["det", "compound", "nsubj", "punct", "det", "compound", "appos", "punct", "ROOT"], [2, 2, 8, 2, 6, 6, 2, 2, 8],
         (1, 3, "FAC"), "Organization"),
        # A name's last word says its kind ("the Kandilli Observatory").
        ("the/DET Kandilli/PROPN Observatory/PROPN recorded/VERB",
         ["det", "compound", "nsubj", "ROOT"], [2, 2, 3, 3], (1, 3, "PERSON"), "Organization"),
    ],
)
def test_the_head_of_a_name_or_of_its_apposition_says_its_kind_en(nlps, filters, words_pos, deps, heads, ent, kind):
    pairs = [item.rsplit("/", 1) for item in words_pos.split()]
    doc = hand_doc(nlps["en"], [w for w, _ in pairs], ents=[ent], pos=[p for _, p in pairs], deps=deps, heads=heads)
    filters["en"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(ent[0], ent[1], kind)]


@pytest.mark.parametrize(
    ("words_pos", "kind"),
    [
        # The tagger reads the apposition's noun as an adjective: the noun of a kind still says what the name is.
        ("operado/VERB por/ADP Varnholt/PROPN Rail/PROPN ,/PUNCT subsidiaria/ADJ del/ADP grupo/NOUN italiano/ADJ", "Organization"),
        ("operado/VERB por/ADP Varnholt/PROPN Rail/PROPN ,/PUNCT filial/ADJ de/ADP Acme/PROPN ,/PUNCT", "Organization"),
        # An adjective of no kind says nothing: the model's label stands.
        ("operado/VERB por/ADP Varnholt/PROPN Rail/PROPN ,/PUNCT famosa/ADJ en/ADP Grecia/PROPN", "Thing"),
    ],
)
def test_a_kind_s_noun_read_as_an_adjective_in_an_apposition_says_the_kind_es(nlps, filters, words_pos, kind):
    doc = tagged(nlps["es"], words_pos, [(2, 4, "MISC")])
    filters["es"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents if e.start == 2] == [(2, 4, kind)]


def test_the_names_on_either_side_of_a_clause_s_verb_are_names_es(nlps, filters):
    # The model took a clause for one name: refused whole; its subject, and a name after a verb
    # with a word that says what it is, are kept; a lone capitalised word after a verb is not.
    doc = tagged(nlps["es"], "La/DET Audiencia/PROPN Nacional/PROPN anuló/VERB la/DET Ley/PROPN Oms/PROPN", [(1, 7, "ORG")])
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Audiencia Nacional", "Organization"), ("Ley Oms", "Thing")]
    assert ("Audiencia Nacional anuló la Ley Oms", "contains a verb") in [(s.text, s.label_) for s in doc.spans["rejected"]]
    doc = tagged(nlps["es"], "La/DET Audiencia/PROPN Nacional/PROPN citó/VERB a/ADP Varga/PROPN", [(1, 6, "ORG")])
    filters["es"](doc)
    assert [e.text for e in doc.ents] == ["Audiencia Nacional"]
    # A conjunction before the verb joins two clauses: the name before it is whole without it.
    doc = tagged(nlps["es"], "murieron/VERB en/ADP Ruritania/PROPN y/CCONJ obligó/VERB al/ADP Gobierno/PROPN", [(2, 7, "MISC")])
    filters["es"](doc)
    assert "Ruritania" in [e.text for e in doc.ents]
    # A clause with no name but its capitalised first word keeps none.
    doc = tagged(nlps["es"], "La/DET operación/NOUN fue/AUX caótica/ADJ ./PUNCT", [(0, 4, "MISC")])
    filters["es"](doc)
    assert list(doc.ents) == []


@pytest.mark.parametrize(
    ("words", "tags", "heads", "ent", "kind"),
    [
        # The name qualifies a kind of place: the place is so named, whatever the model guessed.
        (["residents", "of", "the", "Tarvisa", "area", "stayed"], ["NNS", "IN", "DT", "NNP", "NN", "VBD"], [5, 0, 4, 4, 1, 5],
         (3, 4, "PERSON"), "Place"),
        # A group's places, plural: the group is no place.
        (["leaders", "of", "Tarvisa", "countries", "met"], ["NNS", "IN", "NNP", "NNS", "VBD"], [4, 0, 3, 1, 4], (2, 3, "ORG"), "Organization"),
    ],
)
def test_a_name_qualifying_one_place_of_a_kind_is_that_place_en(nlps, filters, words, tags, heads, ent, kind):
    pos = {"NNS": "NOUN", "NN": "NOUN", "IN": "ADP", "DT": "DET", "NNP": "PROPN", "VBD": "VERB"}
    deps = ["nsubj" if t == "VBD" else "compound" if t == "NNP" else "dep" for t in tags]
    doc = hand_doc(nlps["en"], words, ents=[ent], pos=[pos[t] for t in tags], tags=tags, deps=deps, heads=heads,
                   lemmas=[w.rstrip("s") if t == "NNS" else w for w, t in zip(words, tags, strict=True)])
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(doc[ent[0]].text, kind)]


@pytest.mark.parametrize(
    ("noun", "places"),
    [
        # Tagged as a person, left untagged, a place: the list before "villages" is of villages.
        ("villages", ["Tarvisa", "Olmo", "Brenna", "Kunhome"]),
        # "the Smith and Jones families": no kind of place; only the model's place stays one.
        ("families", ["Tarvisa"]),
    ],
)
def test_names_listed_before_a_plural_kind_of_place_are_places_en(nlps, filters, noun, places):
    words = ["at", "Tarvisa", ",", "Olmo", ",", "Brenna", "and", "Kunhome", noun, "of", "Ruritania"]
    tags = ["IN", "NNP", ",", "NNP", ",", "NNP", "CC", "NNP", "NNS", "IN", "NNP"]
    pos = ["ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "PROPN", "CCONJ", "PROPN", "NOUN", "ADP", "PROPN"]
    doc = hand_doc(nlps["en"], words, ents=[(1, 2, "GPE"), (3, 4, "PERSON"), (10, 11, "GPE")], pos=pos, tags=tags,
                   deps=["prep", "nmod", "punct", "conj", "punct", "conj", "cc", "conj", "pobj", "prep", "pobj"],
                   heads=[0, 8, 1, 1, 3, 3, 5, 5, 0, 8, 9], lemmas=[*words[:8], noun.rstrip("s").replace("ie", "y"), "of", "Ruritania"])
    filters["en"](doc)
    assert [e.text for e in doc.ents if e.label_ == "Place" and e.text != "Ruritania"] == places


@pytest.mark.parametrize(("later", "person"), [("Varga/PROPN was/AUX charged/VERB", True), ("Varga/PROPN Street/PROPN was/AUX shut/VERB", False)])
def test_a_surname_told_again_untagged_names_the_person_en(nlps, filters, later, person):
    # "Ana Varga was arrested. Varga was charged.": the model tagged only the full name.
    doc = tagged(nlps["en"], f"Ana/PROPN Varga/PROPN was/AUX arrested/VERB ./PUNCT {later} ./PUNCT", [(0, 2, "PERSON")])
    filters["en"](doc)
    # "Varga Street" is a street's name ("Varga" inside it no person).
    assert (("Varga", "Person") in [(e.text, e.label_) for e in doc.ents[1:]]) is person


@pytest.mark.parametrize(("others", "placed"), [(("LOC", "LOC"), True), (("LOC", "PER"), False)])
def test_a_name_left_untagged_in_a_list_of_places_is_a_place(nlps, filters, others, placed):
    # "en Tarvisa, Olmo, Brenna y Kunhome": the model tagged all but Brenna.
    doc = tagged(nlps["es"], "en/ADP Tarvisa/PROPN ,/PUNCT Olmo/PROPN ,/PUNCT Brenna/PROPN y/CCONJ Kunhome/PROPN ./PUNCT",
                 [(1, 2, others[0]), (3, 4, others[1]), (7, 8, "LOC")])
    filters["es"](doc)
    assert ("Brenna" in [e.text for e in doc.ents if e.label_ == "Place"]) is placed


@pytest.mark.parametrize(("word", "pos", "kept"), [("Lambayeque", "PRON", True), ("Que", "PRON", False)])
def test_a_capitalised_word_tagged_a_pronoun_inside_a_sentence_is_a_name_es(nlps, filters, word, pos, kept):
    # The tagger read "Lambayeque" as a pronoun ("-que"); a word of the stop list is one.
    doc = tagged(nlps["es"], f"llegó/VERB a/ADP Piura/PROPN y/CCONJ {word}/{pos} ./PUNCT", [(2, 3, "LOC"), (4, 5, "LOC")])
    filters["es"](doc)
    assert (word in [e.text for e in doc.ents]) is kept


@pytest.mark.parametrize(("words_pos", "ents", "names"), [
    # The model tagged the pieces of a team's name apart, as people: one name, a body's.
    ("with/ADP Tarvisa/PROPN –/PUNCT Olmo/PROPN won/VERB", [(1, 2, "PERSON"), (3, 4, "PERSON")], [("Tarvisa–Olmo", "Organization")]),
    # One piece tagged, the other not: the place's name is whole.
    ("the/DET Hunga/PROPN Brenna/PROPN –/PUNCT Hunga/PROPN Olmo/PROPN erupted/VERB", [(1, 3, "FAC")], [("Hunga Brenna–Hunga Olmo", "Place")]),
    # Two places the knowledge base knows stay two: "the Turkey–Syria earthquake".
    ("the/DET Turkey/PROPN –/PUNCT Syria/PROPN earthquake/NOUN", [(1, 2, "GPE"), (3, 4, "GPE")], [("Turkey", "Place"), ("Syria", "Place")]),
])
def test_names_a_dash_joins_without_a_space_are_one_name_en(nlps, filters, words_pos, ents, names):
    doc = tagged(nlps["en"], words_pos, ents)
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == names


@pytest.mark.parametrize(("lang", "words_pos", "ent", "names"), [
    # A preposition no person's name holds splits a person's span: the journalist and the outlet.
    ("es", "el/DET periodista/NOUN Ana/PROPN Varga/PROPN para/ADP La/DET Gaceta/PROPN reveló/VERB", (2, 7, "PER"),
     ["Ana Varga", "La Gaceta"]),
    # Not a body's name: "la Alianza para el Progreso" is one.
    ("es", "la/DET Alianza/PROPN para/ADP el/DET Progreso/PROPN ganó/VERB", (1, 5, "ORG"), ["Alianza para el Progreso"]),
    ("en", "reporter/NOUN Ana/PROPN Varga/PROPN for/ADP The/DET Herald/PROPN wrote/VERB", (1, 6, "PERSON"), ["Ana Varga", "The Herald"]),
])
def test_a_person_s_span_is_split_at_a_preposition_no_person_s_name_holds(nlps, filters, lang, words_pos, ent, names):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [e.text for e in doc.ents] == names


# --------------------------------------------------------------------------
# Named things: a product noun beside the name (product_nouns)


@pytest.mark.parametrize(
    ("words_pos", "deps", "heads", "ent", "kind"),
    [
        # The noun the name is a compound of, the head only.
        ("the/DET Zorvax/PROPN ransomware/NOUN cryptoworm/NOUN spread/VERB",
         ["det", "compound", "compound", "nsubj", "ROOT"], [3, 3, 3, 4, 4], (1, 2, "ORG"), "Thing"),
        ("the/DET Quorra/PROPN Lindows/PROPN operating/NOUN system/NOUN crashed/VERB",
         ["det", "compound", "compound", "compound", "nsubj", "ROOT"], [4, 2, 4, 4, 5, 5], (1, 3, "ORG"), "Thing"),
        # Tagged a people: the noun makes it a thing all the same.
        ("payments/NOUN in/ADP the/DET Quellcoin/PROPN cryptocurrency/NOUN ended/VERB",
         ["nsubj", "prep", "det", "compound", "pobj", "ROOT"], [5, 0, 4, 4, 1, 5], (3, 4, "NORP"), "Thing"),
        # An apposition.
        ("Zorvax/PROPN ,/PUNCT an/DET exploit/NOUN ,/PUNCT leaked/VERB",
         ["nsubj", "punct", "det", "appos", "punct", "ROOT"], [5, 0, 3, 0, 0, 5], (0, 1, "ORG"), "Thing"),
        # Another noun at the head, or a body the knowledge base knows: the model's kind stays.
        ("the/DET Zorvax/PROPN token/NOUN exchange/NOUN failed/VERB",
         ["det", "compound", "compound", "nsubj", "ROOT"], [3, 3, 3, 4, 4], (1, 2, "ORG"), "Organization"),
        ("the/DET Microsoft/PROPN operating/NOUN system/NOUN crashed/VERB",
         ["det", "compound", "compound", "nsubj", "ROOT"], [3, 3, 3, 4, 4], (1, 2, "ORG"), "Organization"),
    ],
)
def test_a_product_noun_beside_a_name_makes_it_a_thing_en(nlps, filters, words_pos, deps, heads, ent, kind):
    pairs = [item.rsplit("/", 1) for item in words_pos.split()]
    doc = hand_doc(nlps["en"], [w for w, _ in pairs], ents=[ent], pos=[p for _, p in pairs], deps=deps, heads=heads)
    filters["en"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(ent[0], ent[1], kind)]


@pytest.mark.parametrize(
    ("words_pos", "ent", "kind"),
    [
        ("el/DET gusano/NOUN Zorvax/PROPN cifró/VERB datos/NOUN", (2, 3, "ORG"), "Thing"),
        ("el/DET sistema/NOUN operativo/ADJ Lindows/PROPN falló/VERB", (3, 4, "ORG"), "Thing"),
        ("la/DET criptomoneda/NOUN Quellcoin/PROPN cayó/VERB", (2, 3, "PER"), "Thing"),
        ("el/DET equipo/NOUN Zorvax/PROPN ganó/VERB", (2, 3, "MISC"), "Organization"),
    ],
)
def test_a_product_noun_before_a_name_makes_it_a_thing_es(nlps, filters, words_pos, ent, kind):
    doc = tagged(nlps["es"], words_pos, [ent])
    filters["es"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(ent[0], ent[1], kind)]


# --------------------------------------------------------------------------
# Names listed after the noun of events given names


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        ("en", "the/DET hurricanes/NOUN Zelda/PROPN ,/PUNCT Quentin/PROPN and/CCONJ Ursula/PROPN hit/VERB Cuba/PROPN",
         [(4, 5, "PERSON"), (6, 7, "GPE"), (8, 9, "GPE")], ["Cuba"]),
        ("en", "a/DET hurricane/NOUN (/PUNCT Zelda/PROPN in/ADP 2016/NUM ,/PUNCT Quentin/PROPN in/ADP 2017/NUM )/PUNCT",
         [(3, 4, "PERSON"), (7, 8, "PERSON")], []),
        ("es", "los/DET huracanes/NOUN Zelda/PROPN y/CCONJ Quentin/PROPN azotaron/VERB Cuba/PROPN",
         [(4, 5, "PER"), (6, 7, "LOC")], ["Cuba"]),
        # People listed after another noun are people.
        ("en", "the/DET ministers/NOUN ,/PUNCT Zelda/PROPN Marr/PROPN and/CCONJ Quentin/PROPN Lisk/PROPN ,/PUNCT met/VERB",
         [(3, 5, "PERSON"), (6, 8, "PERSON")], ["Zelda Marr", "Quentin Lisk"]),
    ],
)
def test_names_listed_after_the_noun_of_named_storms_are_the_storms_names(nlps, filters, lang, words_pos, ents, kept):
    pairs = [item.rsplit("/", 1) for item in words_pos.split()]
    singular = {"hurricanes": "hurricane", "huracanes": "huracán", "ministers": "minister"}
    doc = hand_doc(nlps[lang], [w for w, _ in pairs], ents=ents, pos=[p for _, p in pairs],
                   lemmas=[singular.get(w, w.lower()) for w, _ in pairs])
    filters[lang](doc)
    assert [e.text for e in doc.ents] == kept
    assert all(s.label_ == "an event's given name" for s in doc.spans[REJECTED_KEY] if s.text not in kept)


# --------------------------------------------------------------------------
# A place after a person's name


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        ("es", "el/DET senador/NOUN Ana/PROPN Varga/PROPN de/ADP Texas/PROPN habló/VERB", (2, 6, "PER"),
         [("Ana Varga", "Person"), ("Texas", "Place")]),
        ("en", "the/DET senator/NOUN Ana/PROPN Varga/PROPN of/ADP Texas/PROPN spoke/VERB", (2, 6, "PERSON"),
         [("Ana Varga", "Person"), ("Texas", "Place")]),
        # No role noun beside it, one word before the of-word, or no known place after it: one name.
        ("es", "los/DET Papeles/PROPN de/ADP Panamá/PROPN salieron/VERB", (1, 4, "PER"), []),
        ("es", "la/DET senadora/NOUN Ana/PROPN Varga/PROPN de/ADP Kirchner/PROPN habló/VERB", (2, 6, "PER"),
         [("Ana Varga de Kirchner", "Person")]),
    ],
)
def test_a_known_place_after_a_person_s_name_and_an_of_word_is_split_off(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("words_pos", "ents", "kept"),
    [
        # The body's acronym in brackets, left untagged, is a name of its own.
        ("the/DET Halden/PROPN Electoral/PROPN Commission/PROPN (/PUNCT HEC/PROPN )/PUNCT said/VERB",
         [(1, 4, "ORG")], ["Halden Electoral Commission", "HEC"]),
        # Not letters of no initial of the name, a time zone, nor after a place (a dateline's agency).
        ("the/DET Halden/PROPN Electoral/PROPN Commission/PROPN (/PUNCT XYZ/PROPN )/PUNCT said/VERB",
         [(1, 4, "ORG")], ["Halden Electoral Commission"]),
        ("the/DET Halden/PROPN Coordinated/PROPN Time/PROPN (/PUNCT UTC/PROPN )/PUNCT began/VERB",
         [(1, 4, "ORG")], ["Halden Coordinated Time"]),
        ("NEW/PROPN HALDEN/PROPN (/PUNCT NH/PROPN )/PUNCT ,/PUNCT rain/NOUN fell/VERB", [(0, 2, "GPE")], ["NEW HALDEN"]),
    ],
)
def test_an_untagged_acronym_in_brackets_after_a_body_s_name_is_a_name_en(nlps, filters, words_pos, ents, kept):
    doc = tagged(nlps["en"], words_pos, ents)
    filters["en"](doc)
    assert [e.text for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # A disease, an of-word and a name: where the disease is, a place.
        ("es", "el/DET brote/NOUN de/ADP Ébola/PROPN de/ADP Halden/PROPN terminó/VERB", (3, 6, "PER"), [("Halden", "Place")]),
        ("en", "the/DET Ebola/PROPN of/ADP Halden/PROPN spread/VERB", (1, 4, "PERSON"), [("Halden", "Place")]),
        # Another word before the of-word: the model's name stays.
        ("es", "el/DET brote/NOUN de/ADP Ana/PROPN de/ADP Halden/PROPN terminó/VERB", (3, 6, "PER"), [("Ana de Halden", "Person")]),
    ],
)
def test_the_name_after_a_disease_and_an_of_word_is_a_place(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("words", "deps", "heads", "ents", "kept"),
    [
        # A body's acronym before the one-word name of its seat, the head of the two: one name.
        ("The KVT Orla confirmed the case".split(), ["det", "compound", "nsubj", "ROOT", "det", "dobj"], [2, 2, 3, 3, 5, 3],
         [(1, 2, "ORG"), (2, 3, "GPE")], [(1, 3, "Organization")]),
        # The two describing the noun after them are two names.
        ("The KVT Orla summit opened".split(), ["det", "compound", "compound", "nsubj", "ROOT"], [3, 2, 3, 4, 4],
         [(1, 2, "ORG"), (2, 3, "GPE")], [(1, 2, "Organization"), (2, 3, "Place")]),
        # Not an acronym: a body and the place, two names.
        ("The Kovat Orla confirmed the case".split(), ["det", "compound", "nsubj", "ROOT", "det", "dobj"], [2, 2, 3, 3, 5, 3],
         [(1, 2, "ORG"), (2, 3, "GPE")], [(1, 2, "Organization"), (2, 3, "Place")]),
    ],
)
def test_a_body_s_acronym_and_the_city_of_its_seat_are_one_name_en(nlps, filters, words, deps, heads, ents, kept):
    doc = hand_doc(nlps["en"], words, ents=ents, pos=["DET", "PROPN", "PROPN", *(["VERB", "DET", "NOUN"] if len(words) == 6 else ["NOUN", "VERB"])],
                   deps=deps, heads=heads)
    filters["en"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("words_pos", "ent", "plural", "kept"),
    [
        # A division named after its seat, in lower case after the name: the division, not the town.
        ("Floods/NOUN hit/VERB Tarvisa/PROPN district/NOUN ./PUNCT", (2, 3, "GPE"), None, "Tarvisa district"),
        ("Floods/NOUN hit/VERB Tarvisa/PROPN province/NOUN in/ADP May/PROPN", (2, 3, "PERSON"), None, "Tarvisa province"),
        # One noun for two divisions: neither name holds it.
        ("Olmo/PROPN and/CCONJ Tarvisa/PROPN districts/NOUN were/AUX hit/VERB", (2, 3, "GPE"), 3, "Tarvisa"),
        # A neighbourhood is the place its name names.
        ("the/DET Tarvisa/PROPN neighborhood/NOUN of/ADP Olmo/PROPN", (1, 2, "GPE"), None, "Tarvisa"),
    ],
)
def test_a_division_after_a_name_is_the_division_s_name_en(nlps, filters, words_pos, ent, plural, kept):
    doc = tagged(nlps["en"], words_pos, [ent])
    if plural is not None:
        doc[plural].set_morph("Number=Plur")
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(kept, "Place")]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # A ship's prefix, as written, opens a vessel's name, whatever the model tagged.
        ("en", "the/DET ferry/NOUN MV/PROPN Tarvisa/PROPN sank/VERB", (2, 4, "ORG"), ("MV Tarvisa", "Thing")),
        ("es", "el/DET submarino/NOUN ARA/PROPN Olmo/PROPN Alto/PROPN zarpó/VERB", (2, 5, "ORG"), ("ARA Olmo Alto", "Thing")),
        ("en", "Ms/PROPN Tarvisa/PROPN said/VERB", (0, 2, "PERSON"), ("Ms Tarvisa", "Person")),
        # The word that opens a plan's code name, as written: a thing, whatever its last word is the head of.
        ("en", "they/PRON began/VERB Operation/PROPN Tarvisa/PROPN Bridge/PROPN", (2, 5, "FAC"), ("Operation Tarvisa Bridge", "Thing")),
        ("es", "lanzaron/VERB la/DET Operación/PROPN Olmo/PROPN", (2, 4, "LOC"), ("Operación Olmo", "Thing")),
        ("en", "the/DET operation/NOUN in/ADP Tarvisa/PROPN Bridge/PROPN", (3, 5, "FAC"), ("Tarvisa Bridge", "Place")),
        # A military base's head word: a place, not the person the model saw.
        ("en", "near/ADP the/DET Tarvisa/PROPN Garrison/PROPN ./PUNCT", (2, 4, "PERSON"), ("Tarvisa Garrison", "Place")),
        ("en", "at/ADP Olmo/PROPN Air/PROPN Base/PROPN ./PUNCT", (1, 4, "ORG"), ("Olmo Air Base", "Place")),
        # A launch site's head word: a place, not the body that runs it.
        ("en", "from/ADP the/DET Tarvisa/PROPN Cosmodrome/PROPN", (2, 4, "ORG"), ("Tarvisa Cosmodrome", "Place")),
        ("es", "desde/ADP el/DET Cosmódromo/PROPN de/ADP Olmo/PROPN", (2, 5, "ORG"), ("Cosmódromo de Olmo", "Place")),
        # A model's designation after its maker's name: the model, a thing.
        ("en", "an/DET Orlav/PROPN A320/NOUN landed/VERB", (1, 2, "ORG"), ("Orlav A320", "Thing")),
        ("en", "an/DET Orlav/PROPN An-26/NOUN crashed/VERB", (1, 2, "PERSON"), ("Orlav An-26", "Thing")),
        ("es", "el/DET Orlav/PROPN 737/NUM de/ADP Iberia/PROPN", (1, 2, "ORG"), ("Orlav 737", "Thing")),
        # A count after a body's name, a year or a one-digit number is no designation.
        ("en", "paid/VERB Orlav/PROPN 300/NUM million/NUM euros/NOUN", (1, 2, "ORG"), ("Orlav", "Organization")),
        ("en", "Orlav/PROPN 2024/NUM opened/VERB", (0, 1, "ORG"), ("Orlav", "Organization")),
        ("en", "Orlav/PROPN 4/NUM aired/VERB it/PRON", (0, 1, "ORG"), ("Orlav", "Organization")),
        # ...and a bare number is a model only after a body's name.
        ("en", "Tarvisa/PROPN 300/NUM sank/VERB", (0, 1, "GPE"), ("Tarvisa", "Place")),
        # A number after a word that makes it a label is no designation ("Flight 610").
        ("en", "the/DET Orlav/PROPN Air/PROPN Flight/PROPN 610/NUM crashed/VERB", (1, 4, "ORG"), ("Orlav Air Flight", "Organization")),
        ("en", "the/DET Orlav/PROPN Air/PROPN Flight/PROPN A320/NOUN crashed/VERB", (1, 4, "ORG"), ("Orlav Air Flight", "Organization")),
        # A number after a hyphen ends a thing's name, no person's.
        ("en", "the/DET probe/NOUN Tarvisa-6/PROPN landed/VERB", (2, 3, "PERSON"), ("Tarvisa-6", "Thing")),
        # A feature's noun first, as Spanish writes a name's head.
        ("es", "alunizó/VERB en/ADP el/DET cráter/NOUN Tarvisa/PROPN ./PUNCT", (4, 5, "PER"), ("cráter Tarvisa", "Place")),
    ],
)
def test_what_a_name_s_own_words_say_it_names_overrides_the_model_s_label(nlps, filters, lang, words_pos, ent, kept):
    # A vessel's and a model's name are things; a numbered name and a feature's name are no person's.
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [kept]


@pytest.mark.parametrize(
    ("words_pos", "ent", "kept"),
    [
        # The model took the flight's designation whole: refused (for its number, its label), its operator is a body.
        ("the/DET crash/NOUN of/ADP Orlav/PROPN Air/PROPN Flight/PROPN 610/NUM", (3, 7, "ORG"), [("Orlav Air", "Organization")]),
        ("Tarvisa/PROPN Flight/PROPN 9525/NUM crashed/VERB", (0, 3, "PRODUCT"), [("Tarvisa", "Organization")]),
        # No operator before the vehicle's noun, words after its number, or a noun that numbers no vehicle: nothing.
        ("Flight/PROPN 610/NUM crashed/VERB", (0, 2, "PRODUCT"), []),
        ("Orlav/PROPN Flight/PROPN 610/NUM Tarvisa/PROPN crashed/VERB", (0, 4, "ORG"), []),
        ("Orlav/PROPN Route/PROPN 66/NUM opened/VERB", (0, 3, "FAC"), []),
    ],
)
def test_the_body_before_a_numbered_flight_the_model_took_whole_is_its_operator_en(nlps, filters, words_pos, ent, kept):
    doc = tagged(nlps["en"], words_pos, [ent])
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept
    assert [(s.start, s.end) for s in doc.spans[REJECTED_KEY]] == [ent[:2]]


@pytest.mark.parametrize(
    ("words_pos", "ents", "kept"),
    [
        # The model tagged "Analytica" alone where the article names "Cambridge Analytica".
        ("Tarvo/PROPN Analytica/PROPN used/VERB it/PRON ./PUNCT Tarvo/PROPN Analytica/PROPN was/AUX sued/VERB",
         [(0, 2, "ORG"), (6, 7, "PERSON")], [("Tarvo Analytica", "Organization"), ("Tarvo Analytica", "Person")]),
        ("Olmo/PROPN Bank/PROPN Tarvisa/PROPN said/VERB ./PUNCT Olmo/PROPN Bank/PROPN Tarvisa/PROPN fell/VERB",
         [(0, 3, "ORG"), (6, 7, "ORG")], [("Olmo Bank Tarvisa", "Organization"), ("Olmo Bank Tarvisa", "Organization")]),
        # The words beside it make no name the article writes: it stays as tagged.
        ("Tarvo/PROPN Analytica/PROPN used/VERB it/PRON ./PUNCT Orlav/PROPN Analytica/PROPN was/AUX sued/VERB",
         [(0, 2, "ORG"), (6, 7, "ORG")], [("Tarvo Analytica", "Organization"), ("Analytica", "Organization")]),
    ],
)
def test_a_name_cut_short_of_a_name_the_article_writes_is_widened_to_it_en(nlps, filters, words_pos, ents, kept):
    doc = tagged(nlps["en"], words_pos, ents)
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("words_pos", "deps", "heads", "kept"),
    [
        # The name qualifies a body's noun right after it: the body's, not a person's.
        ("from/ADP the/DET Tarvo/PROPN alliance/NOUN", ["prep", "det", "compound", "pobj"], [0, 3, 3, 0], ("Tarvo", "Organization")),
        ("the/DET Tarvo/PROPN group/NOUN fought/VERB", ["det", "compound", "nsubj", "ROOT"], [2, 2, 3, 3], ("Tarvo", "Organization")),
        # Not a noun a person's name qualifies too, nor a noun the name is not the compound of.
        ("the/DET Tarvo/PROPN government/NOUN fell/VERB", ["det", "compound", "nsubj", "ROOT"], [2, 2, 3, 3], ("Tarvo", "Person")),
        ("Tarvo/PROPN left/VERB the/DET group/NOUN", ["nsubj", "ROOT", "det", "dobj"], [1, 1, 3, 1], ("Tarvo", "Person")),
    ],
)
def test_a_person_s_name_before_a_body_s_noun_is_the_body_s_en(nlps, filters, words_pos, deps, heads, kept):
    # A person named in full first, as news names one, so that the lone word after may be theirs.
    lead = "Ana/PROPN Tarvo/PROPN spoke/VERB ./PUNCT"
    pairs = [item.rsplit("/", 1) for item in f"{lead} {words_pos}".split()]
    start = 4 + next(i for i, (w, _) in enumerate(pairs[4:]) if w == "Tarvo")
    doc = hand_doc(nlps["en"], [w for w, _ in pairs], ents=[(0, 2, "PERSON"), (start, start + 1, "PERSON")], pos=[p for _, p in pairs],
                   deps=["compound", "nsubj", "ROOT", "punct", *deps], heads=[1, 2, 2, 2, *(h + 4 for h in heads)])
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Ana Tarvo", "Person"), kept]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # No person's name opens on an article; a body's often does.
        ("es", "para/ADP La/DET Encerrona/PROPN ./PUNCT", (1, 3, "PER"), ("La Encerrona", "Organization")),
        ("en", "wrote/VERB in/ADP The/DET Olmo/PROPN Times/PROPN", (2, 5, "PERSON"), ("The Olmo Times", "Organization")),
        ("es", "para/ADP Ana/PROPN Varga/PROPN ./PUNCT", (1, 3, "PER"), ("Ana Varga", "Person")),
        # A nickname opens on an article too: after a word that gives one, or in quotes, it stays the person's.
        ("es", "Olmo/PROPN ,/PUNCT alias/NOUN El/DET Tarvo/PROPN ,/PUNCT huyó/VERB", (3, 5, "PER"), ("El Tarvo", "Person")),
        ("en", "known/VERB as/ADP El/DET Tarvo/PROPN ,/PUNCT he/PRON fled/VERB", (2, 4, "PERSON"), ("El Tarvo", "Person")),
        ("en", "the/DET man/NOUN '/PUNCT El/DET Tarvo/PROPN '/PUNCT fled/VERB", (3, 5, "PERSON"), ("El Tarvo", "Person")),
    ],
)
def test_a_person_s_name_that_opens_on_an_article_is_a_body_s(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [kept]


@pytest.mark.parametrize("made", [True, False])
def test_a_thing_a_known_maker_s_name_opens_is_a_made_thing(nlps, filters, made):
    # The gazetteer found "Facebook Live" opened by a known organisation (MADE_KEY): a product, a thing.
    from beslan_kg.nlp.filters import PRODUCTS_KEY
    from beslan_kg.nlp.gazetteer import MADE_KEY

    doc = tagged(nlps["en"], "streamed/VERB on/ADP Facebook/PROPN Live/PROPN", [(2, 4, "WORK_OF_ART")])
    doc.spans[MADE_KEY] = [doc[2:4]] if made else []
    filters["en"](doc)
    # Without it, a work's name with no noun to say its kind is refused, as before.
    assert [(e.text, e.label_) for e in doc.ents] == ([("Facebook Live", "Thing")] if made else [])
    assert [s.text for s in doc.spans[PRODUCTS_KEY]] == (["Facebook Live"] if made else [])


def test_a_count_of_things_after_a_body_s_name_is_no_model_en(nlps, filters):
    doc = tagged(nlps["en"], "Orlav/PROPN 300/NUM jets/NOUN flew/VERB", [(0, 1, "ORG")])
    doc[2].set_morph("Number=Plur")
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Orlav", "Organization")]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        # The parties of a case and its joiner are one name, the case's.
        ("en", "the/DET court/NOUN upheld/VERB Tarvisa/PROPN v./ADP Olmo/PROPN Alto/PROPN ./PUNCT",
         [(3, 4, "PERSON"), (5, 7, "ORG")], [("Tarvisa v. Olmo Alto", "Event")]),
        ("en", "in/ADP Tarvisa/PROPN v./ADP Olmo/PROPN", [], [("Tarvisa v. Olmo", "Event")]),
        # A joiner that also sets teams against each other joins a case only after a word for one...
        ("en", "the/DET case/NOUN Tarvisa/PROPN vs./ADP Olmo/PROPN", [(2, 3, "PERSON"), (4, 5, "ORG")], [("Tarvisa vs. Olmo", "Event")]),
        ("en", "Tarvisa/PROPN vs./ADP Olmo/PROPN ended/VERB", [(0, 1, "ORG"), (2, 3, "ORG")],
         [("Tarvisa", "Organization"), ("Olmo", "Organization")]),
        # ...or listed after a case.
        ("es", "los/DET casos/NOUN Tarvisa/PROPN contra/ADP Olmo/PROPN (/PUNCT 1973/NUM )/PUNCT y/CCONJ Pérez/PROPN contra/ADP Ruiz/PROPN",
         [(2, 3, "PER"), (4, 5, "PER"), (9, 10, "PER"), (11, 12, "ORG")], [("Tarvisa contra Olmo", "Event"), ("Pérez contra Ruiz", "Event")]),
        ("es", "Tarvisa/PROPN contra/ADP Olmo/PROPN terminó/VERB ./PUNCT Pérez/PROPN contra/ADP Ruiz/PROPN",
         [(0, 1, "ORG"), (2, 3, "ORG"), (5, 6, "ORG"), (7, 8, "ORG")],
         [("Tarvisa", "Organization"), ("Olmo", "Organization"), ("Pérez", "Organization"), ("Ruiz", "Organization")]),
    ],
)
def test_a_case_s_name_is_one_name_an_event_s(nlps, filters, lang, words_pos, ents, kept):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("words_pos", "ent", "kept"),
    [
        # A body's head word and the demonym after it are the body's name.
        ("obligó/VERB al/ADP Gobierno/PROPN español/ADJ a/ADP emitir/VERB", (2, 3, "LOC"), "Gobierno español"),
        ("respondió/VERB la/DET Armada/PROPN chilena/ADJ", (2, 3, "ORG"), "Armada chilena"),
        # Another word after the head is no part of it.
        ("respondió/VERB la/DET Armada/PROPN ayer/ADV", (2, 3, "ORG"), "Armada"),
    ],
)
def test_a_body_s_head_word_and_the_demonym_after_it_are_one_name_es(nlps, filters, words_pos, ent, kept):
    doc = tagged(nlps["es"], words_pos, [ent])
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(kept, "Organization")]


@pytest.mark.parametrize(
    ("words_pos", "ents", "kept"),
    [
        # The portfolio of a title after it is no body the text names...
        ("former/ADJ Finance/PROPN Minister/PROPN Tarvisa/PROPN Olmo/PROPN spoke/VERB", [(1, 2, "ORG"), (3, 5, "PERSON")],
         [("Tarvisa Olmo", "Person")]),
        ("Health/PROPN Secretary/PROPN Tarvisa/PROPN Olmo/PROPN resigned/VERB", [(0, 1, "ORG"), (2, 4, "PERSON")],
         [("Tarvisa Olmo", "Person")]),
        # ...but a body's own name is kept.
        ("the/DET Finance/PROPN Ministry/PROPN said/VERB", [(1, 3, "ORG")], [("Finance Ministry", "Organization")]),
    ],
)
def test_the_portfolio_before_a_title_is_no_name_en(nlps, filters, words_pos, ents, kept):
    doc = tagged(nlps["en"], words_pos, ents)
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kind"),
    [
        # "International" ending a name, or a subsidiary's noun before it, says a body.
        ("en", "hired/VERB Tarvisa/PROPN International/PROPN ./PUNCT", (1, 3, "PERSON"), "Organization"),
        ("en", "through/ADP its/PRON subsidiary/NOUN Tarvisa/PROPN Olmo/PROPN ./PUNCT", (3, 5, "PERSON"), "Organization"),
        ("es", "contrató/VERB a/ADP su/DET filial/NOUN Tarvisa/PROPN Olmo/PROPN", (4, 6, "PER"), "Organization"),
        # ...but the head word at the other end of a name still says a place's.
        ("en", "at/ADP Tarvisa/PROPN International/PROPN Airport/PROPN ./PUNCT", (1, 4, "ORG"), "Place"),
    ],
)
def test_a_body_s_last_word_or_the_subsidiary_before_it_says_a_body(nlps, filters, lang, words_pos, ent, kind):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [e.label_ for e in doc.ents] == [kind]


def test_a_documents_title_ends_on_the_lower_case_words_the_parser_makes_its_head():
    # "Benedict issued the apostolic letter Normas nonnullas.": a Latin title keeps Latin
    # case; the model tagged "Normas" alone, a person.
    doc = parse_table("en", """
        Benedict   PROPN nsubj    1
        issued     VERB  ROOT     1  issue
        the        DET   det      4
        apostolic  ADJ   amod     4
        letter     NOUN  compound 6
        Normas     PROPN compound 6
        nonnullas  NOUN  dobj     1
        .          PUNCT punct    1
    """, ents=((5, 6, "PERSON"),))
    assert [(e.text, e.label_) for e in doc.ents] == [("Normas nonnullas", "Thing")]


def test_a_name_after_a_documents_noun_that_heads_its_own_phrase_stays_as_it_is():
    # "the letter Acme sent": the name is the sender, no title.
    doc = parse_table("en", """
        the     DET   det   1
        letter  NOUN  ROOT  1
        Acme    PROPN nsubj 3
        sent    VERB  relcl 1  send
        .       PUNCT punct 1
    """, ents=((2, 3, "ORG"),))
    assert [(e.text, e.label_) for e in doc.ents] == [("Acme", "Organization")]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent", "kept"),
    [
        # A place or a body named after a titled person keeps the title: its head word says what it is.
        ("en", "at/ADP the/DET King/PROPN Harald/PROPN Memorial/PROPN Chapel/PROPN ./PUNCT", (2, 6, "PERSON"), (2, 6, "Place")),
        ("en", "the/DET Queen/PROPN Marta/PROPN University/PROPN opened/VERB ./PUNCT", (1, 4, "PERSON"), (1, 4, "Organization")),
        # A person's name loses it.
        ("en", "the/DET King/PROPN Harald/PROPN Olsen/PROPN spoke/VERB ./PUNCT", (1, 4, "PERSON"), (2, 4, "Person")),
    ],
)
def test_a_title_before_a_name_whose_head_word_is_a_place_s_or_a_body_s_stays_in_it(nlps, filters, lang, words_pos, ent, kept):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [kept]


@pytest.mark.parametrize(
    ("lang", "table", "ent", "kind"),
    [
        # What only a person has, hung on the name's possessive or its of-phrase.
        ("en", """
            Halden   PROPN poss  2
            's       PART  case  0
            coffin   NOUN  nsubj 3
            arrived  VERB  ROOT  3 arrive
            .        PUNCT punct 3
         """, (0, 1, "GPE"), "Person"),
        ("en", """
            the      DET   det   1
            funeral  NOUN  nsubj 4
            of       ADP   prep  1
            Halden   PROPN pobj  2
            began    VERB  ROOT  4 begin
         """, (3, 4, "GPE"), "Person"),
        ("es", """
            el       DET   det   1
            reinado  NOUN  nsubj 4
            de       ADP   case  3
            Halden   PROPN nmod  1
            duró     VERB  ROOT  4 durar
         """, (3, 4, "LOC"), "Person"),
        # The possessive hangs on the toll, not on the death before it: the place's.
        ("en", """
            Halden   PROPN poss     3
            's       PART  case     0
            death    NOUN  compound 3
            toll     NOUN  nsubj    4
            rose     VERB  ROOT     4 rise
         """, (0, 1, "GPE"), "Place"),
    ],
)
def test_a_name_that_owns_what_only_a_person_has_is_a_person_s(lang, table, ent, kind):
    doc = parse_table(lang, table, ents=[ent])
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(ent[0], ent[1], kind)]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        # Capitalised words the model tagged as nothing, closed by a place's head word.
        ("en", "a/DET service/NOUN at/ADP Halden/PROPN Castle/PROPN ./PUNCT", [], [(3, 5, "Place")]),
        ("en", "near/ADP the/DET Varnica/PROPN Marta/PROPN Arch/PROPN ./PUNCT", [], [(2, 5, "Place")]),
        # Spanish opens the name with it, over an of-word.
        ("es", "en/ADP el/DET Castillo/PROPN de/ADP Halden/PROPN ./PUNCT", [], [(2, 5, "Place")]),
        ("es", "en/ADP el/DET Parque/PROPN Varnica/PROPN ./PUNCT", [], [(2, 4, "Place")]),
        # A name the model tagged keeps its kind, a surname among its words ("Roy Castle").
        ("en", "then/ADV Halden/PROPN Castle/PROPN sang/VERB ./PUNCT", [(1, 3, "PERSON")], [(1, 3, "Person")]),
        # A head word alone, or in lower case, names nothing.
        ("en", "at/ADP the/DET Castle/PROPN ./PUNCT", [], []),
        ("en", "the/DET Halden/PROPN castle/NOUN ./PUNCT", [], []),
    ],
)
def test_a_place_s_name_the_model_left_untagged_is_found_by_its_head_word(nlps, filters, lang, words_pos, ents, kept):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        # A body's acronym after a title, its of-word and an article, run into the person's name.
        ("es", "el/DET presidente/NOUN de/ADP la/DET FIFA/PROPN Gianni/PROPN Varga/PROPN habló/VERB", [(4, 7, "PER")],
         [(4, 5, "Organization"), (5, 7, "Person")]),
        # A title the tagger took for an adjective still says whose name follows.
        ("es", "la/DET infanta/ADJ Varnica/PROPN llegó/VERB", [(1, 3, "LOC")], [(2, 3, "Person")]),
        # A lower-case "san" the model took into a name: a saint, no town of the name.
        ("es", "el/DET sucesor/NOUN de/ADP san/PROPN Varnica/PROPN llegó/VERB", [(3, 5, "LOC")], [(3, 5, "Person")]),
        ("es", "viajó/VERB a/ADP San/PROPN Varnica/PROPN", [(2, 4, "LOC")], [(2, 4, "Place")]),
        # A national team is a body ("selección").
        ("es", "renunció/VERB a/ADP la/DET Selección/PROPN de/ADP Varnica/PROPN", [(3, 6, "LOC")], [(3, 6, "Organization")]),
    ],
)
def test_titles_and_bodies_beside_a_name_say_what_it_is_es(nlps, filters, lang, words_pos, ents, kept):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ent"),
    [
        ("es", "el/DET Administrador/PROPN de/ADP Manejo/PROPN de/ADP Emergencias/PROPN dimitió/VERB", (1, 6, "ORG")),
        ("en", "the/DET Administrator/PROPN of/ADP Emergency/PROPN Management/PROPN resigned/VERB", (1, 5, "ORG")),
    ],
)
def test_an_administrator_s_office_is_no_body(nlps, filters, lang, words_pos, ent):
    doc = tagged(nlps[lang], words_pos, [ent])
    filters[lang](doc)
    assert list(doc.ents) == [] and [(s.start, s.end, s.label_) for s in doc.spans[REJECTED_KEY]] == [(*ent[:2], "a title")]


@pytest.mark.parametrize(("words_pos", "ents", "kept"), [
    # A body's name opening with its head word, cut from the place it is of.
    ("la/DET Agencia/PROPN de/ADP Manejo/PROPN de/ADP Halden/PROPN habló/VERB",
     [(1, 4, "ORG"), (5, 6, "LOC")], [(1, 6, "Organization")]),
    # A name whose first word says nothing of a body stays apart from the place.
    ("el/DET Festival/PROPN de/ADP Cine/PROPN de/ADP Halden/PROPN empezó/VERB",
     [(1, 4, "MISC"), (5, 6, "LOC")], [(1, 4, "Thing"), (5, 6, "Place")]),
])
def test_a_body_s_name_cut_from_the_place_it_is_of_is_whole_es(nlps, filters, words_pos, ents, kept):
    doc = tagged(nlps["es"], words_pos, ents)
    filters["es"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == kept


def test_a_body_s_name_cut_at_its_joining_word_is_whole_es(nlps, filters):
    # "la Oficina de la ONU" + "para la" + "Coordinación de Asuntos Humanitarios": the head word first.
    doc = tagged(nlps["es"], "la/DET Oficina/PROPN de/ADP la/DET Halden/PROPN para/ADP la/DET Coordinación/PROPN de/ADP Asuntos/PROPN ./PUNCT",
                 [(1, 5, "ORG"), (7, 10, "ORG")])
    filters["es"](doc)
    assert [(e.start, e.end, e.label_) for e in doc.ents] == [(1, 10, "Organization")]


def test_a_title_a_hyphen_joins_to_a_name_is_part_of_it_en(nlps, filters):
    # "Notre-Dame": "Dame" is a title after a name, but a hyphen makes it a word of the name.
    doc = hand_doc(nlps["en"], ["at", "Notre", "-", "Dame", "."],
                   ents=[(1, 4, "FAC")], pos=["ADP", "PROPN", "PUNCT", "PROPN", "PUNCT"])
    filters["en"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Notre-Dame", "Place")]


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        # A plan's long name the model cut at its joining words, its last piece taken for a person: one name, a thing's.
        ("es", "El/DET Plan/PROPN Especial/PROPN de/ADP Salud/PROPN Rural/PROPN y/CCONJ Atención/PROPN a/ADP Crisis/PROPN "
               "por/ADP Riesgo/PROPN Sísmico/PROPN se/PRON activó/VERB",
         [(1, 6, "MISC"), (7, 10, "MISC"), (11, 13, "PER")],
         [("Plan Especial de Salud Rural y Atención a Crisis por Riesgo Sísmico", "Thing")]),
        # The head word left out of every piece opens it all the same.
        ("en", "The/DET Strategy/PROPN for/ADP Rural/PROPN Health/PROPN and/CCONJ Crisis/PROPN Response/PROPN was/AUX published/VERB",
         [(3, 5, "ORG"), (6, 8, "PRODUCT")], [("Strategy for Rural Health and Crisis Response", "Thing")]),
        # A person after the conjunction, an article after it, a place the knowledge base knows, a
        # body's head word opening the next name, a month: each ends the name before it.
        ("es", "El/DET Plan/PROPN de/ADP Salud/PROPN y/CCONJ Pedro/PROPN Tarvo/PROPN llegaron/VERB",
         [(1, 4, "MISC"), (5, 7, "PER")], [("Plan de Salud", "Thing"), ("Pedro Tarvo", "Person")]),
        ("es", "El/DET Plan/PROPN de/ADP Salud/PROPN y/CCONJ el/DET Foro/PROPN Rural/PROPN llegaron/VERB",
         [(1, 4, "MISC"), (6, 8, "MISC")], [("Plan de Salud", "Thing"), ("Foro Rural", "Thing")]),
        ("es", "El/DET Plan/PROPN de/ADP Rescate/PROPN para/ADP Madrid/PROPN llegó/VERB",
         [(1, 4, "MISC"), (5, 6, "LOC")], [("Plan de Rescate", "Thing"), ("Madrid", "Place")]),
        ("en", "The/DET Ministry/PROPN of/ADP Justice/PROPN and/CCONJ Congress/PROPN disagreed/VERB",
         [(1, 4, "ORG"), (5, 6, "ORG")], [("Ministry of Justice", "Organization"), ("Congress", "Organization")]),
        ("en", "The/DET Congress/PROPN on/ADP Monday/PROPN voted/VERB", [(1, 2, "ORG")], [("Congress", "Organization")]),
    ],
)
def test_a_long_name_cut_at_its_joining_words_is_one_name(nlps, filters, lang, words_pos, ents, kept):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


@pytest.mark.parametrize(
    ("lang", "words_pos", "ents", "kept"),
    [
        # A lone word taken for a person, which no person's name of the text holds: no name.
        ("en", "Tarvo/PROPN met/VERB delegates/NOUN ./PUNCT", [(0, 1, "PERSON")], []),
        # Named in full before, given a title, a given name, or a name the knowledge base knows: kept.
        ("en", "Ana/PROPN Tarvo/PROPN spoke/VERB ./PUNCT Tarvo/PROPN left/VERB", [(0, 2, "PERSON"), (4, 5, "PERSON")],
         [("Ana Tarvo", "Person"), ("Tarvo", "Person")]),
        ("en", "President/PROPN Tarvo/PROPN left/VERB", [(1, 2, "PERSON")], [("Tarvo", "Person")]),
        ("es", "Francisco/PROPN habló/VERB", [(0, 1, "PER")], [("Francisco", "Person")]),
        ("en", "Mexico/PROPN won/VERB", [(0, 1, "PERSON")], [("Mexico", "Person")]),
    ],
)
def test_a_lone_word_no_person_s_name_holds_is_no_person(nlps, filters, lang, words_pos, ents, kept):
    doc = tagged(nlps[lang], words_pos, ents)
    filters[lang](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept
    lone = [s.text for s in doc.spans[REJECTED_KEY] if s.label_ == "a lone word, no person's name"]
    assert lone == ([] if kept else ["Tarvo"])


def test_a_lone_word_a_preposition_governs_keeps_its_kind():
    # "the price of Tarvo": the phrase gives the word its kind, which the model's guess at a person missed.
    doc = parse_table("en", """
        The    DET   det    1
        price  NOUN  nsubj  4
        of     ADP   prep   1
        Tarvo  PROPN pobj   2
        fell   VERB  ROOT   4  fall
    """, ents=((3, 4, "PERSON"),))
    assert [e.text for e in doc.ents] == ["Tarvo"]


@pytest.mark.parametrize(
    ("closing", "kept"),
    [
        # No head word says what the long name is; the acronym the text gives it right after does, and makes it one.
        (")/PUNCT", [("Ayuda Diferida para los Llegados en la Infancia", "Thing"), ("ADLI", "Thing")]),
        (",/PUNCT por/ADP sus/DET siglas/NOUN )/PUNCT", [("Ayuda Diferida para los Llegados en la Infancia", "Thing"), ("ADLI", "Thing")]),
    ],
)
def test_a_long_name_its_acronym_follows_is_one_name_es(nlps, filters, closing, kept):
    words_pos = ("la/DET Ayuda/PROPN Diferida/PROPN para/ADP los/DET Llegados/PROPN en/ADP la/DET Infancia/PROPN "
                 f"(/PUNCT ADLI/PROPN {closing} cambió/VERB")
    doc = tagged(nlps["es"], words_pos, [(1, 3, "LOC"), (5, 6, "LOC"), (8, 9, "MISC"), (10, 11, "MISC")])
    filters["es"](doc)
    assert [(e.text, e.label_) for e in doc.ents] == kept


def test_a_long_name_without_a_head_word_or_an_acronym_stays_as_tagged_es(nlps, filters):
    doc = tagged(nlps["es"], "la/DET Ayuda/PROPN Diferida/PROPN para/ADP los/DET Llegados/PROPN cambió/VERB", [(1, 3, "MISC"), (5, 6, "MISC")])
    filters["es"](doc)
    assert [e.text for e in doc.ents] == ["Ayuda Diferida", "Llegados"]


def test_a_long_name_is_read_no_further_than_its_bound_es(nlps, filters):
    # A run of capitalised words joined by "y" forty words long (a list in capitals): no name past the bound.
    words = ["El/DET", "Plan/PROPN", "de/ADP"] + ["Salud/PROPN", "y/CCONJ"] * 20 + ["Rural/PROPN", "llegó/VERB"]
    ents = [(i, i + 1, "MISC") for i, w in enumerate(words) if w.startswith(("Salud", "Rural"))]
    doc = tagged(nlps["es"], " ".join(words), ents)
    filters["es"](doc)
    assert doc.ents and max(len(e) for e in doc.ents) <= MAX_LONG_NAME
    assert doc.ents[0].text.startswith("Plan de Salud y Salud")
