"""Read articles and their metadata from plain-text files.

An article is a UTF-8 ``.txt`` file. Metadata sits beside it in
``<stem>.meta.yaml`` (all keys optional)::

    language: es            # en or es; detected from the text when absent
    title: Headline or a short title
    publisher: Reuters
    date_published: 2024-09-01
    source_note: Where the text came from.

Every problem with a file is raised as :class:`~beslan_kg.errors.InputError`
naming the file, so one bad file can be reported and skipped.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from beslan_kg.errors import InputError
from beslan_kg.records import Article, ArticleMeta

#: Languages the pipeline has models and patterns for.
SUPPORTED_LANGUAGES = ("en", "es")
_META_SUFFIX = ".meta.yaml"
_TITLE_LENGTH = 80
# langdetect is unreliable on very short texts; below this we ask for metadata.
_MIN_DETECT_CHARS = 20


def iter_article_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Yield the article files named by ``paths``, directories expanded.

    Directories give their ``*.txt`` files, recursively and sorted, so the
    order (and so the output) does not depend on the file system.

    Raises:
        InputError: A path does not exist.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.txt") if p.is_file())
        elif path.is_file():
            yield path
        else:
            raise InputError(str(raw), "no such file or directory", "check the path")


def read_article(path: Path) -> Article:
    """Read one article and its metadata.

    Raises:
        InputError: The file is empty, binary, not UTF-8, its metadata is
            malformed, or its language is neither English nor Spanish.
    """
    data = path.read_bytes()
    if b"\x00" in data:
        raise InputError(str(path), "is a binary file, not plain text", "give a UTF-8 .txt file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            str(path),
            f"is not valid UTF-8 (byte {err.start})",
            "re-save it as UTF-8, e.g. iconv -f latin1 -t utf-8",
        ) from None
    # Normalise line ends so offsets do not depend on the platform that saved it.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(str(path), "is empty", "give a file with the article's text")
    meta = _read_meta(path)
    language, detected = _language(path, text, meta.get("language"))
    return Article(
        meta=ArticleMeta(
            id=article_id(path),
            language=language,
            title=str(meta.get("title") or _default_title(text)),
            path=str(path),
            publisher=_optional_str(meta.get("publisher")),
            date_published=_date(path, meta.get("date_published")),
            source_note=_optional_str(meta.get("source_note")),
            language_detected=detected,
        ),
        text=text,
    )


def article_id(path: Path) -> str:
    """Return the article's identifier: its file name without suffix, IRI-safe."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-")
    return slug or "article"


def detect_language(text: str) -> str | None:
    """Return the ISO 639-1 code langdetect gives ``text``, or None if it cannot."""
    from langdetect import DetectorFactory, LangDetectException, detect

    # langdetect samples at random; a fixed seed keeps builds deterministic.
    DetectorFactory.seed = 0
    try:
        return detect(text)
    except LangDetectException:
        return None


def _read_meta(path: Path) -> dict:
    meta_path = path.with_name(path.stem + _META_SUFFIX)
    if not meta_path.is_file():
        return {}
    try:
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        problem = getattr(err, "problem", None) or "is not valid YAML"
        raise InputError(str(meta_path), f"malformed metadata: {problem}", "fix the YAML") from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise InputError(str(meta_path), "metadata must be a mapping of keys to values", "see README")
    return meta


def _language(path: Path, text: str, given: object) -> tuple[str, bool]:
    hint = f"beslan-kg reads {' and '.join(SUPPORTED_LANGUAGES)}; set language in {path.stem}{_META_SUFFIX}"
    if given is not None:
        language = str(given).strip().lower()
        if language not in SUPPORTED_LANGUAGES:
            raise InputError(str(path), f"language {language!r} is not supported", hint)
        return language, False
    if len(text.strip()) < _MIN_DETECT_CHARS:
        raise InputError(str(path), "is too short to detect its language", hint)
    detected = detect_language(text)
    if detected not in SUPPORTED_LANGUAGES:
        raise InputError(str(path), f"language detected as {detected!r}, which is not supported", hint)
    return detected, True


def _date(path: Path, value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise InputError(
            str(path.with_name(path.stem + _META_SUFFIX)),
            f"date_published {value!r} is not a date",
            "write it as YYYY-MM-DD",
        ) from None


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _default_title(text: str) -> str:
    first = next(line.strip() for line in text.splitlines() if line.strip())
    if len(first) <= _TITLE_LENGTH:
        return first
    return first[:_TITLE_LENGTH].rsplit(" ", 1)[0] + "…"
