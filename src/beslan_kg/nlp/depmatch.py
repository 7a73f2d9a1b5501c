"""spaCy's DependencyMatcher, with each distinct token pattern matched once.

spaCy's :class:`~spacy.matcher.DependencyMatcher` adds every node of every
pattern to one token :class:`~spacy.matcher.Matcher` as a pattern of its own,
and finds each token's tree root (walking its ancestors) once per node pattern
it matches. The relation rules share most of their nodes (a subject or object
that is any noun, "of", "de", a comma), so most of those patterns are the same
one many times over: about two thirds of the matcher's time went to matching
the same attributes again and walking the same trees again.

:class:`DependencyMatcher` here matches each distinct node pattern once, finds
each matched token's root once, and hands spaCy's tree search exactly the
positions it would have found itself, in the same order. Its tree search
tried every combination of candidate tokens (one per node) and then checked
the relations between them; here the nodes are chosen one at a time, in the
same order, and a choice is dropped as soon as a relation to a node already
chosen fails: the same combinations pass, in the same order. The matches, and
their order, are spaCy's.
"""

from __future__ import annotations

import json
from collections import defaultdict

from spacy.matcher import DependencyMatcher as _SpacyDependencyMatcher
from spacy.matcher import Matcher


class DependencyMatcher(_SpacyDependencyMatcher):
    """A drop-in :class:`spacy.matcher.DependencyMatcher` that matches each distinct node pattern once."""

    def __init__(self, vocab, *, validate: bool = False) -> None:
        super().__init__(vocab, validate=validate)
        self._validate = validate
        self._distinct: tuple[Matcher, dict[int, tuple[int, ...]], dict[int, int]] | None = None

    def add(self, key, patterns, *, on_match=None) -> None:
        """Add a rule, as spaCy's :meth:`~spacy.matcher.DependencyMatcher.add`."""
        super().add(key, patterns, on_match=on_match)
        self._distinct = None

    def remove(self, key) -> None:
        """Remove a rule, as spaCy's :meth:`~spacy.matcher.DependencyMatcher.remove`."""
        super().remove(key)
        self._distinct = None

    def _make_distinct(self) -> tuple[Matcher, dict[int, tuple[int, ...]], dict[int, int]]:
        """One Matcher rule per distinct node pattern; each rule's node keys; each node key's rank among them all."""
        matcher = Matcher(self.vocab, validate=self._validate)
        node_keys: dict[str, list[int]] = {}
        rank: dict[int, int] = {}
        for key, node_lists in self._tokens_to_key.items():
            for index, nodes in enumerate(node_lists):
                for node, token_key in enumerate(nodes):
                    attrs = self._patterns[key][index][node][0]
                    node_keys.setdefault(json.dumps(attrs, sort_keys=True), []).append(token_key)
        # The order spaCy's Matcher reports the nodes of one token in: the order they were added.
        for order, token_key in enumerate(self._matcher_keys_in_order()):
            rank[token_key] = order
        by_rule: dict[int, tuple[int, ...]] = {}
        for number, (text, keys) in enumerate(node_keys.items()):
            rule = self.vocab.strings.add(f"beslan-kg-node-{number}")
            matcher.add(rule, [[json.loads(text)]])
            by_rule[rule] = tuple(keys)
        return matcher, by_rule, rank

    def _matcher_keys_in_order(self) -> list[int]:
        keys = []
        for key in self._patterns:
            for nodes in self._tokens_to_key[key]:
                keys.extend(nodes)
        return keys

    def _get_keys_to_position_maps(self, doc):
        """As spaCy's: ``{root: {node key: [positions]}}``, roots in order of their first matched token."""
        if self._distinct is None:
            self._distinct = self._make_distinct()
        matcher, by_rule, rank = self._distinct
        found: list[tuple[int, int, int]] = []
        for rule, start, _ in matcher(doc):
            for token_key in by_rule[rule]:
                found.append((start, rank[token_key], token_key))
        found.sort()
        roots: dict[int, int] = {}
        keys_to_position_maps = defaultdict(lambda: defaultdict(list))
        for start, _, token_key in found:
            root = roots.get(start)
            if root is None:
                token = doc[start]
                while token.head.i != token.i:
                    token = token.head
                root = roots[start] = token.i
            keys_to_position_maps[root][token_key].append(start)
        return keys_to_position_maps

    def _get_matches(self, cache, doc, tree, tokens_to_key, keys_to_position):
        """As spaCy's: every combination of candidates (one per node, in order) whose relations all hold."""
        candidates = [keys_to_position[key] for key in tokens_to_key]
        if not all(candidates):
            return
        # The relations to check once a node is chosen: those whose other end was chosen before it.
        checks: list[list[tuple[int, str, int]]] = [[] for _ in candidates]
        for left, edges in tree.items():
            for operator, right in edges:
                checks[max(left, right)].append((left, operator, right))
        related: dict[tuple[int, str], set[int]] = {}

        def holds(left_pos: int, operator: str, right_pos: int) -> bool:
            found = related.get((left_pos, operator))
            if found is None:
                found = related[(left_pos, operator)] = set(self._resolve_node_operator(cache, doc, left_pos, operator))
            return right_pos in found

        chosen = [0] * len(candidates)

        def extend(node: int):
            for position in candidates[node]:
                chosen[node] = position
                if all(holds(chosen[left], operator, chosen[right]) for left, operator, right in checks[node]):
                    if node + 1 == len(candidates):
                        yield list(chosen)
                    else:
                        yield from extend(node + 1)

        yield from extend(0)
