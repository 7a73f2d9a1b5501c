"""The progress display: drawn on a terminal, silent elsewhere; logs on standard error."""

from __future__ import annotations

import io
import logging

from rich.console import Console

from beslan_kg.progress import configure_logging, make_progress, remove_logging
from beslan_kg.records import Article, ArticleMeta


def _article(name: str, language: str) -> Article:
    return Article(meta=ArticleMeta(id=name, language=language, title=name, path=f"{name}.txt"), text="Text.")


def _console(terminal: bool) -> tuple[Console, io.StringIO]:
    buffer = io.StringIO()
    return Console(file=buffer, force_terminal=terminal, width=120), buffer


def test_a_terminal_sees_each_step_and_the_articles_done():
    console, buffer = _console(terminal=True)
    with make_progress(console=console) as shown:
        shown.on_step("models", "en")
        shown.on_article(_article("a", "en"), 1, 2)
        shown.on_step("models", "es")
        shown.on_article(_article("b", "es"), 2, 2)
        shown.on_step("write", "out")
        shown.on_step("validate", "shapes")
    text = buffer.getvalue()
    for said in ("loading the en models", "loading the es models", "articles", "2/2", "writing the graph files to out",
                 "checking the graph against the shapes"):
        assert said in text, said


def test_a_pipe_and_quiet_get_nothing():
    for terminal, enabled in ((False, True), (True, False)):
        console, buffer = _console(terminal)
        with make_progress(enabled=enabled, console=console) as shown:
            shown.on_step("models", "en")
            shown.on_article(_article("a", "en"), 1, 1)
        assert buffer.getvalue() == "" and shown.display is None


def test_logs_go_to_the_console_at_the_level_asked_and_are_removed():
    console, buffer = _console(terminal=False)
    handler = configure_logging(logging.INFO, console)
    try:
        logging.getLogger("beslan_kg.build").info("writing the graph files to %s", "out")
        logging.getLogger("beslan_kg.build").debug("not shown at INFO")
    finally:
        remove_logging(handler)
    logging.getLogger("beslan_kg.build").warning("after removal")
    assert buffer.getvalue() == "INFO beslan_kg.build: writing the graph files to out\n"
