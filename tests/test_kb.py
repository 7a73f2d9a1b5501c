"""The knowledge base: data in ontology/kb.yaml, checked against the ontology."""

from __future__ import annotations

import re

import pytest
from rdflib import OWL, RDF, Graph, URIRef
from conftest import ROOT

from beslan_kg.errors import ConfigError
from beslan_kg.kb import fold, load_kb
from beslan_kg.records import KINDS

ONTOLOGY = Graph().parse(ROOT / "ontology" / "beslan-kg.ttl")
BKG = "https://w3id.org/beslan-kg/ontology#"


def test_every_entry_is_well_formed_and_its_class_is_declared():
    kb = load_kb()
    assert len(kb) > 50
    for key, entry in kb.items():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key), key
        assert entry.kind in KINDS
        assert (URIRef(BKG + entry.ontology_class), RDF.type, OWL.Class) in ONTOLOGY, entry.ontology_class
        assert {"en", "es"} <= set(entry.labels), key
        if entry.wikidata:
            assert re.fullmatch(r"Q[1-9][0-9]*", entry.wikidata), key


def test_when_and_where_events_began_are_dates_and_known_places():
    kb = load_kb()
    dated = [e for e in kb.values() if e.began or e.places]
    assert dated, "no event says when and where it began"
    for entry in dated:
        assert entry.kind == "Event", entry.key
        assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", entry.began or ""), entry.key
        assert entry.places and all(kb[p].kind == "Place" for p in entry.places), entry.key


def test_no_two_entries_share_a_name_or_a_wikidata_id():
    kb = load_kb()
    owners: dict[str, str] = {}
    for key, entry in kb.items():
        for name in entry.all_names():
            other = owners.setdefault(fold(name), key)
            assert other == key, f"{name!r} names both {other} and {key}"
    ids = [e.wikidata for e in kb.values() if e.wikidata]
    assert len(ids) == len(set(ids))


def test_fold_ignores_case_accents_and_spacing():
    assert fold("  Beslán ") == fold("beslan")
    assert fold("Escuela Nº1") == fold("escuela no1")


def test_malformed_entry_is_a_config_error(tmp_path):
    bad = tmp_path / "kb.yaml"
    bad.write_text("entities:\n  x:\n    kind: Animal\n    class: Cat\n    labels: {en: X}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="kind must be one of"):
        load_kb(bad)
