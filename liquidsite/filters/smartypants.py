"""Placeholder, replaced below."""
from typing import Any, Mapping
def smartypants(text: str, config: Mapping[str, Any]) -> str:
    return text
