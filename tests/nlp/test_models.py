"""Tests of the pipelines :func:`beslan_kg.nlp.models.make_nlp` loads."""

from __future__ import annotations


def test_a_name_s_suffix_keeps_its_period_es(nlp_es):
    doc = nlp_es.make_doc("Hablaron Donald Trump Jr. y Rudy Giuliani.")
    assert "Jr." in [t.text for t in doc]


def test_a_lemma_the_model_gets_wrong_is_corrected_from_the_rules(nlp_en):
    from beslan_kg.nlp.rules import load_rules

    corrections = load_rules("en")["lemma_corrections"]
    doc = nlp_en("The regulator fined the bank and fines it again.")
    assert {t.text: t.lemma_ for t in doc if t.lower_ in corrections} == {"fined": corrections["fined"], "fines": corrections["fines"]}
