"""govkg serve: a read-only SPARQL 1.1 Protocol endpoint over the built store.

Modules: app (HTTP server and routes), protocol (SPARQL 1.1 Protocol, content negotiation,
Service Description), safety (refusing Update and SERVICE), workers (killable worker
processes with time limits), engine (what a worker does), results (SPARQL results and RDF
writers with the row limit stated), cache (replies to repeated requests), pages (query
page, explorer, notes), lexer (SPARQL tokens). Importing this package loads none of them.
"""
