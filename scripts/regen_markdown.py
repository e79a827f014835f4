#!/usr/bin/env python3
"""Regenerate tests/markdown/*.html with the real Jekyll.

Every ``tests/markdown/NAME.md`` becomes a page of one temporary site (front
matter ``layout: null`` and ``render_with_liquid: false``, so only kramdown
touches the text); the site is built once with
``faketime -f '@2026-01-01 00:00:00' jekyll build`` (without faketime when it
is missing) and each ``_site/NAME.html`` is copied back next to its source.

Usage: scripts/regen_markdown.py [NAME ...]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "markdown"
FRONT_MATTER = "---\nlayout: null\nrender_with_liquid: false\n---\n"


def main(argv: list[str]) -> int:
    jekyll = shutil.which("jekyll")
    if jekyll is None:
        print("regen_markdown: `jekyll` is not installed; nothing was regenerated.\n"
              "Install Jekyll 4.3.1 (e.g. `apt install jekyll`) to refresh the expected HTML.",
              file=sys.stderr)
        return 1
    names = argv or sorted(p.stem for p in CORPUS.glob("*.md"))
    with tempfile.TemporaryDirectory(prefix="liquidsite-md-") as tmp:
        site = Path(tmp) / "site"
        site.mkdir()
        (site / "_config.yml").write_text("title: corpus\n", encoding="utf-8")
        for name in names:
            text = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
            (site / f"{name}.md").write_text(FRONT_MATTER + text, encoding="utf-8")
        cmd = [jekyll, "build", "--quiet", "-s", str(site), "-d", str(site / "_site")]
        faketime = shutil.which("faketime")
        if faketime:
            cmd = [faketime, "-f", "@2026-01-01 00:00:00", *cmd]
        subprocess.run(cmd, check=True, cwd=tmp)
        for name in names:
            out = site / "_site" / f"{name}.html"
            shutil.copyfile(out, CORPUS / f"{name}.html")
    print(f"regen_markdown: wrote {len(names)} expected HTML files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
