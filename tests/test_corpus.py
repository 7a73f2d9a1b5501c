"""Reading articles: metadata, language detection and every kind of bad input."""

from __future__ import annotations

import pytest

from beslan_kg.corpus import article_id, iter_article_paths, read_article
from beslan_kg.errors import InputError

ENGLISH_TEXT = "Hostages were freed on Tuesday after a three-day siege of a hospital in the south of the country, officials said."
SPANISH_TEXT = "Los rehenes fueron liberados el martes tras un asedio de tres días a un hospital en el sur del país, dijeron las autoridades."
FRENCH_TEXT = "Les otages ont été libérés mardi après un siège de trois jours d'un hôpital dans le sud du pays, ont indiqué les autorités."


def test_language_is_detected_when_no_metadata_gives_it(tmp_path):
    for text, expected in ((ENGLISH_TEXT, "en"), (SPANISH_TEXT, "es")):
        path = tmp_path / f"{expected}.txt"
        path.write_text(text, encoding="utf-8")
        meta = read_article(path).meta
        assert (meta.language, meta.language_detected) == (expected, True)


def test_metadata_beside_the_file_is_used(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(ENGLISH_TEXT, encoding="utf-8")
    (tmp_path / "story.meta.yaml").write_text(
        "language: en\ntitle: Siege ends\npublisher: Example Wire\ndate_published: 2019-06-04\nsource_note: test\n",
        encoding="utf-8",
    )
    meta = read_article(path).meta
    assert (meta.title, meta.publisher, meta.date_published, meta.language_detected) == (
        "Siege ends", "Example Wire", "2019-06-04", False,
    )


def test_title_defaults_to_the_first_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Short headline\n\n" + ENGLISH_TEXT, encoding="utf-8")
    assert read_article(path).meta.title == "Short headline"


def test_line_ends_are_normalised(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(ENGLISH_TEXT.replace(", ", ",\r\n").encode("utf-8"))
    assert "\r" not in read_article(path).text


@pytest.mark.parametrize(
    "content, problem",
    [
        (b"", "is empty"),
        (b"   \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("Asedio en Beslán".encode("latin-1") + b" " + SPANISH_TEXT.encode("latin-1"), "not valid UTF-8"),
        (FRENCH_TEXT.encode("utf-8"), "'fr'"),
    ],
)
def test_bad_files_raise_one_clear_error_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert problem in err.value.message
    assert str(path) in err.value.message
    assert "\n" not in err.value.message


def test_unsupported_language_in_metadata_is_refused(tmp_path):
    path = tmp_path / "de.txt"
    path.write_text(ENGLISH_TEXT, encoding="utf-8")
    (tmp_path / "de.meta.yaml").write_text("language: de\n", encoding="utf-8")
    with pytest.raises(InputError, match="'de' is not supported"):
        read_article(path)


def test_malformed_metadata_names_the_metadata_file(tmp_path):
    path = tmp_path / "m.txt"
    path.write_text(ENGLISH_TEXT, encoding="utf-8")
    (tmp_path / "m.meta.yaml").write_text("language: [en\n", encoding="utf-8")
    with pytest.raises(InputError, match="m.meta.yaml"):
        read_article(path)


def test_missing_path_is_an_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(iter_article_paths([tmp_path / "nowhere.txt"]))


def test_directories_expand_to_sorted_txt_files(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("b.txt", "a.txt", "sub/c.txt", "notes.md"):
        (tmp_path / name).write_text(ENGLISH_TEXT, encoding="utf-8")
    assert [p.name for p in iter_article_paths([tmp_path])] == ["a.txt", "b.txt", "c.txt"]


def test_article_ids_are_iri_safe(tmp_path):
    assert article_id(tmp_path / "Beslán report (2004) v2.txt") == "Besl-n-report-2004-v2"


def _with_meta(tmp_path, meta: str | bytes):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH_TEXT, encoding="utf-8")
    target = tmp_path / "a.meta.yaml"
    target.write_bytes(meta if isinstance(meta, bytes) else meta.encode("utf-8"))
    return path


@pytest.mark.parametrize("meta, problem", [
    # Nested aliases: a few hundred bytes that would expand to gigabytes.
    ("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\ntitle: *b\n", "anchors and aliases"),
    ("title: !!python/object/apply:os.system [echo]\n", "tags"),
    ("language: en\ntitle: [a, b]\n", "title is a list, not text"),
    ("language: en\npublisher: {name: Reuters}\n", "publisher is a mapping, not text"),
    ("language: en\ntitel: A headline\n", "unknown key 'titel'"),
    ("language: en\ndate_published: 2024-13-45\n", "date_published '2024-13-45' is not a date"),
    ("language: en\ndate_published: 2024-02-30\n", "date_published '2024-02-30' is not a date"),
    ("language: en\ndate_published: 1 September 2024\n", "is not a date"),
    ("language: en\ntitle: |\n  two\n  lines\n", "title holds several lines"),
    ("- language\n- en\n", "must be a mapping"),
    (b"language: \xff\n", "is not valid UTF-8"),
    ("x" * 70_000, "is larger than 65,536 bytes"),
])
def test_bad_metadata_is_one_error_naming_the_file_and_the_key(tmp_path, meta, problem):
    path = _with_meta(tmp_path, meta)
    with pytest.raises(InputError) as err:
        read_article(path)
    assert problem in err.value.message and str(tmp_path / "a.meta.yaml") in err.value.message
    assert "\n" not in err.value.message


def test_metadata_values_stay_text(tmp_path):
    path = _with_meta(tmp_path, "language: en\ntitle: 1984\npublisher: yes\ndate_published: '2024-09-01'\nsource_note: ~\n")
    meta = read_article(path).meta
    assert (meta.title, meta.publisher, meta.date_published, meta.source_note) == ("1984", "yes", "2024-09-01", None)


def test_an_article_past_the_size_limit_is_refused_with_the_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(ENGLISH_TEXT * 20, encoding="utf-8")
    with pytest.raises(InputError, match=r"is larger than 1,000 bytes .*--max-article-size"):
        read_article(path, max_bytes=1000)


def test_an_unreadable_file_is_one_error_naming_it(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(ENGLISH_TEXT, encoding="utf-8")
    real_open = type(path).open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(type(path), "open", refuse)
    with pytest.raises(InputError, match=rf"{path}: cannot be read: Permission denied"):
        read_article(path)


def test_a_folder_that_cannot_be_listed_is_an_error(tmp_path, monkeypatch):
    import os

    (tmp_path / "sub").mkdir()

    def refuse(top, onerror=None, **kwargs):
        onerror(PermissionError(13, "Permission denied", str(tmp_path / "sub")))
        return iter(())

    monkeypatch.setattr(os, "walk", refuse)
    with pytest.raises(InputError, match="sub: cannot be read: Permission denied"):
        list(iter_article_paths([tmp_path]))
