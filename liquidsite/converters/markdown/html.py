"""HTML inside Markdown: block HTML, span HTML and raw HTML bodies.

Mirrors kramdown/parser/kramdown/html.rb and the shared raw-HTML parser of
kramdown/parser/html.rb.  With Jekyll's options (``parse_block_html`` off,
``parse_span_html`` on) block elements keep their body as raw text unless
``markdown="1"`` asks otherwise; span elements have Markdown parsed inside.
"""

from __future__ import annotations

import re
from typing import Callable

from .core import DocState, StopBlockParsing
from .element import El
from .patterns import (
    HTML_ATTRIBUTE_RE,
    HTML_BLOCK_ELEMENTS,
    HTML_COMMENT_RE,
    HTML_ELEMENT,
    HTML_ELEMENTS_WITHOUT_BODY,
    HTML_INSTRUCTION_RE,
    HTML_RAW_START,
    HTML_SPAN_ELEMENTS,
    HTML_TAG_CLOSE_RE,
    HTML_TAG_RE,
    UNAME,
    WS,
    content_model,
)

_MARKDOWN_ATTR = {"0": "raw", "1": "default", "span": "span", "block": "block"}
_TRAILING_WS = re.compile(r"[ \t]*\n")
_BLOCK_TAG = re.compile(r" {0,3}" + HTML_TAG_RE.pattern, re.S)
_BLOCK_CLOSE = re.compile(r" {0,3}" + HTML_TAG_CLOSE_RE.pattern, re.S)
_BLOCK_COMMENT = re.compile(HTML_COMMENT_RE.pattern, re.S)
HTML_BLOCK_START = re.compile(rf" {{0,3}}<(?:{UNAME}|!--|/)")
HTML_SPAN_START = re.compile(rf"<(?:{UNAME}|!--|/)")
_NEWLINES = re.compile(r"\n+")

Handler = Callable[[DocState, El, bool, bool], None]


def parse_html_attributes(text: str, in_html_tag: bool) -> dict[str, str]:
    attrs: dict[str, str] = {}
    if not text:
        return attrs
    for m in HTML_ATTRIBUTE_RE.finditer(text):
        name = m.group(1).lower() if in_html_tag else m.group(1)
        val = m.group(2) if m.group(2) is not None else m.group(4)
        attrs[name] = val if val is not None else ""
    return attrs


def handle_html_start_tag(p: DocState, m: re.Match[str], handler: Handler) -> None:
    name = m.group(1)
    if name.lower() in HTML_ELEMENT:
        name = name.lower()
    closed = m.group(4) is not None
    attrs = parse_html_attributes(m.group(2), name in HTML_ELEMENT)
    el = El("html_element", name, attrs, category="block")
    p.tree.children.append(el)
    if not closed and name in HTML_ELEMENTS_WITHOUT_BODY:
        closed = True
    if name in ("script", "style"):
        _handle_raw_html_tag(p, name)
        handler(p, el, False, False)
    else:
        handler(p, el, closed, True)


def _handle_raw_html_tag(p: DocState, name: str) -> None:
    src = p.src
    rx = re.compile(rf"</{re.escape(name)}{WS}*>", re.I)
    m = rx.search(src.string, src.pos)
    target = p.tree.children[-1]
    if m:
        p.add_text(src.string[src.pos : m.start()], target, "raw")
        src.pos = m.end()
    else:
        p.add_text(src.rest(), target, "raw")
        src.pos = len(src.string)


# parse_raw_html's answer: bit 1 "plain" (see there), bit 2 "sealed": the
# body ended at the element's own end tag and every pattern tried at a ``<``
# matched, so the parse read nothing past that end tag.
_PLAIN = 1
_SEALED = 2


def parse_raw_html(p: DocState, el: El, handler: Handler) -> int:
    """Collect text, comments and nested tags until ``el``'s end tag.

    The character after ``<`` decides which of kramdown's patterns can
    match (``<!--`` a comment, ``<?`` an instruction, ``</`` an end tag, a
    name a start tag), so only that one is tried.  A nested start tag takes
    the short way when ``handler`` is kramdown's and nothing special applies
    (no ``markdown`` attribute, not script/style, no pending block IAL):
    inside a raw element its content model is raw as well.

    The answer has ``_PLAIN`` set, and ``el`` is recorded in
    ``p.plain_raw``, when everything below ``el`` came that short way: only
    text, comments, instructions and such elements, none with an IAL, so
    ``update_tree`` has nothing to do there.  ``_SEALED`` is set when the
    body ended at ``el``'s end tag and no pattern failed on the way: each
    successful match is decided by the text up to its end, so the result
    then depends on the consumed text alone (what ``raw_body`` relies on).
    """
    p.stack.append(p.tree)
    p.tree = tree = el
    children = el.children
    src = p.src
    string = src.string
    end = len(string)
    fast = handler is handle_kramdown_html_tag
    plain = True
    sealed = False
    failed = False
    while src.pos < end:
        pos = src.pos
        m = HTML_RAW_START.search(string, pos)
        if m is None:
            text = string[pos:]
            if children and children[-1].type == "text":
                children[-1].value += text
            else:
                children.append(El("text", text))
            src.pos = end
            break
        start = m.start()
        if start > pos:
            text = string[pos:start]
            if children and children[-1].type == "text":
                children[-1].value += text
            else:
                children.append(El("text", text))
        src.pos = start
        kind = string[start + 1]
        if kind == "!":
            cm = HTML_COMMENT_RE.match(string, start)
            if cm:
                src.pos = cm.end()
                children.append(El("xml_comment", cm.group(0), category="block"))
                continue
        elif kind == "?":
            im = HTML_INSTRUCTION_RE.match(string, start)
            if im:
                src.pos = im.end()
                children.append(El("xml_pi", im.group(0), category="block"))
                continue
        elif kind == "/":
            cl = HTML_TAG_CLOSE_RE.match(string, start)
            if cl:
                src.pos = cl.end()
                name = cl.group(1).lower() if tree.value in HTML_ELEMENT else cl.group(1)
                if tree.value == name:
                    sealed = True
                    break
                p.add_text(cl.group(0), tree, "text")
                continue
        else:
            tm = HTML_TAG_RE.match(string, start)
            if tm:
                src.pos = tm.end()
                name = tm.group(1)
                lower = name.lower()
                known = lower in HTML_ELEMENT
                if known:
                    name = lower
                if fast and p.block_ial is None and name != "script" and name != "style":
                    attrs = parse_html_attributes(tm.group(2), known)
                    if "markdown" not in attrs:
                        # handle_html_start_tag + handle_kramdown_html_tag, raw model
                        closed = tm.group(4) is not None or name in HTML_ELEMENTS_WITHOUT_BODY
                        child = El("html_element", name, attrs, category="block",
                                   content_model="raw", is_closed=closed)
                        children.append(child)
                        if not closed:
                            flags = parse_raw_html(p, child, handler)
                            if not flags & _PLAIN:
                                plain = False
                            if not flags & _SEALED:
                                failed = True
                        continue
                plain = False
                handle_html_start_tag(p, tm, handler)
                continue
        failed = True
        p.add_text(src.getch(), tree, "text")
    p.tree = p.stack.pop()
    if plain:
        p.plain_raw.add(id(el))
    return (_PLAIN if plain else 0) | (_SEALED if sealed and not failed else 0)


class RawBody:
    """A plain raw HTML body as parsed once: the text it was parsed from
    (up to and including the element's end tag), the elements, and the
    HTML they render to with the default rules (set on first render)."""

    __slots__ = ("source", "children", "html")

    def __init__(self, source: str, children: list[El]) -> None:
        self.source = source
        self.children = children
        self.html: str | None = None


_CLOSE_BY_NAME: dict[str, re.Pattern[str]] = {}


def _close_tag(name: str) -> re.Pattern[str]:
    """The end tag parse_raw_html accepts for ``name`` (case-blind when known)."""
    rx = _CLOSE_BY_NAME.get(name)
    if rx is None:
        flags = re.I if name in HTML_ELEMENT else 0
        rx = _CLOSE_BY_NAME[name] = re.compile(rf"</{re.escape(name)}{WS}*>", flags)
    return rx


def raw_body(p: DocState, el: El) -> None:
    """parse_raw_html for a block element's raw body, shared between documents.

    Templates put the same HTML into many pages.  A sealed, plain body
    depends only on its text (and the element's name), so it is kept in
    the rule set's ``raw_bodies``, found by the text up to the first
    possible end tag and confirmed by comparing the whole text it was
    parsed from.  The elements are shared: nothing after parsing changes a
    plain body (``update_tree`` and ``update_elements`` skip it).
    """
    src = p.src
    string, pos = src.string, src.pos
    bodies = p.rules.raw_bodies
    cm = _close_tag(el.value).search(string, pos)
    key = (el.value, string[pos : cm.end()]) if cm is not None else None
    if key is not None:
        body = bodies.get(key)
        if body is not None and string.startswith(body.source, pos):
            el.children = list(body.children)
            el.options["raw_body"] = body
            src.pos = pos + len(body.source)
            p.plain_raw.add(id(el))
            return
    flags = parse_raw_html(p, el, handle_kramdown_html_tag)
    if key is not None and flags == _PLAIN | _SEALED:
        if len(bodies) >= _RAW_BODIES_MAX:
            bodies.clear()
        body = RawBody(string[pos : src.pos], list(el.children))
        bodies[key] = body
        el.options["raw_body"] = body


_RAW_BODIES_MAX = 512


def handle_kramdown_html_tag(p: DocState, el: El, closed: bool, handle_body: bool) -> None:
    if p.block_ial is not None:
        el.options["ial"] = p.block_ial
        p.block_ial = None
    tree = p.tree
    if tree.type != "html_element" or tree.options.get("content_model") != "raw":
        model = content_model(el.value) if p.options.get("parse_block_html") else "raw"
    else:
        model = "raw"
    val = _MARKDOWN_ATTR.get(el.attr.pop("markdown", ""))
    if val is not None:
        model = content_model(el.value) if val == "default" else val
    src = p.src
    if model == "block":
        src.scan(_TRAILING_WS)
    el.options["content_model"] = model
    el.options["is_closed"] = closed
    if not closed and handle_body:
        if model == "block":
            p.parse_blocks(el)
        elif model == "span":
            rx = re.compile(rf"</{re.escape(el.value)}{WS}*>", re.I)
            m = rx.search(src.string, src.pos)
            if m:
                p.add_text(src.string[src.pos : m.start()], el)
                src.pos = m.start()
                src.scan(HTML_TAG_CLOSE_RE)
            else:
                p.add_text(src.rest(), el)
                src.pos = len(src.string)
        elif p.block_ial is None:
            raw_body(p, el)
        else:
            parse_raw_html(p, el, handle_kramdown_html_tag)
        if not (p.tree.type == "html_element" and p.tree.options.get("content_model") == "raw"):
            src.scan(_TRAILING_WS)


def block_html(p: DocState) -> bool:
    src = p.src
    cm = _BLOCK_COMMENT.match(src.string, src.pos)
    if cm:
        src.pos = cm.end()
        p.tree.children.append(El("xml_comment", cm.group(0), category="block"))
        src.scan(_TRAILING_WS)
        return True
    tm = _BLOCK_TAG.match(src.string, src.pos)
    if tm and tm.group(1).lower() not in HTML_SPAN_ELEMENTS:
        src.pos = tm.end()
        handle_html_start_tag(p, tm, handle_kramdown_html_tag)
        return True
    cl = _BLOCK_CLOSE.match(src.string, src.pos)
    if cl and cl.group(1).lower() not in HTML_SPAN_ELEMENTS:
        name = cl.group(1).lower()
        if p.tree.type == "html_element" and p.tree.value == name:
            src.pos = cl.end()
            raise StopBlockParsing("found")
    return False


def span_html(p: DocState) -> None:
    src = p.src
    cm = HTML_COMMENT_RE.match(src.string, src.pos)
    if cm:
        src.pos = cm.end()
        p.tree.children.append(El("xml_comment", cm.group(0), category="span"))
        return
    cl = HTML_TAG_CLOSE_RE.match(src.string, src.pos)
    if cl:
        src.pos = cl.end()
        p.add_text(cl.group(0))
        return
    tm = HTML_TAG_RE.match(src.string, src.pos)
    if tm is None:
        p.add_text(src.getch())
        return
    src.pos = tm.end()
    tag = tm.group(1)
    if tag.lower() in HTML_ELEMENT:
        tag = tag.lower()
    if tag in HTML_BLOCK_ELEMENTS:
        p.add_text(tm.group(0))
        return
    attrs = parse_html_attributes(tm.group(2), tag in HTML_ELEMENT)
    for k, v in attrs.items():
        if v:
            attrs[k] = _NEWLINES.sub(" ", v)
    if content_model(tag) == "raw" or p.tree.options.get("content_model") == "raw":
        do_parsing = False
    else:
        do_parsing = bool(p.options.get("parse_span_html", True))
    val = _MARKDOWN_ATTR.get(attrs.pop("markdown", ""))
    if val == "span":
        do_parsing = True
    elif val == "default":
        do_parsing = content_model(tag) != "raw"
    elif val == "raw":
        do_parsing = False
    is_closed = tm.group(4) is not None
    el = El("html_element", tag, attrs, category="span",
            content_model="span" if do_parsing else "raw", is_closed=is_closed)
    p.tree.children.append(el)
    flags = re.I if tag in HTML_ELEMENT else 0
    stop_re = re.compile(rf"</{re.escape(tag)}{WS}*>", flags)
    if not is_closed and tag not in HTML_ELEMENTS_WITHOUT_BODY:
        if p.parse_spans(el, stop_re, None if do_parsing else ("span_html",)):
            src.scan(stop_re)
        else:
            p.add_text(src.rest(), el)
            src.pos = len(src.string)
