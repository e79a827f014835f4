"""The examples in the public API's docstrings run (doctest)."""

from __future__ import annotations

import doctest
import importlib
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES

MODULES = [
    "liquidsite",
    "liquidsite.site",
    "liquidsite.plugins",
    "liquidsite.testing",
    "liquidsite.testing.golden",
    "liquidsite.testing.html",
    "liquidsite.testing.strategies",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Examples name the example site as `fixtures/ikim` and may write under `tmp_path`.
    shutil.copytree(FIXTURES / "ikim", tmp_path / "fixtures" / "ikim", ignore=shutil.ignore_patterns("expected*"))
    monkeypatch.chdir(tmp_path)
    module = importlib.import_module(name)
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = finder.find(module, name, extraglobs={"tmp_path": tmp_path})
    examples = 0
    for test in tests:
        if test.filename and not test.filename.startswith(str(Path(module.__file__ or "").parent)):
            continue
        examples += len(test.examples)
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0
    assert examples > 0, f"{name} has no docstring examples"
