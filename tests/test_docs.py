"""Every code sample in README.md and docs/ runs, and docs/ builds as a site.

Conventions for samples (see docs/index.md, "About these pages"):

* `` ```python `` blocks of one page run in order in one namespace, in a
  fresh folder that holds a copy of the example site at ``fixtures/ikim``
  and of ``docs/``.
* a block whose first line is ``# file: PATH`` (or ``<!-- file: PATH -->``)
  is written to ``PATH`` in that folder instead of being run;
* `` ```console `` blocks: each ``$ command`` runs in bash there and must
  succeed, or fail when the line ends with ``# fails``; the lines shown
  after a command must appear in what it printed (``...`` stands for
  anything);
* `` ```sh `` blocks may only install software (they need the network), or
  run a command of ``NOT_RUN`` (each says why it cannot run here), unless
  the line before the block is ``<!-- not run: REASON -->``;
* `` ```yaml `` blocks must parse, `` ```liquid `` blocks must render.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from liquidsite import Site
from liquidsite.testing import render_template

from .conftest import FIXTURES, ROOT

DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md")) + [ROOT / "README.md"]
FENCE = re.compile(r"^(?P<fence>```+)(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=fence)[ \t]*$", re.M | re.S)
FILE_MARK = re.compile(r"\A(?:#|<!--)\s*file:\s*(?P<path>\S+)\s*(?:-->)?\s*\n")
NOT_RUN_MARK = re.compile(r"<!--\s*not run:(?P<reason>[^>]*?)-->\s*\n\Z")
INSTALL = re.compile(r"^(?:sudo\s+)?(?:python3?\s+-m\s+)?(?:pip|apt-get|apt)\s+install\b")
# sh commands that are shown but not run, each with the reason.
NOT_RUN = {
    "python3 -m pytest -q": "runs this very test suite",
    "python3 scripts/regen_fixtures.py": "needs Ruby and Jekyll, which the tests must not",
    "python3 -m mypy": "the type check is kept out of the test suite",
}


@dataclass
class Block:
    lang: str
    flags: list[str]
    body: str
    line: int
    not_run: str | None = None


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for m in FENCE.finditer(text):
        words = m.group("info").split()
        if not words:
            continue  # output or plain text, not a sample
        line = text.count("\n", 0, m.start()) + 1
        before = NOT_RUN_MARK.search(text[:m.start()].rstrip() + "\n")
        reason = before.group("reason").strip() if before else None
        found.append(Block(words[0].lower(), words[1:], m.group("body"), line, reason))
    return found


def workdir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "ikim", tmp_path / "fixtures" / "ikim")
    shutil.copytree(DOCS, tmp_path / "docs", ignore=shutil.ignore_patterns("_site"))
    return tmp_path


def shell_env() -> dict[str, str]:
    env = dict(os.environ)
    # `python`, `pytest` and `liquidsite` are the ones of this interpreter.
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_CURRENT_TEST", None)
    return env


def commands(body: str) -> list[tuple[str, list[str]]]:
    """``$ command`` lines of a console block, each with the output lines shown after it."""
    found: list[tuple[str, list[str]]] = []
    for line in body.splitlines():
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found and line.strip():
            found[-1][1].append(line.strip())
    return found


def shows(output: str, line: str) -> bool:
    """Whether *output* contains *line*, where ``...`` in *line* matches anything."""
    pattern = ".*?".join(re.escape(part.strip()) for part in line.split("..."))
    return re.search(pattern, output) is not None


def run_block(block: Block, where: str, cwd: Path, namespace: dict[str, Any]) -> None:
    mark = FILE_MARK.match(block.body)
    if mark:
        target = cwd / mark.group("path")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block.body[mark.end():], encoding="utf-8")
        return
    if block.lang == "python":
        exec(compile(block.body, where, "exec"), namespace)  # noqa: S102 - our own docs
    elif block.lang == "console":
        for command, shown in commands(block.body):
            result = subprocess.run(["bash", "-eo", "pipefail", "-c", command], cwd=cwd,
                                    env=shell_env(), capture_output=True, text=True, timeout=600)
            output = result.stdout + result.stderr
            report = f"{where}\n$ {command}\n{output}"
            if command.rstrip().endswith("# fails"):
                assert result.returncode != 0, f"expected this command to fail:\n{report}"
            else:
                assert result.returncode == 0, f"command failed:\n{report}"
            for line in shown:
                assert shows(output, line), f"output lacks {line!r}:\n{report}"
    elif block.lang in ("sh", "bash") and block.not_run:
        pass  # shown only; the comment before it says why it cannot run here
    elif block.lang in ("sh", "bash"):
        for command in block.body.replace("\\\n", " ").strip().splitlines():
            parts = [part.strip() for part in command.split("&&")]
            assert all(INSTALL.match(part) or part in NOT_RUN for part in parts), (
                f"{where}: a sh sample may only install software; write commands to run "
                f"as a console block ($ command) so the tests run them: {command!r}"
            )
    elif block.lang in ("yaml", "yml"):
        yaml.safe_load(block.body)
    elif block.lang == "liquid":
        render_template(block.body, name=where)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_code_samples_run(page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cwd = workdir(tmp_path)
    monkeypatch.chdir(cwd)
    monkeypatch.syspath_prepend(str(cwd))
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    for block in blocks(page):
        run_block(block, f"{page.relative_to(ROOT).as_posix()}:{block.line}", cwd, namespace)


def test_every_docs_page_has_samples_of_known_kinds() -> None:
    known = {"python", "sh", "bash", "console", "yaml", "yml", "liquid", "html", "text", "toml",
             "diff", "markdown", "md", "ruby", "json", "css", "scss", "ini"}
    for page in PAGES:
        for block in blocks(page):
            assert block.lang in known, f"{page.name}:{block.line}: unknown sample language {block.lang!r}"


def test_docs_build_as_a_site(tmp_path: Path) -> None:
    site = Site.from_path(DOCS)
    report = site.build(tmp_path / "_site")
    assert report.warnings == []
    out = tmp_path / "_site"
    for page in DOCS.glob("*.md"):
        html = (out / page.with_suffix(".html").name).read_text(encoding="utf-8")
        assert html.startswith("<!DOCTYPE html>"), page.name
        # Links between pages point at the built pages, not at the Markdown.
        assert not re.search(r'href="[^"#:]+\.md[#"]', html), f"{page.name} links to a .md file"
    assert sorted(p.name for p in out.glob("*.md")) == [], "Markdown sources published"
    index = (out / "index.html").read_text(encoding="utf-8")
    for item in site.data["nav"]:
        assert (out / item["url"].lstrip("/")).is_file(), item["url"]
        assert item["url"] in index or item["url"].lstrip("/") in index


def test_cli_reference_names_every_command_and_flag() -> None:
    import argparse

    from liquidsite.cli import make_parser

    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    parser = make_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = []
    for name, sub in subparsers.choices.items():
        if f"`liquidsite {name}" not in text and f"`{name}`" not in text:
            missing.append(name)
        for action in sub._actions:
            if action.help == argparse.SUPPRESS:
                continue
            missing += [f"{name} {opt}" for opt in action.option_strings
                        if opt not in ("-h", "--help") and f"`{opt}" not in text and f"{opt}`" not in text]
    assert missing == [], f"docs/cli.md does not mention: {', '.join(missing)}"


# Jekyll 4.3.1's public filters (lib/jekyll/filters.rb, filters/*.rb) and
# Liquid 5.4's standard filters (lib/liquid/standardfilters.rb).
JEKYLL_FILTERS = """markdownify smartify sassify scssify slugify xml_escape cgi_escape uri_escape
normalize_whitespace number_of_words array_to_sentence_string jsonify where where_exp find find_exp
to_integer sort pop push shift unshift sample inspect date_to_string date_to_long_string
date_to_xmlschema date_to_rfc822 group_by group_by_exp absolute_url relative_url strip_index""".split()
LIQUID_FILTERS = """abs append at_least at_most base64_decode base64_encode base64_url_safe_decode
base64_url_safe_encode capitalize ceil compact concat date default divided_by downcase escape
escape_once first floor h join last lstrip map minus modulo newline_to_br plus prepend remove
remove_first remove_last replace replace_first replace_last reverse round rstrip size slice sort
sort_natural split strip strip_html strip_newlines times truncate truncatewords uniq upcase
url_decode url_encode where""".split()
# Liquid 5.4's tags (lib/liquid/tags/) and Jekyll's (lib/jekyll/tags/).
TAGS = """assign break capture case comment continue cycle decrement echo for if ifchanged include
increment liquid raw render tablerow unless # highlight include_relative link post_url""".split()
# Jekyll 4.3.1's Configuration::DEFAULTS.
CONFIG_KEYS = """source destination collections_dir cache_dir plugins_dir layouts_dir data_dir
includes_dir collections safe include exclude keep_files encoding markdown_ext strict_front_matter
show_drafts limit_posts future unpublished whitelist plugins markdown highlighter lsi
excerpt_separator incremental detach port host baseurl show_dir_listing permalink paginate_path
timezone quiet verbose defaults liquid kramdown""".split()


def compat_section(title: str) -> str:
    text = (DOCS / "compatibility.md").read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start:end if end != -1 else None]


def table_rows(section: str) -> list[list[str]]:
    # A cell may hold an escaped pipe (`a \| b`), which does not split it.
    return [[c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            for line in section.splitlines() if line.startswith("| `")]


def named(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


@pytest.mark.parametrize("title, wanted", [
    ("Liquid filters and tags", JEKYLL_FILTERS + LIQUID_FILTERS + TAGS),
    ("Configuration keys", CONFIG_KEYS),
])
def test_compatibility_lists_everything(title: str, wanted: list[str]) -> None:
    listed = {name for row in table_rows(compat_section(title)) for name in named(row[0])}
    assert sorted(set(wanted) - listed) == [], f"missing from the {title} table"


@pytest.mark.parametrize("title", ["Build features", "Configuration keys", "Liquid filters and tags"])
def test_compatibility_proofs_exist(title: str) -> None:
    # Filters and tags have a "from" column before the status.
    status_col = 2 if title == "Liquid filters and tags" else 1
    for row in table_rows(compat_section(title)):
        if not row[status_col].startswith("✅"):
            continue
        proof_cell = row[status_col + 1]
        proofs = [p for p in named(proof_cell) if "/" in p]
        assert proofs or "every fixture" in proof_cell, f"{row[0]}: ✅ needs a proof"
        for proof in proofs:
            paths = list(ROOT.glob(proof))
            assert paths, f"{row[0]}: {proof} does not exist"
            if title == "Liquid filters and tags" and proof.endswith((".yml", ".py")):
                names = named(row[0])
                body = (ROOT / proof).read_text(encoding="utf-8")
                assert any(n in body for n in names), f"{proof} never uses {names}"


@pytest.mark.parametrize("module", [
    "liquidsite", "liquidsite.testing", "liquidsite.testing.html",
    "liquidsite.testing.strategies", "liquidsite.testing.golden",
])
def test_public_names_are_documented(module: str) -> None:
    import importlib

    text = "".join((DOCS / page).read_text(encoding="utf-8") for page in ("api.md", "testing.md"))
    names = importlib.import_module(module).__all__
    assert [n for n in names if f"`{n}" not in text and f"{n}(" not in text and f".{n}`" not in text] == []
