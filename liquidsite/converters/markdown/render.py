"""The HTML writer: kramdown's element tree to kramdown's exact HTML.

Mirrors kramdown/converter/html.rb: block elements are indented by two
spaces per nesting level, lists put a newline after ``<li>`` unless the
first paragraph is "transparent", blank lines between blocks are kept as
single newlines.  The per-type functions live in ``RULES`` (like
markdown-it's ``renderer.rules``) so a caller can override one.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .element import El
from .patterns import HTML_ELEMENTS_WITHOUT_BODY, REFERENCE_RE

_ESC = {"<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;"}
_ESC_ALL = re.compile(r"[<>&]")
_ESC_TEXT = re.compile(rf"{REFERENCE_RE}|[<>&]")
_ESC_ATTR = re.compile(rf"{REFERENCE_RE}|[<>&\"]")


def _sub(m: re.Match[str]) -> str:
    return _ESC.get(m.group(0), m.group(0))


def escape_html(text: str, kind: str = "all") -> str:
    """utils/html.rb escape_html: ``text``/``attribute`` keep entity references."""
    if "<" not in text and ">" not in text and "&" not in text and (
            kind != "attribute" or '"' not in text):
        return text  # nothing to escape (most text): skip the regex scan
    if kind == "text":
        return _ESC_TEXT.sub(_sub, text)
    if kind == "attribute":
        return _ESC_ATTR.sub(_sub, text)
    return _ESC_ALL.sub(_sub, text)


def html_attributes(attr: dict[str, Any]) -> str:
    if not attr:
        return ""
    out = []
    for k, v in attr.items():
        if v is None or (k == "id" and not str(v).strip()):
            continue
        out.append(f' {k}="{escape_html(str(v), "attribute")}"')
    return "".join(out)


Rule = Callable[["HtmlWriter", El, int], str]


class HtmlWriter:
    """Converts one element tree; holds footnote and TOC state like kramdown."""

    def __init__(self, root: El, options: dict[str, Any], rules: dict[str, Rule],
                 highlighter: Callable[[str, str | None, str], str | None]) -> None:
        self.root = root
        self.options = options
        self.rules = rules
        self.highlight = highlighter
        self.indent = 2
        self.stack: list[El] = []
        self.footnote_counter = self.footnote_start = int(options.get("footnote_nr", 1))
        self.footnotes: list[list[Any]] = []
        self.footnotes_by_name: dict[str, list[Any]] = {}
        self.footnote_location: str | None = None
        self.toc: list[tuple[int, str, list[El]]] = []
        self.toc_code: list[Any] | None = None
        self.used_ids: dict[str, int] = {}

    def convert(self, el: El, indent: int = -2) -> str:
        return self.rules[el.type](self, el, indent)

    def inner(self, el: El, indent: int) -> str:
        indent += self.indent
        self.stack.append(el)
        rules = self.rules
        out = [rules[c.type](self, c, indent) for c in el.children]
        self.stack.pop()
        return "".join(out)

    # --- entities ------------------------------------------------------------
    def entity_to_str(self, ent: Any, original: str | None = None) -> str:
        """utils/html.rb entity_to_str."""
        mode = self.options.get("entity_output", "as_char")
        c = ent.char()
        if mode == "as_char" and c is not None and (c == '"' or c not in _ESC) and _encodable(c):
            return str(c)
        if mode in ("as_input", "as_char") and original:
            return original
        if (mode == "symbolic" or (c in _ESC)) and ent.name is not None:
            return f"&{ent.name};"
        return f"&#{ent.code_point};"


def _encodable(c: str) -> bool:
    try:
        c.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def format_block(name: str, attr: dict[str, Any], body: str, indent: int) -> str:
    return f"{' ' * indent}<{name}{html_attributes(attr)}>{body}</{name}>\n"


def format_indented_block(name: str, attr: dict[str, Any], body: str, indent: int) -> str:
    return f"{' ' * indent}<{name}{html_attributes(attr)}>\n{body}{' ' * indent}</{name}>\n"


def format_span(name: str, attr: dict[str, Any], body: str) -> str:
    return f"<{name}{html_attributes(attr)}>{body}</{name}>"


__all__ = [
    "HtmlWriter", "escape_html", "html_attributes", "format_block",
    "format_indented_block", "format_span", "HTML_ELEMENTS_WITHOUT_BODY",
]
