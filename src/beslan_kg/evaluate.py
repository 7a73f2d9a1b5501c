"""Score the pipeline against hand annotations (``tests/gold/``).

The gold format is documented in ``tests/gold/README.md``. Scoring runs the
same map and reduce steps as ``build`` over the gold articles, then compares
the resolved records with the annotations, per article and overall.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from beslan_kg.corpus import read_article
from beslan_kg.errors import InputError
from beslan_kg.kb import fold
from beslan_kg.nlp.pipeline import iter_extractions
from beslan_kg.records import Article, KnowledgeGraph, ResolvedEntity
from beslan_kg.resolve import resolve

#: The categories scored, in the order they are reported.
CATEGORIES = ("entities", "linking", "merging", "events", "relations", "dates", "places", "participants", "figures")
# Event roles are scored as event attributes, not as relations.
_PLACE_ROLES = {"location", "target"}
_PARTICIPANT_ROLES = {"participant", "perpetrator", "court", "defendant", "organizer"}
#: The gold's ``wikidata:`` value for an item that surely exists but could not be checked.
UNVERIFIED = "unverified"


@dataclass(frozen=True)
class GoldArticle:
    """One article's annotations."""

    path: Path
    article: Article
    entities: tuple[Mapping, ...]
    events: tuple[Mapping, ...]
    relations: tuple[tuple[str, str, str], ...]
    figures: tuple[Mapping, ...]


@dataclass
class Score:
    """Counts of hits, false positives and misses of one category, with the items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_positives: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 1.0 when nothing was to be found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        """Add another score's counts and items to this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.false_positives += other.false_positives
        self.misses += other.misses


@dataclass(frozen=True)
class Evaluation:
    """Scores per article and overall."""

    per_article: Mapping[str, Mapping[str, Score]]
    overall: Mapping[str, Score]


def iter_gold_files(folder: str | Path) -> Iterable[Path]:
    """Yield the ``*.gold.yaml`` files below ``folder``, sorted."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "is not a folder of gold annotations", "pass --gold tests/gold/")
    return sorted(folder.rglob("*.gold.yaml"))


def load_gold(path: Path) -> GoldArticle:
    """Read one gold file and the article it annotates.

    Raises:
        InputError: The YAML is malformed or its text is missing.
    """
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise InputError(str(path), f"malformed gold YAML: {getattr(err, 'problem', err)}", "fix the YAML") from None
    if "text" not in raw:
        raise InputError(str(path), "has no `text:` path", "see tests/gold/README.md")
    article = read_article((path.parent / raw["text"]).resolve())
    return GoldArticle(
        path=path,
        article=article,
        entities=tuple(raw.get("entities") or ()),
        events=tuple(raw.get("events") or ()),
        relations=tuple(tuple(r) for r in raw.get("relations") or ()),
        figures=tuple(raw.get("figures") or ()),
    )


def evaluate(gold: str | Path, *, models: Mapping[str, str] | None = None, progress: Callable | None = None) -> Evaluation:
    """Run the pipeline over the gold articles and score it.

    Args:
        gold: Folder of ``*.gold.yaml`` files.
        models: spaCy model per language, overriding the defaults.
        progress: Called as each article is finished, as in ``build``.
    """
    golds = [load_gold(p) for p in iter_gold_files(gold)]
    if not golds:
        raise InputError(str(gold), "holds no *.gold.yaml file", "see tests/gold/README.md")
    kg = resolve(iter_extractions([g.article for g in golds], models=models, progress=progress))
    matches = {g.article.meta.id: _match(g, kg) for g in golds}
    per_article = {}
    for g in golds:
        aid = g.article.meta.id
        per_article[aid] = _score_article(g, kg, matches[aid])
    overall = {name: Score() for name in CATEGORIES}
    for scores in per_article.values():
        for name, score in scores.items():
            overall[name].add(score)
    overall["merging"] = _merging(golds, matches)
    return Evaluation(per_article, overall)


@dataclass
class _Matching:
    """Gold id -> predicted key for one article, and back."""

    gold_to_node: dict[str, str] = field(default_factory=dict)
    node_to_gold: dict[str, str] = field(default_factory=dict)
    predicted_entities: list[ResolvedEntity] = field(default_factory=list)
    predicted_events: list[ResolvedEntity] = field(default_factory=list)


def _forms(entity: ResolvedEntity, article_id: str) -> set[str]:
    return {fold(m.text) for m in entity.mentions if m.article_id == article_id}


def _match(g: GoldArticle, kg: KnowledgeGraph) -> _Matching:
    aid = g.article.meta.id
    m = _Matching()
    in_article = [e for e in kg.entities if any(ev.article_id == aid for ev in e.mentions)]
    m.predicted_entities = [e for e in in_article if e.kind != "Event"]
    m.predicted_events = [e for e in in_article if e.kind == "Event"]
    for gold in g.entities:
        forms = {fold(t) for t in gold.get("mentions") or ()}
        for entity in m.predicted_entities:
            if entity.key not in m.node_to_gold and entity.kind == gold.get("kind") and _forms(entity, aid) & forms:
                _pair(m, gold["id"], entity.key)
                break
    dates = _dates_by_event(kg, aid)
    # A shared mention first, in every gold event, then the date, then the one
    # candidate left of a class: a prediction one gold event names is not
    # taken by an earlier one for want of a better candidate, nor by one of
    # its year ("several outbreaks ... 2018") from the one whose words it shares.
    for stage in ("text", "date", "alone"):
        for gold in g.events:
            if gold["id"] in m.gold_to_node:
                continue
            forms = {fold(t) for t in gold.get("mentions") or ()}
            candidates = [e for e in m.predicted_events if e.key not in m.node_to_gold and e.ontology_class == gold.get("class")
                          and _same_action(gold, e)]
            by_date = [e for e in candidates if gold.get("date") and str(gold["date"]) in dates.get(e.key, set())]
            # Of several sharing a mention, the one of the gold date, then the one sharing the longest:
            # "terremoto" is said of two earthquakes, "terremoto de Ecuador de 2016" of one.
            by_text = sorted((e for e in candidates if _forms(e, aid) & forms),
                             key=lambda e: (e not in by_date, -max(map(len, _forms(e, aid) & forms))))
            chosen = {"text": by_text, "date": by_date, "alone": candidates if len(candidates) == 1 else []}[stage]
            if chosen:
                _pair(m, gold["id"], chosen[0].key)
    return m


def _same_action(gold: Mapping, event) -> bool:
    """Tell whether an "other action" reports the gold one's verb: its lemma in either language (any other event: yes).

    Other actions are told apart by their verb alone: "replaced" is no
    "filed for bankruptcy" because both are of that class and that day.
    """
    told = gold.get("lemma") or {}
    if gold.get("class") != "OtherAction" or not told or not event.lemmas:
        return True
    return bool({(lang, fold(lemma)) for lang, lemma in told.items()} & {(lang, fold(lemma)) for lang, lemma in event.lemmas})


def _pair(m: _Matching, gold_id: str, key: str) -> None:
    m.gold_to_node.setdefault(gold_id, key)
    m.node_to_gold.setdefault(key, gold_id)


def _dates_by_event(kg: KnowledgeGraph, aid: str) -> dict[str, set[str]]:
    dates: dict[str, set[str]] = defaultdict(set)
    for d in kg.dates:
        if d.predicate == "startDate" and any(ev.article_id == aid for ev in d.evidence):
            dates[d.event].add(d.value.lexical)
    return dates


def _compare(gold: set, predicted: set, show: Callable = str) -> Score:
    return Score(
        tp=len(gold & predicted),
        fp=len(predicted - gold),
        fn=len(gold - predicted),
        false_positives=sorted(show(x) for x in predicted - gold),
        misses=sorted(show(x) for x in gold - predicted),
    )


def _score_article(g: GoldArticle, kg: KnowledgeGraph, m: _Matching) -> dict[str, Score]:
    aid = g.article.meta.id
    label = lambda key: m.node_to_gold.get(key, f"?{key}")  # noqa: E731 - a naming helper local to scoring
    scores = {}
    gold_entities = {e["id"] for e in g.entities}
    scores["entities"] = _compare(gold_entities, {label(e.key) for e in m.predicted_entities})
    annotated = (*g.entities, *g.events)
    # An item the annotator could not check is left out of linking: neither a hit, a miss nor a wrong link.
    unverified = {x["id"] for x in annotated if x.get("wikidata") == UNVERIFIED}
    gold_links = {(x["id"], x["wikidata"]) for x in annotated if x.get("wikidata") and x["id"] not in unverified}
    predicted_links = {
        (label(e.key), e.wikidata)
        for e in (*m.predicted_entities, *m.predicted_events)
        if e.wikidata and label(e.key) not in unverified
    }
    scores["linking"] = _compare(gold_links, predicted_links, lambda x: f"{x[0]} -> {x[1]}")
    scores["events"] = _compare({e["id"] for e in g.events}, {label(e.key) for e in m.predicted_events})

    gold_rel, gold_places, gold_participants = set(), set(), set()
    for s, p, o in g.relations:
        target = gold_places if p in _PLACE_ROLES else gold_participants if p in _PARTICIPANT_ROLES else gold_rel
        target.add((s, o) if target is not gold_rel else (s, p, o))
    for e in g.events:
        if e.get("part_of"):
            gold_rel.add((e["id"], "superEvent", e["part_of"]))
        gold_places.update((e["id"], p) for p in e.get("places") or ())
        gold_participants.update((e["id"], p) for p in e.get("participants") or ())
    pred_rel, pred_places, pred_participants = set(), set(), set()
    for st in kg.statements:
        if not any(ev.article_id == aid for ev in st.evidence):
            continue
        s, o = label(st.subject), label(st.object)
        if st.predicate in _PLACE_ROLES:
            pred_places.add((s, o))
        elif st.predicate in _PARTICIPANT_ROLES:
            pred_participants.add((s, o))
        else:
            pred_rel.add((s, st.predicate, o))
    for e in m.predicted_events:
        if e.super_event:
            pred_rel.add((label(e.key), "superEvent", label(e.super_event)))
    scores["relations"] = _compare(gold_rel, pred_rel, lambda x: " ".join(x))
    scores["places"] = _compare(gold_places, pred_places, lambda x: f"{x[0]} @ {x[1]}")
    scores["participants"] = _compare(gold_participants, pred_participants, lambda x: f"{x[0]} <- {x[1]}")

    gold_dates = {(e["id"], str(e["date"])) for e in g.events if e.get("date")}
    pred_dates = {(label(k), v) for k, values in _dates_by_event(kg, aid).items() for v in values}
    scores["dates"] = _compare(gold_dates, pred_dates, lambda x: f"{x[0]} on {x[1]}")

    gold_figures = {(f["event"], f["measure"], int(f["value"]), f["qualifier"]) for f in g.figures}
    pred_figures = {
        (label(f.event), f.measure, f.quantity.value, f.quantity.qualifier) for f in kg.figures if f.evidence.article_id == aid
    }
    scores["figures"] = _compare(gold_figures, pred_figures, lambda x: f"{x[0]} {x[1]} {x[3]} {x[2]}")
    return scores


def _merging(golds: list[GoldArticle], matches: Mapping[str, _Matching]) -> Score:
    """Score cross-article pairs: same gold id should be the same node, and only then."""
    score = Score()
    ids = [(g.article.meta.id, {e["id"] for e in (*g.entities, *g.events)}) for g in golds]
    for i, (a, gold_a) in enumerate(ids):
        for b, gold_b in ids[i + 1 :]:
            for gid in sorted(gold_a & gold_b):
                na, nb = matches[a].gold_to_node.get(gid), matches[b].gold_to_node.get(gid)
                if na is not None and na == nb:
                    score.tp += 1
                else:
                    score.fn += 1
                    score.misses.append(f"{gid}: {a} -> {na}, {b} -> {nb}")
            shared = set(matches[a].node_to_gold) & set(matches[b].node_to_gold)
            for node in sorted(shared):
                if matches[a].node_to_gold[node] != matches[b].node_to_gold[node]:
                    score.fp += 1
                    score.false_positives.append(f"{node}: {matches[a].node_to_gold[node]} in {a}, {matches[b].node_to_gold[node]} in {b}")
    return score


def to_table(result: Evaluation, *, errors: bool = True) -> str:
    """Render the scores for people: overall, per article, then the errors."""
    lines = ["overall", _header()]
    lines += [_row(name, result.overall[name]) for name in CATEGORIES]
    for article, scores in result.per_article.items():
        lines += ["", article, _header()]
        lines += [_row(name, scores[name]) for name in CATEGORIES if name in scores]
    if errors:
        for article, scores in result.per_article.items():
            lines += _errors(article, scores)
        lines += _errors("across articles", {"merging": result.overall["merging"]})
    return "\n".join(lines)


def to_json(result: Evaluation) -> str:
    """Render the scores as JSON, with every miss and false positive."""
    def block(scores):
        return {
            name: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                   "tp": s.tp, "fp": s.fp, "fn": s.fn, "misses": s.misses, "false_positives": s.false_positives}
            for name, s in scores.items()
        }

    return json.dumps({"overall": block(result.overall), "articles": {a: block(s) for a, s in result.per_article.items()}},
                      indent=2, ensure_ascii=False)


def to_markdown(result: Evaluation) -> str:
    """Render the overall scores as a Markdown table (the tables of docs/evaluation.md)."""
    lines = ["| category | precision | recall | F1 | tp | fp | fn |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for name in CATEGORIES:
        s = result.overall[name]
        lines.append(f"| {name} | {s.precision:.3f} | {s.recall:.3f} | {s.f1:.3f} | {s.tp} | {s.fp} | {s.fn} |")
    return "\n".join(lines)


def _header() -> str:
    return f"  {'category':<13} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}"


def _row(name: str, s: Score) -> str:
    return f"  {name:<13} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:5d} {s.fp:5d} {s.fn:5d}"


def _errors(article: str, scores: Mapping[str, Score]) -> list[str]:
    lines = []
    for name, s in scores.items():
        for item in s.misses:
            lines.append(f"  miss  {name:<13} {item}")
        for item in s.false_positives:
            lines.append(f"  false {name:<13} {item}")
    return ["", f"errors in {article}", *lines] if lines else []
