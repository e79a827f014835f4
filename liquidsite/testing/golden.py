"""Golden files: compare output with a stored copy, refresh it on request.

A golden file is the output a test accepted once.  The comparison is
exact (every byte of the text); a difference is shown as a unified diff
with line numbers, so a reviewer sees what a template change did.

Example:
    >>> from pathlib import Path
    >>> golden = Path(tmp_path, "page.html")
    >>> compare_golden("<p>hi</p>\\n", golden, update=True) is None   # writes it
    True
    >>> print(compare_golden("<p>ho</p>\\n", golden, update=False))
    output differs from golden file ...
"""

from __future__ import annotations

import difflib
from pathlib import Path

UPDATE_FLAG = "--liquidsite-update-golden"


def golden_path(golden_dir: Path, name: str) -> Path:
    """The file for *name* inside *golden_dir*.

    Raises:
        ValueError: *name* is empty, absolute or climbs out with ``..``.
    """
    rel = Path(name)
    if not name or rel.is_absolute() or ".." in rel.parts:
        raise ValueError(f"a golden name is a relative path inside the golden folder, not {name!r}")
    return golden_dir / rel


def diff_text(expected: str, actual: str, expected_name: str, actual_name: str = "actual") -> str:
    """A unified diff that shows missing final newlines and trailing spaces."""

    def lines(text: str) -> list[str]:
        out = text.splitlines(keepends=True)
        if out and not out[-1].endswith(("\n", "\r")):
            out[-1] += "\n\\ No newline at end of file\n"
        return [_mark_trailing_space(line) for line in out]

    return "".join(
        difflib.unified_diff(lines(expected), lines(actual), expected_name, actual_name, n=3)
    )


def _mark_trailing_space(line: str) -> str:
    body = line.rstrip("\r\n")
    end = line[len(body):]
    stripped = body.rstrip(" \t")
    if stripped != body:
        body = stripped + body[len(stripped):].replace(" ", "·").replace("\t", "→")
    return body + end


def compare_golden(actual: str, path: Path, *, update: bool) -> str | None:
    """Compare *actual* with the golden file at *path*.

    Args:
        actual: the text produced now.
        path: the golden file.
        update: write *actual* to *path* instead of comparing (when it differs
            or is missing).

    Returns:
        ``None`` when they match (or the file was updated), else a message
        with a unified diff, or saying how to create a missing file.
    """
    if update:
        if not path.is_file() or path.read_text(encoding="utf-8") != actual:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="")
        return None
    if not path.is_file():
        return f"no golden file {path}; run pytest {UPDATE_FLAG} to create it from this output"
    expected = path.read_bytes().decode("utf-8")
    if expected == actual:
        return None
    diff = diff_text(expected, actual, str(path))
    return (
        f"output differs from golden file {path} "
        f"(run pytest {UPDATE_FLAG} to accept the new output):\n{diff}"
    )


__all__ = ["compare_golden", "diff_text", "golden_path", "UPDATE_FLAG"]
