"""Errors the library raises for the CLI to translate into one-line messages.

The library never prints: it raises one of these with what went wrong, where,
and what the user can do, and the CLI turns that into a single line and a
non-zero exit code.
"""

from __future__ import annotations


class BeslanKGError(Exception):
    """Base class of every error meant for the user.

    Args:
        where: The file, query or setting the problem is in.
        problem: What is wrong, as a short clause.
        hint: What the user can do about it.
    """

    def __init__(self, where: str, problem: str, hint: str = "") -> None:
        self.where = where
        self.problem = problem
        self.hint = hint
        super().__init__(self.message)

    def __reduce__(self):
        # Errors travel back from worker processes; rebuild them from their state, whatever the constructor.
        return _rebuild, (type(self), self.args, self.__dict__)

    @property
    def message(self) -> str:
        """The one-line message: ``where: problem (hint)``."""
        text = f"{self.where}: {self.problem}"
        return f"{text} ({self.hint})" if self.hint else text


class InputError(BeslanKGError):
    """An article, a path or a graph file cannot be used."""


class QueryError(BeslanKGError):
    """A SPARQL query is malformed or not allowed."""


class ReadOnlyError(QueryError):
    """A SPARQL update (INSERT, DELETE, …) was sent where the graph is only read."""


class RemoteError(BeslanKGError):
    """A remote server (a triplestore) cannot be reached or refused a request."""


class ConfigError(BeslanKGError):
    """A setting names something that is not there (a model, a store)."""


class OutputError(BeslanKGError):
    """An output file or folder cannot be written."""


class FetchRefused(QueryError):
    """A query would fetch a URL or read a local file (FROM, SERVICE) that it was not allowed to."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class NoArticlesError(InputError):
    """Not one of the given files could be read.

    Attributes:
        skipped: The error of each file that was tried.
    """

    def __init__(self, where: str, skipped: list[InputError]) -> None:
        self.skipped = tuple(skipped)
        super().__init__(where, "no readable article", "give UTF-8 .txt files in English or Spanish")


class ValidationError(BeslanKGError):
    """A graph violates the SHACL shapes of ``ontology/shapes.ttl``.

    Args:
        where: What was checked (a file, or the output folder of a build).
        violations: One line per violation (see :func:`beslan_kg.rdf.validate.to_line`).
        hint: What the user can do about it.
        shown: How many violations the one-line message quotes.

    Attributes:
        violations: Every violation, one line each.
    """

    def __init__(self, where: str, violations: list[str] | tuple[str, ...], hint: str = "", *, shown: int = 2) -> None:
        self.violations = tuple(violations)
        count = len(self.violations)
        quoted = "; ".join(self.violations[:shown])
        more = f"; and {count - shown} more" if count > shown else ""
        super().__init__(where, f"has {count} SHACL violation{'s' if count != 1 else ''}: {quoted}{more}", hint)


def _rebuild(cls: type[BeslanKGError], args: tuple, state: dict) -> BeslanKGError:
    err = Exception.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err


def describe(err: BaseException) -> str:
    """One line for an unexpected exception: its type and the first line of its message (at most 200 characters)."""
    detail = str(err).splitlines()[0][:200] if str(err) else ""
    return f"{type(err).__name__}: {detail}" if detail else type(err).__name__
