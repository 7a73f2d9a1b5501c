"""A synthetic corpus of any size made from real texts, for the build benchmarks.

Usage::

    uv run python benchmarks/corpus.py OUT_DIR --articles 1000 [--seed 13]

The paragraphs of the bundled corpus and of the gold sets that may be tuned on
(``tests/gold/tune``, ``tests/gold/open-tune``; never ``dev`` or ``open-dev``)
are recombined, with a seeded random number generator, into articles of 3 to
8 paragraphs of one language each, English and Spanish in the proportion of
the sources. Each article is a ``.txt`` with a ``.meta.yaml`` (language, title,
and the publication date of one of its sources, so relative dates resolve);
no two articles hold the same paragraphs in the same order.

Deterministic, and stable by prefix: the first 200 articles of a corpus of
1,000 are the corpus of 200 with the same seed, so a corpus grows by one
article exactly as a user's does.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
#: The folders whose texts are recombined: the seed corpus and the gold sets one may tune on.
SOURCES = (ROOT / "corpus", ROOT / "tests" / "gold" / "tune", ROOT / "tests" / "gold" / "open-tune")
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 3, 8


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a source text, with what its article's metadata says."""

    language: str
    text: str
    date_published: str | None


def load_paragraphs() -> dict[str, list[Paragraph]]:
    """Return the source paragraphs by language, in a fixed order."""
    pools: dict[str, list[Paragraph]] = {}
    for folder in SOURCES:
        for path in sorted(folder.glob("*.txt")):
            meta = yaml.safe_load(path.with_name(path.stem + ".meta.yaml").read_text(encoding="utf-8")) or {}
            date = meta.get("date_published")
            for block in path.read_text(encoding="utf-8").split("\n\n"):
                if len(block.strip()) >= 40:
                    pools.setdefault(meta["language"], []).append(
                        Paragraph(meta["language"], block.strip(), str(date) if date else None))
    return pools


def iter_articles(count: int, *, seed: int = 13) -> Iterator[tuple[str, str, dict]]:
    """Yield ``(name, text, metadata)`` for ``count`` distinct articles."""
    pools = load_paragraphs()
    languages = sorted(pools)
    weights = [len(pools[lang]) for lang in languages]
    rng = random.Random(seed)
    seen: set[tuple[str, tuple[int, ...]]] = set()
    made = 0
    while made < count:
        lang = rng.choices(languages, weights)[0]
        pool = pools[lang]
        picked = tuple(rng.sample(range(len(pool)), rng.randint(MIN_PARAGRAPHS, min(MAX_PARAGRAPHS, len(pool)))))
        if (lang, picked) in seen:
            continue
        seen.add((lang, picked))
        paragraphs = [pool[i] for i in picked]
        text = "\n\n".join(p.text for p in paragraphs) + "\n"
        dates = [p.date_published for p in paragraphs if p.date_published]
        meta = {"language": lang, "title": f"Synthetic article {made:05d} ({lang})"}
        if dates:
            meta["date_published"] = dates[0]
        yield f"syn_{made:05d}_{lang}", text, meta
        made += 1


def write_corpus(folder: str | Path, count: int, *, seed: int = 13, start: int = 0) -> list[Path]:
    """Write articles ``start`` to ``count - 1`` of the corpus into ``folder``; return their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, (name, text, meta) in enumerate(iter_articles(count, seed=seed)):
        if index < start:
            continue
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        lines = [f"{key}: {value}" if key != "title" else f'title: "{value}"' for key, value in meta.items()]
        path.with_name(f"{name}.meta.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.articles, seed=args.seed)
    print(f"wrote {len(paths)} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
