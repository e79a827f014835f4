"""Whole small sites built from generated files: only LiquidsiteErrors escape.

Whatever the input, a build either succeeds or raises a LiquidsiteError;
nothing is written outside the destination; a failed build leaves the
previous output as it was.  The default run tries a few dozen sites; the
``fuzz`` marker runs ten thousand (``pytest -m fuzz``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liquidsite import LiquidsiteError, Site

FRAGMENTS = [
    "---\n", "title: T\n", "layout: default\n", "layout: missing\n", "permalink: /x/\n",
    "permalink: /../../escape.html\n", "tags: [a, b\n", "key: value: bad\n", "\t- tab\n",
    "{{ page.title }}", "{{ site.data.people | where_exp: 'p', 'p.a == 1' | size }}",
    "{% if page.title %}", "{% endif %}", "{% for x in (1..3) %}{{ x }}", "{% endfor %}",
    "{% include nav.html a=1 %}", "{% include ../../etc/passwd %}", "{% include {{ page.x }} %}",
    "{{ 'a' | append: 'b' | upcase }}", "{{ 1 | divided_by: 0 }}", "{% raw %}{{ x }}{% endraw %}",
    "{% assign y = 'z' %}", "{{", "{%", "}}", "%}", "# Heading\n", "* item\n", "\n\n", "text ",
    "<div>html</div>\n", "{{ content }}", "\ufeff", "é", "\r\n",
]
NAMES = ["index.md", "about.md", "a.html", "_layouts/default.html", "_includes/nav.html",
         "_data/people.yml", "_data/bad.json", "sub/page.md", "_config.yml", "static.txt",
         "_drafts/x.md", ".hidden", "x~"]

contents = st.lists(st.sampled_from(FRAGMENTS), max_size=12).map("".join)
sites = st.dictionaries(st.sampled_from(NAMES), contents, min_size=1, max_size=8)


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def check_site(files: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        src, dest = root / "src", root / "out"
        for rel, text in files.items():
            path = src / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        dest.mkdir()
        (dest / "previous.html").write_text("previous build")
        before = _snapshot(dest)
        cwd = os.getcwd()
        try:
            os.chdir(root)
            Site.from_path(src).build(dest)
        except LiquidsiteError as err:
            assert str(err)  # renders without raising
            assert _snapshot(dest) == before, "a failed build changed the destination"
        finally:
            os.chdir(cwd)
        assert sorted(p.name for p in root.iterdir()) == ["out", "src"], "wrote outside the destination"
        shutil.rmtree(src / "_site", ignore_errors=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=sites)
def test_generated_sites_fail_cleanly(files: dict[str, str]) -> None:
    check_site(files)


@pytest.mark.fuzz
@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
@given(files=sites)
def test_generated_sites_fail_cleanly_long(files: dict[str, str]) -> None:
    check_site(files)
