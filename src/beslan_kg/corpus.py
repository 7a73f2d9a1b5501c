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

Metadata is untrusted input like the text. It is read with a YAML loader that
keeps every value a string (no implicit dates, numbers or booleans: ``no`` is
not False, ``2024-13-45`` is not a crash) and refuses anchors, aliases and
tags, so a few hundred bytes cannot expand into gigabytes; then it is checked
against a schema: known keys, each a single line of text.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml
from yaml.composer import ComposerError

from beslan_kg.errors import InputError
from beslan_kg.records import Article, ArticleMeta

#: Languages the pipeline has models and patterns for.
SUPPORTED_LANGUAGES = ("en", "es")
_META_SUFFIX = ".meta.yaml"
#: Largest article accepted by default, in bytes (2 MB, about 300,000 words): longer
#: texts are parsed in chunks, in time linear in their length, but a file past this
#: is more likely a data dump than an article.
MAX_ARTICLE_BYTES = 2_000_000
#: Largest metadata file accepted, in bytes.
MAX_META_BYTES = 65_536
#: The keys a metadata file may hold, each a line of text.
META_KEYS = ("language", "title", "publisher", "date_published", "source_note")
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
            yield from _walk(path)
        elif path.is_file():
            yield path
        elif path.exists():
            raise InputError(str(raw), "is not a regular file", "give a .txt file or a folder of them")
        else:
            raise InputError(str(raw), "no such file or directory", "check the path")


def _walk(folder: Path) -> list[Path]:
    """The ``*.txt`` files under ``folder``, sorted; a folder that cannot be listed is an error."""

    def fail(err: OSError) -> None:
        raise InputError(str(err.filename or folder), f"cannot be read: {err.strerror or err}", "check its permissions")

    found = []
    for root, dirs, files in os.walk(folder, onerror=fail):
        dirs.sort()
        found += [Path(root) / name for name in files if name.endswith(".txt") and (Path(root) / name).is_file()]
    return sorted(found)


def read_article(path: Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read one article and its metadata.

    Args:
        path: The ``.txt`` file.
        max_bytes: Refuse a larger file.

    Raises:
        InputError: The file cannot be read, is larger than ``max_bytes``,
            empty, binary or not UTF-8, its metadata is malformed or cannot be
            read, or its language is neither English nor Spanish.
    """
    data = _read_bytes(path, max_bytes, f"is larger than {max_bytes:,} bytes", "split it, or raise --max-article-size")
    text = _decode(data, str(path))
    meta = _read_meta(path)
    hint = f"beslan-kg reads {' and '.join(SUPPORTED_LANGUAGES)}; set language in {path.stem}{_META_SUFFIX}"
    language, detected = _language(str(path), text, meta.get("language"), hint)
    return Article(
        meta=ArticleMeta(
            id=article_id(path),
            language=language,
            title=meta.get("title") or _default_title(text),
            path=str(path),
            publisher=meta.get("publisher"),
            date_published=_date(path, meta.get("date_published")),
            source_note=meta.get("source_note"),
            language_detected=detected,
        ),
        text=text,
    )


def read_text(data: bytes | str, *, name: str = "stdin", language: str | None = None,
              max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Make an article of a text that is not in a file (standard input, a string in a program).

    The text is checked as :func:`read_article` checks a file's.

    Args:
        data: The text, or its UTF-8 bytes.
        name: The article's name, from which its identifier (and IRI) is made.
        language: ``en`` or ``es``; detected from the text when None.
        max_bytes: Refuse a longer text.

    Raises:
        InputError: The text is too long, empty, binary or not UTF-8, or its
            language is neither English nor Spanish, or not given and cannot
            be detected.
    """
    where = f"<{name}>"
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > max_bytes:
        raise InputError(where, f"is larger than {max_bytes:,} bytes", "split it, or raise --max-article-size")
    text = _decode(data, where)
    hint = f"beslan-kg reads {' and '.join(SUPPORTED_LANGUAGES)}: give --language {' or '.join(SUPPORTED_LANGUAGES)}"
    lang, detected = _language(where, text, language, hint)
    return Article(
        meta=ArticleMeta(id=article_id(Path(name)), language=lang, title=_default_title(text), path=where,
                         language_detected=detected),
        text=text,
    )


def _decode(data: bytes, where: str) -> str:
    """The text of an article's bytes, line ends normalised; a binary, non-UTF-8 or empty text is an error."""
    if b"\x00" in data:
        raise InputError(where, "is a binary file, not plain text", "give a UTF-8 .txt file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            where,
            f"is not valid UTF-8 (byte {err.start})",
            "re-save it as UTF-8, e.g. iconv -f latin1 -t utf-8",
        ) from None
    # Normalise line ends so offsets do not depend on the platform that saved it.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(where, "is empty", "give a file with the article's text")
    return text


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


def _read_bytes(path: Path, limit: int, too_big: str, hint: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(str(path), f"{too_big} ({size:,} bytes)", hint)
        with path.open("rb") as handle:
            # Read one byte past the limit: a file can grow between stat and read.
            data = handle.read(limit + 1)
    except OSError as err:
        raise InputError(str(path), f"cannot be read: {err.strerror or err}", "check that it exists and its permissions") from None
    if len(data) > limit:
        raise InputError(str(path), too_big, hint)
    return data


class _MetaLoader(yaml.BaseLoader):
    """YAML with every scalar a string, and no anchors, aliases or tags.

    ``BaseLoader`` resolves no implicit types. Aliases are refused where they
    are composed, before anything is expanded.
    """

    def compose_node(self, parent, index):  # noqa: D102 - see yaml.composer.Composer
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise ComposerError(None, None, "anchors and aliases (&, *) are not allowed", event.start_mark)
        if getattr(event, "tag", None) not in (None, "!"):
            raise ComposerError(None, None, f"tags ({event.tag}) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


# Only null is typed ("date_published: null", "~", an empty value): every other scalar stays text.
_MetaLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_MetaLoader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)


def load_meta(meta_path: Path) -> dict[str, str]:
    """Read a metadata file: known keys, each a line of text; empty values are left out.

    Raises:
        InputError: The file cannot be read, is too large, is not UTF-8 YAML,
            uses anchors, aliases or tags, names an unknown key, or gives a
            key a list, a mapping or several lines.
    """
    where = str(meta_path)
    data = _read_bytes(meta_path, MAX_META_BYTES, f"is larger than {MAX_META_BYTES:,} bytes", "metadata is a few short lines")
    try:
        meta = yaml.load(data.decode("utf-8-sig"), Loader=_MetaLoader)  # noqa: S506 - _MetaLoader is stricter than SafeLoader
    except UnicodeDecodeError:
        raise InputError(where, "is not valid UTF-8", "re-save it as UTF-8") from None
    except yaml.YAMLError as err:
        problem = getattr(err, "problem", None) or "is not valid YAML"
        mark = getattr(err, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise InputError(where, f"malformed metadata{at}: {problem}", "fix the YAML") from None
    if meta in (None, ""):
        return {}
    if not isinstance(meta, dict):
        raise InputError(where, "metadata must be a mapping of keys to values", "write one `key: value` a line (see docs/build.md)")
    result = {}
    for key, value in meta.items():
        if key not in META_KEYS:
            raise InputError(where, f"unknown key {key!r}", f"the keys are {', '.join(META_KEYS)}")
        if value is None:
            continue
        if not isinstance(value, str):
            kind = "a list" if isinstance(value, list) else "a mapping"
            raise InputError(where, f"{key} is {kind}, not text", f"write {key}: and one line of text")
        if "\n" in value.strip():
            raise InputError(where, f"{key} holds several lines", f"write {key} on one line")
        if value.strip():
            result[key] = value.strip()
    return result


def _read_meta(path: Path) -> dict[str, str]:
    meta_path = path.with_name(path.stem + _META_SUFFIX)
    if not meta_path.exists() and not meta_path.is_symlink():
        return {}
    return load_meta(meta_path)


def _language(where: str, text: str, given: object, hint: str) -> tuple[str, bool]:
    if given is not None:
        language = str(given).strip().lower()
        if language not in SUPPORTED_LANGUAGES:
            raise InputError(where, f"language {language!r} is not supported", hint)
        return language, False
    if len(text.strip()) < _MIN_DETECT_CHARS:
        raise InputError(where, "is too short to detect its language", hint)
    detected = detect_language(text)
    if detected not in SUPPORTED_LANGUAGES:
        raise InputError(where, f"language detected as {detected!r}, which is not supported", hint)
    return detected, True


def _date(path: Path, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(
            str(path.with_name(path.stem + _META_SUFFIX)),
            f"date_published {value!r} is not a date",
            "write it as YYYY-MM-DD, a day that exists",
        ) from None


def _default_title(text: str) -> str:
    first = next(line.strip() for line in text.splitlines() if line.strip())
    if len(first) <= _TITLE_LENGTH:
        return first
    return first[:_TITLE_LENGTH].rsplit(" ", 1)[0] + "…"
