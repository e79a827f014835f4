"""Shared test setup: the pinned clock and zone the fixtures were built at."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
PINNED_EPOCH = "1767225600"  # 2026-01-01 00:00:00 UTC, as scripts/regen_fixtures.py


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch):
    """Every test sees the instant and zone Jekyll built the fixtures at."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", PINNED_EPOCH)
    monkeypatch.setenv("TZ", "UTC")
    monkeypatch.delenv("JEKYLL_ENV", raising=False)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
