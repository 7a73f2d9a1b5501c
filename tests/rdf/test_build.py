"""Records to RDF: the data model, checked graph against graph."""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import PROV

from beslan_kg.rdf.build import span_iri, to_dataset
from beslan_kg.rdf.io import union_graph
from beslan_kg.rdf.namespaces import BKG, ID, NIF, SCHEMA, WD
from beslan_kg.records import ArticleMeta, Evidence, KnowledgeGraph, Quantity, ResolvedEntity, ResolvedFigure, Statement

TEXT = "Basayev led the raid on Budyonnovsk. More than 100 people died."
ARTICLE = ArticleMeta(id="raid", language="en", title="Raid", path="raid.txt", date_published="1995-06-20")


def _evidence(word: str, sentence: str) -> Evidence:
    start = TEXT.index(word)
    s_start = TEXT.index(sentence)
    return Evidence("raid", start, start + len(word), word, s_start, s_start + len(sentence), sentence)


FIRST = "Basayev led the raid on Budyonnovsk."
SECOND = "More than 100 people died."


def _graph() -> KnowledgeGraph:
    town = ResolvedEntity("budyonnovsk", "Place", "Settlement", (("en", "Budyonnovsk"),), (("en", "Budennovsk"),), "Q132832",
                          (_evidence("Budyonnovsk", FIRST),))
    raid = ResolvedEntity("budyonnovsk-raid", "Event", "HostageCrisis", (("en", "Budyonnovsk raid"),), (), None,
                          (_evidence("raid", FIRST),))
    located = Statement("budyonnovsk-raid", "location", "budyonnovsk", (_evidence("raid", FIRST),), ("en-test",))
    toll = ResolvedFigure("budyonnovsk-raid", "Deaths", Quantity(100, "more_than", "More than 100"), _evidence("More than 100", SECOND))
    return KnowledgeGraph((ARTICLE,), (town, raid), (located,), (), (toll,), ())


def test_one_entity_relation_and_figure_give_exactly_the_documented_triples():
    got = union_graph(to_dataset(_graph()))
    article = URIRef("https://w3id.org/beslan-kg/article/raid")
    town, raid = ID["budyonnovsk"], ID["budyonnovsk-raid"]
    raid_span = span_iri("raid", TEXT.index("raid"), TEXT.index("raid") + 4)
    town_span = span_iri("raid", TEXT.index("Budyonnovsk"), TEXT.index("Budyonnovsk") + 11)
    toll_span = span_iri("raid", 37, 50)
    first, second = span_iri("raid", 0, len(FIRST)), span_iri("raid", 37, 37 + len(SECOND))
    figure = URIRef("https://w3id.org/beslan-kg/figure/budyonnovsk-raid/raid/37-50")

    want = Graph()
    for t in [
        (article, RDF.type, SCHEMA.NewsArticle), (article, RDF.type, PROV.Entity),
        (article, SCHEMA.identifier, Literal("raid")), (article, SCHEMA.headline, Literal("Raid", lang="en")),
        (article, SCHEMA.inLanguage, Literal("en")), (article, SCHEMA.datePublished, Literal("1995-06-20", datatype=XSD.date)),
        (town, RDF.type, SCHEMA.Place), (town, RDF.type, BKG.Settlement), (town, RDFS.label, Literal("Budyonnovsk", lang="en")),
        (town, SKOS.altLabel, Literal("Budennovsk", lang="en")), (town, OWL.sameAs, WD.Q132832),
        (raid, RDF.type, SCHEMA.Event), (raid, RDF.type, BKG.HostageCrisis), (raid, RDFS.label, Literal("Budyonnovsk raid", lang="en")),
        (article, SCHEMA.mentions, town), (article, SCHEMA.mentions, raid),
        (town_span, BKG.mentionOf, town), (raid_span, BKG.mentionOf, raid),
        (raid, BKG.location, town),
        (raid, BKG.figure, figure), (figure, RDF.type, BKG.Figure), (figure, BKG.measure, BKG.Deaths),
        (figure, BKG.qualifier, BKG.MoreThan), (figure, SCHEMA.minValue, Literal(100, datatype=XSD.integer)),
        (figure, PROV.wasDerivedFrom, article), (figure, BKG.evidence, toll_span),
    ]:
        want.add(t)
    for span, word, sentence, (s0, s1) in (
        (raid_span, "raid", first, (0, len(FIRST))), (town_span, "Budyonnovsk", first, (0, len(FIRST))),
        (toll_span, "More than 100", second, (37, 37 + len(SECOND))),
    ):
        begin = TEXT.index(word)
        for node, text, b, e, cls in ((span, word, begin, begin + len(word), BKG.Mention), (sentence, TEXT[s0:s1], s0, s1, BKG.Sentence)):
            want.add((node, RDF.type, cls))
            want.add((node, NIF.anchorOf, Literal(text)))
            want.add((node, NIF.beginIndex, Literal(b, datatype=XSD.nonNegativeInteger)))
            want.add((node, NIF.endIndex, Literal(e, datatype=XSD.nonNegativeInteger)))
            want.add((node, SCHEMA.isPartOf, article))
        want.add((span, BKG.sentence, sentence))
    statement = next(got.subjects(RDF.type, RDF.Statement))
    for t in [
        (statement, RDF.type, RDF.Statement), (statement, RDF.subject, raid), (statement, RDF.predicate, BKG.location),
        (statement, RDF.object, town), (statement, PROV.wasDerivedFrom, article), (statement, BKG.evidence, raid_span),
        (statement, BKG.extractionRule, Literal("en-test")),
    ]:
        want.add(t)
    assert isomorphic(got, want), sorted(set(got) ^ set(want))


def test_article_statements_go_to_the_article_graph_and_entity_facts_to_the_default():
    ds = to_dataset(_graph())
    named = ds.graph(URIRef("https://w3id.org/beslan-kg/graph/raid"))
    assert (ID["budyonnovsk-raid"], BKG.location, ID["budyonnovsk"]) in named
    assert (ID["budyonnovsk"], OWL.sameAs, WD.Q132832) in ds.default_graph
    assert (ID["budyonnovsk"], OWL.sameAs, WD.Q132832) not in named


def _labels_of(kg: KnowledgeGraph, key: str) -> set[tuple[str, str]]:
    return {(l.language, str(l)) for l in union_graph(to_dataset(kg)).objects(ID[key], RDFS.label)}


def _with(kg: KnowledgeGraph, *entities: ResolvedEntity, statements=(), dates=()) -> KnowledgeGraph:
    return KnowledgeGraph(kg.articles, kg.entities + entities, kg.statements + tuple(statements), kg.dates + tuple(dates),
                          kg.figures, kg.merges)


def test_an_unnamed_step_is_labelled_by_its_class_and_its_parents_place_in_both_languages():
    release = ResolvedEntity("event/hostage-release-in-budyonnovsk-raid", "Event", "HostageRelease", (), (), None,
                             (_evidence("raid", FIRST),), super_event="budyonnovsk-raid")
    assert _labels_of(_with(_graph(), release), release.key) == {
        ("en", "Hostage release in Budyonnovsk"), ("es", "Liberación de rehenes en Budyonnovsk")}


def test_an_unnamed_event_is_labelled_by_class_agent_place_and_date_never_by_its_key():
    from beslan_kg.records import DateStatement, TimeValue

    bombing = ResolvedEntity("event/raid/bombing-1995", "Event", "Bombing", (), (), None, (_evidence("raid", FIRST),))
    basayev = ResolvedEntity("shamil-basayev", "Person", "Person", (("en", "Shamil Basayev"),), (), None, (_evidence("Basayev", FIRST),))
    statements = [Statement(bombing.key, "location", "budyonnovsk", (_evidence("raid", FIRST),), ("t",)),
                  Statement(bombing.key, "perpetrator", "shamil-basayev", (_evidence("raid", FIRST),), ("t",))]
    dates = [DateStatement(bombing.key, "startDate", TimeValue("1995-06-14", "date", "14 June"), (_evidence("raid", FIRST),))]
    labels = _labels_of(_with(_graph(), bombing, basayev, statements=statements, dates=dates), bombing.key)
    assert labels == {("en", "Bombing by Shamil Basayev in Budyonnovsk, 14 June 1995"),
                      ("es", "Atentado con bomba de Shamil Basayev en Budyonnovsk, 14 de junio de 1995")}


def test_an_unnamed_step_without_a_place_is_labelled_by_its_parent():
    parent = ResolvedEntity("event/raid/attack", "Event", "Attack", (("en", "Raid on the town"),), (), None, (_evidence("raid", FIRST),))
    step = ResolvedEntity("event/raid/explosion", "Event", "Explosion", (), (), None, (_evidence("raid", FIRST),),
                          super_event=parent.key)
    assert ("en", "Explosion during Raid on the town") in _labels_of(_with(_graph(), parent, step), step.key)


def test_a_step_dated_as_its_unnamed_parent_reads_the_date_once():
    from beslan_kg.records import DateStatement, TimeValue

    parent = ResolvedEntity("event/raid/attack", "Event", "Attack", (), (), None, (_evidence("raid", FIRST),))
    step = ResolvedEntity("event/raid/explosion", "Event", "Explosion", (), (), None, (_evidence("raid", FIRST),),
                          super_event=parent.key)
    later = ResolvedEntity("event/raid/rescue", "Event", "Rescue", (), (), None, (_evidence("raid", FIRST),),
                           super_event=parent.key)
    dates = [DateStatement(key, "startDate", TimeValue(day, "date", day), (_evidence("raid", FIRST),))
             for key, day in ((parent.key, "1995-06-14"), (step.key, "1995-06-14"), (later.key, "1995-06-15"))]
    kg = _with(_graph(), parent, step, later, dates=dates)
    assert ("en", "Explosion during Attack, 14 June 1995") in _labels_of(kg, step.key)
    assert ("es", "Explosión durante Ataque, 14 de junio de 1995") in _labels_of(kg, step.key)
    # A step of another day says its own, and the parent's made label loses its date: two dates in a row read as one event's.
    assert ("en", "Rescue during Attack, 15 June 1995") in _labels_of(kg, later.key)
    assert ("es", "Rescate durante Ataque, 15 de junio de 1995") in _labels_of(kg, later.key)
    # A named parent keeps its name whole.
    named = ResolvedEntity(parent.key, "Event", "Attack", (("en", "Raid of 14 June 1995"),), (), None, (_evidence("raid", FIRST),))
    assert ("en", "Rescue during Raid of 14 June 1995, 15 June 1995") in _labels_of(_with(_graph(), named, later, dates=dates), later.key)


def test_another_action_is_labelled_by_its_verb_in_each_language_it_has():
    action = ResolvedEntity("event/raid/other-action", "Event", "OtherAction", (), (), None, (_evidence("raid", FIRST),),
                            lemmas=(("en", "cancel"), ("es", "cancelar")))
    g = union_graph(to_dataset(_with(_graph(), action)))
    assert {(l.language, str(l)) for l in g.objects(ID[action.key], RDFS.label)} == {("en", "Cancel"), ("es", "Cancelar")}
    assert set(g.objects(ID[action.key], BKG.actionLemma)) == {Literal("cancel", lang="en"), Literal("cancelar", lang="es")}


def test_an_attributed_sentence_names_its_source_so_its_claims_are_the_sources():
    from beslan_kg.records import Attribution

    kg = _graph()
    claim = Attribution("raid", 0, len(FIRST), FIRST, "according to Interfax", "budyonnovsk")
    g = union_graph(to_dataset(KnowledgeGraph(kg.articles, kg.entities, kg.statements, kg.dates, kg.figures, kg.merges, (claim,))))
    sentence = span_iri("raid", 0, len(FIRST))
    assert (sentence, BKG.attribution, Literal("according to Interfax", lang="en")) in g
    assert (sentence, BKG.attributedTo, ID["budyonnovsk"]) in g
    # The statement resting on that sentence is thereby the source's claim.
    statement = next(g.subjects(RDF.type, RDF.Statement))
    assert [g.value(g.value(ev, BKG.sentence), BKG.attributedTo) for ev in g.objects(statement, BKG.evidence)] == [ID["budyonnovsk"]]


def test_each_span_is_described_once_and_the_graphs_are_those_of_describing_it_at_every_citation(monkeypatch):
    from conftest import story_graph

    from beslan_kg.rdf import build
    from beslan_kg.rdf.build import iter_graphs

    kgs = (_graph(), story_graph())
    kept = [list(iter_graphs(kg)) for kg in kgs]

    class Forgetful(dict):
        def __setitem__(self, key, value) -> None:  # keeps nothing: each citation describes its span again
            pass

    class EveryTime(build._GraphTriples):
        def __init__(self, triples=()) -> None:
            super().__init__(triples)
            self.spans = Forgetful()

    monkeypatch.setattr(build, "_GraphTriples", EveryTime)
    assert [list(iter_graphs(kg)) for kg in kgs] == kept
