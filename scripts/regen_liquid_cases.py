#!/usr/bin/env python3
"""Fill in the golden values of the Liquid dialect cases by running Jekyll.

The ``tests/liquid/*.yml`` files use the format of the filter cases
(see scripts/regen_filter_cases.py, whose helpers are reused here)::

    cases:
    - template: '{% if a && b %}y{% endif %}'
      vars: {a: true, b: false}
      config: {liquid: {error_mode: strict}}   # optional

Besides ``expected`` (or ``error``) each case records ``warnings``: the
``Liquid Warning:`` lines Jekyll logged while parsing the page (renderer.rb
``render_liquid``), with the page's path replaced by ``PATH``.  A small
plugin wraps ``Jekyll::Renderer#render_liquid`` to catch exceptions (so one
failing case does not stop the build) and to write the parse warnings of
each page to a side file.

Usage: ``python scripts/regen_liquid_cases.py [tests/liquid/tags.yml ...]``
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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from regen_filter_cases import FAKE_NOW, dump_cases, load_cases, page_source  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASES_DIR = ROOT / "tests" / "liquid"
ERROR_MARK = "\x00LIQUIDSITE-ERROR\x00"

CAPTURE_PLUGIN = """
require "json"
module LiquidsiteCaptureLiquid
  def render_liquid(content, payload, info, path = nil)
    begin
      template = site.liquid_renderer.file(path).parse(content)
      lines = template.warnings.map { |e| Jekyll::LiquidRenderer.format_error(e, "PATH") }
    rescue Exception
      lines = []
    end
    File.open(ENV["LIQUIDSITE_WARNINGS"], "a") do |f|
      f.puts(JSON.generate({"path" => path.to_s, "warnings" => lines}))
    end
    super
  rescue Exception => e
    "\\u0000LIQUIDSITE-ERROR\\u0000#{e.class}: #{e.message}"
  end
end
Jekyll::Renderer.prepend(LiquidsiteCaptureLiquid)
"""


def build(config: dict[str, Any], cases: list[dict[str, Any]]) -> list[tuple[str, str, list[str]]]:
    """Build one site holding *cases*; return ``(kind, text, warnings)`` per case."""
    with tempfile.TemporaryDirectory(prefix="liquidsite-liquid-") as tmp:
        site = Path(tmp)
        site_config = {"quiet": True, **config}
        (site / "_config.yml").write_text(yaml.safe_dump(site_config, allow_unicode=True))
        (site / "_plugins").mkdir()
        (site / "_plugins" / "capture_liquid.rb").write_text(CAPTURE_PLUGIN)
        includes = site / "_includes"
        includes.mkdir()
        (includes / "greet.html").write_text("Hi {{ include.who }}{{ who }}!")
        (includes / "snippet.liquid").write_text("[{{ who }}]")
        pages = site / "c"
        pages.mkdir()
        for i, case in enumerate(cases):
            (pages / f"{i:05d}.html").write_text(page_source(case), encoding="utf-8")
        warn_file = site.parent / f"{site.name}-warnings.jsonl"
        env = dict(os.environ, TZ="UTC", LC_ALL="C.UTF-8", LANG="C.UTF-8",
                   LIQUIDSITE_WARNINGS=str(warn_file))
        cmd = ["faketime", "-f", FAKE_NOW, "jekyll", "build", "-s", str(site),
               "-d", str(site / "_site")]
        try:
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                sys.stderr.write(proc.stdout + proc.stderr)
                raise SystemExit(f"jekyll build failed for config {config!r}")
            warned: dict[str, list[str]] = {}
            for line in warn_file.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                warned[Path(record["path"]).stem] = record["warnings"]
        finally:
            warn_file.unlink(missing_ok=True)
        results = []
        for i in range(len(cases)):
            out = (site / "_site" / "c" / f"{i:05d}.html").read_text(encoding="utf-8")
            warnings = warned.get(f"{i:05d}", [])
            if out.startswith(ERROR_MARK):
                results.append(("error", out[len(ERROR_MARK):], warnings))
            else:
                results.append(("expected", out, warnings))
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
        for case, (kind, text, warnings) in zip(cases, build(json.loads(key), cases)):
            for old in ("expected", "error", "warnings"):
                case.pop(old, None)
            case[kind] = text
            if warnings:
                case["warnings"] = warnings
            total += 1
    for path, data in loaded.items():
        dump_cases(path, data)
    print(f"{total} cases in {len(files)} files, {len(groups)} builds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
