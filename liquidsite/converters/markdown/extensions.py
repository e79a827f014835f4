"""``{::comment}``, ``{::nomarkdown}``, ``{::options /}`` and span IALs.

Mirrors kramdown/parser/kramdown/extensions.rb.
"""

from __future__ import annotations

import re
from typing import Any

from .core import DocState
from .element import El
from .patterns import EXT_SPAN_START, IAL_SPAN_START, WS

_BLOCK_STOP = " {{0,3}}\\{{:/({name})?\\}}{ws}*?\\n"
_SPAN_STOP = "\\{{:/({name})?\\}}"

#: Options that ``{::options key="value" /}`` may change, with their parsers.
_INLINE_OPTIONS = {
    "auto_ids": "bool", "auto_id_prefix": "str", "auto_id_stripping": "bool",
    "transliterated_header_ids": "bool", "parse_block_html": "bool",
    "parse_span_html": "bool", "html_to_native": "bool", "footnote_nr": "int",
    "entity_output": "sym", "toc_levels": "levels", "line_width": "int",
    "smart_quotes": "list", "typographic_symbols": "raw", "footnote_backlink": "str",
    "footnote_backlink_inline": "bool", "header_offset": "int", "hard_wrap": "bool",
    "remove_block_html_tags": "bool", "remove_span_html_tags": "bool",
    "footnote_prefix": "str", "math_engine": "sym", "syntax_highlighter": "sym",
    "gfm_quirks": "raw", "forbidden_inline_options": "raw", "template": "str",
    "link_defs": "raw", "abbrev_defs": "raw", "latex_headers": "raw",
    "auto_ids_prefix": "str", "enable_coderay": "bool", "coderay": "raw",
    "syntax_highlighter_opts": "raw", "math_engine_opts": "raw", "list_indent": "int",
    "remove_line_breaks_for_cjk": "bool", "show_warnings": "bool",
}


def _parse_option(kind: str, value: str) -> Any:
    """kramdown/options.rb ``Options.parse`` plus the option's validator."""
    if kind == "bool":
        return value.lower().strip() != "false" and value != ""
    if kind == "int":
        return int(value)
    if kind == "sym":
        value = value.strip().lstrip(":")
        return None if value in ("", "nil") else value
    if kind == "levels":
        m = re.fullmatch(r"(\d)\.\.(\d)", value)
        if m:
            levels = list(range(int(m.group(1)), int(m.group(2)) + 1))
        elif re.fullmatch(r"\d(?:,\d)*", value):
            levels = list(dict.fromkeys(int(v) for v in value.split(",")))
        else:
            raise ValueError(value)
        if any(not 1 <= v <= 6 for v in levels):
            raise ValueError(value)
        return levels
    if kind == "list":
        parts = value.split(",")
        if len(parts) != 4:
            raise ValueError(value)
        return parts
    return value


def parse_extension_start_tag(p: DocState, type: str) -> bool:
    src = p.src
    m = src.m
    assert m is not None
    saved = src.pos
    src.pos = m.end()

    def error() -> bool:
        src.pos = saved
        if type == "span":
            p.add_text(src.getch())
        return False

    if m.group(4) is not None or m.group(0) == "{:/}" or m.group(0).strip() == "{:/}":
        return error()
    ext = m.group(1)
    if ext is None:
        return error()
    opts: dict[str, Any] = {}
    p.parse_attribute_list(m.group(2) or "", opts)
    body = None
    if not m.group(3):
        if type == "block":
            stop = re.compile(_BLOCK_STOP.format(name=re.escape(ext), ws=WS), re.M)
        else:
            stop = re.compile(_SPAN_STOP.format(name=re.escape(ext)))
        sm = stop.search(src.string, src.pos)
        if sm is None:
            return error()
        body = src.string[src.pos : sm.start()]
        src.pos = sm.end()
        if type == "block" and body.endswith("\n"):
            body = body[:-1]
    if not handle_extension(p, ext, opts, body, type):
        return error()
    return True


def handle_extension(p: DocState, name: str, opts: dict[str, Any], body: str | None,
                     type: str) -> bool:
    if name == "comment":
        if body is not None:
            p.tree.children.append(El("comment", body, category=type))
        return True
    if name == "nomarkdown":
        if body is not None:
            p.tree.children.append(
                El("raw", body, category=type, type=str(opts.get("type", "")).split()))
        return True
    if name == "options":
        for key, value in opts.items():
            kind = _INLINE_OPTIONS.get(key)
            if kind is None or key == "forbidden_inline_options":
                continue
            try:
                p.options[key] = _parse_option(kind, value)
            except ValueError:
                pass
        if type == "block":
            p.tree.children.append(p.new_block_el("eob", "extension"))
        return True
    return False


def span_extensions(p: DocState) -> None:
    """parse_span_extensions: ``{::ext}`` inline, or an IAL for the last span."""
    src = p.src
    if src.check(EXT_SPAN_START):
        parse_extension_start_tag(p, "span")
        return
    m = src.check(IAL_SPAN_START)
    if m is not None:
        children = p.tree.children
        last = children[-1] if children else None
        if last is not None and last.type != "text":
            src.pos = m.end()
            attr: dict[str, Any] = {}
            p.parse_attribute_list(m.group(1), attr)
            p.update_ial_with_ial(last.ial(), attr)
            p.update_attr_with_ial(last.attr, attr)
            return
    p.add_text(src.getch())
