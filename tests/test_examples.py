"""The examples in examples/ work: the library script, the CI step and the pytest file."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT
from .test_docs import shell_env

EXAMPLES = ROOT / "examples"


def same_tree(a: Path, b: Path) -> list[str]:
    """Relative paths whose presence or bytes differ between two folders."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(files_a ^ files_b)
    differ += [f for f in sorted(files_a & files_b) if (a / f).read_bytes() != (b / f).read_bytes()]
    return differ


def test_library_example_builds_the_site(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = subprocess.run([sys.executable, str(EXAMPLES / "build_site.py"), str(FIXTURES / "ikim"), str(out)],
                            capture_output=True, text=True, env=shell_env())
    assert result.returncode == 0, result.stderr
    assert f"-> {out}" in result.stdout
    assert same_tree(out, FIXTURES / "ikim" / "expected") == []


def test_library_example_reports_errors(tmp_path: Path) -> None:
    site = tmp_path / "broken"
    site.mkdir()
    (site / "index.html").write_text("---\n---\n{% if x %}\n")
    result = subprocess.run([sys.executable, str(EXAMPLES / "build_site.py"), str(site), str(tmp_path / "o")],
                            capture_output=True, text=True, env=shell_env())
    assert result.returncode == 1
    assert "index.html:3" in result.stderr


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX sh")
def test_ci_step_replaces_jekyll_build(tmp_path: Path) -> None:
    env = shell_env()
    env.update(SITE=str(FIXTURES / "ikim"), OUT=str(tmp_path / "public"), LIQUIDSITE_SPEC="",
               PYTHON=sys.executable, JEKYLL_ENV="development")
    result = subprocess.run(["sh", str(EXAMPLES / "ci" / "build.sh")], capture_output=True, text=True,
                            env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert same_tree(tmp_path / "public", FIXTURES / "ikim" / "expected") == []


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs a POSIX sh")
def test_ci_step_fails_on_warnings(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.md").write_text("---\nlayout: missing\n---\nhi\n")
    env = shell_env()
    env.update(SITE=str(site), OUT=str(tmp_path / "public"), LIQUIDSITE_SPEC="", PYTHON=sys.executable)
    result = subprocess.run(["sh", str(EXAMPLES / "ci" / "build.sh")], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    assert "Layout 'missing'" in result.stderr


def test_ci_workflow_runs_the_build_step() -> None:
    workflow = yaml.safe_load((EXAMPLES / "ci" / "workflow.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step.get("run", "") for step in steps]
    assert "sh examples/ci/build.sh" in runs
    build = next(step for step in steps if step.get("run") == "sh examples/ci/build.sh")
    assert build["env"]["OUT"] == next(s for s in steps if "upload-artifact" in s.get("uses", ""))["with"]["path"]


def test_pytest_example_passes(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(EXAMPLES / "test_institute.py")],
        capture_output=True, text=True, env=shell_env(), cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 passed" in result.stdout


def test_pytest_example_fails_when_the_template_breaks(tmp_path: Path) -> None:
    # A copy of the example and of the site, with the board loop broken.
    shutil.copytree(FIXTURES / "ikim", tmp_path / "fixtures" / "ikim", ignore=shutil.ignore_patterns("expected*"))
    (tmp_path / "examples").mkdir()
    shutil.copy(EXAMPLES / "test_institute.py", tmp_path / "examples")
    page = tmp_path / "fixtures" / "ikim" / "institute.md"
    page.write_text(page.read_text(encoding="utf-8").replace("contains 'board'", "contains 'head'"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "examples/test_institute.py"],
        capture_output=True, text=True, env=shell_env(), cwd=tmp_path,
    )
    assert result.returncode == 1
    assert "2 failed, 2 passed" in result.stdout, result.stdout
