"""Block math, footnote definitions and abbreviations.

Mirrors kramdown/parser/kramdown/math.rb, footnote.rb (definitions) and
abbreviation.rb (definitions and the final replacement pass over text).
"""

from __future__ import annotations

import re
from typing import Any

from .blocks import CODEBLOCK_MATCH
from .core import DocState
from .element import El
from .patterns import IAL_BLOCK, WS

BLOCK_MATH_START = re.compile(rf" {{0,3}}(\\)?\$\$(.*?)\$\$({WS}*?\n)?", re.S | re.M)
_BLOCK_BOUNDARY = re.compile(rf"{WS}*\n|\^{WS}*?\n| {{0,3}}{IAL_BLOCK}|\Z", re.M)


def block_math(p: DocState) -> bool:
    from .blocks import after_block_boundary

    src = p.src
    m = src.m
    assert m is not None
    if not after_block_boundary(p):
        return False
    if m.group(1):
        if m.group(3):
            src.scan(re.compile(r" {0,3}\\"))
        return False
    saved = src.pos
    src.pos = m.end()
    data = m.group(2).strip(" \t\n\r\f\v\0")
    if _BLOCK_BOUNDARY.match(src.string, src.pos):
        p.tree.children.append(p.new_block_el("math", data, category="block"))
        return True
    src.pos = saved
    return False


FOOTNOTE_DEFINITION_START = re.compile(
    rf" {{0,3}}\[\^([A-Za-z0-9_][A-Za-z0-9_-]*)\]:{WS}*?(.*?\n{CODEBLOCK_MATCH.pattern})", re.M)
_INDENT = re.compile(r"^(?:\t| {4})", re.M)


def footnote_definition(p: DocState) -> bool:
    src = p.src
    m = src.m
    assert m is not None
    src.pos = m.end()
    el = El("footnote_def")
    p.parse_blocks(el, _INDENT.sub("", m.group(2)))
    eob = p.new_block_el("eob", "footnote_def")
    p.tree.children.append(eob)
    p.footnotes[m.group(1)] = {"content": el, "eob": eob}
    return True


ABBREV_DEFINITION_START = re.compile(r" {0,3}\*\[(.+?)\]:(.*?)\n")


def abbrev_definition(p: DocState) -> bool:
    src = p.src
    m = src.m
    assert m is not None
    src.pos = m.end()
    eob = p.new_block_el("eob", "abbrev_def")
    p.tree.children.append(eob)
    p.root.options["abbrev_defs"][m.group(1)] = m.group(2).strip(" \t\n\r\f\v\0")
    p.root.options["abbrev_attr"][m.group(1)] = eob
    return True


def finish_abbreviations(p: DocState) -> None:
    attrs = p.root.options["abbrev_attr"]
    for k in list(attrs):
        attrs[k] = attrs[k].attr
    replace_abbreviations(p, p.root)


def _abbrev_regexps(p: DocState) -> tuple[re.Pattern[str], re.Pattern[str]]:
    keys = sorted(p.root.options["abbrev_defs"], key=len, reverse=True)
    first = "|".join(re.escape(k) for k in keys)
    return re.compile(first), re.compile(rf"(?=(?:[^A-Za-z0-9_]|^)(?:{first})(?![A-Za-z0-9_]))", re.M)


def replace_abbreviations(p: DocState, el: El, regexps: Any = None) -> None:
    if not p.root.options["abbrev_defs"]:
        return
    if regexps is None:
        regexps = _abbrev_regexps(p)
    first, last = regexps
    out: list[El] = []
    for child in el.children:
        if child.type == "text" and el.options.get("content_model") != "raw":
            if first.search(child.value):
                text = child.value
                pos = 0
                while True:
                    lm = last.search(text, pos)
                    if lm is None:
                        break
                    temp = text[pos: lm.start()]
                    pos = lm.start()
                    am = first.match(text, pos)
                    if am is None:
                        wm = re.compile(r"[^A-Za-z0-9_]|^", re.M).match(text, pos)
                        if wm is not None:
                            temp += wm.group(0)
                            pos = wm.end()
                        am = first.match(text, pos)
                    abbr = am.group(0) if am else ""
                    pos = am.end() if am else pos
                    out.append(El("text", temp))
                    out.append(El("abbreviation", abbr))
                    if am is None or (am.end() == lm.start()):
                        if am is None:
                            break
                out.append(El("text", text[pos:]))
            else:
                out.append(child)
        else:
            # A plain raw HTML body (html.parse_raw_html) has no text to
            # replace, and its elements may be shared between documents.
            if child.children and id(child) not in p.plain_raw:
                replace_abbreviations(p, child, regexps)
            out.append(child)
    el.children = out
