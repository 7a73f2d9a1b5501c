"""What the extractors share about one article: evidence spans and their sentences."""

from __future__ import annotations

from conftest import article_context, blank_pipeline, hand_doc


def _doc(words: list[str], sentence_starts: list[int]):
    nlp = blank_pipeline("es").nlp
    return hand_doc(nlp, words, sent_starts=[i in sentence_starts for i in range(len(words))])


def test_evidence_lies_within_its_sentence():
    doc = _doc(["Ayer", "llovió", ".", "Hoy", "nieva", "."], [0, 3])
    ctx = article_context("es", doc)
    start = doc.text.index("nieva")
    evidence = ctx.evidence(start, start + len("nieva"))
    assert evidence.sentence == "Hoy nieva."
    assert evidence.sentence_start <= evidence.start < evidence.end <= evidence.sentence_end


def test_a_name_cut_by_the_sentence_splitter_takes_both_sentences():
    # "Los soldados rodearon la School No. 1 el lunes.": the splitter ends a
    # sentence after "No.", inside the name.
    words = ["Los", "soldados", "rodearon", "la", "School", "No", ".", "1", "el", "lunes", "."]
    doc = _doc(words, [0, 7])
    ctx = article_context("es", doc)
    start = doc.text.index("School")
    end = doc.text.index("1") + 1
    evidence = ctx.evidence(start, end)
    assert evidence.text == "School No. 1"
    assert (evidence.sentence_start, evidence.sentence_end) == (0, len(doc.text))
    assert evidence.sentence == doc.text


def test_an_object_with_a_preposition_is_a_prepositional_phrase():
    from conftest import parse_table

    from beslan_kg.nlp.context import prepositional

    # The parser takes "a Pamplona" for the object of "desplazaron"; "los hechos" is one.
    doc = parse_table("es", """
        Se           PRON  obj    1  él
        desplazaron  VERB  ROOT   1  desplazar
        a            ADP   case   3
        Pamplona     PROPN obj    1
        y            CCONJ cc     5
        narraron     VERB  conj   1  narrar
        los          DET   det    7  el
        hechos       NOUN  obj    5  hecho
        .            PUNCT punct  1
    """, annotate=False)
    assert [(prep, obj.text) for child in doc[1].children for prep, obj in prepositional(child)] == [("a", "Pamplona")]
    assert [(prep, obj.text) for child in doc[5].children for prep, obj in prepositional(child)] == []


def _relative_clause(lang: str, words: list[str], heads: list[int], deps: list[str], morphs: list[str], tags: list[str]):
    from conftest import hand_doc

    nlp = blank_pipeline(lang).nlp
    doc = hand_doc(nlp, words, heads=heads, deps=deps, morphs=morphs, tags=tags, ents=[(0, 1, "ORG")])
    ctx = article_context(lang, doc)
    ctx.entity_of_token[0] = "acme"
    return doc, ctx


def test_a_relative_pronoun_stands_for_the_noun_its_clause_describes():
    # "Acme, que quebró en 2022, fue vendida.": the Spanish model tags "que"
    # PronType=Int,Rel and hangs the clause as "acl".
    words = ["Acme", ",", "que", "quebró", "en", "2022", ",", "fue", "vendida", "."]
    heads = [8, 3, 3, 0, 5, 3, 3, 8, 8, 8]
    deps = ["nsubj:pass", "punct", "nsubj", "acl", "case", "obl", "punct", "aux:pass", "ROOT", "punct"]
    morphs = ["", "", "PronType=Int,Rel", "", "", "", "", "", "", ""]
    tags = ["PROPN", "PUNCT", "PRON", "VERB", "ADP", "NUM", "PUNCT", "AUX", "VERB", "PUNCT"]
    doc, ctx = _relative_clause("es", words, heads, deps, morphs, tags)
    assert ctx.entity_at(doc[2]) == "acme"
    # The same word asking a question, outside any relative clause, stands for nothing.
    words = ["Acme", "preguntó", "que", "pasó", "."]
    heads = [1, 1, 3, 1, 1]
    deps = ["nsubj", "ROOT", "nsubj", "ccomp", "punct"]
    morphs = ["", "", "PronType=Int,Rel", "", ""]
    tags = ["PROPN", "VERB", "PRON", "VERB", "PUNCT"]
    doc, ctx = _relative_clause("es", words, heads, deps, morphs, tags)
    assert ctx.entity_at(doc[2]) is None


def test_an_english_relative_pronoun_stands_for_its_noun():
    words = ["Acme", ",", "which", "failed", "in", "2022", ",", "was", "sold", "."]
    heads = [8, 0, 3, 0, 3, 4, 0, 8, 8, 8]
    deps = ["nsubjpass", "punct", "nsubj", "relcl", "prep", "pobj", "punct", "auxpass", "ROOT", "punct"]
    morphs = [""] * 10
    tags = ["NNP", ",", "WDT", "VBD", "IN", "CD", ",", "VBD", "VBN", "."]
    doc, ctx = _relative_clause("en", words, heads, deps, morphs, tags)
    assert ctx.entity_at(doc[2]) == "acme"


def _phrases(lang: str, table: str) -> list[str]:
    from conftest import parse_table

    from beslan_kg.nlp.context import comparison_phrases
    from beslan_kg.nlp.rules import load_rules

    doc = parse_table(lang, table, annotate=False)
    return [doc.text[start:end] for start, end in comparison_phrases(doc, load_rules(lang))]


def test_a_since_phrase_under_a_ranked_noun_measures_it_by_another_event():
    # "It was the largest eruption since the 1991 eruption of Pinatubo."
    assert _phrases("en", """
        It        PRON  nsubj  1
        was       AUX   ROOT   1  be
        the       DET   det    4
        largest   ADJ/JJS amod 4  large
        eruption  NOUN  attr   1
        since     ADP   prep   4
        the       DET   det    8
        1991      NUM   nummod 8
        eruption  NOUN  pobj   5
        of        ADP   prep   8
        Pinatubo  PROPN pobj   9
        .         PUNCT punct  1
    """) == ["since the 1991 eruption of Pinatubo"]
    # "Es la primera erupción en la isla desde la del Teneguía.": the parser hangs
    # the phrase on the article standing for the noun.
    assert _phrases("es", """
        Es        AUX   cop    3  ser
        la        DET   det    3  el
        primera   ADJ   amod   3  primero
        erupción  NOUN  ROOT   3
        en        ADP   case   6
        la        DET   det    6  el
        isla      NOUN  nmod   3
        desde     ADP   case   8
        la        DET   det    3  el
        del       ADP   case   10
        Teneguía  PROPN nmod   8
        .         PUNCT punct  3
    """) == ["desde la del Teneguía"]


def test_a_since_phrase_without_a_rank_is_no_measure():
    # "The town has grown since the 1991 eruption.": the story's time, no comparison.
    assert _phrases("en", """
        The       DET   det    1
        town      NOUN  nsubj  3
        has       AUX   aux    3  have
        grown     VERB  ROOT   3  grow
        since     ADP   prep   3
        the       DET   det    7
        1991      NUM   nummod 7
        eruption  NOUN  pobj   4
        .         PUNCT punct  3
    """) == []


def test_a_since_clause_the_parser_made_of_a_noun_is_a_measure_too():
    # "It was the deadliest avalanche since the Orla avalanches in 1916.": the parser reads
    # "avalanches" as a verb and "since" as the clause's mark.
    assert _phrases("en", """
        It          PRON  nsubj  1
        was         AUX   ROOT   1  be
        the         DET   det    4
        deadliest   ADJ/JJS amod 4  deadly
        avalanche   NOUN  attr   1
        since       SCONJ mark   8
        the         DET   det    7
        Orla        PROPN nsubj  8
        avalanches  VERB  advcl  4  avalanche
        in          ADP   prep   8
        1916        NUM   pobj   9
        .           PUNCT punct  1
    """) == ["since the Orla avalanches in 1916"]


def test_the_text_going_back_to_the_year_it_named_is_found():
    from conftest import parse_table

    from beslan_kg.nlp.context import same_year_references
    from beslan_kg.nlp.rules import load_rules

    doc = parse_table("es", """
        Ese      DET   det    2  ese
        mismo    ADJ   amod   2
        año      NOUN  obl    4
        ,        PUNCT punct  2
        llovió   VERB  ROOT   4  llover
        .        PUNCT punct  4
    """, annotate=False)
    assert same_year_references(doc, load_rules("es")) == [doc[1].idx]
