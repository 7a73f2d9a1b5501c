"""The query pack: named SPARQL queries kept as data in ``queries/``.

Each ``queries/NAME.rq`` opens with a comment block that documents it::

    # The question it answers, on one line?
    #
    # A paragraph saying what the rows are.
    #
    # Parameters:
    #   label  required  what to give (a plain literal, or an IRI in <...>)
    #   event  optional  ...
    #
    # Example:
    #   beslan-kg query --name NAME --param label=putin

``Parameters: none`` says there are none. A parameter is a variable of the
query that ``--param VAR=VALUE`` binds (through ``run_query(bindings=...)``,
never pasted into the text); an optional one left out leaves the variable free.

This module reads and checks the files; running them is
:func:`beslan_kg.rdf.query.run_query`'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from beslan_kg.errors import QueryError
from beslan_kg.paths import queries_dir

_PARAMETER = re.compile(r"^\s+(?P<name>[A-Za-z_]\w*)\s+(?P<need>required|optional)\s+(?P<text>.*)$")
_SERVICE = re.compile(r"\bSERVICE\s*<", re.I)


@dataclass(frozen=True)
class QueryParameter:
    """A variable of a named query that the caller may bind.

    Attributes:
        name: The variable's name, without ``?``.
        required: The query answers nothing useful without it.
        description: What to give.
    """

    name: str
    required: bool
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """One query of the pack.

    Attributes:
        name: The file's stem, the name ``--name`` takes.
        path: The ``.rq`` file.
        question: The first line of its description: the question it answers.
        description: The whole description, the question included.
        parameters: The variables it documents as bindable.
        examples: The example commands of its header.
        text: The SPARQL text, header included.
        federated: It calls a remote endpoint (``SERVICE <…>``), so it needs network access.
    """

    name: str
    path: Path
    question: str
    description: str
    parameters: tuple[QueryParameter, ...]
    examples: tuple[str, ...]
    text: str
    federated: bool


def iter_named_queries(folder: str | Path | None = None) -> Iterator[NamedQuery]:
    """Yield every query of the pack, by name.

    Args:
        folder: The folder of ``.rq`` files; ``queries/`` by default.

    Raises:
        QueryError: A file cannot be read or has no valid header.
    """
    for path in sorted(Path(folder or queries_dir()).glob("*.rq")):
        yield read_named_query(path)


def load_named_query(name: str, folder: str | Path | None = None) -> NamedQuery:
    """Return the query of the pack called ``name``.

    Args:
        name: The query's name, the stem of its ``.rq`` file.
        folder: The folder of ``.rq`` files; ``queries/`` by default.

    Raises:
        QueryError: There is no such query (the message lists those there
            are), or its file has no valid header.
    """
    folder = Path(folder or queries_dir())
    names = sorted(path.stem for path in folder.glob("*.rq"))
    if name not in names:
        raise QueryError(f"query {name!r}", "is not in the query pack", f"use one of {', '.join(names)}")
    return read_named_query(folder / f"{name}.rq")


def read_named_query(path: str | Path) -> NamedQuery:
    """Read one ``.rq`` file and its documentation header.

    Raises:
        QueryError: The file cannot be read, or its header has no question,
            no example or a malformed parameter list.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise QueryError(str(path), f"cannot be read: {getattr(err, 'strerror', None) or err}", "check the file") from None
    header = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        header.append(line[1:].removeprefix(" "))
    sections = _sections(header)
    description = " ".join(" ".join(sections["description"]).split())
    question = next((line.strip() for line in sections["description"] if line.strip()), "")
    if not question:
        raise QueryError(str(path), "does not open with a comment saying what it answers", "start it with '# The question?'")
    examples = tuple(line.strip() for line in sections["example"] if line.strip())
    if not examples:
        raise QueryError(str(path), "has no 'Example:' in its header", "add '# Example:' and a command")
    body = "\n".join(text.splitlines()[len(header):])
    return NamedQuery(
        name=path.stem,
        path=path,
        question=question,
        description=description,
        parameters=_parameters(sections["parameters"], path),
        examples=examples,
        text=text,
        federated=bool(_SERVICE.search(body)),
    )


def parse_bindings(values: Iterable[str]) -> dict[str, str]:
    """Turn ``VAR=VALUE`` strings (the ``--param`` option) into bindings.

    The value is kept as given: ``<…>`` is an IRI, anything else a plain
    literal (see :func:`beslan_kg.rdf.query.run_query`).

    Raises:
        QueryError: A value is not ``VAR=VALUE``, or a variable is given twice.
    """
    bindings: dict[str, str] = {}
    for value in values:
        name, sep, term = value.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"--param {value}", "is not VAR=VALUE", "e.g. --param label=Putin")
        if name in bindings:
            raise QueryError(f"--param {value}", f"binds ?{name} a second time", "give each variable once")
        bindings[name] = term
    return bindings


def check_bindings(query: NamedQuery, bindings: Mapping[str, str]) -> None:
    """Check bindings against the parameters a named query documents.

    Raises:
        QueryError: A required parameter is missing, or a binding names a
            variable the query does not offer as a parameter.
    """
    declared = {p.name for p in query.parameters}
    offered = ", ".join(sorted(declared)) or "none"
    for name in bindings:
        if name not in declared:
            raise QueryError(f"query {query.name!r}", f"has no parameter {name!r} (its parameters: {offered})",
                             f"see {query.path.name} or beslan-kg query --list")
    for parameter in query.parameters:
        if parameter.required and parameter.name not in bindings:
            raise QueryError(f"query {query.name!r}", f"needs --param {parameter.name}=VALUE: {parameter.description}",
                             f"e.g. {query.examples[0]}")


def _sections(header: list[str]) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {"description": [], "parameters": [], "example": []}
    current = "description"
    for line in header:
        heading = re.fullmatch(r"(Parameters|Examples?):\s*(.*)", line.strip())
        if heading:
            current = "parameters" if heading.group(1) == "Parameters" else "example"
            if heading.group(2):
                sections[current].append(heading.group(2))
            continue
        sections[current].append(line)
    return sections


def _parameters(lines: list[str], path: Path) -> tuple[QueryParameter, ...]:
    content = [line for line in lines if line.strip()]
    if not content:
        raise QueryError(str(path), "has no 'Parameters:' in its header", "add '# Parameters: none' or list them")
    if content == ["none"]:
        return ()
    params: list[QueryParameter] = []
    for line in content:
        match = _PARAMETER.match(line)
        if match:
            params.append(QueryParameter(match["name"], match["need"] == "required", match["text"].strip()))
        elif params and line.startswith("  "):
            last = params.pop()
            params.append(QueryParameter(last.name, last.required, f"{last.description} {line.strip()}"))
        else:
            raise QueryError(str(path), f"has a malformed parameter line {line.strip()!r}",
                             "write '#   NAME  required|optional  what to give', or 'Parameters: none'")
    return tuple(params)
