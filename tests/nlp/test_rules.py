"""Loading the extraction rules, and what readers make of them once per process."""

from __future__ import annotations

import pytest

from beslan_kg.errors import ConfigError
from beslan_kg.nlp.rules import derived, load_rules


def test_what_a_reader_makes_of_the_rules_is_made_once_per_rules_and_arguments():
    calls = []

    def make(rules, language):
        calls.append(language)
        return {word: language for word in rules["words"]}

    rules, other = {"words": ["a", "b"]}, {"words": ["c"]}
    first = derived(rules, make, "en")
    assert derived(rules, make, "en") is first
    assert first == {"a": "en", "b": "en"}
    # Other arguments, or other rules (even equal ones), are made anew.
    assert derived(rules, make, "es") == {"a": "es", "b": "es"}
    assert derived(other, make, "en") == {"c": "en"}
    assert derived({"words": ["a", "b"]}, make, "en") == first
    assert calls == ["en", "es", "en", "en"]


def test_rules_of_an_unknown_language_are_refused(tmp_path):
    with pytest.raises(ConfigError, match="no extraction rules"):
        load_rules("xx", tmp_path)


def test_a_language_s_rules_are_laid_over_the_shared_ones(tmp_path):
    (tmp_path / "common.yaml").write_text("shared: [a]\nboth: [common]\n", encoding="utf-8")
    (tmp_path / "xx.yaml").write_text("both: [own]\nown: [b]\n", encoding="utf-8")
    assert dict(load_rules("xx", tmp_path)) == {"shared": ["a"], "both": ["own"], "own": ["b"]}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_word_of_the_rules_is_read_as_a_yes_or_no(lang):
    # YAML 1.1 reads a bare on, off, yes or no as a boolean: a word list holding one lost the word.
    def lists(value):
        if isinstance(value, dict):
            for key, item in value.items():
                assert not isinstance(key, bool), f"a key of the {lang} rules is {key!r}: quote it"
                yield from lists(item)
        elif isinstance(value, list):
            yield value
            for item in value:
                yield from lists(item)

    for words in lists(dict(load_rules(lang))):
        assert not any(isinstance(word, bool) for word in words), f"{words!r} in the {lang} rules: quote the word"
