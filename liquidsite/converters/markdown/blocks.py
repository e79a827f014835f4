"""Block rules: blank lines, code, blockquotes, headers, rules, paragraphs.

Each rule mirrors one kramdown block parser (kramdown/parser/kramdown/*.rb,
with kramdown-parser-gfm's replacements from gfm.rb).  A rule is called when
its ``start_re`` matches at the scanner position and returns True when it
consumed input.
"""

from __future__ import annotations

import re

from .core import DocState
from .element import El
from .patterns import (
    ALD_START,
    ATX_HEADER_START,
    BLANK_LINE,
    BLOCKQUOTE_START,
    EXT_BLOCK_START,
    HR_START,
    IAL_BLOCK,
    IAL_BLOCK_START,
    LAZY_END_HTML_START,
    LAZY_END_HTML_STOP,
    INDENT,
    LAZY_END_RE,
    NWS,
    PARAGRAPH_END,
    PARAGRAPH_MATCH,
    STRIP,
    WS,
)


def blank_line(p: DocState) -> bool:
    """blank_line.rb: consecutive blank lines become one ``blank`` element."""
    src = p.src
    matched = src.m.group(0)  # type: ignore[union-attr]
    src.pos += len(matched)
    children = p.tree.children
    if children and children[-1].type == "blank":
        children[-1].value += matched
    else:
        children.append(p.new_block_el("blank", matched))
    return True


def eob_marker(p: DocState) -> bool:
    """eob.rb: a line with a single ``^`` ends the current block."""
    p.src.pos = p.src.m.end()  # type: ignore[union-attr]
    p.tree.children.append(p.new_block_el("eob"))
    return True


# codeblock.rb CODEBLOCK_MATCH: indented lines, blank lines between them, and
# lazy continuation lines that do not start another block construct.
CODEBLOCK_MATCH = re.compile(
    rf"(?:(?:{WS}*\n)?(?:(?:\t| {{4}})[ \t]*{NWS}.*\n)+"
    rf"(?:(?! {{0,3}}{IAL_BLOCK}|\^{WS}*?\n| {{0,3}}{LAZY_END_HTML_STOP}| {{0,3}}{LAZY_END_HTML_START})"
    rf"[ \t]*{NWS}.*\n)*)*",
    re.M,
)
_CODE_LAZY_FIX = re.compile(rf"\n( {{0,3}}{NWS})")


def codeblock(p: DocState) -> bool:
    """codeblock.rb: indented code; lazy lines are joined with a space."""
    src = p.src
    data = src.scan(CODEBLOCK_MATCH) or ""
    if not data:
        # An indent followed by a vertical tab or form feed starts a code
        # block that the pattern cannot take: kramdown loops forever on it
        # (so does Jekyll); here the line is left to the other rules.
        return False
    data = _CODE_LAZY_FIX.sub(r" \1", data)
    data = INDENT.sub("", data)
    p.tree.children.append(p.new_block_el("codeblock", data))
    return True


# gfm.rb FENCED_CODEBLOCK_MATCH (backticks or tildes, info string up to ``?``).
FENCED_CODEBLOCK_MATCH = re.compile(
    rf" {{0,3}}(([~`]){{3,}}){WS}*?(({NWS}+?)(?:\?{NWS}*)?)?{WS}*?\n(.*?)^ {{0,3}}\1\2*{WS}*?\n",
    re.M | re.S,
)


def codeblock_fenced(p: DocState) -> bool:
    src = p.src
    m = src.check(FENCED_CODEBLOCK_MATCH)
    if m is None:
        return False
    src.pos = m.end()
    el = p.new_block_el("codeblock", m.group(5), fenced=True)
    lang = (m.group(3) or "").strip()
    if lang:
        el.options["lang"] = lang
        el.attr["class"] = f"language-{m.group(4)}"
    p.tree.children.append(el)
    return True


def blockquote(p: DocState) -> bool:
    """blockquote.rb: collect lines up to a lazy end, strip ``>`` markers."""
    src = p.src
    parts = [src.scan(PARAGRAPH_MATCH) or ""]
    while not LAZY_END_RE.match(src.string, src.pos):
        parts.append(src.scan(PARAGRAPH_MATCH) or "")
    result = _BQ_STRIP.sub("", "".join(parts))
    el = p.new_block_el("blockquote")
    p.tree.children.append(el)
    p.parse_blocks(el, result)
    return True


_BQ_STRIP = re.compile(r"^ {0,3}> ?", re.M)

_NAME_START = (
    ":A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
    "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd"
    "\U00010000-\U000effff"
)
HEADER_ID = re.compile(
    rf"[\t ]{{#(?P<id>[{_NAME_START}][{_NAME_START}\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]*)}}\Z"
)


def parse_header_contents(text: str) -> tuple[str, str | None]:
    """header.rb: strip trailing space and an optional ``{#id}``."""
    text = text.rstrip()
    m = HEADER_ID.search(text)
    if m:
        return text[: m.start()].rstrip(), m.group("id")
    return text, None


def add_header(p: DocState, level: int, text: str, hid: str | None, end: int) -> None:
    p.src.pos = end
    el = p.new_block_el("header", level=level, raw_text=text)
    p.add_text(text, el)
    if hid:
        el.attr["id"] = hid
    p.tree.children.append(el)


_ATX_TRAIL = re.compile(r"[\t ]#+\Z")


def atx_header(p: DocState) -> bool:
    """gfm.rb parse_atx_header_gfm_quirk: no blank line needed before it."""
    m = p.src.m
    assert m is not None
    text, hid = parse_header_contents(m.group("contents"))
    t2 = _ATX_TRAIL.sub("", text, count=1)
    if t2 != text:
        text = t2.rstrip()
    if not text:
        return False
    add_header(p, len(m.group("level")), text, hid, m.end())
    return True


def after_block_boundary(p: DocState) -> bool:
    """block_boundary.rb."""
    children = p.tree.children
    if not children:
        return True
    last = children[-1]
    return last.type == "blank" or (last.type == "eob" and last.value is None) or bool(p.block_ial)


def setext_header(p: DocState) -> bool:
    if not after_block_boundary(p):
        return False
    m = p.src.m
    assert m is not None
    text, hid = parse_header_contents(m.group("contents"))
    if not text:
        return False
    add_header(p, 2 if m.group("level") == "-" else 1, text, hid, m.end())
    return True


def horizontal_rule(p: DocState) -> bool:
    p.src.pos = p.src.m.end()  # type: ignore[union-attr]
    p.tree.children.append(p.new_block_el("hr"))
    return True


def paragraph(p: DocState) -> bool:
    """paragraph.rb with GFM's ``paragraph_end``: lines until a block start."""
    src = p.src
    string = src.string
    start = pos = src.pos
    m = PARAGRAPH_MATCH.match(string, pos)
    if m is not None:
        pos = m.end()
    while not PARAGRAPH_END.match(string, pos):
        m = PARAGRAPH_MATCH.match(string, pos)
        if m is None:
            break
        pos = m.end()
    src.pos = pos
    # The lines read follow each other: their text is one slice.
    result = string[start:pos].rstrip(STRIP)
    children = p.tree.children
    last = children[-1] if children else None
    if last is not None and last.type == "p":
        last_item = last.children[-1] if last.children else None
        if last_item is not None and last_item.type == p.text_type:
            joiner = "  \n" if string[max(0, start - 3) : start] == "  \n" else "\n"
            last_item.value += joiner + result
        else:
            p.add_text(result, last)
    else:
        el = p.new_block_el("p")
        children.append(el)
        result = result.lstrip(STRIP)
        if result:  # what add_text does to an empty element
            el.children.append(El(p.text_type, result))
    return True


LINK_DEFINITION_START = re.compile(
    r" {0,3}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))"
    r"(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?([\"'])(.+?)\4)?[ \t]*?\n"
)


def normalize_link_id(text: str) -> str:
    return _WS_RUN.sub(" ", text).lower()


_WS_RUN = re.compile(r"[ \t\n\r\f\v]+")


def link_definition(p: DocState) -> bool:
    """link.rb parse_link_definition."""
    m = p.src.m
    assert m is not None
    if m.group(3) and re.search(r"[ \t]+[\"']", m.group(3)):
        return False
    p.src.pos = m.end()
    link_id = normalize_link_id(m.group(1))
    el = p.new_block_el("eob", "link_def")
    p.tree.children.append(el)
    p.link_defs[link_id] = [m.group(2) if m.group(2) is not None else m.group(3), m.group(5), el]
    return True


def block_extensions(p: DocState) -> bool:
    """extensions.rb parse_block_extensions: ALDs, ``{::ext}`` and block IALs."""
    src = p.src
    if src.scan(ALD_START):
        m = src.m
        assert m is not None
        p.parse_attribute_list(m.group(2), p.alds.setdefault(m.group(1), {}))
        p.tree.children.append(p.new_block_el("eob", "ald"))
        return True
    if src.check(EXT_BLOCK_START):
        from .extensions import parse_extension_start_tag

        return parse_extension_start_tag(p, "block")
    if src.scan(IAL_BLOCK_START):
        m = src.m
        assert m is not None
        children = p.tree.children
        last = children[-1] if children else None
        if last is not None and last.type != "blank" and (
            last.type != "eob" or last.value in ("link_def", "abbrev_def", "footnote_def")
        ):
            p.parse_attribute_list(m.group(1), last.ial())
            if not IAL_BLOCK_START.match(src.string, src.pos):
                p.tree.children.append(p.new_block_el("eob", "ial"))
        else:
            if p.block_ial is None:
                p.block_ial = {}
            p.parse_attribute_list(m.group(1), p.block_ial)
        return True
    return False


def register(rules: list[tuple[str, re.Pattern[str], object]]) -> None:
    """Add this module's rules, in kramdown's order, to ``rules``."""
    rules.extend([
        ("blank_line", BLANK_LINE, blank_line),
        ("codeblock", re.compile(r"(?:\t| {4})"), codeblock),
        ("codeblock_fenced", re.compile(r" {0,3}[~`]{3,}"), codeblock_fenced),
        ("blockquote", BLOCKQUOTE_START, blockquote),
        ("atx_header", ATX_HEADER_START, atx_header),
        ("horizontal_rule", HR_START, horizontal_rule),
    ])

