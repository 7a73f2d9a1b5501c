"""What the map step depends on besides the article: the fingerprint the cache keys its records with.

Computed without loading spaCy or a model (a build whose articles are all
cached loads neither): the model's package version and ``meta.json`` are
read from its folder.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
from functools import cache
from pathlib import Path

from beslan_kg.nlp.models import DEFAULT_MODELS
from beslan_kg.paths import ontology_dir

#: Files of the ontology folder the map step never reads (they serve the later stages).
_NOT_READ_BY_MAP = ("shapes.ttl", "context.jsonld")
#: Folders of the ontology whose files are per language (``en.yaml``): another language's do not count.
_PER_LANGUAGE = ("rules", "lexicon")
#: Modules of the package, besides ``beslan_kg/nlp/``, whose code the map step runs.
_MAP_MODULES = ("records.py", "kb.py", "paths.py", "errors.py")


@cache
def pipeline_fingerprint(lang: str, model: str | None = None) -> str:
    """Return a digest of everything the map step of ``lang`` depends on, besides the article.

    The spaCy model (name, package version and its ``meta.json``) and spaCy's
    version; every data file of the ontology folder it may read (rules and
    lexicons of this language and the shared ones, the knowledge bases, the
    ontology), and the package's code that runs in the map step. Change any
    of them and the articles of that language are extracted anew; a change to
    another language's rules, or to the shapes, invalidates nothing.
    """
    digest = hashlib.sha256(b"beslan-kg map step 1\n")
    name = model or DEFAULT_MODELS.get(lang, "")
    digest.update(f"{lang}\n{name}\n".encode())
    for part in (_model_identity(name), _version("spacy")):
        digest.update(part.encode() + b"\n")
    package = Path(__file__).resolve().parents[1]
    files = sorted((package / "nlp").glob("*.py")) + [package / m for m in _MAP_MODULES]
    folder = ontology_dir()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder)
        if relative.as_posix() in _NOT_READ_BY_MAP:
            continue
        if relative.parts[0] in _PER_LANGUAGE and path.stem not in (lang, "common"):
            continue
        files.append(path)
    for path in files:
        digest.update(str(path.name).encode() + b"\0" + _file_digest(path) + b"\n")
    return digest.hexdigest()


def _file_digest(path: Path) -> bytes:
    try:
        return hashlib.sha256(path.read_bytes()).digest()
    except OSError:
        return b"missing"


def _model_identity(name: str) -> str:
    """Name, version and meta.json of a model package or folder, found without loading spaCy."""
    folder = Path(name)
    if not folder.is_dir():
        spec = importlib.util.find_spec(name) if name and "/" not in name else None
        folder = Path(next(iter(spec.submodule_search_locations))) if spec and spec.submodule_search_locations else None
    if folder is None:
        return f"{name} (not found)"
    metas = sorted(folder.glob("meta.json")) + sorted(folder.glob("*/meta.json"))
    meta = hashlib.sha256(metas[0].read_bytes()).hexdigest() if metas else "no meta.json"
    return f"{name} {_version(name.replace('_', '-'))} {meta}"


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except (importlib.metadata.PackageNotFoundError, ValueError):
        return "unknown"
