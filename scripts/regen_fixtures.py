#!/usr/bin/env python3
"""Rebuild every fixture's expected output tree with the real Jekyll.

Each folder under ``fixtures/`` is a Jekyll site.  Its builds are listed in
an optional ``fixture.yml``::

    builds:
      - {expected: expected, args: []}
      - {expected: expected-drafts, args: ["--drafts", "--future"]}

Without that file there is one build, into ``expected/``.  A fixture whose
``fixture.yml`` says ``generator: manual`` (a site Jekyll cannot build here,
such as one using a plugin gem that is not installed) has hand-checked
expected files and is skipped, even when named on the command line.  Jekyll runs at a
pinned clock (``faketime``) in UTC so the trees are reproducible; the
tests give liquidsite the same instant through ``SOURCE_DATE_EPOCH``.

Usage: ``python scripts/regen_fixtures.py [NAME ...]`` (needs Debian's
``jekyll`` and ``faketime`` packages; see the README).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PINNED_EPOCH = 1767225600  # 2026-01-01 00:00:00 UTC
# Frozen, not started ("@..."): Jekyll reads the clock a second or two after
# it starts, and site.time (feeds print it) must be the pinned instant exactly.
FAKETIME = "2026-01-01 00:00:00"


def fixture_builds(site: Path) -> list[dict[str, object]]:
    """The builds a fixture asks for (see the module docstring)."""
    spec = site / "fixture.yml"
    if spec.exists():
        data = yaml.safe_load(spec.read_text(encoding="utf-8")) or {}
        if data.get("builds"):
            return list(data["builds"])
    return [{"expected": "expected", "args": []}]


def local_gem_path(site: Path, tmp: Path) -> str | None:
    """A ``GEM_PATH`` holding the fixture's ``local_gems`` (theme folders).

    ``fixture.yml`` may list folders of the fixture that Jekyll must find
    as installed gems (a theme kept beside the site).  Each folder's
    ``*.gemspec`` gives the name and version; the folder is linked into a
    temporary gem folder put in front of RubyGems' own.
    """
    spec_file = site / "fixture.yml"
    spec = yaml.safe_load(spec_file.read_text(encoding="utf-8")) or {} if spec_file.exists() else {}
    folders = spec.get("local_gems") or []
    if not folders:
        return None
    home = tmp / "gems-home"
    (home / "specifications").mkdir(parents=True)
    (home / "gems").mkdir()
    for folder in folders:
        root = (site / str(folder)).resolve()
        gemspec = next(root.glob("*.gemspec"))
        text = gemspec.read_text(encoding="utf-8")
        name = re.search(r"\.name\s*=\s*[\"']([^\"']+)", text).group(1)  # type: ignore[union-attr]
        version = re.search(r"\.version\s*=\s*[\"']([^\"']+)", text).group(1)  # type: ignore[union-attr]
        (home / "specifications" / f"{name}-{version}.gemspec").write_text(text, encoding="utf-8")
        (home / "gems" / f"{name}-{version}").symlink_to(root)
    default = subprocess.run(["gem", "env", "gempath"], capture_output=True, text=True).stdout.strip()
    return f"{home}:{default}" if default else str(home)


def jekyll_command(site: Path, dest: Path, args: list[str]) -> list[str]:
    cmd = ["jekyll", "build", "--quiet", "-s", str(site), "-d", str(dest), *args]
    if shutil.which("faketime"):
        cmd = ["faketime", "-f", FAKETIME, *cmd]
    return cmd


def is_manual(site: Path) -> bool:
    """``generator: manual`` in fixture.yml: expected files are written by hand."""
    spec = site / "fixture.yml"
    if not spec.exists():
        return False
    data = yaml.safe_load(spec.read_text(encoding="utf-8")) or {}
    return str(data.get("generator", "jekyll")) == "manual"


def regenerate(site: Path) -> None:
    if is_manual(site):
        print(f"{site.name}: skipped (generator: manual, expected files are checked by hand)")
        return
    for build in fixture_builds(site):
        target = site / str(build["expected"])
        args = [str(a) for a in build.get("args", [])]  # type: ignore[union-attr]
        with tempfile.TemporaryDirectory() as tmp:
            dest = Path(tmp) / "_site"
            env = {**os.environ, "TZ": "UTC", "SOURCE_DATE_EPOCH": str(PINNED_EPOCH)}
            env.pop("JEKYLL_ENV", None)
            gem_path = local_gem_path(site, Path(tmp))
            if gem_path:
                env["GEM_PATH"] = gem_path
            cmd = jekyll_command(site, dest, args)
            # Jekyll writes .jekyll-cache into the source; keep the fixture clean.
            proc = subprocess.run(cmd, env=env, cwd=tmp, capture_output=True, text=True)
            shutil.rmtree(site / ".jekyll-cache", ignore_errors=True)
            if proc.returncode != 0:
                sys.stderr.write(proc.stdout + proc.stderr)
                raise SystemExit(f"jekyll failed for {site.name} ({' '.join(args)})")
            if target.exists():
                shutil.rmtree(target)
            shutil.copytree(dest, target)
        print(f"{site.name}: wrote {target.relative_to(ROOT)}")


def main(argv: list[str]) -> int:
    if not shutil.which("jekyll"):
        print(
            "jekyll is not installed; on Debian: apt-get install -y jekyll faketime "
            "jekyll-theme-minima ruby-jekyll-feed ruby-jekyll-seo-tag "
            "ruby-jekyll-sitemap ruby-jekyll-paginate ruby-kramdown-parser-gfm",
            file=sys.stderr,
        )
        return 2
    names = argv or sorted(p.name for p in FIXTURES.iterdir() if (p / "_config.yml").exists())
    for name in names:
        regenerate(FIXTURES / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
