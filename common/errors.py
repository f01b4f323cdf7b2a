"""Errors a user can act on: each carries the message and the exit code the CLI uses.

Exit codes (documented in README): 0 ok, 1 findings / inconsistent / partial, 2 usage or
input error, 3 store missing.
"""

from __future__ import annotations

from dataclasses import dataclass


class GovkgError(Exception):
    """An error to show the user as one clear line, with a process exit code."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(GovkgError):
    """Bad arguments, an unknown name or a malformed query (exit 2)."""

    exit_code = 2


class InputError(GovkgError):
    """A file that cannot be read or parsed (exit 2); the message starts with file:line."""

    exit_code = 2


class StoreMissingError(GovkgError):
    """A command needs a built store and there is none (exit 3)."""

    exit_code = 3


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A line of an input file that could not be used; the rest of the file still is."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"
