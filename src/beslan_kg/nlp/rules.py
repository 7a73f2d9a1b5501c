"""Load the per-language extraction rules from ``ontology/rules/``."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import yaml

from beslan_kg.errors import ConfigError
from beslan_kg.paths import ontology_dir

# libyaml's loader when PyYAML has it: the same safe loading, several times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_T = TypeVar("_T")
# What readers of the rules make of them, by the rules' identity and the reader: the rules themselves are
# held with it, so that their identity is not given to other rules while the entry stands.
_DERIVED: dict[tuple, tuple[Mapping[str, Any], Any]] = {}


@cache
def load_common_rules(folder: Path | None = None) -> Mapping[str, Any]:
    """Return the rules every language shares (``common.yaml``).

    Raises:
        ConfigError: The file is missing.
    """
    path = (folder or ontology_dir() / "rules") / "common.yaml"
    if not path.is_file():
        raise ConfigError(str(path), "the shared extraction rules are missing", "restore ontology/rules/common.yaml")
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}


@cache
def load_rules(lang: str, folder: Path | None = None) -> Mapping[str, Any]:
    """Return the rules for ``lang`` merged over the shared ``common.yaml``.

    Raises:
        ConfigError: There is no rules file for the language.
    """
    folder = folder or ontology_dir() / "rules"
    path = folder / f"{lang}.yaml"
    if not path.is_file():
        raise ConfigError(str(path), f"no extraction rules for language {lang!r}", "add ontology/rules/<lang>.yaml")
    rules = dict(load_common_rules(folder))
    rules.update(yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {})
    return rules


def derived(rules: Mapping[str, Any], make: Callable[..., _T], *args: Any) -> _T:
    """Return ``make(rules, *args)``, made once per rules, ``make`` and ``args``.

    The rules do not change once loaded, and an article is read with the
    same rules as the one before it: what a reader builds from them (an
    index of triggers, sets of words) is built once per process, not once
    per article. What it returns is shared by every article: its callers
    only read it. The knowledge base (:func:`beslan_kg.kb.load_kb`) is
    loaded once too, and its readers are made once the same way.
    """
    key = (id(rules), make, *args)
    found = _DERIVED.get(key)
    if found is None or found[0] is not rules:
        found = _DERIVED[key] = (rules, make(rules, *args))
    return found[1]
