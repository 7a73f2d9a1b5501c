"""Load the per-language extraction rules from ``ontology/rules/``."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from beslan_kg.errors import ConfigError
from beslan_kg.paths import ontology_dir

# libyaml's loader when PyYAML has it: the same safe loading, several times faster.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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
    rules = dict(yaml.load((folder / "common.yaml").read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {})
    rules.update(yaml.load(path.read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {})
    return rules
