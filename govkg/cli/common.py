"""Options and error handling shared by every govkg command (thin click layer)."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from common.errors import GovkgError
from govkg.store import ENV_VAR, resolve_store_path

F = TypeVar("F", bound=Callable[..., Any])


def store_option(func: F) -> F:
    """Add `--store PATH` (default $GOVKG_STORE, else .govkg/store) to a command."""

    def to_path(_ctx: click.Context, _param: click.Parameter, value: str | None) -> Path:
        return resolve_store_path(value)

    return click.option(
        "--store",
        "store_path",
        type=click.Path(file_okay=False),
        default=None,
        callback=to_path,
        help=f"Oxigraph store folder (default ${ENV_VAR}, else .govkg/store).",
    )(func)


def handle_errors(func: F) -> F:
    """Turn GovkgError into one line on stderr and its exit code; never a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GovkgError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except Exception as exc:  # an internal bug: say so briefly, keep the trace opt-in
            if os.environ.get("GOVKG_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(exc).__name__}: {exc} (set GOVKG_DEBUG=1 for details)",
                err=True,
            )
            sys.exit(70)

    return wrapper  # type: ignore[return-value]
