"""Converters: turn a document's body into HTML by its extension.

Each converter has Jekyll's three methods (converter.rb): ``matches(ext)``,
``output_ext(ext)`` and ``convert(content)``.  The site picks the first
converter that matches, highest priority first, as Jekyll does; ``Identity``
always matches last.
"""

from __future__ import annotations

from typing import Protocol


class Converter(Protocol):
    """What the renderer needs from a converter."""

    def matches(self, ext: str) -> bool: ...

    def output_ext(self, ext: str) -> str: ...

    def convert(self, content: str) -> str: ...


class Identity:
    """Leaves content as it is and keeps the extension (identity.rb)."""

    def matches(self, ext: str) -> bool:
        return True

    def output_ext(self, ext: str) -> str:
        return ext

    def convert(self, content: str) -> str:
        return content
