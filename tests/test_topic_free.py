"""The code names no topic: what is specific to a kind of news is data in ontology/.

The seed corpus is about a hostage crisis in Beslan; the product reads any
news. No identifier or string literal in src/ may name that topic (examples in
comments and docstrings may); the project's own name (beslan-kg, BeslanKGError,
the beslan_* spaCy components) is a name, not a topic.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

import pytest
from conftest import ROOT

SOURCES = sorted((ROOT / "src").rglob("*.py"))
# Words of the seed corpus's topic, in English and Spanish (stems).
TOPIC = re.compile(r"siege|hostage|crisis|crises|beslan|beslán|chechn|chechen|chechenia|osset|terroris|rehén|rehen|asedio", re.I)
# The project's name, and the names of its spaCy components ("beslan_gazetteer").
PROJECT = re.compile(r"beslan[-_]?kg|beslan_[a-z_]+", re.I)


def _docstrings(tree: ast.AST) -> set[tuple[int, int]]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                found.add((first.lineno, first.col_offset))
    return found


def _topic_words(path, root=ROOT) -> list[str]:
    """Return the identifiers and literals of a file that name the topic, as ``file:line: word``."""
    source = path.read_text(encoding="utf-8")
    docstrings = _docstrings(ast.parse(source))
    found = []
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.STRING and token.start in docstrings:
            continue
        if token.type in (tokenize.NAME, tokenize.STRING) and TOPIC.search(PROJECT.sub("", token.string)):
            found.append(f"{path.relative_to(root)}:{token.start[0]}: {token.string[:60]}")
    return found


def test_the_scan_finds_a_topic_word_in_code_but_not_in_comments(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text('"""About a siege."""\n# the siege\ncrisis_classes = ["HostageCrisis", "beslan_gazetteer"]\n', encoding="utf-8")
    found = [line.split(": ", 1)[1] for line in _topic_words(sample, tmp_path)]
    assert found == ["crisis_classes", '"HostageCrisis"']


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT / "src")))
def test_no_identifier_or_literal_names_the_seed_topic(path):
    assert _topic_words(path) == []
