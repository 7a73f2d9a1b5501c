"""The map step for a whole corpus: cached records first, the rest on this process, a pool, or a Dask cluster.

:func:`iter_map` yields ``(index, extraction)`` as each article is done, so
the caller (the reduce step, :func:`beslan_kg.build.run_build`) sees progress
as it happens and nothing waits for the corpus. Whatever the executor, each
article's records are the same, and the reduce receives them by input index:
the outputs are byte-identical.

Executors (:class:`Executor`):

- ``local``: this process (one worker), the default;
- ``processes``: a pool of ``workers`` processes on this machine, each loading
  the models once and taking batches of articles of one language;
- ``dask``: the workers of a Dask cluster (``dask.distributed``), at a
  scheduler's address, or on a local cluster of ``workers`` processes
  started for the build. The articles are sent to the workers with the
  tasks, so they need no shared file system, only beslan-kg and the models
  installed.

The cache (:mod:`beslan_kg.cache`) is read and written here, on the client:
only the articles it does not hold are sent to the workers.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from beslan_kg.cache import ExtractionCache
from beslan_kg.errors import ConfigError, describe
from beslan_kg.records import Article, ArticleExtraction

EXECUTORS = ("local", "processes", "dask")
#: Articles sent to a worker at once: enough for ``nlp.pipe`` to batch, few enough to balance the load.
CHUNK = 8
#: Batches in flight per worker, so that none waits for its next batch.
AHEAD = 2


@dataclass(frozen=True)
class Executor:
    """Where the map step runs.

    Attributes:
        kind: One of :data:`EXECUTORS`.
        workers: Processes to run (``processes``, and ``dask`` without a scheduler).
        scheduler: A Dask scheduler's address (``tcp://host:8786``), for ``dask``.
    """

    kind: str = "local"
    workers: int = 1
    scheduler: str | None = None


def make_executor(*, workers: int = 1, executor: str | None = None, scheduler: str | None = None) -> Executor:
    """Choose the executor from the build's options: a scheduler means Dask, several workers a pool.

    Raises:
        ConfigError: The options contradict each other or name an unknown executor.
    """
    kind = executor or ("dask" if scheduler else "processes" if workers > 1 else "local")
    if kind not in EXECUTORS:
        raise ConfigError(f"executor {kind!r}", "is not known", f"use one of {', '.join(EXECUTORS)}")
    if workers < 1:
        raise ConfigError(f"--workers {workers}", "needs at least one worker", "give 1 or more")
    if scheduler and kind != "dask":
        raise ConfigError(f"--scheduler {scheduler}", f"needs the dask executor, not {kind}", "drop --executor, or use --executor dask")
    if kind == "local" and workers > 1:
        raise ConfigError(f"--workers {workers}", "runs one process with --executor local", "use --executor processes")
    return Executor(kind, workers, scheduler)


#: Called with (article, exception-like one-line problem) when an article cannot be processed.
OnProblem = Callable[[Article, str], None]


def iter_map(
    articles: Sequence[Article],
    *,
    models: Mapping[str, str] | None = None,
    executor: Executor = Executor(),
    cache: ExtractionCache | None = None,
    on_problem: OnProblem | None = None,
    on_models: Callable[[str], None] | None = None,
) -> Iterator[tuple[int, ArticleExtraction | None, bool]]:
    """Yield ``(index, extraction, from_cache)`` for every article, as each is done: cached ones first.

    ``extraction`` is None for an article whose processing failed; the
    problem went to ``on_problem`` (without it, the error is raised).
    ``on_models`` is called with the languages (``"en"``, ``"en es"``) whose
    models are about to be loaded, here or in the workers: loading takes
    seconds, before the first article of those languages is done.

    Raises:
        ConfigError: A model cannot be loaded, the cache cannot be written,
            or the Dask scheduler cannot be reached.
    """
    models = dict(models or {})
    fingerprints: dict[str, str] = {}
    if cache is not None:
        from beslan_kg.nlp.fingerprint import pipeline_fingerprint

        for lang in sorted({a.meta.language for a in articles}):
            fingerprints[lang] = pipeline_fingerprint(lang, models.get(lang))
    todo: list[tuple[int, Article]] = []
    for index, article in enumerate(articles):
        found = cache.get(article, fingerprints[article.meta.language]) if cache is not None else None
        if found is not None:
            yield index, found, True
        else:
            todo.append((index, article))
    if not todo:
        return
    run = {"local": _run_local, "processes": _run_pool, "dask": _run_dask}[executor.kind]
    announce = on_models or (lambda languages: None)
    if executor.kind != "local":
        announce(" ".join(sorted({article.meta.language for _, article in todo})))
    for index, extraction, problem in run(todo, models, executor, on_problem is not None, announce):
        article = articles[index]
        if extraction is None:
            if on_problem is None:
                raise RuntimeError(f"{article.meta.path}: {problem}")
            on_problem(article, problem or "could not be processed")
        elif cache is not None:
            lang = article.meta.language
            cache.put(article, fingerprints[lang], extraction, describe=f"{lang} {models.get(lang) or 'default model'}")
        yield index, extraction, False


Result = tuple[int, "ArticleExtraction | None", "str | None"]


def _run_local(todo: list[tuple[int, Article]], models, executor: Executor, tolerant: bool,
               on_models: Callable[[str], None]) -> Iterator[Result]:
    from beslan_kg.nlp.pipeline import iter_batch

    # Language by language, as iter_batch runs them anyway: each language's models load before its first article.
    for lang in sorted({article.meta.language for _, article in todo}):
        on_models(lang)
        yield from iter_batch([item for item in todo if item[1].meta.language == lang], models, tolerant=tolerant)


def _chunks(todo: list[tuple[int, Article]], size: int) -> list[list[tuple[int, Article]]]:
    """Batches of one language each, so that a worker loads a model only for the languages it is sent."""
    by_lang: dict[str, list[tuple[int, Article]]] = {}
    for item in todo:
        by_lang.setdefault(item[1].meta.language, []).append(item)
    return [items[i:i + size] for _, items in sorted(by_lang.items()) for i in range(0, len(items), size)]


def _run_pool(todo: list[tuple[int, Article]], models, executor: Executor, tolerant: bool,
              on_models: Callable[[str], None]) -> Iterator[Result]:
    """Run batches of articles on a pool; a long article's sections are read on all its workers at once.

    An article of several sections (:mod:`beslan_kg.nlp.sections`) would
    otherwise keep one worker busy for its whole length while the others
    wait: each of its sections is a task of its own, and this process joins
    their records.
    """
    from beslan_kg.nlp.sections import is_long, iter_sections, join_sections

    long = [item for item in todo if is_long(item[1].text)]
    queue: list[tuple[Callable, tuple, tuple[int, int, int] | None]] = []
    sections: dict[int, list[tuple[int, ArticleExtraction] | None]] = {}
    for index, article in long:
        spans = list(iter_sections(article.text))
        sections[index] = [None] * len(spans)
        queue += [(_extract_section, (Article(article.meta, article.text[s:e]), models), (index, n, s))
                  for n, (s, e) in enumerate(spans)]
    articles = dict(long)
    short = [item for item in todo if item[0] not in articles]
    queue += [(_extract_batch, (chunk, models), None) for chunk in _chunks(short, _chunk_size(len(short), executor.workers))]
    # forkserver (spawn elsewhere): workers start from a clean process, never from a fork of
    # this one's threads; each imports the pipeline once and keeps its models for every batch.
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # The server imports spaCy and the pipeline once; every worker forks from it with them imported.
        context.set_forkserver_preload(["beslan_kg.nlp.pipeline"])
    try:
        with ProcessPoolExecutor(max_workers=executor.workers, mp_context=context) as pool:
            pending: dict = {}
            while queue or pending:
                while queue and len(pending) < executor.workers * AHEAD:
                    fn, args, piece = queue.pop(0)
                    pending[pool.submit(fn, *args)] = (fn, piece)
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    fn, piece = pending.pop(future)
                    if fn is _extract_batch:
                        yield from future.result()
                        continue
                    index, n, start = piece
                    if index not in sections:  # an earlier section of it failed
                        continue
                    try:
                        sections[index][n] = (start, future.result())
                        whole = all(part is not None for part in sections[index])
                        joined = join_sections(articles[index].meta, sections[index]) if whole else None
                    except (BrokenProcessPool, ConfigError):
                        raise  # the pool, or a model that cannot be loaded: not this article's fault
                    except Exception as err:
                        if not tolerant:
                            raise
                        del sections[index]
                        yield index, None, describe(err)
                        continue
                    if joined is not None:
                        del sections[index]
                        yield index, joined, None
    except BrokenProcessPool:
        raise ConfigError(f"--workers {executor.workers}", "a worker process stopped before its work was done (out of memory, "
                          "killed, or started from a script without `if __name__ == '__main__':`)",
                          "build with fewer workers, or see docs/build.md on --workers") from None


# The pool's tasks. spaCy and the pipeline are imported in the workers (the forkserver preloads them), never
# in this process: importing them here would hold up the pool's start by seconds, for nothing.


def _extract_batch(articles: list[tuple[int, Article]], models) -> list[Result]:
    from beslan_kg.nlp.pipeline import extract_batch

    return extract_batch(articles, models)


def _extract_section(section: Article, models) -> ArticleExtraction:
    from beslan_kg.nlp.pipeline import extract_section

    return extract_section(section, models)


def _chunk_size(articles: int, workers: int) -> int:
    # Small corpora are split evenly; large ones in batches of CHUNK.
    return max(1, min(CHUNK, -(-articles // (workers * AHEAD))))


def _run_dask(todo: list[tuple[int, Article]], models, executor: Executor, tolerant: bool,
              on_models: Callable[[str], None]) -> Iterator[Result]:
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise ConfigError("--executor dask", "needs dask.distributed, which is not installed",
                          "install beslan-kg with the dask extra: pip install 'beslan-kg[dask]'") from None
    cluster = None
    try:
        if executor.scheduler:
            client = Client(executor.scheduler, timeout=30)
        else:
            cluster = LocalCluster(n_workers=executor.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None, silence_logs=True)
            client = Client(cluster)
    except (OSError, TimeoutError) as err:
        where = executor.scheduler or "a local Dask cluster"
        raise ConfigError(where, f"cannot be reached: {str(err).splitlines()[0][:200]}",
                          "check the address and that the scheduler is running") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})) or executor.workers)
        chunks = _chunks(todo, _chunk_size(len(todo), workers))
        futures = [client.submit(_extract_batch, chunk, models, pure=False) for chunk in chunks]
        for _, results in as_completed(futures, with_results=True):
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
