#!/usr/bin/env python3
"""Fill in the golden values of the filter cases by running the real Jekyll.

Every ``tests/filters/*.yml`` file holds a list of cases::

    cases:
    - template: '{{ s | slugify: "pretty" }}'
      vars: {s: The _config.yml file}
      config: {baseurl: /blog}        # optional site configuration

This script builds one temporary Jekyll site per distinct ``config`` (usually
one or two in all), each case a page with ``layout: null`` whose front matter
carries the variables under ``vars``; the page assigns each of them before
the case's template.  The build runs under ``faketime`` at
2026-01-01 00:00:00 UTC with ``TZ=UTC`` (Jekyll itself sets ``TZ`` from a
case's ``timezone``).  What Jekyll wrote is stored back as ``expected``; a
case whose rendering raised gets ``error`` instead, the exception's class and
message, caught by a tiny plugin that wraps ``Jekyll::Renderer#render_liquid``
(renderer.rb) so that one failing case does not stop the build.

Usage: ``python scripts/regen_filter_cases.py [tests/filters/strings.yml ...]``
Needs Ruby, ``jekyll`` (4.3.1) and ``faketime`` on the PATH.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "filters"
FAKE_NOW = "@2026-01-01 00:00:00"
ERROR_MARK = "\x00LIQUIDSITE-ERROR\x00"

# Only catches what render_liquid raises, so the other cases still build;
# the output of cases that render is untouched.
CAPTURE_PLUGIN = """
module LiquidsiteCaptureErrors
  def render_liquid(content, payload, info, path = nil)
    super
  rescue Exception => e
    "\\u0000LIQUIDSITE-ERROR\\u0000#{e.class}: #{e.message}"
  end
end
Jekyll::Renderer.prepend(LiquidsiteCaptureErrors)
"""


class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper; a named class so the style can be tuned here."""


class _QuotingDumper(yaml.SafeDumper):
    """Front matter with every string double-quoted.

    Psych reads some plain scalars differently from PyYAML (``2024-02-29
    13:14:15 +0530`` is a Time to Psych, a string to PyYAML); quoting keeps
    a case's strings strings on both sides.
    """


_QuotingDumper.add_representer(
    str, lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')
)


def load_cases(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    data.setdefault("cases", [])
    return data


def dump_cases(path: Path, data: dict[str, Any]) -> None:
    text = yaml.dump(
        data,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=100,
    )
    path.write_text(text, encoding="utf-8")


def page_source(case: dict[str, Any]) -> str:
    """The Jekyll page of one case: variables in front matter, then the template."""
    variables = case.get("vars") or {}
    front = {"layout": None, "vars": variables}
    fm = yaml.dump(front, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False)
    assigns = "".join(f"{{% assign {name} = page.vars.{name} %}}" for name in variables)
    return f"---\n{fm}---\n{assigns}{case['template']}"


def build(config: dict[str, Any], cases: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Build one site holding *cases*; return ``(kind, text)`` per case."""
    with tempfile.TemporaryDirectory(prefix="liquidsite-cases-") as tmp:
        site = Path(tmp)
        site_config = {"quiet": True, **config}
        (site / "_config.yml").write_text(yaml.safe_dump(site_config, allow_unicode=True))
        (site / "_plugins").mkdir()
        (site / "_plugins" / "capture_errors.rb").write_text(CAPTURE_PLUGIN)
        pages = site / "c"
        pages.mkdir()
        for i, case in enumerate(cases):
            (pages / f"{i:05d}.html").write_text(page_source(case), encoding="utf-8")
        env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8")
        cmd = ["faketime", "-f", FAKE_NOW, "jekyll", "build", "-s", str(site),
               "-d", str(site / "_site")]
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.stderr.write(proc.stdout + proc.stderr)
            raise SystemExit(f"jekyll build failed for config {config!r}")
        results = []
        for i in range(len(cases)):
            out = (site / "_site" / "c" / f"{i:05d}.html").read_bytes().decode("utf-8")
            if out.startswith(ERROR_MARK):
                results.append(("error", out[len(ERROR_MARK):]))
            else:
                results.append(("expected", out))
        return results


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(CASES_DIR.glob("*.yml"))
    loaded = {path: load_cases(path) for path in files}
    groups: dict[str, list[dict[str, Any]]] = {}
    for data in loaded.values():
        for case in data["cases"]:
            key = json.dumps(case.get("config") or {}, sort_keys=True, default=str)
            groups.setdefault(key, []).append(case)
    total = 0
    for key, cases in groups.items():
        for case, (kind, text) in zip(cases, build(json.loads(key), cases)):
            case.pop("expected", None)
            case.pop("error", None)
            case[kind] = text
            total += 1
    for path, data in loaded.items():
        dump_cases(path, data)
    print(f"{total} cases in {len(files)} files, {len(groups)} builds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
