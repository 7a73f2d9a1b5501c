"""Tests of the pipelines :func:`beslan_kg.nlp.models.make_nlp` loads."""

from __future__ import annotations


def test_a_name_s_suffix_keeps_its_period_es(nlp_es):
    doc = nlp_es.make_doc("Hablaron Donald Trump Jr. y Rudy Giuliani.")
    assert "Jr." in [t.text for t in doc]
