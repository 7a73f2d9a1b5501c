"""Tests of the frames around an event's word: who led it, who claimed it, who was behind it.

Docs are parsed by hand the way the statistical models parse them (ClearNLP
labels for English, Universal Dependencies for Spanish); the events are given
as the event step reports them, at their word.
"""

from __future__ import annotations

import pytest
from conftest import article_context, parse_table
from spacy.tokens import Doc

from beslan_kg.nlp.context import ArticleContext
from beslan_kg.nlp.entities import collect_entities
from beslan_kg.nlp.frames import extract_frame_roles, iter_elected_leaders, iter_member_roles
from beslan_kg.records import EventRecord, Evidence, Relation


def reported(doc: Doc, word: str, event_class: str) -> EventRecord:
    """Return the event the event step reports at ``word``, which occurs once in ``doc``."""
    [token] = [t for t in doc if t.text == word]
    sent = token.sent
    evidence = Evidence("test", token.idx, token.idx + len(token), token.text, sent.start_char, sent.end_char, sent.text)
    return EventRecord(f"event-{event_class.lower()}", event_class, None, (evidence,))


def indexed(lang: str, doc: Doc) -> ArticleContext:
    """Return the context of ``doc`` with its entities indexed, as the event step finds it."""
    ctx = article_context(lang, doc)
    collect_entities(ctx)
    return ctx


def roles(lang: str, doc: Doc, word: str, event_class: str) -> set[tuple[str, str, str]]:
    """Return (event, property, name of the entity) of the frames :func:`extract_frame_roles` reads around ``word``."""
    ctx = article_context(lang, doc)
    entities = {e.local_id: e for e in collect_entities(ctx)}
    found = extract_frame_roles(ctx, [reported(doc, word, event_class)])
    return {(r.subject, r.predicate, entities[r.object].name) for r in found}


@pytest.mark.parametrize(
    ("lang", "table", "ents", "word", "event_class", "expected"),
    [
        # "The commander who led the raid, Ali Khan, escaped."
        ("en", """
            The        DET   det      1
            commander  NOUN  nsubj    9
            who        PRON/WP nsubj  3
            led        VERB  relcl    1 lead
            the        DET   det      5
            raid       NOUN  dobj     3
            ,          PUNCT punct    1
            Ali        PROPN compound 8
            Khan       PROPN appos    1
            escaped    VERB  ROOT     9 escape
            .          PUNCT punct    9
        """, [(7, 9, "PERSON")], "raid", "Assault", ("participant", "Ali Khan")),
        # "The assault was commanded by Ivan Petrov."
        ("en", """
            The        DET   det       1
            assault    NOUN  nsubjpass 3
            was        AUX   auxpass   3 be
            commanded  VERB  ROOT      3 command
            by         ADP   agent     3
            Ivan       PROPN compound  6
            Petrov     PROPN pobj      4
            .          PUNCT punct     3
        """, [(5, 7, "PERSON")], "assault", "Assault", ("participant", "Ivan Petrov")),
        # "An operation led by Ivan Petrov ended it."
        ("en", """
            An         DET   det      1
            operation  NOUN  nsubj    6
            led        VERB/VBN acl   1 lead
            by         ADP   agent    2
            Ivan       PROPN compound 5
            Petrov     PROPN pobj     3
            ended      VERB  ROOT     6 end
            it         PRON  dobj     6
            .          PUNCT punct    6
        """, [(4, 6, "PERSON")], "operation", "MilitaryOperation", ("participant", "Ivan Petrov")),
        # "Un asalto dirigido por Ana Ruiz terminó.": the tagger reads the participle as an adjective.
        ("es", """
            Un        DET   det    1 uno
            asalto    NOUN  nsubj  6
            dirigido  ADJ   amod   1 dirigido
            por       ADP   case   4
            Ana       PROPN obj    2
            Ruiz      PROPN flat   4
            terminó   VERB  ROOT   6 terminar
            .         PUNCT punct  6
        """, [(4, 6, "PER")], "asalto", "Assault", ("participant", "Ana Ruiz")),
        # "Ali Khan claimed responsibility for the bombings."
        ("en", """
            Ali            PROPN compound 1
            Khan           PROPN nsubj    2
            claimed        VERB  ROOT     2 claim
            responsibility NOUN  dobj     2
            for            ADP   prep     3
            the            DET   det      6
            bombings       NOUN  pobj     4 bombing
            .              PUNCT punct    2
        """, [(0, 2, "PERSON")], "bombings", "Bombing", ("perpetrator", "Ali Khan")),
        # "Ali Khan, the warlord behind the siege, died."
        ("en", """
            Ali      PROPN compound 1
            Khan     PROPN nsubj    9
            ,        PUNCT punct    1
            the      DET   det      4
            warlord  NOUN  appos    1
            behind   ADP   prep     4
            the      DET   det      7
            siege    NOUN  pobj     5
            ,        PUNCT punct    1
            died     VERB  ROOT     9 die
            .        PUNCT punct    9
        """, [(0, 2, "PERSON")], "siege", "HostageCrisis", ("perpetrator", "Ali Khan")),
        # "Fighters led by Ali Khan seized a hospital."
        ("en", """
            Fighters  NOUN  nsubj    5 fighter
            led       VERB/VBN acl   0 lead
            by        ADP   agent    1
            Ali       PROPN compound 4
            Khan      PROPN pobj     2
            seized    VERB  ROOT     5 seize
            a         DET   det      7
            hospital  NOUN  dobj     5
            .         PUNCT punct    5
        """, [(3, 5, "PERSON")], "seized", "HostageCrisis", ("participant", "Ali Khan")),
        # "Ali Khan, the winner of the election, spoke."
        ("en", """
            Ali       PROPN compound 1
            Khan      PROPN nsubj    9
            ,         PUNCT punct    1
            the       DET   det      4
            winner    NOUN  appos    1
            of        ADP   prep     4
            the       DET   det      7
            election  NOUN  pobj     5
            ,         PUNCT punct    1
            spoke     VERB  ROOT     9 speak
            .         PUNCT punct    9
        """, [(0, 2, "PERSON")], "election", "Election", ("participant", "Ali Khan")),
        # "En la elección resultó vencedora Ana Ruiz."
        ("es", """
            En         ADP   case   2 en
            la         DET   det    2 el
            elección   NOUN  obl    3
            resultó    VERB  ROOT   3 resultar
            vencedora  NOUN  obj    3 vencedor
            Ana        PROPN appos  4
            Ruiz       PROPN flat   5
            .          PUNCT punct  3
        """, [(5, 7, "PER")], "elección", "Election", ("participant", "Ana Ruiz")),
        # "Rebels under Ali Khan's command attacked."
        ("en", """
            Rebels    NOUN  nsubj    6 rebel
            under     ADP   prep     0
            Ali       PROPN compound 3
            Khan      PROPN poss     5
            's        PART  case     3
            command   NOUN  pobj     1
            attacked  VERB  ROOT     6 attack
            .         PUNCT punct    6
        """, [(2, 4, "PERSON")], "attacked", "Attack", ("participant", "Ali Khan")),
        # "Rebeldes bajo el mando de Ana atacaron."
        ("es", """
            Rebeldes  NOUN  nsubj  6 rebelde
            bajo      ADP   case   3
            el        DET   det    3 el
            mando     NOUN  nmod   0
            de        ADP   case   5
            Ana       PROPN nmod   3
            atacaron  VERB  ROOT   6 atacar
            .         PUNCT punct  6
        """, [(5, 6, "PER")], "atacaron", "Attack", ("participant", "Ana")),
        # "Ali Khan was arrested in the raid."
        ("en", """
            Ali       PROPN compound  1
            Khan      PROPN nsubjpass 3
            was       AUX   auxpass   3 be
            arrested  VERB  ROOT      3 arrest
            in        ADP   prep      3
            the       DET   det       6
            raid      NOUN  pobj      4
            .         PUNCT punct     3
        """, [(0, 2, "PERSON")], "raid", "Assault", ("participant", "Ali Khan")),
        # "Ana murió en el atentado."
        ("es", """
            Ana       PROPN nsubj  1
            murió     VERB  ROOT   1 morir
            en        ADP   case   4
            el        DET   det    4 el
            atentado  NOUN  obl    1
            .         PUNCT punct  1
        """, [(0, 1, "PER")], "atentado", "Bombing", ("participant", "Ana")),
        # "Ana se responsabilizó del ataque."
        ("es", """
            Ana              PROPN nsubj  2
            se               PRON  obj    2 él
            responsabilizó   VERB  ROOT   2 responsabilizar
            del              ADP   case   4
            ataque           NOUN  obl    2
            .                PUNCT punct  2
        """, [(0, 1, "PER")], "ataque", "Attack", ("perpetrator", "Ana")),
        # "El grupo Bandera Negra reivindicó el atentado."
        ("es", """
            Bandera     PROPN nsubj  2
            Negra       PROPN flat   0
            reivindicó  VERB  ROOT   2 reivindicar
            el          DET   det    4 el
            atentado    NOUN  obj    2
            .           PUNCT punct  2
        """, [(0, 2, "ORG")], "atentado", "Bombing", ("perpetrator", "Bandera Negra")),
        # "Bandera Negra asumió la autoría del atentado."
        ("es", """
            Bandera   PROPN nsubj  2
            Negra     PROPN flat   0
            asumió    VERB  ROOT   2 asumir
            la        DET   det    4 el
            autoría   NOUN  obj    2
            del       ADP   case   6
            atentado  NOUN  nmod   4
            .         PUNCT punct  2
        """, [(0, 2, "ORG")], "atentado", "Bombing", ("perpetrator", "Bandera Negra")),
        # "The Varnholt Guild went on strike."
        ("en", """
            The       DET   det      2
            Varnholt  PROPN compound 2
            Guild     PROPN nsubj    3
            went      VERB  ROOT     3 go
            on        ADP   prep     3
            strike    NOUN  pobj     4
            .         PUNCT punct    3
        """, [(1, 3, "ORG")], "strike", "Strike", ("participant", "Varnholt Guild")),
        # "El sindicato Varnholt entró en huelga."
        ("es", """
            El        DET   det    1 el
            sindicato NOUN  nsubj  3
            Varnholt  PROPN appos  1
            entró     VERB  ROOT   3 entrar
            en        ADP   case   5
            huelga    NOUN  obl    3
            .         PUNCT punct  3
        """, [(2, 3, "ORG")], "huelga", "Strike", ("participant", "Varnholt")),
        # "Ana Diaz presided over the conclave.", "chaired", "presidió el cónclave": who presides takes part.
        ("en", """
            Ana       PROPN compound 1
            Diaz      PROPN nsubj    2
            presided  VERB  ROOT     2 preside
            over      ADP   prep     2
            the       DET   det      5
            conclave  NOUN  pobj     3
            .         PUNCT punct    2
        """, [(0, 2, "PERSON")], "conclave", "Vote", ("participant", "Ana Diaz")),
        ("en", """
            Ana       PROPN compound 1
            Diaz      PROPN nsubj    2
            chaired   VERB  ROOT     2 chair
            the       DET   det      4
            summit    NOUN  dobj     2
            .         PUNCT punct    2
        """, [(0, 2, "PERSON")], "summit", "Summit", ("participant", "Ana Diaz")),
        ("es", """
            Ana       PROPN nsubj  2
            Díaz      PROPN flat   0
            presidió  VERB  ROOT   2 presidir
            el        DET   det    4 el
            cónclave  NOUN  obj    2
            .         PUNCT punct  2
        """, [(0, 2, "PER")], "cónclave", "Vote", ("participant", "Ana Díaz")),
        # "The scandal involved Acme.", "an investigation involving Ana Diaz", "Acme was implicated in the
        # scandal", "una investigación que involucra a Acme": whom it involves takes part in it.
        ("en", """
            The       DET   det    1
            scandal   NOUN  nsubj  2
            involved  VERB  ROOT   2 involve
            Acme      PROPN dobj   2
            .         PUNCT punct  2
        """, [(3, 4, "ORG")], "scandal", "Scandal", ("participant", "Acme")),
        ("en", """
            an        DET   det    1
            investigation NOUN ROOT 1
            involving VERB/VBG acl 1 involve
            Ana       PROPN compound 4
            Diaz      PROPN dobj   2
        """, [(3, 5, "PERSON")], "investigation", "Investigation", ("participant", "Ana Diaz")),
        ("en", """
            Acme      PROPN nsubjpass 2
            was       AUX   auxpass   2 be
            implicated VERB/VBN ROOT  2 implicate
            in        ADP   prep      2
            the       DET   det       5
            scandal   NOUN  pobj      3
            .         PUNCT punct     2
        """, [(0, 1, "ORG")], "scandal", "Scandal", ("participant", "Acme")),
        ("es", """
            una       DET   det    1 uno
            investigación NOUN ROOT 1
            que       PRON  nsubj  3
            involucra VERB  acl    1 involucrar
            a         ADP   case   5
            Acme      PROPN obj    3
        """, [(5, 6, "ORG")], "investigación", "Investigation", ("participant", "Acme")),
        ("es", """
            Acme      PROPN nsubj  2
            está      AUX   cop    2 estar
            implicada ADJ   ROOT   2 implicado
            en        ADP   case   5
            el        DET   det    5 el
            escándalo NOUN  obl    2
            .         PUNCT punct  2
        """, [(0, 1, "ORG")], "escándalo", "Scandal", ("participant", "Acme")),
    ],
)
def test_the_clause_around_an_event_names_who_did_it(lang, table, ents, word, event_class, expected):
    doc = parse_table(lang, table, ents=ents)
    found = roles(lang, doc, word, event_class)
    assert {(p, name) for _, p, name in found} == {expected}
    assert {event for event, _, _ in found} == {f"event-{event_class.lower()}"}


@pytest.mark.parametrize(
    ("lang", "table", "ents", "word", "event_class"),
    [
        # "Ali Khan, the loser of the election, conceded.": no winner.
        ("en", """
            Ali       PROPN compound 1
            Khan      PROPN nsubj    9
            ,         PUNCT punct    1
            the       DET   det      4
            loser     NOUN  appos    1
            of        ADP   prep     4
            the       DET   det      7
            election  NOUN  pobj     5
            ,         PUNCT punct    1
            conceded  VERB  ROOT     9 concede
            .         PUNCT punct    9
        """, [(0, 2, "PERSON")], "election", "Election"),
        # "Ali Khan was honoured in the ceremony.": nothing befell him.
        ("en", """
            Ali       PROPN compound  1
            Khan      PROPN nsubjpass 3
            was       AUX   auxpass   3 be
            honoured  VERB  ROOT      3 honour
            in        ADP   prep      3
            the       DET   det       6
            ceremony  NOUN  pobj      4
            .         PUNCT punct     3
        """, [(0, 2, "PERSON")], "ceremony", "Commemoration"),
        # "Ali Khan condemned the raid.": no verb of leading or claiming.
        ("en", """
            Ali        PROPN compound 1
            Khan       PROPN nsubj    2
            condemned  VERB  ROOT     2 condemn
            the        DET   det      4
            raid       NOUN  dobj     2
            .          PUNCT punct    2
        """, [(0, 2, "PERSON")], "raid", "Assault"),
        # "Ali Khan claimed the raid was a lie.": the raid is no object of "claimed".
        ("en", """
            Ali      PROPN compound 1
            Khan     PROPN nsubj    2
            claimed  VERB  ROOT     2 claim
            the      DET   det      4
            raid     NOUN  nsubj    5
            was      AUX   ccomp    2 be
            a        DET   det      7
            lie      NOUN  attr     5
            .        PUNCT punct    2
        """, [(0, 2, "PERSON")], "raid", "Assault"),
        # "Ana condenó el atentado."
        ("es", """
            Ana       PROPN nsubj  1
            condenó   VERB  ROOT   1 condenar
            el        DET   det    3 el
            atentado  NOUN  obj    1
            .         PUNCT punct  1
        """, [(0, 1, "PER")], "atentado", "Bombing"),
        # "Ana commented on the strike.": who speaks of an event goes into nothing.
        ("en", """
            Ana        PROPN nsubj  1
            commented  VERB  ROOT   1 comment
            on         ADP   prep   1
            the        DET   det    4
            strike     NOUN  pobj   2
            .          PUNCT punct  1
        """, [(0, 1, "PERSON")], "strike", "Strike"),
    ],
)
def test_other_clauses_around_an_event_name_no_doer(lang, table, ents, word, event_class):
    doc = parse_table(lang, table, ents=ents)
    assert roles(lang, doc, word, event_class) == set()


def test_the_party_a_candidate_is_said_to_be_of_takes_part_in_the_election():
    # "The election was won by Ali Khan of the Green Party."
    doc = parse_table("en", """
        The       DET   det       1
        election  NOUN  nsubjpass 3
        was       AUX   auxpass   3 be
        won       VERB  ROOT      3 win
        by        ADP   agent     3
        Ali       PROPN compound  6
        Khan      PROPN pobj      4
        of        ADP   prep      6
        the       DET   det       10
        Green     PROPN compound  10
        Party     PROPN pobj      7
        .         PUNCT punct     3
    """, ents=[(5, 7, "PERSON"), (9, 11, "ORG")])
    ctx = indexed("en", doc)
    khan, party = ctx.entity_of_token[6], ctx.entity_of_token[10]
    election = reported(doc, "election", "Election")
    evidence = ctx.evidence(doc[1].idx, doc[6].idx + len(doc[6].text))
    member = ctx.evidence(doc[5].idx, doc[10].idx + len(doc[10].text))
    relations = [Relation(election.local_id, "participant", khan, evidence, "test"), Relation(khan, "memberOf", party, member, "test")]
    found = {(r.subject, r.predicate, r.object) for r in iter_member_roles(ctx, [election], relations)}
    assert found == {(election.local_id, "participant", party)}
    # Of another kind of event, the party is not said to take part.
    trial = EventRecord(election.local_id, "Trial", None, election.evidence)
    assert list(iter_member_roles(ctx, [trial], relations)) == []


@pytest.mark.parametrize(("words", "led"), [("presidential election", True), ("local election", False)])
def test_the_winner_of_a_presidential_election_leads_the_country_it_was_held_in(words, led):
    # "The presidential election in Chile was won by Ana Ruiz." / "The local election ..."
    adjective = words.split()[0]
    doc = parse_table("en", f"""
        The          DET   det       2
        {adjective}  ADJ   amod      2
        election     NOUN  nsubjpass 6
        in           ADP   prep      2
        Chile        PROPN pobj      3
        was          AUX   auxpass   6 be
        won          VERB  ROOT      6 win
        by           ADP   agent     6
        Ana          PROPN compound  9
        Ruiz         PROPN pobj      7
        .            PUNCT punct     6
    """, ents=[(4, 5, "GPE"), (8, 10, "PERSON")])
    ctx = indexed("en", doc)
    chile, ruiz = ctx.entity_of_token[4], ctx.entity_of_token[9]
    ctx.class_of[chile] = "Country"
    [token] = [t for t in doc if t.text == "election"]
    sent = token.sent
    evidence = Evidence("test", doc[1].idx, token.idx + len(token), f"{adjective} election", sent.start_char, sent.end_char, sent.text)
    election = EventRecord("event-election", "Election", None, (evidence,))
    relations = extract_frame_roles(ctx, [election])
    assert {(r.predicate, r.object) for r in relations} == {("participant", ruiz)}
    relations.append(Relation(election.local_id, "location", chile, ctx.evidence(doc[4].idx, doc[4].idx + 5), "test"))
    found = {(r.subject, r.predicate, r.object) for r in iter_elected_leaders(ctx, [election], relations)}
    assert found == ({(chile, "ledBy", ruiz)} if led else set())


EN_SAID_AGAIN = """
    The        DET   det       1
    {subject}  NOUN  nsubj     2
    began      VERB  ROOT      2 begin
    .          PUNCT punct     2
    It         PRON  nsubjpass 6 it
    was        AUX   auxpass   6 be
    commanded  VERB  ROOT      6 command
    by         ADP   agent     6
    Ivan       PROPN compound  9
    Petrov     PROPN pobj      7
    .          PUNCT punct     6
"""


def test_a_pronoun_subject_of_a_verb_of_leading_is_the_event_the_sentence_before_is_about_en():
    # "The assault began. It was commanded by Ivan Petrov."
    doc = parse_table("en", EN_SAID_AGAIN.format(subject="assault"), ents=[(8, 10, "PERSON")])
    assert roles("en", doc, "assault", "Assault") == {("event-assault", "participant", "Ivan Petrov")}


def test_a_pronoun_subject_refers_back_only_to_an_event_that_is_the_subject_before():
    # "The meeting began. It was commanded by Ivan Petrov.": "meeting" is told as no event here,
    # and the event "began" is no subject.
    doc = parse_table("en", EN_SAID_AGAIN.format(subject="meeting"), ents=[(8, 10, "PERSON")])
    assert roles("en", doc, "began", "OtherAction") == set()


def test_a_verb_of_leading_without_a_subject_is_the_event_the_sentence_before_is_about_es():
    # "El asalto comenzó. Fue dirigido por Ana Ruiz."
    doc = parse_table("es", """
        El        DET   det    1 el
        asalto    NOUN  nsubj  2
        comenzó   VERB  ROOT   2 comenzar
        .         PUNCT punct  2
        Fue       AUX   aux    5 ser
        dirigido  VERB  ROOT   5 dirigir
        por       ADP   case   7
        Ana       PROPN obl    5
        Ruiz      PROPN flat   7
        .         PUNCT punct  5
    """, ents=[(7, 9, "PER")])
    assert roles("es", doc, "asalto", "Assault") == {("event-assault", "participant", "Ana Ruiz")}


@pytest.mark.parametrize(("event_class", "took_part"), [("Election", True), ("Trial", False)])
def test_the_organisation_a_vote_names_a_candidate_of_takes_part_in_it(event_class, took_part):
    # "Ana Ruiz won the election as the candidate of the Green Party."
    doc = parse_table("en", """
        Ana        PROPN compound 1
        Ruiz       PROPN nsubj    2
        won        VERB  ROOT     2 win
        the        DET   det      4
        election   NOUN  dobj     2
        as         ADP   prep     2
        the        DET   det      7
        candidate  NOUN  pobj     5
        of         ADP   prep     7
        the        DET   det      11
        Green      PROPN compound 11
        Party      PROPN pobj     8
        .          PUNCT punct    2
    """, ents=[(0, 2, "PERSON"), (10, 12, "ORG")])
    parties = {name for _, _, name in roles("en", doc, "election", event_class) if name == "Green Party"}
    assert parties == ({"Green Party"} if took_part else set())


ES_RIVAL = """
    Ganó       VERB  ROOT   0 ganar
    la         DET   det    2 el
    elección   NOUN  obj    0
    frente     ADV   advmod 0
    a          ADP   case   6
    los        DET   det    6 el
    votos      NOUN  obl    0 voto
    de         ADP   case   9
    su         DET   det    9
    contendiente NOUN nmod  6
    más        ADV   advmod 11
    cercano    ADJ   amod   9
    ,          PUNCT punct  13
    Ana        PROPN appos  6
    Ruiz       PROPN flat   13
    .          PUNCT punct  0
"""


def test_the_rival_a_vote_names_took_part_in_it_es():
    # "Ganó la elección frente a los votos de su contendiente más cercano, Ana
    # Ruiz": the parser hangs the name on "votos"; written after the rival's
    # phrase and a comma, it is the rival.
    doc = parse_table("es", ES_RIVAL, ents=[(13, 15, "PER")])
    assert roles("es", doc, "elección", "Election") == {("event-election", "participant", "Ana Ruiz")}
    # A rival in a trial takes part in no vote.
    assert roles("es", parse_table("es", ES_RIVAL, ents=[(13, 15, "PER")]), "elección", "Trial") == set()


def test_a_candidate_in_apposition_took_part_in_the_vote_en():
    # "In the election, the Green candidate, Ana Ruiz, came second."
    doc = parse_table("en", """
        In         ADP   prep     10
        the        DET   det      2
        election   NOUN  pobj     0
        ,          PUNCT punct    10
        the        DET   det      6
        Green      PROPN compound 6
        candidate  NOUN  nsubj    10
        ,          PUNCT punct    6
        Ana        PROPN compound 9
        Ruiz       PROPN appos    6
        came       VERB  ROOT     10 come
        second     ADV   advmod   10
        .          PUNCT punct    10
    """, ents=[(8, 10, "PERSON")])
    assert roles("en", doc, "election", "Election") == {("event-election", "participant", "Ana Ruiz")}


def test_a_rival_is_no_participant_of_either_of_two_votes_its_sentence_tells():
    # "After the primary, her rival, Ana Ruiz, lost the election."
    doc = parse_table("en", """
        After      ADP   prep     9
        the        DET   det      2
        primary    NOUN  pobj     0
        ,          PUNCT punct    9
        her        PRON  poss     5
        rival      NOUN  nsubj    9
        ,          PUNCT punct    5
        Ana        PROPN compound 8
        Ruiz       PROPN appos    5
        lost       VERB  ROOT     9 lose
        the        DET   det      11
        election   NOUN  dobj     9
        .          PUNCT punct    9
    """, ents=[(7, 9, "PERSON")])
    ctx = indexed("en", doc)
    events = [reported(doc, "primary", "Election"), EventRecord("event-election-2", "Election", None, (reported(doc, "election", "Election").evidence[0],))]
    found = extract_frame_roles(ctx, events)
    assert [r for r in found if r.rule.endswith("-frame-candidate")] == []


PRONOUN_LEADER = """
    Ali       PROPN compound 1
    Khan      PROPN nsubj    2
    was       AUX   ROOT     2 be
    a         DET   det      4
    commander NOUN  attr     2
    .         PUNCT punct    2
    {middle}
    He        PRON  nsubj    {led}
    led       VERB  ROOT     {led} lead
    the       DET   det      {raid}
    raid      NOUN  dobj     {led}
    .         PUNCT punct    {led}
"""


def test_a_pronoun_leading_an_event_is_the_person_the_sentence_before_has_as_subject_en():
    # "Ali Khan was a commander. He led the raid."
    doc = parse_table("en", PRONOUN_LEADER.format(middle="", led=7, raid=9), ents=[(0, 2, "PERSON")])
    assert roles("en", doc, "raid", "Assault") == {("event-assault", "participant", "Ali Khan")}


def test_a_pronoun_after_another_person_is_named_refers_to_no_one_en():
    # "Ali Khan met Omar Said. He led the raid.": he may be either.
    doc = parse_table("en", """
        Ali       PROPN compound 1
        Khan      PROPN nsubj    2
        met       VERB  ROOT     2 meet
        Omar      PROPN compound 4
        Said      PROPN dobj     2
        .         PUNCT punct    2
        He        PRON  nsubj    7
        led       VERB  ROOT     7 lead
        the       DET   det      9
        raid      NOUN  dobj     7
        .         PUNCT punct    7
    """, ents=[(0, 2, "PERSON"), (3, 5, "PERSON")])
    assert roles("en", doc, "raid", "Assault") == set()


def test_a_claim_whose_object_the_parser_hung_on_an_adjective_es():
    # "Ali Khan reivindicó en un vídeo difundido los atentados."
    doc = parse_table("es", """
        Ali        PROPN nsubj  2
        Khan       PROPN flat   0
        reivindicó VERB  ROOT   2 reivindicar
        en         ADP   case   5
        un         DET   det    5 uno
        vídeo      NOUN  obl    2
        difundido  ADJ   amod   5
        los        DET   det    8 el
        atentados  NOUN  obj    6 atentado
        .          PUNCT punct  2
    """, ents=[(0, 2, "PER")])
    assert roles("es", doc, "atentados", "Bombing") == {("event-bombing", "perpetrator", "Ali Khan")}


# --------------------------------------------------------------------------
# Parties an event's own phrase names: against, a name before it, an "as"
# title's body, a possessive pronoun, who acts at it


@pytest.mark.parametrize(
    ("lang", "table", "ents", "word", "event_class", "expected"),
    [
        # "Rioters launched an attack against Congress and the Senate."
        ("en", """
            Rioters   NOUN  nsubj    1 rioter
            launched  VERB  ROOT     1 launch
            an        DET   det      3
            attack    NOUN  dobj     1
            against   ADP   prep     3
            Congress  PROPN pobj     4
            and       CCONJ cc       5
            the       DET   det      8
            Senate    PROPN conj     5
            .         PUNCT punct    1
        """, [(5, 6, "ORG"), (8, 9, "ORG")], "attack", "Attack",
         {("participant", "Congress"), ("participant", "Senate")}),
        # "La moción de censura contra Ana Díaz prosperó."
        ("es", """
            La        DET   det    1
            moción    NOUN  nsubj  7 moción
            de        ADP   case   3
            censura   NOUN  nmod   1
            contra    ADP   case   5
            Ana       PROPN nmod   1
            Díaz      PROPN flat   5
            prosperó  VERB  ROOT   7 prosperar
            .         PUNCT punct  7
        """, [(5, 7, "PER")], "moción", "Vote", {("participant", "Ana Díaz")}),
        # "The Initech scandal grew.": a name before the noun takes part.
        ("en", """
            The       DET   det      2
            Initech   PROPN compound 2
            scandal   NOUN  nsubj    3
            grew      VERB  ROOT     3 grow
            .         PUNCT punct    3
        """, [(1, 2, "ORG")], "scandal", "Scandal", {("participant", "Initech")}),
        # "Ana Diaz resigned as Initech CEO.": the body of the title she leaves.
        ("en", """
            Ana       PROPN compound 1
            Diaz      PROPN nsubj    2
            resigned  VERB  ROOT     2 resign
            as        ADP   prep     2
            Initech   PROPN compound 5
            CEO       PROPN pobj     3
            .         PUNCT punct    2
        """, [(0, 2, "PERSON"), (4, 5, "ORG")], "resigned", "Resignation", {("participant", "Initech")}),
        # "Ana Diaz appealed her conviction.": "her" is the clause's subject.
        ("en", """
            Ana        PROPN compound 1
            Diaz       PROPN nsubj    2
            appealed   VERB  ROOT     2 appeal
            her        PRON  poss     4
            conviction NOUN  dobj     2
            .          PUNCT punct    2
        """, [(0, 2, "PERSON")], "conviction", "CourtRuling", {("participant", "Ana Diaz")}),
        # "At the rally, Ana Diaz and Eva Gil spoke."
        ("en", """
            At        ADP   prep     9
            the       DET   det      2
            rally     NOUN  pobj     0
            ,         PUNCT punct    9
            Ana       PROPN compound 5
            Diaz      PROPN nsubj    9
            and       CCONJ cc       5
            Eva       PROPN compound 8
            Gil       PROPN conj     5
            spoke     VERB  ROOT     9 speak
            .         PUNCT punct    9
        """, [(4, 6, "PERSON"), (7, 9, "PERSON")], "rally", "Protest",
         {("participant", "Ana Diaz"), ("participant", "Eva Gil")}),
    ],
)
def test_the_parties_an_events_own_phrase_names(lang, table, ents, word, event_class, expected):
    doc = parse_table(lang, table, ents=ents)
    assert {(p, name) for _, p, name in roles(lang, doc, word, event_class)} == expected


def test_a_place_before_an_event_noun_is_no_party_of_it_en():
    # "The Lyon scandal grew.": a place there says which scandal, not who took part.
    doc = parse_table("en", """
        The       DET   det      2
        Lyon      PROPN compound 2
        scandal   NOUN  nsubj    3
        grew      VERB  ROOT     3 grow
        .         PUNCT punct    3
    """, ents=[(1, 2, "GPE")])
    assert roles("en", doc, "scandal", "Scandal") == set()


def test_a_possessive_pronoun_without_a_named_subject_gives_no_party_en():
    # "The court upheld his conviction.": the court is no one's "his".
    doc = parse_table("en", """
        The        DET   det      1
        court      NOUN  nsubj    2
        upheld     VERB  ROOT     2 uphold
        his        PRON  poss     4
        conviction NOUN  dobj     2
        .          PUNCT punct    2
    """)
    assert roles("en", doc, "conviction", "CourtRuling") == set()


def test_a_pronoun_subject_of_an_event_verb_is_the_person_told_of_before_en():
    # "Ana Diaz led the party. She resigned."
    doc = parse_table("en", """
        Ana       PROPN compound 1
        Diaz      PROPN nsubj    2
        led       VERB  ROOT     2 lead
        the       DET   det      4
        party     NOUN  dobj     2
        .         PUNCT punct    2
        She       PRON  nsubj    7 she
        resigned  VERB  ROOT     7 resign
        .         PUNCT punct    7
    """, ents=[(0, 2, "PERSON")])
    assert roles("en", doc, "resigned", "Resignation") == {("event-resignation", "participant", "Ana Diaz")}


def test_a_pronoun_subject_with_another_person_named_between_is_nobody_en():
    # "Ana Diaz met Eva Gil. She resigned.": which of the two is meant is a guess.
    doc = parse_table("en", """
        Ana       PROPN compound 1
        Diaz      PROPN nsubj    2
        met       VERB  ROOT     2 meet
        Eva       PROPN compound 4
        Gil       PROPN dobj     2
        .         PUNCT punct    2
        She       PRON  nsubj    7 she
        resigned  VERB  ROOT     7 resign
        .         PUNCT punct    7
    """, ents=[(0, 2, "PERSON"), (3, 5, "PERSON")])
    assert roles("en", doc, "resigned", "Resignation") == set()


def test_whom_a_verb_of_justice_charges_with_an_event_took_part_in_it_en():
    # "Ana Diaz was charged with the murder."
    doc = parse_table("en", """
        Ana       PROPN compound  1
        Diaz      PROPN nsubjpass 3
        was       AUX   auxpass   3 be
        charged   VERB  ROOT      3 charge
        with      ADP   prep      3
        the       DET   det       6
        murder    NOUN  pobj      4
        .         PUNCT punct     3
    """, ents=[(0, 2, "PERSON")])
    assert roles("en", doc, "murder", "Attack") == {("event-attack", "participant", "Ana Diaz")}


def test_whom_a_verb_of_justice_charges_with_an_event_took_part_in_it_es():
    # "Ana Díaz fue condenada por el asesinato."
    doc = parse_table("es", """
        Ana        PROPN nsubj  3
        Díaz       PROPN flat   0
        fue        AUX   aux    3 ser
        condenada  VERB  ROOT   3 condenar
        por        ADP   case   6
        el         DET   det    6
        asesinato  NOUN  obl    3
        .          PUNCT punct  3
    """, ents=[(0, 2, "PER")])
    assert roles("es", doc, "asesinato", "Attack") == {("event-attack", "participant", "Ana Díaz")}


def test_whose_event_a_possessive_name_says_en():
    # "Initech's collapse shocked investors."
    doc = parse_table("en", """
        Initech   PROPN poss    2
        's        PART  case    0
        collapse  NOUN  nsubj   3
        shocked   VERB  ROOT    3 shock
        investors NOUN  dobj    3 investor
        .         PUNCT punct   3
    """, ents=[(0, 1, "ORG")])
    assert roles("en", doc, "collapse", "Collapse") == {("event-collapse", "participant", "Initech")}


def test_whoever_launches_or_signs_an_event_takes_part_in_it_en():
    # "Hamas launched an attack." / "Initech and Acme signed an agreement."
    attack = parse_table("en", """
        Hamas     PROPN nsubj  1
        launched  VERB  ROOT   1 launch
        an        DET   det    3
        attack    NOUN  dobj   1
        .         PUNCT punct  1
    """, ents=[(0, 1, "ORG")])
    assert roles("en", attack, "attack", "Attack") == {("event-attack", "perpetrator", "Hamas")}
    agreement = parse_table("en", """
        Initech   PROPN nsubj  3
        and       CCONJ cc     0
        Acme      PROPN conj   0
        signed    VERB  ROOT   3 sign
        an        DET   det    5
        agreement NOUN  dobj   3
        .         PUNCT punct  3
    """, ents=[(0, 1, "ORG"), (2, 3, "ORG")])
    assert roles("en", agreement, "agreement", "Agreement") == {
        ("event-agreement", "participant", "Initech"), ("event-agreement", "participant", "Acme")}


def test_a_party_the_event_step_gave_a_role_is_not_added_again():
    # "Hamas launched an attack.": the event step already named Hamas its perpetrator.
    doc = parse_table("en", """
        Hamas     PROPN nsubj  1
        launched  VERB  ROOT   1 launch
        an        DET   det    3
        attack    NOUN  dobj   1
        .         PUNCT punct  1
    """, ents=[(0, 1, "ORG")])
    ctx = article_context("en", doc)
    [hamas] = collect_entities(ctx)
    event = reported(doc, "attack", "Attack")
    known = [Relation(event.local_id, "perpetrator", hamas.local_id, event.evidence[0], "en-event-attack")]
    assert extract_frame_roles(ctx, [event], known) == []


def test_the_place_that_launched_an_event_in_a_relative_clause_takes_part_in_it_en():
    # "It was the war that Moscow launched in 1994."
    doc = parse_table("en", """
        It        PRON   nsubj  1
        was       AUX    ROOT   1 be
        the       DET    det    3
        war       NOUN   attr   1
        that      PRON/WDT dobj 6
        Moscow    PROPN  nsubj  6
        launched  VERB   relcl  3 launch
        in        ADP    prep   6
        1994      NUM    pobj   7
        .         PUNCT  punct  1
    """, ents=[(5, 6, "GPE")])
    assert roles("en", doc, "war", "War") == {("event-war", "participant", "Moscow")}


@pytest.mark.parametrize(
    ("lang", "table", "ents", "word", "expected"),
    [
        # "Congress certified Ana Diaz's victory in the election."
        ("en", """
            Congress   PROPN nsubj  1
            certified  VERB  ROOT   1 certify
            Ana        PROPN compound 3
            Diaz       PROPN poss   5
            's         PART  case   3
            victory    NOUN  dobj   1
            in         ADP   prep   5
            the        DET   det    8
            election   NOUN  pobj   6
            .          PUNCT punct  1
        """, [(0, 1, "ORG"), (2, 4, "PERSON")], "election", {("participant", "Ana Diaz")}),
        # "El Congreso certificó la victoria de Ana Díaz en las elecciones." (the phrase hung on the verb)
        ("es", """
            El         DET   det    1
            Congreso   PROPN nsubj  2
            certificó  VERB  ROOT   2 certificar
            la         DET   det    4
            victoria   NOUN  obj    2
            de         ADP   case   6
            Ana        PROPN nmod   4
            Díaz       PROPN flat   6
            en         ADP   case   10
            las        DET   det    10
            elecciones NOUN  obl    2 elección
            .          PUNCT punct  2
        """, [(1, 2, "ORG"), (6, 8, "PER")], "elecciones", {("participant", "Ana Díaz")}),
        # "The election marked a victory for the Acme Party.": the outcome the event's own verb tells, and whom it went to.
        ("en", """
            The        DET   det    1
            election   NOUN  nsubj  2
            marked     VERB  ROOT   2 mark
            a          DET   det    4
            victory    NOUN  dobj   2
            for        ADP   prep   4
            the        DET   det    8
            Acme       PROPN compound 8
            Party      PROPN pobj   5
            .          PUNCT punct  2
        """, [(7, 9, "ORG")], "election", {("participant", "Acme Party")}),
        ("es", """
            La         DET   det    1
            elección   NOUN  nsubj  4
            fue        AUX   cop    4 ser
            una        DET   det    4 uno
            derrota    NOUN  ROOT   4
            para       ADP   case   7
            el         DET   det    7
            Partido    PROPN nmod   4
            Acme       PROPN flat   7
            .          PUNCT punct  4
        """, [(7, 9, "ORG")], "elección", {("participant", "Partido Acme")}),
        # Nobody's outcome: "the election was held for the Senate" names what it was for.
        ("en", """
            The        DET   det       1
            election   NOUN  nsubjpass 3
            was        AUX   auxpass   3 be
            held       VERB  ROOT      3 hold
            for        ADP   prep      3
            the        DET   det       6
            Senate     PROPN pobj      4
            .          PUNCT punct     3
        """, [(6, 7, "ORG")], "election", set()),
    ],
)
def test_whose_outcome_of_an_event_it_is_took_part_in_it(lang, table, ents, word, expected):
    doc = parse_table(lang, table, ents=ents)
    assert {(p, name) for _, p, name in roles(lang, doc, word, "Election")} == expected


def test_the_members_a_subject_lists_took_part_in_its_event_en():
    # "Several ministers, including Ana Ruiz and Luis Gil, resigned."
    doc = parse_table("en", """
        Several    ADJ   amod      1 several
        ministers  NOUN  nsubj     10 minister
        ,          PUNCT punct     1
        including  VERB  prep      1 include
        Ana        PROPN compound  5
        Ruiz       PROPN pobj      3
        and        CCONJ cc        5
        Luis       PROPN compound  8
        Gil        PROPN conj      5
        ,          PUNCT punct     1
        resigned   VERB  ROOT      10 resign
        .          PUNCT punct     10
    """, ents=[(4, 6, "PERSON"), (7, 9, "PERSON")])
    assert roles("en", doc, "resigned", "Resignation") == {
        ("event-resignation", "participant", "Ana Ruiz"), ("event-resignation", "participant", "Luis Gil")}


def test_the_members_a_possessive_subject_lists_took_part_es():
    # "Ana Ruiz y otros ministros, incluyendo a Luis Gil, presentaron sus renuncias."
    doc = parse_table("es", """
        Ana          PROPN nsubj  11
        Ruiz         PROPN flat   0
        y            CCONJ cc     4 y
        otros        DET   det    4 otro
        ministros    NOUN  conj   0 ministro
        ,            PUNCT punct  6
        incluyendo   VERB  acl    0 incluir
        a            ADP   case   8 a
        Luis         PROPN obj    6
        Gil          PROPN flat   8
        ,            PUNCT punct  8
        presentaron  VERB  ROOT   11 presentar
        sus          DET   det    13 su
        renuncias    NOUN  obj    11 renuncia
        .            PUNCT punct  11
    """, ents=[(0, 2, "PER"), (8, 10, "PER")])
    assert roles("es", doc, "renuncias", "Resignation") == {
        ("event-resignation", "participant", "Ana Ruiz"), ("event-resignation", "participant", "Luis Gil")}


def test_a_phrase_that_lists_no_members_adds_no_party_en():
    # "Several ministers, unlike Ana Ruiz, resigned."
    doc = parse_table("en", """
        Several    ADJ   amod      1 several
        ministers  NOUN  nsubj     7 minister
        ,          PUNCT punct     1
        unlike     ADP   prep      1 unlike
        Ana        PROPN compound  5
        Ruiz       PROPN pobj      3
        ,          PUNCT punct     1
        resigned   VERB  ROOT      7 resign
        .          PUNCT punct     7
    """, ents=[(4, 6, "PERSON")])
    assert roles("en", doc, "resigned", "Resignation") == set()


def test_whoever_assists_an_event_takes_part_in_it_en():
    # "Acme Rescue assisted the rescue effort."
    doc = parse_table("en", """
        Acme      PROPN compound 1
        Rescue    PROPN nsubj    2
        assisted  VERB  ROOT     2 assist
        the       DET   det      5
        rescue    NOUN  compound 5
        effort    NOUN  dobj     2
        .         PUNCT punct    2
    """, ents=[(0, 2, "ORG")])
    assert roles("en", doc, "effort", "Rescue") == {("event-rescue", "participant", "Acme Rescue")}


EN_DEFEATED = """
    The        DET   det      1
    election   NOUN  nsubjpass 3
    was        AUX   auxpass  3 be
    held       VERB  ROOT     3 hold
    .          PUNCT punct    3
    Ana        PROPN compound 6
    Ruiz       PROPN nsubj    7
    defeated   VERB  ROOT     7 defeat
    Luis       PROPN compound 9
    Varga      PROPN dobj     7
    and        CCONJ cc       9
    Eva        PROPN compound 12
    Sol        PROPN conj     9
    .          PUNCT punct    7
"""


def test_who_defeated_whom_in_a_story_of_one_vote_took_part_in_it_en():
    # "The election was held. Ana Ruiz defeated Luis Varga and Eva Sol.": the sentence tells no vote;
    # the story tells one, the one all three ran in.
    doc = parse_table("en", EN_DEFEATED, ents=[(5, 7, "PERSON"), (8, 10, "PERSON"), (11, 13, "PERSON")])
    assert roles("en", doc, "election", "Election") == {
        ("event-election", "participant", "Ana Ruiz"), ("event-election", "participant", "Luis Varga"),
        ("event-election", "participant", "Eva Sol")}
    # Not in a contest of no vote, nor where the story tells two votes.
    assert roles("en", parse_table("en", EN_DEFEATED, ents=[(5, 7, "PERSON"), (8, 10, "PERSON"), (11, 13, "PERSON")]),
                 "election", "Trial") == set()
    ctx = indexed("en", doc)
    held = reported(doc, "election", "Election")
    other = EventRecord("event-election-2", "Election", None, (reported(doc, "held", "Election").evidence[0],))
    assert [r for r in extract_frame_roles(ctx, [held, other]) if r.rule.endswith("-frame-defeated")] == []


def test_a_candidate_in_a_sentence_of_no_vote_ran_in_the_one_vote_of_the_story_es():
    # "Se celebraron las elecciones. El candidato verde, Ana Ruiz, derrotó a Luis Varga."
    doc = parse_table("es", """
        Se         PRON  expl:pass 1
        celebraron VERB  ROOT      1 celebrar
        las        DET   det       3
        elecciones NOUN  nsubj     1 elección
        .          PUNCT punct     1
        El         DET   det       6
        candidato  NOUN  nsubj     12
        verde      ADJ   amod      6
        ,          PUNCT punct     10
        Ana        PROPN appos     6
        Ruiz       PROPN flat      9
        ,          PUNCT punct     9
        derrotó    VERB  ROOT      12 derrotar
        a          ADP   case      14
        Luis       PROPN obj       12
        Varga      PROPN flat      14
        .          PUNCT punct     12
    """, ents=[(9, 11, "PER"), (14, 16, "PER")])
    assert roles("es", doc, "elecciones", "Election") == {
        ("event-election", "participant", "Ana Ruiz"), ("event-election", "participant", "Luis Varga")}
