"""Shared fixtures: the bundled corpus, one build of it per session, and tiny docs."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
SPANISH_SEED = CORPUS / "000_84e34599adbbff61.txt"
ENGLISH_SEED = CORPUS / "003_ecd1ea77e175385e.txt"


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Build the bundled corpus once; return the output folder and the report."""
    from beslan_kg.build import run_build

    out = tmp_path_factory.mktemp("out")
    report = run_build([CORPUS], out)
    return out, report


@pytest.fixture(scope="session")
def dataset(built):
    """The built graph, loaded from graph.trig."""
    from beslan_kg.rdf.io import load_dataset

    out, _ = built
    return load_dataset(out / "graph.trig")


@pytest.fixture(scope="session")
def sparql(dataset):
    """Run a SELECT over the built graph; return rows as tuples of display strings."""
    from beslan_kg.rdf.query import run_query

    def run(text: str):
        return run_query(dataset, PREFIXES + text).rows

    return run


@pytest.fixture(scope="session")
def nlp_es():
    """The Spanish pipeline with the project's components (loads the model)."""
    from beslan_kg.nlp.models import make_nlp

    with warnings.catch_warnings():
        return make_nlp("es")


@pytest.fixture(scope="session")
def nlp_en():
    """The English pipeline with the project's components (loads the model)."""
    from beslan_kg.nlp.models import make_nlp

    return make_nlp("en")


PREFIXES = """
PREFIX bkg: <https://w3id.org/beslan-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
