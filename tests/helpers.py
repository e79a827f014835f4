"""Small helpers for tests that build a site from a dict of files."""

from __future__ import annotations

from pathlib import Path

from liquidsite.testing import write_files


def write_site(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write *files* (relative path -> text or bytes) under *root*."""
    return write_files(root, files)
