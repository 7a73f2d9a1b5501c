"""The map step: spaCy pipelines that turn one article into plain records.

spaCy ``Doc`` and ``Span`` objects never leave this package; everything it
returns is a record from :mod:`beslan_kg.records`.
"""
