"""The RDF stage: resolved records in, rdflib graphs out.

rdflib objects stay inside this package except through the query and export
API (:mod:`beslan_kg.rdf.query`, :mod:`beslan_kg.rdf.io`).
"""
