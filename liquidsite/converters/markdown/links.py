"""Links, images, footnote markers and inline math.

Mirrors kramdown/parser/kramdown/link.rb, footnote.rb (marker) and math.rb
(inline).  kramdown's link syntax differs from CommonMark: the text is
parsed until the matching ``]``, reference links fall back to the text
itself as id, and inline URLs may contain balanced parentheses.
"""

from __future__ import annotations

import re
from typing import Any

from .blocks import normalize_link_id
from .core import DocState
from .element import El

ESCAPED_CHARS = re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=-])")
LINK_BRACKET_STOP_RE = re.compile(r"(\])|!?\[")
LINK_PAREN_STOP_RE = re.compile(r"(\()|(\))|[ \t\n\r\f\v](?=['\"])")
LINK_INLINE_ID_RE = re.compile(r"[ \t\n\r\f\v]*?\[([^\]]+)?\]")
LINK_INLINE_TITLE_RE = re.compile(r"[ \t\n\r\f\v]*?([\"'])(.+?)\1[ \t\n\r\f\v]*?\)", re.S)
LINK_START = re.compile(r"!?\[(?=[^^])", re.S)
_ANGLE_URL = re.compile(r"\(<(.*?)>")
_CLOSE_PAREN = re.compile(r"\)")
_OPEN_PAREN = re.compile(r"\(")


def add_link(p: DocState, el: El, href: str, title: str | None, alt_text: str | None = None,
             ial: dict[str, Any] | None = None) -> None:
    el.options["ial"] = ial
    if ial:
        p.update_attr_with_ial(el.attr, ial)
    if el.type == "a":
        el.attr["href"] = href
    else:
        el.attr["src"] = href
        el.attr["alt"] = alt_text or ""
        el.children.clear()
    if title is not None:
        el.attr["title"] = title
    p.tree.children.append(el)


def link(p: DocState) -> None:
    src = p.src
    result = src.scan(LINK_START) or ""
    cur_pos = saved = src.pos
    link_type = "img" if result.startswith("!") else "a"
    if link_type == "a" and (
        p.tree.type in ("img", "a")
        or any(isinstance(t[0], El) and t[0].type in ("img", "a") for t in p.stack)
    ):
        p.add_text(result)
        return
    el = El(link_type)
    count = [1]

    def cond() -> bool:
        m = src.m
        assert m is not None
        count[0] += -1 if m.group(1) else 1
        return count[0] - sum(1 for c in el.children if c.type == "img") == 0

    found = p.parse_spans(el, LINK_BRACKET_STOP_RE, cond=cond)
    if not found:
        src.pos = saved
        p.add_text(result)
        return
    alt_text = ESCAPED_CHARS.sub(r"\1", src.string[cur_pos : src.pos])
    src.scan(LINK_BRACKET_STOP_RE)

    m = src.check(LINK_INLINE_ID_RE)
    if m is not None or not _OPEN_PAREN.match(src.string, src.pos):
        ref = None
        if m is not None:
            src.pos = m.end()
            ref = m.group(1)
        link_id = normalize_link_id(ref if ref is not None else alt_text)
        if link_id in p.link_defs:
            url, title, def_el = p.link_defs[link_id]
            add_link(p, el, url, title, alt_text, def_el.options.get("ial") if def_el else None)
        else:
            src.pos = saved
            p.add_text(result)
        return

    am = _ANGLE_URL.match(src.string, src.pos)
    if am is not None:
        src.pos = am.end()
        link_url = am.group(1)
        if src.scan(_CLOSE_PAREN):
            add_link(p, el, link_url, None, alt_text)
            return
    else:
        parts: list[str] = []
        brackets = 0
        while True:
            chunk = src.scan_until(LINK_PAREN_STOP_RE)
            if chunk is None:
                break
            parts.append(chunk)
            sm = src.m
            assert sm is not None
            if sm.group(2):
                brackets -= 1
                if brackets == 0:
                    break
            elif sm.group(1):
                brackets += 1
            else:
                break
        link_url = "".join(parts)[1:-1].strip(" \t\n\r\f\v\0")
        if brackets == 0:
            add_link(p, el, link_url, None, alt_text)
            return
    tm = src.check(LINK_INLINE_TITLE_RE)
    if tm is not None:
        src.pos = tm.end()
        add_link(p, el, link_url, tm.group(2), alt_text)
    else:
        src.pos = saved
        p.add_text(result)


FOOTNOTE_MARKER_START = re.compile(r"\[\^([A-Za-z0-9_][A-Za-z0-9_-]*)\]")


def footnote_marker(p: DocState) -> None:
    src = p.src
    m = src.m
    assert m is not None
    src.pos = m.end()
    name = m.group(1)
    fn_def = p.footnotes.get(name)
    if fn_def is None:
        p.add_text(m.group(0))
        return
    if "eob" in fn_def:
        eob = fn_def.pop("eob")
        p.update_attr_with_ial(eob.attr, eob.options.get("ial") or {})
        fn_def["attr"] = eob.attr
        fn_def["options"] = eob.options
    marker = El("footnote", fn_def["content"], fn_def["attr"], **{**fn_def["options"], "name": name})
    fn_def.setdefault("marker", []).append(marker)
    p.tree.children.append(marker)


INLINE_MATH_START = re.compile(r"\$\$(.*?)\$\$", re.S)


def inline_math(p: DocState) -> None:
    m = p.src.m
    assert m is not None
    p.src.pos = m.end()
    p.tree.children.append(El("math", m.group(1).strip(" \t\n\r\f\v\0"), category="span"))
