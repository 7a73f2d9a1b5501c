"""The per-article cache of the map step's records, for incremental builds.

What the map step makes of an article (its :class:`~beslan_kg.records.ArticleExtraction`)
depends only on the article and on the pipeline, so it is kept, keyed by:

- the article: its text and its metadata (identifier, language, title,
  publisher, date, source note; not the path it was read from, which the
  records do not depend on: a moved file is found again);
- the pipeline of its language (:func:`beslan_kg.nlp.pipeline.pipeline_fingerprint`):
  the spaCy model and its version, spaCy's version, the rules, lexicons and
  knowledge bases it reads, the ontology, and the package's code that runs in
  the map step.

A build reads the records of every article it has seen with the same
pipeline and runs the models only on the others: adding one article to a
built corpus parses that one. Changing an English rule makes new keys for
English articles only; changing the shapes, the queries or the view changes
no key at all.

Where it lives: ``$BESLAN_KG_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/beslan-kg``,
else ``~/.cache/beslan-kg`` (:func:`default_cache_dir`): a per-user cache
outside any output folder, so it survives ``rm -rf out`` and serves every
output folder and every copy of a corpus. Entries are grouped in a folder
per pipeline fingerprint, so entries of an older pipeline are easy to count
and remove (``beslan-kg cache info``, ``beslan-kg cache clear --stale``).

Entries are pickles of the records, written atomically; they are read with
an unpickler that accepts only the record classes and plain values, so a
tampered file cannot run code. An unreadable entry is a miss.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import secrets
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from beslan_kg.errors import ConfigError
from beslan_kg.records import Article, ArticleExtraction

#: The version of the entries' layout; a new one ignores the old entries.
LAYOUT = "extractions-v1"
_RECORDS_MODULE = "beslan_kg.records"
_SAFE_BUILTINS = {("builtins", name) for name in ("tuple", "list", "dict", "set", "frozenset", "str", "int", "float", "bool")}


def default_cache_dir() -> Path:
    """Return where the cache lives: ``$BESLAN_KG_CACHE_DIR``, ``$XDG_CACHE_HOME/beslan-kg`` or ``~/.cache/beslan-kg``."""
    if os.environ.get("BESLAN_KG_CACHE_DIR"):
        return Path(os.environ["BESLAN_KG_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "beslan-kg"


def article_key(article: Article, fingerprint: str) -> str:
    """Return the cache key of an article's records under the pipeline ``fingerprint``."""
    meta = article.meta
    described = json.dumps([meta.id, meta.language, meta.title, meta.publisher, meta.date_published, meta.source_note,
                            meta.language_detected], ensure_ascii=False)
    digest = hashlib.sha256(fingerprint.encode() + b"\0" + described.encode("utf-8") + b"\0" + article.text.encode("utf-8"))
    return digest.hexdigest()


class ExtractionCache:
    """The cache in one folder: records by pipeline fingerprint and key.

    Args:
        folder: The cache's folder (created when first written).
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self.hits = 0
        self.misses = 0

    def _path(self, fingerprint: str, key: str) -> Path:
        return self.folder / LAYOUT / fingerprint[:32] / key[:2] / f"{key}.pickle"

    def get(self, article: Article, fingerprint: str) -> ArticleExtraction | None:
        """Return the records cached for the article, or None."""
        path = self._path(fingerprint, article_key(article, fingerprint))
        try:
            data = path.read_bytes()
            found = _RecordsUnpickler(io.BytesIO(data)).load()
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError, IndexError):
            found = None
        if not isinstance(found, ArticleExtraction) or found.article.id != article.meta.id:
            self.misses += 1
            return None
        self.hits += 1
        # The records do not depend on where the file was read from; the report names where it is now.
        return found if found.article == article.meta else _moved(found, article)

    def put(self, article: Article, fingerprint: str, extraction: ArticleExtraction, *, describe: str = "") -> None:
        """Keep the records of an article (atomically; a failure to write only costs the entry).

        Raises:
            ConfigError: The cache folder cannot be created or written.
        """
        path = self._path(fingerprint, article_key(article, fingerprint))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            about = path.parents[1] / "pipeline.json"
            if not about.exists():
                _write(about, (json.dumps({"fingerprint": fingerprint, "pipeline": describe}, indent=2) + "\n").encode())
            _write(path, pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError as err:
            raise ConfigError(str(self.folder), f"the cache cannot be written: {err.strerror or err}",
                              "choose another --cache-dir, or build with --no-cache") from None


def _moved(found: ArticleExtraction, article: Article) -> ArticleExtraction:
    from dataclasses import replace

    return replace(found, article=article.meta)


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


class _RecordsUnpickler(pickle.Unpickler):
    """Unpickle records and plain values only: a cache file is data, never code."""

    def find_class(self, module: str, name: str):  # noqa: D102 - see pickle.Unpickler
        if module == _RECORDS_MODULE or (module, name) in _SAFE_BUILTINS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a record")


@dataclass(frozen=True)
class PipelineEntries:
    """The entries kept for one pipeline.

    Attributes:
        fingerprint: The pipeline's fingerprint (its folder's name is its start).
        pipeline: What the pipeline was (language and model), as recorded.
        entries: How many articles' records are kept.
        size: Their size in bytes.
        current: Whether a build with the current code, data and models uses them.
    """

    fingerprint: str
    pipeline: str
    entries: int
    size: int
    current: bool


def cache_info(folder: str | os.PathLike, current: Iterable[str] = ()) -> tuple[PipelineEntries, ...]:
    """Describe the cache: its entries per pipeline, marking those of the ``current`` fingerprints."""
    root = Path(folder) / LAYOUT
    wanted = {f[:32] for f in current}
    found = []
    if root.is_dir():
        for entry in sorted(root.iterdir()):
            if not entry.is_dir():
                continue
            files = [p for p in entry.rglob("*.pickle") if p.is_file()]
            about = {}
            try:
                about = json.loads((entry / "pipeline.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                pass
            found.append(PipelineEntries(
                fingerprint=about.get("fingerprint", entry.name), pipeline=about.get("pipeline", "unknown"),
                entries=len(files), size=sum(p.stat().st_size for p in files), current=entry.name in wanted))
    return tuple(found)


def clear_cache(folder: str | os.PathLike, *, keep: Iterable[str] = ()) -> tuple[int, int]:
    """Remove the cache's entries, except those of the pipelines whose fingerprints are in ``keep``.

    Returns:
        How many entries were removed, and how many bytes they took.

    Raises:
        ConfigError: The cache cannot be removed.
    """
    root = Path(folder) / LAYOUT
    kept = {f[:32] for f in keep}
    removed = size = 0
    if not root.is_dir():
        return 0, 0
    for entry in sorted(root.iterdir()):
        if entry.name in kept:
            continue
        files = [p for p in entry.rglob("*.pickle") if p.is_file()] if entry.is_dir() else []
        removed += len(files)
        size += sum(p.stat().st_size for p in files)
        try:
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
        except OSError as err:
            raise ConfigError(str(entry), f"cannot be removed: {err.strerror or err}", "check its permissions") from None
    return removed, size
