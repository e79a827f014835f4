"""Golden tests: every fixture site builds to exactly what Jekyll 4.3.1 wrote.

Each folder under ``fixtures/`` is a Jekyll site with one expected tree per
build listed in its ``fixture.yml`` (``expected/`` by default), produced by
``scripts/regen_fixtures.py`` with the real Jekyll.  Every file must match
byte for byte; a failure prints a unified diff of the first files that
differ.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from liquidsite import Site
from liquidsite.cli import main as cli_main

from .conftest import FIXTURES
from .fixture_requirements import unmet_requirement


def _builds() -> list[Any]:
    cases = []
    for site in sorted(p for p in FIXTURES.iterdir() if (p / "_config.yml").exists()):
        spec_file = site / "fixture.yml"
        spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {} if spec_file.exists() else {}
        builds = spec.get("builds", [{"expected": "expected", "args": []}])
        reason = unmet_requirement(site, spec)
        marks = [pytest.mark.skip(reason=reason)] if reason else []
        for build in builds:
            args = [str(a) for a in build.get("args", [])]
            cases.append(pytest.param(site.name, str(build["expected"]), args, marks=marks))
    return cases


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def assert_same_tree(expected: Path, actual: Path) -> None:
    want, got = _tree(expected), _tree(actual)
    problems: list[str] = []
    for name in sorted(set(want) - set(got)):
        problems.append(f"missing: {name}")
    for name in sorted(set(got) - set(want)):
        problems.append(f"unexpected: {name}")
    for name in sorted(set(want) & set(got)):
        if want[name] != got[name]:
            try:
                a = want[name].decode("utf-8").splitlines(keepends=True)
                b = got[name].decode("utf-8").splitlines(keepends=True)
                diff = "".join(difflib.unified_diff(a, b, f"jekyll/{name}", f"liquidsite/{name}"))
            except UnicodeDecodeError:
                diff = f"binary files differ: {name}\n"
            problems.append(diff[:4000])
    assert not problems, "\n".join(problems[:8]) + f"\n({len(problems)} files differ)"


@pytest.mark.parametrize(("name", "expected", "args"), _builds(), ids=lambda v: str(v))
def test_fixture_builds_like_jekyll(name: str, expected: str, args: list[str], tmp_path: Path) -> None:
    source = FIXTURES / name
    dest = tmp_path / "_site"
    status = cli_main(["build", "-q", "-s", str(source), "-d", str(dest), *args])
    assert status == 0
    assert_same_tree(source / expected, dest)


def test_render_page_matches_written_output() -> None:
    site = Site.from_path(FIXTURES / "ikim")
    html = site.render_page("institute.md")
    assert html.encode("utf-8") == (FIXTURES / "ikim/expected/institute.html").read_bytes()


def test_rebuild_into_existing_destination_removes_stale_files(tmp_path: Path) -> None:
    dest = tmp_path / "_site"
    (dest / "old").mkdir(parents=True)
    (dest / "old/stale.html").write_text("stale")
    (dest / ".git").mkdir()
    (dest / ".git/HEAD").write_text("ref")
    Site.from_path(FIXTURES / "ikim").build(dest)
    assert not (dest / "old").exists()
    assert (dest / ".git/HEAD").read_text() == "ref"
    shutil.rmtree(dest / ".git")
    assert_same_tree(FIXTURES / "ikim/expected", dest)


@pytest.mark.parametrize(
    ("name", "expected", "args"),
    [case for case in _builds() if not case.values[2]],
    ids=lambda v: str(v),
)
def test_fixture_rebuilt_in_one_process_like_jekyll(
    name: str, expected: str, args: list[str], tmp_path: Path
) -> None:
    # serve's rebuild: the second build copies every file from the read
    # cache, reuses what the record allows and skips outputs already written.
    from liquidsite.serve import DevServer

    source = FIXTURES / name
    dest = tmp_path / "_site"
    server = DevServer(lambda: Site.from_path(source, dest), quiet=True)
    assert server.build() and server.build()
    assert server.read_cache.hits > 0
    assert_same_tree(source / expected, dest)
