"""The query pack: every query is documented, and answers the bundled corpus as its articles say.

Expected values come from the articles in corpus/ and the knowledge base
(ontology/kb.yaml): a figure is checked against the words of its article, an
entity against its knowledge-base key, labels and Wikidata ID.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from conftest import ENGLISH_SEED, ROOT, SPANISH_SEED
from rdflib.plugins.sparql import prepareQuery

from beslan_kg.errors import QueryError
from beslan_kg.kb import load_kb
from beslan_kg.queries import (
    NamedQuery,
    check_bindings,
    iter_named_queries,
    load_named_query,
    parse_bindings,
    read_named_query,
)
from beslan_kg.rdf.query import run_query

PACK = {query.name: query for query in iter_named_queries()}
TEXTS = {"en": ENGLISH_SEED.read_text(encoding="utf-8"), "es": SPANISH_SEED.read_text(encoding="utf-8")}
ARTICLE = {"en": f"article:{ENGLISH_SEED.stem}", "es": f"article:{SPANISH_SEED.stem}"}
TEXT_OF = {ARTICLE[lang]: text for lang, text in TEXTS.items()}
KB = load_kb()
ID = "https://w3id.org/beslan-kg/id/"


def _id(key: str) -> str:
    """The display form of the IRI of a knowledge-base entry."""
    assert key in KB, key
    return f"id:{key}"


def _iri(key: str) -> str:
    assert key in KB, key
    return f"<{ID}{key}>"


def _rows(dataset, name: str, **bindings: str) -> list[dict[str, str | None]]:
    query = PACK[name]
    check_bindings(query, bindings)
    answer = run_query(dataset, query.text, source=name, bindings=bindings)
    return [dict(zip(answer.columns, row)) for row in answer.rows]


# --------------------------------------------------------------------------
# The pack and its documentation


def test_the_pack_has_at_least_ten_documented_queries_each_a_question():
    assert len(PACK) >= 10
    for query in PACK.values():
        assert "?" in query.question, query.name
        assert any(example.startswith(f"beslan-kg query --name {query.name}") for example in query.examples), query.name
        for parameter in query.parameters:
            assert re.search(rf"[?$]{parameter.name}\b", query.text.split("PREFIX", 1)[1]), (query.name, parameter.name)
            assert parameter.description


def test_every_query_parses_and_only_the_federated_one_calls_a_service():
    for query in PACK.values():
        prepareQuery(query.text)
    assert [q.name for q in PACK.values() if q.federated] == ["federated"]
    assert "SERVICE <https://query.wikidata.org/sparql>" in PACK["federated"].text


# The bundled articles agree on every figure, so disagreements answers a story of its
# own instead (test_disagreements_set_two_articles_words_side_by_side).
@pytest.mark.parametrize("name", sorted(n for n, q in PACK.items() if not q.federated and n != "disagreements"))
def test_every_local_query_answers_the_bundled_corpus(dataset, name):
    query = PACK[name]
    bindings = {p.name: "Beslan" for p in query.parameters if p.required}
    assert _rows(dataset, name, **bindings), f"{name} answered nothing"


def test_example_commands_bind_only_declared_parameters_and_every_required_one():
    for query in PACK.values():
        declared = {p.name for p in query.parameters}
        required = {p.name for p in query.parameters if p.required}
        for example in query.examples:
            given = set(re.findall(r"--param (\w+)=", example))
            assert required <= given <= declared, (query.name, example)


def test_an_unknown_name_lists_the_pack():
    with pytest.raises(QueryError) as err:
        load_named_query("no-such-query")
    assert err.value.message.startswith("query 'no-such-query': is not in the query pack (use one of ")
    assert all(name in err.value.message for name in PACK)
    assert load_named_query("timeline") == PACK["timeline"]


@pytest.mark.parametrize("header, problem", [
    ("SELECT * WHERE { ?s ?p ?o }", "does not open with a comment"),
    ("# What?\n#\n# Parameters: none\nSELECT * WHERE { ?s ?p ?o }", "has no 'Example:'"),
    ("# What?\n#\n# Example:\n#   beslan-kg query --name q\nSELECT * WHERE { ?s ?p ?o }", "has no 'Parameters:'"),
    ("# What?\n#\n# Parameters:\n#   s maybe it\n#\n# Example:\n#   beslan-kg query --name q\nSELECT * WHERE { ?s ?p ?o }",
     "malformed parameter line"),
])
def test_a_badly_documented_query_is_named(tmp_path, header, problem):
    path = tmp_path / "q.rq"
    path.write_text(header, encoding="utf-8")
    with pytest.raises(QueryError, match=problem) as err:
        read_named_query(path)
    assert err.value.where == str(path)


def test_a_header_documents_its_parameters(tmp_path):
    path = tmp_path / "q.rq"
    path.write_text(
        "# Which labels?\n# More words.\n#\n# Parameters:\n#   label  required  a name,\n#          in any language\n"
        "#   kind   optional  a class\n#\n# Example:\n#   beslan-kg query --name q --param label=x\n"
        "SELECT ?s WHERE { ?s ?p ?label ; a ?kind }\n", encoding="utf-8")
    query = read_named_query(path)
    assert isinstance(query, NamedQuery)
    assert (query.name, query.question, query.description) == ("q", "Which labels?", "Which labels? More words.")
    assert [(p.name, p.required, p.description) for p in query.parameters] == [
        ("label", True, "a name, in any language"), ("kind", False, "a class")]
    assert not query.federated


@pytest.mark.parametrize("values, problem", [
    (["label"], "is not VAR=VALUE"),
    (["=x"], "is not VAR=VALUE"),
    (["a b=x"], "is not VAR=VALUE"),
    (["label=a", "label=b"], "binds ?label a second time"),
])
def test_bad_params_are_refused(values, problem):
    with pytest.raises(QueryError, match=re.escape(problem)):
        parse_bindings(values)


def test_params_keep_their_value_as_given():
    assert parse_bindings(["?label=a=b", "event=<https://example.org/e>", "empty="]) == {
        "label": "a=b", "event": "<https://example.org/e>", "empty": ""}


def test_bindings_are_checked_against_the_declared_parameters():
    with pytest.raises(QueryError, match=r"needs --param label=VALUE"):
        check_bindings(PACK["entity"], {})
    with pytest.raises(QueryError, match=r"has no parameter 'lable' \(its parameters: label\)"):
        check_bindings(PACK["entity"], {"label": "x", "lable": "x"})
    with pytest.raises(QueryError, match=r"its parameters: none"):
        check_bindings(PACK["bilingual"], {"x": "y"})


# --------------------------------------------------------------------------
# The answers, checked against the articles and the knowledge base


def test_involved_names_who_stormed_and_who_ruled(dataset):
    # "after Russian special forces launched a chaotic assault" / "Las fuerzas especiales rusas ... lanzaron un asalto"
    assert "Russian special forces launched a chaotic assault" in TEXTS["en"]
    assert re.search(r"Las fuerzas especiales rusas.*lanzaron un asalto", TEXTS["es"])
    special_forces = next(k for k, e in KB.items() if "Russian special forces" in e.aliases.get("en", ()))
    # "The European Court of Human Rights ruled in 2017 that Russia's handling of the siege ..."
    assert "The European Court of Human Rights ruled in 2017 that Russia" in TEXTS["en"]
    rows = {(r["crisis"], r["agent"], r["role"], r["link"]) for r in _rows(dataset, "involved")}
    siege = _id("beslan-school-siege")
    assert (siege, _id(special_forces), "participant", "step") in rows
    assert (siege, _id("european-court-of-human-rights"), "court", "about") in rows
    assert (siege, _id("russia"), "defendant", "about") in rows
    # Agents only: the school the siege targeted is a place, not someone involved.
    assert not any(agent == _id("beslan-school-no-1") for _, agent, _, _ in rows)
    assert {r[2] for r in rows} <= {"perpetrator", "participant", "organizer", "court", "defendant", "target"}


def test_involved_can_be_narrowed_to_one_crisis(dataset):
    everything = _rows(dataset, "involved")
    siege = _rows(dataset, "involved", crisis=_iri("beslan-school-siege"))
    assert siege == [r for r in everything if r["crisis"] == _id("beslan-school-siege")]
    assert _rows(dataset, "involved", crisis=_iri("russia")) == []


def test_timeline_dates_and_places_come_from_the_text(dataset):
    assert "El 1 de septiembre de 2004" in TEXTS["es"] and "On September 1, 2004" in TEXTS["en"]
    assert "El 13 de abril de 2017, el Tribunal Europeo de Derechos Humanos" in TEXTS["es"]
    rows = _rows(dataset, "timeline")
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    siege = [r for r in rows if r["event"] == _id("beslan-school-siege")]
    assert {r["date"] for r in siege} == {"2004-09-01"}
    assert _id("beslan") in {r["place"] for r in siege}
    ruling = [r for r in rows if r["date"] == "2017-04-13"]
    assert ruling and all("European Court of Human Rights" in r["label"] for r in ruling)
    steps = [r for r in rows if r["partOf"] == _id("beslan-school-siege")]
    # A step may be known only to its month ("some 50 hours" from 1 September): a period holding those days.
    assert steps and all("2004-09-01"[: len(r["date"])] <= r["date"] <= "2004-09-03" for r in steps)


def test_casualty_figures_are_the_words_of_their_article(dataset):
    rows = _rows(dataset, "casualties")
    for row in rows:
        text = TEXT_OF[row["article"]]
        assert row["said"] in text, row
        assert row["language"] == ("en" if row["article"] == ARTICLE["en"] else "es")
        number = row["value"] or row["min"] or row["max"]
        assert number is not None and number in row["said"].replace(",", ""), row
    siege = {(r["measure"], r["qualifier"], r["value"], r["min"], r["article"]) for r in rows
             if r["event"] == _id("beslan-school-siege")}
    # "left 334 dead, including 186 children, and more than 750 wounded" / "334 personas murieron, incluyendo 186 niños, y más de 700"
    assert "334 dead, including 186 children, and more than 750 wounded" in TEXTS["en"]
    assert "334 personas murieron, incluyendo 186 niños, y más de 700" in TEXTS["es"]
    for lang in ("en", "es"):
        assert ("Deaths", "Exact", "334", None, ARTICLE[lang]) in siege
        assert ("ChildDeaths", "Exact", "186", None, ARTICLE[lang]) in siege
    assert ("Injured", "MoreThan", None, "750", ARTICLE["en"]) in siege
    assert ("Injured", "MoreThan", None, "700", ARTICLE["es"]) in siege


def test_disagreements_list_only_figures_that_cannot_both_be_true(dataset):
    # "more than 750" and "más de 700" wounded are two lower bounds (both true of 800);
    # both articles say 334 dead, and "over 330" agrees with that.
    assert "more than 750 wounded" in TEXTS["en"] and "más de 700 resultaron heridas" in TEXTS["es"]
    assert _rows(dataset, "disagreements") == []


def test_disagreements_set_two_articles_words_side_by_side():
    from conftest import STORY, story_graph
    from rdflib import Dataset

    from beslan_kg.rdf.build import to_dataset

    # The story's English article says 12 died, the Spanish one 15.
    ds = Dataset(store=to_dataset(story_graph()).store, default_union=True)
    rows = _rows(ds, "disagreements")
    assert [(r["measure"], r["said1"], r["said2"]) for r in rows] == [("bkg:Deaths", "12", "15")]
    texts = {f"article:{a}": text for a, _, text in STORY.values()}
    for row in rows:
        assert row["said1"] in texts[row["article1"]] and row["said2"] in texts[row["article2"]]


def test_provenance_offsets_point_into_the_sentence_of_the_article(dataset):
    rows = _rows(dataset, "provenance")
    assert rows
    for row in rows:
        text = TEXT_OF[row["article"]]
        begin, end = int(row["begin"]), int(row["end"])
        assert 0 <= begin < end <= len(text)
        assert text[begin:end] in row["sentence"] and row["sentence"] in text


def test_provenance_of_one_statement(dataset):
    rows = _rows(dataset, "provenance", subject=f"<{ID}event/court-ruling-european-court-of-human-rights-2017>",
                 predicate="<https://w3id.org/beslan-kg/ontology#defendant>")
    assert {r["object"] for r in rows} == {_id("russia")}
    # Both articles say it: "condenó a Rusia" and "ruled in 2017 that Russia's handling".
    sentences = {r["article"]: r["sentence"] for r in rows}
    assert "condenó a Rusia" in sentences[ARTICLE["es"]]
    assert "ruled in 2017 that Russia" in sentences[ARTICLE["en"]]


@pytest.mark.parametrize("key", ["vladimir-putin", "european-court-of-human-rights", "russia", "beslan", "chechnya"])
def test_entity_is_found_by_any_of_its_labels_in_either_language_whatever_the_case_and_accents(dataset, key):
    entry = KB[key]
    for lang in ("en", "es"):
        label = entry.labels[lang]
        for given in (label, label.upper(), label.lower()):
            rows = _rows(dataset, "entity", label=given)
            assert {r["entity"] for r in rows} == {_id(key)}, given
            if entry.wikidata:
                assert ("out", "owl:sameAs", f"wd:{entry.wikidata}") in {(r["direction"], r["property"], r["value"]) for r in rows}


def test_entity_knows_putins_names_his_country_and_what_he_did(dataset):
    # Only the English article names him; the Spanish label of the knowledge base
    # ("Vladímir Putin") still finds him, accent and all.
    assert "Putin" in TEXTS["en"] and "Putin" not in TEXTS["es"]
    rows = _rows(dataset, "entity", label=KB["vladimir-putin"].labels["es"])
    facts = {(r["direction"], r["property"], r["value"]) for r in rows}
    assert ("out", "rdfs:label", "Vladimir Putin@en") in facts
    assert ("out", "skos:altLabel", "Putin@en") in facts
    # "Russian President Vladimir Putin" ; "Putin launched a major Russian offensive"
    assert ("out", "bkg:nationality", _id("russia")) in facts
    assert any(d == "in" and p == "bkg:organizer" for d, p, _ in facts)
    assert ("in", "schema:mentions", ARTICLE["en"]) in facts
    assert ("in", "schema:mentions", ARTICLE["es"]) not in facts


@pytest.mark.parametrize("label", ['" } ; DROP ALL ; #', "Putin' } INSERT DATA { <a> <b> <c> } #", 'Putin") } #', ""])
def test_a_label_cannot_inject_sparql(dataset, label):
    before = len(dataset)
    assert _rows(dataset, "entity", label=label) == []
    assert len(dataset) == before


def test_wikidata_links_are_the_verified_ones_of_the_knowledge_base(dataset):
    rows = _rows(dataset, "wikidata")
    linked = {r["entity"]: r["wikidata"] for r in rows}
    for entity, item in linked.items():
        key = entity.removeprefix("id:")
        assert KB[key].wikidata and item == f"wd:{KB[key].wikidata}"
    # Every entity of the graph whose entry has a verified ID is listed.
    in_graph = {r["entity"] for r in _rows(dataset, "entities")}
    assert {e for e in in_graph if KB.get(e.removeprefix("id:")) and KB[e.removeprefix("id:")].wikidata} <= set(linked)
    assert all(int(r["articles"]) >= 1 for r in rows)


def test_bilingual_lists_what_both_articles_name(dataset):
    rows = {r["entity"]: r for r in _rows(dataset, "bilingual")}
    for key in ("beslan", "russia", "european-court-of-human-rights", "chechnya"):
        entry = KB[key]
        assert any(name in TEXTS["en"] for name in entry.names("en")) and any(name in TEXTS["es"] for name in entry.names("es"))
        assert _id(key) in rows
        assert rows[_id(key)]["en"] == f"{entry.labels['en']}@en" and rows[_id(key)]["es"] == f"{entry.labels['es']}@es"
    # Putin, Ukraine, Moscow: named only in the English article.
    for key in ("vladimir-putin", "ukraine", "moscow"):
        assert not any(name in TEXTS["es"] for name in KB[key].names("es"))
        assert _id(key) not in rows


def test_against_states_finds_the_court_ruling_against_russia(dataset):
    rows = _rows(dataset, "against-states")
    assert {(r["organisation"], r["acted"], r["action"], r["stateRole"], r["state"]) for r in rows} >= {
        (_id("european-court-of-human-rights"), "court", "CourtRuling", "defendant", _id("russia"))}
    # An organisation of the state itself (the special forces of Russia) does not act against it.
    own = _rows(dataset, "entity", label="Spetsnaz")
    assert ("out", "bkg:country", _id("russia")) in {(r["direction"], r["property"], r["value"]) for r in own}
    assert not any(r["organisation"] == _id("spetsnaz") and r["state"] == _id("russia") for r in rows)
    assert _rows(dataset, "against-states", state=_iri("ukraine")) == []
    assert _rows(dataset, "against-states", state=_iri("russia")) == [r for r in rows if r["state"] == _id("russia")]


def test_query_answers_are_the_same_under_any_hash_seed(built):
    out, _ = built
    script = (
        "import sys, json\n"
        "from beslan_kg.queries import iter_named_queries\n"
        "from beslan_kg.rdf.io import load_dataset\n"
        "from beslan_kg.rdf.query import run_query, to_text\n"
        "ds = load_dataset(sys.argv[1])\n"
        "print(json.dumps({q.name: to_text(run_query(ds, q.text, bindings={p.name: 'Beslan' for p in q.parameters if p.required}), 'json')"
        " for q in iter_named_queries() if not q.federated}))\n"
    )
    outputs = [
        subprocess.run([sys.executable, "-c", script, str(out / "graph.trig")], capture_output=True, text=True, check=True,
                       cwd=ROOT, env=os.environ | {"PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    ]
    assert outputs[0] == outputs[1]
    assert set(json.loads(outputs[0])) == {n for n, q in PACK.items() if not q.federated}


def test_the_query_pack_page_lists_every_query_with_its_question():
    page = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| `([\w-]+)` \| (.+?) \| .+ \|$", page.split("## Example queries", 1)[0], re.M))
    assert table == {name: query.question for name, query in PACK.items()}
