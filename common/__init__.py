"""The layer every other package sits on: user-facing errors and SPARQL text scanning.

`ontology`, `graphbuild`, `queries`, `viz` and the `govkg` CLI and server all import from
here and `common` imports none of them (docs/architecture.md §3; tests/test_layers.py).
"""
