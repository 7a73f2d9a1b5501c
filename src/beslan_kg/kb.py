"""The knowledge base of known entities: ``ontology/kb.yaml`` over ``ontology/kb-generated.tsv``.

The knowledge base is data: Wikidata IDs, types and names in English and
Spanish. It feeds the gazetteer (so known names are found whatever the model
says) and linking (so a known entity gets ``owl:sameAs`` its Wikidata item).

Two files make it: the generated table (countries, regions, cities, parties,
organisations; written by ``tools/build_kb.py`` from the sources in
``ontology/kb-sources.yaml``) and, over it, the hand-written YAML of the
domain, which wins: an entry of the YAML replaces the generated row with the
same Wikidata ID, and generated rows that point to that row (a city's
country) point to the YAML entry instead.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from itertools import product
from pathlib import Path

import yaml

from beslan_kg.errors import ConfigError
from beslan_kg.paths import ontology_dir
from beslan_kg.records import KINDS

# libyaml's loader when PyYAML has it: the same safe loading, several times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class KBEntry:
    """One known entity.

    Attributes:
        key: Stable slug, the last segment of the entity's IRI.
        kind: One of :data:`~beslan_kg.records.KINDS`.
        ontology_class: Local name of the project class.
        labels: Preferred label per language.
        aliases: Other names per language.
        demonyms: Adjectives and nouns for its people, per language.
        wikidata: Wikidata item ID (``Q…``), only when verified.
        began: For events, when they began (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``).
        places: For events, the keys of the places where they happened.
        country: Key of the country the entity belongs to, where known.
        prior: How prominent the entity is (a population, or how widely a
            brand is found): it tells apart entities of one name.
        generated: Whether the entry comes from the generated table (found
            by :mod:`beslan_kg.nlp.linker`) rather than the hand-written YAML.
    """

    key: str
    kind: str
    ontology_class: str
    labels: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]
    demonyms: Mapping[str, tuple[str, ...]]
    wikidata: str | None = None
    began: str | None = None
    places: tuple[str, ...] = ()
    country: str | None = None
    prior: int = 0
    generated: bool = False

    def names(self, lang: str) -> tuple[str, ...]:
        """Return every name of the entry in ``lang``: label first, then aliases."""
        label = self.labels.get(lang)
        return ((label,) if label else ()) + self.aliases.get(lang, ())

    def all_names(self) -> tuple[str, ...]:
        """Return every name in every language, without repeats."""
        return self._all_names

    @cached_property
    def _all_names(self) -> tuple[str, ...]:
        # Once per entry: every component that indexes the knowledge base asks for every entry's names.
        return tuple(dict.fromkeys(name for lang in sorted(set(self.labels) | set(self.aliases)) for name in self.names(lang)))


#: Latin letters Unicode does not decompose into a letter and an accent, as
#: their unaccented spelling ("Diyarbakır" is written "Diyarbakir", "Łódź" "Lodz").
_LETTERS = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ħ": "h", "º": "o"})


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Return ``text`` case-folded, without accents and with spaces collapsed.

    This is the key that matches "Beslán" to "Beslan", "Diyarbakır" to
    "Diyarbakir" and "Nº1" to "No1".
    """
    if text.isascii():
        # Most names: nothing to decompose, and ASCII case-folds as it lower-cases.
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().translate(_LETTERS).split())


def is_acronym(text: str, longest: int) -> bool:
    """Tell whether ``text`` is a short acronym ("UN", "PSOE"): few letters, most of them capitals."""
    letters = [c for c in text if c.isalpha()]
    return 0 < len(letters) <= longest and " " not in text.strip() and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


def spells(acronym: str, name: str) -> bool:
    """Tell whether the acronym's letters are initials of the name's words.

    In any order, since a translated name reorders them ("INE": National
    Electoral Institute), and with one letter missing from a name the text
    shortens ("PRI": the Revolucionario Institucional, of the Partido ...).
    """
    letters = {c for c in fold(acronym) if c.isalpha()}
    initials = {w[0] for w in re.findall(r"\w+", fold(name))}
    shared = letters & initials
    return len(shared) >= 2 and len(letters - initials) <= (1 if len(letters) >= 3 else 0)


def without_middle(words: Sequence[str], longer: Sequence[str]) -> bool:
    """Tell whether a name of ``words`` is the ``longer`` one without some middle words.

    "Derek Chauvin" of "Derek Michael Chauvin": the same first and last
    words, the shorter's words all in the longer, in order.
    """
    rest = iter(longer)
    return len(longer) > len(words) > 1 and longer[0] == words[0] and longer[-1] == words[-1] and all(w in rest for w in words)


def slug(text: str) -> str:
    """Return an IRI-safe slug of ``text``: folded ASCII words joined by hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def strip_accents(text: str) -> str:
    """Return ``text`` with combining accents removed, case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


#: File name of the generated table, looked for beside the YAML.
GENERATED = "kb-generated.tsv"
#: File name of the names the generated table lacks (demonyms, other names; by Wikidata ID), looked for beside the YAML.
NAMES = "kb-names.yaml"
#: Columns of the generated table, in order (its header line).
COLUMNS = ("key", "wikidata", "kind", "class", "label_en", "label_es", "aliases_en", "aliases_es", "country", "prior", "source")


def load_kb(path: Path | None = None) -> Mapping[str, KBEntry]:
    """Load the knowledge base, keyed by entry key: the YAML over the generated table beside it.

    Loaded once per process and path.

    Args:
        path: The YAML file; ``ontology/kb.yaml`` by default. The generated
            table is read from ``kb-generated.tsv`` in the same folder when
            there is one.

    Raises:
        ConfigError: A file cannot be read or an entry is malformed.
    """
    # One cache entry per file, however the caller names it: load_kb() and load_kb(None) are one load.
    return _load_kb(path or ontology_dir() / "kb.yaml")


@cache
def _load_kb(path: Path) -> Mapping[str, KBEntry]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(str(path), f"cannot read the knowledge base: {err}", "restore ontology/kb.yaml") from None
    overlay = {}
    for key, item in sorted((raw.get("entities") or {}).items()):
        overlay[key] = _entry(path, str(key), item or {})
    table = path.parent / GENERATED
    entries = dict(load_generated(table, overlay, _load_names(path.parent / NAMES))) if table.is_file() else {}
    entries.update(overlay)
    return entries


#: Per Wikidata ID, a section of ``kb-names.yaml``: names by language.
_ByItem = Mapping[str, dict[str, tuple[str, ...]]]


def _load_names(path: Path) -> dict[str, _ByItem]:
    """Read the ``demonyms`` and other ``names`` of the generated table's entries, by Wikidata ID (none when the file is absent).

    Raises:
        ConfigError: The file cannot be read.
    """
    if not path.is_file():
        return {}
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(str(path), f"cannot read the knowledge base's names: {err}", "restore it from git") from None
    return {section: {str(qid): _names(names) for qid, names in (raw.get(section) or {}).items()} for section in ("demonyms", "names")}


def load_generated(path: Path, overlay: Mapping[str, KBEntry], extra: Mapping[str, _ByItem] | None = None) -> Mapping[str, KBEntry]:
    """Read the generated table, less the rows ``overlay`` replaces (same Wikidata ID).

    ``extra`` (see :func:`_load_names`) gives rows, by Wikidata ID, their
    ``demonyms`` and other ``names``: a Spanish name is the row's Spanish
    label when it has none, every other one an alias.

    Raises:
        ConfigError: The file cannot be read or is not the table.
    """
    by_item = {e.wikidata: key for key, e in overlay.items() if e.wikidata}
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as err:
        raise ConfigError(str(path), f"cannot read the generated knowledge base: {err}", "restore it from git") from None
    if not rows or tuple(rows[0]) != COLUMNS or any(len(r) != len(COLUMNS) for r in rows):
        raise ConfigError(str(path), "is not a knowledge-base table", "rebuild it with tools/build_kb.py or restore it from git")
    replaced = {r[0]: by_item[r[1]] for r in rows[1:] if r[1] in by_item}
    entries = {}
    demonyms, names = (extra or {}).get("demonyms", {}), (extra or {}).get("names", {})
    for key, qid, kind, cls, en, es, aliases_en, aliases_es, country, prior, _ in rows[1:]:
        if key in replaced:
            continue
        more = names.get(qid, {}) if qid else {}
        labels = {"en": en, "es": es or (more.get("es") or (en,))[0]}
        aliases = {lang: tuple(dict.fromkeys(n for n in (*_split(own), *more.get(lang, ())) if n != labels[lang]))
                   for lang, own in (("en", aliases_en), ("es", aliases_es))}
        entries[key] = KBEntry(
            key=key,
            kind=kind,
            ontology_class=cls,
            labels=labels,
            aliases=aliases,
            demonyms=demonyms.get(qid, {}) if qid else {},
            wikidata=qid or None,
            country=replaced.get(country, country) or None,
            prior=int(prior),
            generated=True,
        )
    return _without_borrowed_names(entries)


def _without_borrowed_names(entries: dict[str, KBEntry]) -> dict[str, KBEntry]:
    """Drop a place's alias that is another place's label in its country and no form of its own name.

    The sources pair some first-level divisions with the names of other
    codes after a country renumbered them: Fars with "Tehran", Ardabil
    with "Hamadan". Such an alias would link a name to the wrong place; a
    shorter or longer form of the place's own name ("Michoacán" of
    "Michoacán de Ocampo") is kept.
    """
    labels: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in entries.values():
        if entry.kind == "Place":
            for label in entry.labels.values():
                labels[(fold(label), entry.country or entry.key)].add(entry.key)
    for key, entry in entries.items():
        if entry.kind != "Place":
            continue
        home = entry.country or entry.key
        # Another place's label first: few aliases are one, and only those are read word by word.
        suspects = {a for names in entry.aliases.values() for a in names if labels.get((fold(a), home), {key}) - {key}}
        if not suspects:
            continue
        own = [fold(label).split() for label in entry.labels.values() if label]
        borrowed = set()
        for alias in suspects:
            words = fold(alias).split()
            if not any(runs_within(words, name) or runs_within(name, words) for name in own):
                borrowed.add(alias)
        if borrowed:
            entries[key] = replace(entry, aliases={lang: tuple(a for a in names if a not in borrowed) for lang, names in entry.aliases.items()})
    return entries


def runs_within(short: Sequence[str], long: Sequence[str]) -> bool:
    """Tell whether the words ``short`` run, in order and together, within ``long``."""
    n = len(short)
    return 0 < n <= len(long) and any(list(long[i : i + n]) == list(short) for i in range(len(long) - n + 1))


def _split(names: str) -> tuple[str, ...]:
    return tuple(names.split("|")) if names else ()


def _entry(path: Path, key: str, item: dict) -> KBEntry:
    kind = item.get("kind")
    if kind not in KINDS or not item.get("class"):
        raise ConfigError(f"{path}: {key}", f"kind must be one of {', '.join(KINDS)} and class is required", "fix the entry")
    labels = {str(lang): str(label) for lang, label in (item.get("labels") or {}).items()}
    if not labels:
        raise ConfigError(f"{path}: {key}", "has no labels", "give labels: {en: …, es: …}")
    return KBEntry(
        key=key,
        kind=kind,
        ontology_class=str(item["class"]),
        labels=labels,
        aliases=_names(item.get("aliases")),
        demonyms=_names(item.get("demonyms")),
        wikidata=str(item["wikidata"]) if item.get("wikidata") else None,
        began=str(item["began"]) if item.get("began") else None,
        places=tuple(str(p) for p in item.get("places") or ()),
    )


def _names(value: object) -> dict[str, tuple[str, ...]]:
    if not value:
        return {}
    return {str(lang): tuple(str(n) for n in names or ()) for lang, names in dict(value).items()}


@cache
def name_words() -> Mapping[str, Mapping[str, str] | frozenset[str]]:
    """Return the Spanish words of names with their English ones (``ontology/lexicon/name-words.yaml``).

    ``nouns`` and ``adjectives`` map Spanish words to English ones,
    ``articles`` are dropped, ``joiners`` map the words that join the parts
    of a name to English ("de": "of", "para": "for").
    """
    path = ontology_dir() / "lexicon" / "name-words.yaml"
    try:
        data = (yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) if path.is_file() else None) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(str(path), f"cannot read the words of names: {err}", "restore it from git") from None
    joiners = {str(w): "of" for w in data.get("of_words") or ()} | {str(w): str(e) for w, e in (data.get("joiners") or {}).items()}
    return {"nouns": dict(data.get("nouns") or {}), "adjectives": dict(data.get("adjectives") or {}),
            "articles": frozenset(data.get("articles") or ()), "joiners": joiners}


#: A Roman numeral in capitals ("XIX", "IV"): a regnal number after a name, no name of its own.
ROMAN = re.compile(r"(?=[MDCLXVI])M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


@cache
def given_names() -> Mapping[str, tuple[str, ...]]:
    """Return the Spanish given names with their English forms (``ontology/lexicon/given-names.yaml``), folded.

    Raises:
        ConfigError: The file cannot be read.
    """
    path = ontology_dir() / "lexicon" / "given-names.yaml"
    try:
        data = (yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) if path.is_file() else None) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(str(path), f"cannot read the given names: {err}", "restore it from git") from None
    return {fold(str(es)): tuple(fold(str(en)) for en in forms) for es, forms in (data.get("given_names") or {}).items()}


@cache
def given_name_words() -> frozenset[str]:
    """Return every given name of :func:`given_names`, Spanish and English, folded."""
    return frozenset(given_names()) | frozenset(n for forms in given_names().values() for n in forms)


def given_in_english(name: str) -> tuple[str, ...]:
    """Return the English forms of a Spanish name of given names and a regnal number, folded.

    "León XIV" is "leo xiv", "Juan Pablo II" "john paul ii", "Enrique"
    "henry" and "harry". A name with a word the lexicon lacks (a surname)
    has none: an empty tuple.
    """
    words = fold(name).split()
    number = words[-1:] if len(words) > 1 and ROMAN.fullmatch(words[-1].upper()) else []
    given = words[: len(words) - len(number)]
    lexicon = given_names()
    if not given or any(w not in lexicon for w in given):
        return ()
    return tuple(" ".join((*forms, *number)) for forms in product(*(lexicon[w] for w in given)))


def in_english(name: str, places: Mapping[str, frozenset[str]]) -> tuple[str, ...]:
    """Return the English forms of a Spanish name of an institution or a place, if every word of it has one.

    "Colegio Electoral" is "electoral college", "la Elipse" "ellipse",
    "Cámara de Representantes" "house of representatives", "Corte Suprema
    de Kenia" "supreme court of kenya", "Liga Nacional para la Democracia"
    "national league for democracy": the articles dropped, the joining
    words made English ("de" "of", ``joiners``), the adjectives after a
    noun put before it, and a place the knowledge base knows given each of
    its English names (``places``, folded, see :func:`english_place_names`:
    "Parlamento de Birmania" is "parliament of myanmar" and "parliament of
    burma"). A name of two parts joined by "of" is also written the English
    way, the second before the first ("Ministerio de Salud": "health
    ministry"; "Congreso de los Estados Unidos": "united states congress").
    No form: an empty tuple.
    """
    lexicon = name_words()
    nouns, adjectives, articles, joiners = lexicon["nouns"], lexicon["adjectives"], lexicon["articles"], lexicon["joiners"]
    phrases, joins, english = [[]], [], []
    for word in fold(name).split():
        if word in joiners:
            phrases.append([])
            joins.append(joiners[word])
        elif word not in articles:
            phrases[-1].append(word)
    for n, phrase in enumerate(phrases):
        if n and " ".join(phrase) in places:
            english.append(sorted(places[" ".join(phrase)]))
        elif phrase and phrase[0] in nouns and all(w in adjectives for w in phrase[1:]):
            english.append([" ".join([*(adjectives[w] for w in reversed(phrase[1:])), nouns[phrase[0]]])])
        else:
            return ()
    forms = ["".join(f"{join} {word} " for join, word in zip(("", *joins), words)).strip() for words in product(*english)]
    if joins == ["of"]:
        forms += [f"{second} {first}" for first, second in product(*english)]
    return tuple(forms)


@cache
def folded_names(*, kinds: frozenset[str] = frozenset(), classes: frozenset[str] = frozenset()) -> frozenset[str]:
    """Return the folded names of the bundled knowledge base's entries of these kinds or ontology classes, once per process.

    The entity filter of each language reads the same sets.
    """
    return frozenset(fold(name) for entry in load_kb().values() if entry.kind in kinds or entry.ontology_class in classes
                     for name in entry.all_names())


@cache
def folded_demonyms() -> frozenset[str]:
    """Return the folded demonyms of the bundled knowledge base's entries, in every language, once per process."""
    return frozenset(fold(name) for entry in load_kb().values() for names in entry.demonyms.values() for name in names)


def english_place_names(kb: Mapping[str, KBEntry]) -> dict[str, frozenset[str]]:
    """Map the folded Spanish names of the knowledge base's places to their folded English names, where one place has the name.

    Every English name of the place, its label and its aliases: "Birmania"
    is "Myanmar (Burma)", "Burma" and "Myanmar".
    """
    found: dict[str, set[str]] = defaultdict(set)
    for entry in kb.values():
        if entry.kind == "Place" and entry.labels.get("en"):
            for name in (entry.labels.get("es"), *entry.aliases.get("es", ())):
                if name:
                    found[fold(name)].add(entry.key)
    return {name: frozenset(fold(n) for n in kb[next(iter(keys))].names("en"))
            for name, keys in found.items() if len(keys) == 1}


def generated_demonyms(kb: Mapping[str, KBEntry], country_classes: frozenset[str] | tuple[str, ...]) -> tuple[dict[str, str], int]:
    """Return the generated table's countries by folded demonym, in every language, and the most words a demonym has.

    The gazetteer matches only the hand-written entries' demonyms; these are
    looked up word by word ("Peruvian", "chilena").
    """
    demonyms = {fold(d): entry.key for entry in kb.values() if entry.generated and entry.ontology_class in country_classes
                for names in entry.demonyms.values() for d in names}
    return demonyms, max((len(d.split()) for d in demonyms), default=0)
