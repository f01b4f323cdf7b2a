"""graphbuild package."""
