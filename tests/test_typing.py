"""The package passes ``mypy --strict`` (configured in pyproject.toml).

Run here so that a change that breaks the typed API fails the suite, not a
user's type check later.  Skips when mypy is not installed (it comes with
the ``test`` extra).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_package_is_mypy_strict_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=900
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
