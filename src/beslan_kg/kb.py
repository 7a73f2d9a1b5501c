"""The knowledge base of known entities, read from ``ontology/kb.yaml``.

The knowledge base is data: Wikidata IDs, types and names in English and
Spanish. It feeds the gazetteer (so known names are found whatever the model
says) and linking (so a known entity gets ``owl:sameAs`` its Wikidata item).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from beslan_kg.errors import ConfigError
from beslan_kg.paths import ontology_dir
from beslan_kg.records import KINDS


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

    def names(self, lang: str) -> tuple[str, ...]:
        """Return every name of the entry in ``lang``: label first, then aliases."""
        label = self.labels.get(lang)
        return ((label,) if label else ()) + self.aliases.get(lang, ())

    def all_names(self) -> tuple[str, ...]:
        """Return every name in every language, without repeats."""
        seen: dict[str, None] = {}
        for lang in sorted(set(self.labels) | set(self.aliases)):
            for name in self.names(lang):
                seen.setdefault(name, None)
        return tuple(seen)


def fold(text: str) -> str:
    """Return ``text`` case-folded, without accents and with spaces collapsed.

    This is the key that matches "Beslán" to "Beslan" and "Nº1" to "No1".
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().replace("º", "o").split())


def strip_accents(text: str) -> str:
    """Return ``text`` with combining accents removed, case kept."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


@cache
def load_kb(path: Path | None = None) -> Mapping[str, KBEntry]:
    """Load the knowledge base, keyed by entry key.

    Args:
        path: The YAML file; ``ontology/kb.yaml`` by default.

    Raises:
        ConfigError: The file is missing or an entry is malformed.
    """
    path = path or ontology_dir() / "kb.yaml"
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as err:
        raise ConfigError(str(path), f"cannot read the knowledge base: {err}", "restore ontology/kb.yaml") from None
    entries = {}
    for key, item in sorted((raw.get("entities") or {}).items()):
        entries[key] = _entry(path, str(key), item or {})
    return entries


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
