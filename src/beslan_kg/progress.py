"""How the command line shows a long job, and its logs, on standard error.

The library reports; the command line renders. A build calls back as each
step starts (``on_step``: loading the models, resolving, writing, the
shapes' check, the view; :data:`beslan_kg.build.STEPS` names them) and as each
article is done (``progress``). :func:`make_progress` turns those calls
into a live display with `rich <https://rich.readthedocs.io>`_: a spinner
and the time taken for each step, a bar with done/total for the articles.
It draws only when standard error is a terminal: a pipe, a file or a CI log
gets nothing from it (``--verbose`` logs the same steps as lines there).

rich rather than tqdm: one display holds several steps at once (the models
load while the article bar waits), its log handler prints log lines above
the live display instead of through it, and spaCy already depends on it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from beslan_kg.records import Article

#: The logger every beslan-kg module logs under (``logging.getLogger(__name__)``).
LOGGER = "beslan_kg"


def make_console() -> Console:
    """The console of standard error (tests replace it with one that writes to a buffer)."""
    from rich.console import Console

    return Console(stderr=True)


class Reporter:
    """The callbacks a build or an evaluation is given, drawing on a rich ``Progress`` (or nothing).

    Args:
        display: The live display; None draws nothing.
    """

    def __init__(self, display: Any | None = None) -> None:
        self.display = display
        self._step: Any | None = None
        self._articles: Any | None = None

    def on_step(self, step: str, detail: str | None = None) -> None:
        """A step of the build starts: the previous one is done."""
        if self.display is None:
            return
        self._finish()
        from beslan_kg.build import STEPS

        text = STEPS.get(step, step).format(detail=detail or "")
        self._step = self.display.add_task(text, total=None, count="")

    def on_article(self, article: Article, done: int, total: int) -> None:
        """An article is done (the models it needed are loaded by now)."""
        if self.display is None:
            return
        self._finish()  # the models step: the first article of its language is done
        if self._articles is None:
            self._articles = self.display.add_task("articles", total=total, count="")
        self.display.update(self._articles, completed=done, count=f"{done}/{total}",
                            description=f"articles ({article.meta.language} {article.meta.id})")
        if done == total:
            self.display.update(self._articles, description="articles")

    def _finish(self) -> None:
        if self._step is not None:
            self.display.update(self._step, total=1, completed=1)
            self.display.stop_task(self._step)
            self._step = None

    def close(self) -> None:
        """The job is over: the last step is done."""
        if self.display is not None:
            self._finish()


@contextmanager
def make_progress(*, enabled: bool = True, console: Console | None = None) -> Iterator[Reporter]:
    """A :class:`Reporter` drawing on standard error while the block runs, if it is a terminal and ``enabled``.

    Args:
        enabled: False draws nothing (``--quiet``).
        console: Where to draw; standard error by default.
    """
    console = console or make_console()
    if not enabled or not console.is_terminal:
        yield Reporter()
        return
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(finished_text="[green]✓"), TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.fields[count]}"), TimeElapsedColumn())
    with Progress(*columns, console=console) as display:
        reporter = Reporter(display)
        try:
            yield reporter
        finally:
            reporter.close()


def configure_logging(level: int, console: Console | None = None) -> logging.Handler:
    """Send beslan-kg's log records of ``level`` and above to standard error; return the handler to remove later.

    On a terminal the lines go through rich, above any live progress display;
    elsewhere they are plain ``LEVEL name: message`` lines.
    """
    console = console or make_console()
    if console.is_terminal:
        from rich.logging import RichHandler

        handler: logging.Handler = RichHandler(console=console, show_time=False, show_path=False)
    else:
        handler = logging.StreamHandler(console.file)
        handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger = logging.getLogger(LOGGER)
    logger.setLevel(level)
    logger.addHandler(handler)
    return handler


def remove_logging(handler: logging.Handler) -> None:
    """Undo :func:`configure_logging`."""
    logger = logging.getLogger(LOGGER)
    logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)
