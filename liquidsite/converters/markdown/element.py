"""The element tree kramdown builds between parsing and HTML conversion.

kramdown's converter works on a tree (kramdown/element.rb), and several
parse decisions look back at it (a list item's first paragraph becomes
"transparent", an IAL attaches to the previous block, a definition list
pops the paragraph before it), so the parser builds the same tree.
"""

from __future__ import annotations

from typing import Any


class El:
    """One node: ``type`` names the kramdown element type (``p``, ``text``...)."""

    __slots__ = ("type", "value", "attr", "options", "children")

    def __init__(
        self,
        etype: str,
        value: Any = None,
        attr: dict[str, str] | None = None,
        **options: Any,
    ) -> None:
        self.type = etype
        self.value = value
        self.attr: dict[str, str] = attr if attr is not None else {}
        self.options: dict[str, Any] = options
        self.children: list[El] = []

    def ial(self) -> dict[str, Any]:
        """The element's inline attribute list, created when missing."""
        ial = self.options.get("ial")
        if ial is None:
            ial = self.options["ial"] = {}
        return ial

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"El({self.type!r}, {self.value!r}, {self.attr!r}, {self.children!r})"


#: Block-level element types (kramdown/element.rb CATEGORY).
BLOCK_TYPES = frozenset("blank p header blockquote codeblock ul ol li dl dt dd table td hr".split())
SPAN_TYPES = frozenset(
    "text a br img codespan footnote em strong entity typographic_sym smart_quote "
    "abbreviation".split()
)


def category(el: El) -> str | None:
    """``block``, ``span`` or None, as kramdown's ``Element.category`` answers."""
    if el.type in BLOCK_TYPES:
        return "block"
    if el.type in SPAN_TYPES:
        return "span"
    cat = el.options.get("category")
    return str(cat) if cat else None
