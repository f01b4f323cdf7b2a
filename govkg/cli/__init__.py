"""The `govkg` command line: a thin click layer over the library packages.

Each command group lives in its own module here; this module only assembles them.
"""

from __future__ import annotations

import click

from govkg.cli import (
    build_cmd,
    chain_cmd,
    check_cmd,
    diff_cmd,
    ontology_cmd,
    organogram_cmd,
    query_cmd,
)
from govkg.cli.push_cmd import push
from govkg.cli.report_cmd import report
from govkg.cli.serve_cmd import serve
from govkg.cli.viz_cmd import viz


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govkg")
def main() -> None:
    """govkg: a knowledge graph of UK Civil Service governance and accountability."""


main.add_command(ontology_cmd.ontology)
main.add_command(build_cmd.build)
main.add_command(query_cmd.list_queries)
main.add_command(query_cmd.query)
main.add_command(query_cmd.sparql)
main.add_command(organogram_cmd.ingest)
main.add_command(check_cmd.check)
main.add_command(chain_cmd.chain)
main.add_command(diff_cmd.diff)
main.add_command(viz)
main.add_command(serve)
main.add_command(push)
main.add_command(report)
