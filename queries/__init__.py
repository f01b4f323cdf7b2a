"""Named SPARQL queries (queries/*.rq), their runner, result formats, chains and checks.

`from queries import run_query, load_catalog` is the library entry point (docs/architecture.md §3).
"""

from queries.catalog import load_catalog
from queries.runner import run_query

__all__ = ["load_catalog", "run_query"]
