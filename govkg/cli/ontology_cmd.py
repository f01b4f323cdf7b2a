"""`govkg ontology ...`: summary, reasoning check and reference docs of the ontology."""

from __future__ import annotations

import click

from govkg.cli.common import handle_errors, store_option
from ontology import load_ontology
from ontology.summary import summarise


@click.group()
def ontology() -> None:
    """Inspect, check and document the govkg ontology."""


@ontology.command()
@store_option
@handle_errors
def summary(store_path: object) -> None:
    """Print the numbers of classes, properties and reference individuals."""
    for line in summarise(load_ontology()).lines():
        click.echo(line)
