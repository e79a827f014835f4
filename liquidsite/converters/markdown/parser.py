"""Assembles the kramdown-compatible pipeline on a markdown-it-py instance.

kramdown's Markdown dialect is not CommonMark, so markdown-it's own rules
are switched off; its rulers hold kramdown's parsers instead, in kramdown's
order, with kramdown-parser-gfm's substitutions (gfm.rb).  The core ruler
runs kramdown's stages: block parsing, span parsing (``update_tree``), GFM
post-processing (``update_elements``) and abbreviation replacement.  The
result travels as a single ``kramdown_root`` token to the renderer.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.ruler import Ruler
from markdown_it.token import Token

from . import blocks, extensions, extras, html, links, spans, structures, tables
from .core import DocState, RuleSet, Scanner
from .element import El, category
from .ids import gfm_header_id
from .patterns import EOB_MARKER, HTML_ENTITY_RE, PARAGRAPH_START, SETEXT_HEADER_START

_EXT_BLOCK_FIRST = re.compile(r" {0,3}\{:")


def _span(name: str, start: str, start_re: re.Pattern[str], fn: Any,
          anchor: str | None = None, back: int = 0) -> tuple[str, Any]:
    """Tag a span rule: ``start`` is kramdown's start pattern, ``anchor`` (see
    core.SpanStarts) a pattern found within ``back`` characters after it."""
    fn.span_start = start
    fn.rule_name = name
    fn.start_re = start_re
    fn.span_anchor = start if anchor is None else anchor
    fn.span_back = back
    return name, fn


_WS_NOT_SPACE = "\t\n\r\f\v"

# When each block rule's start pattern can match, by the line's leading
# spaces (4 standing for 4 or more) and the character after them ("" at the
# end of the text): a necessary condition read off the pattern, so the rules
# that cannot match are not tried (core.RuleSet.block_rules_at).
_BLOCK_LEAD: dict[str, Any] = {
    "blank_line": lambda n, c: c != "" and c in _WS_NOT_SPACE,  # WS*\n
    "codeblock": lambda n, c: n >= 4 or (n == 0 and c == "\t"),  # (?:\t| {4})
    "codeblock_fenced": lambda n, c: n <= 3 and c in ("~", "`"),
    "blockquote": lambda n, c: n <= 3 and c == ">",
    "atx_header": lambda n, c: n == 0 and c == "#",
    "horizontal_rule": lambda n, c: n <= 3 and c in ("*", "-", "_"),
    "list": lambda n, c: n <= 3 and c != "" and c in "+*-0123456789",
    "definition_list": lambda n, c: n <= 3 and c == ":",
    "block_html": lambda n, c: n <= 3 and c == "<",
    "setext_header": lambda n, c: n <= 3 and c not in ("", "\t"),  # [^ \t] after the spaces
    "block_math": lambda n, c: n <= 3 and c in ("\\", "$"),
    "table": lambda n, c: n <= 3 and c != "" and c not in _WS_NOT_SPACE,
    "footnote_definition": lambda n, c: n <= 3 and c == "[",
    "link_definition": lambda n, c: n <= 3 and c == "[",
    "abbrev_definition": lambda n, c: n <= 3 and c == "*",
    "block_extensions": lambda n, c: n <= 3 and c == "{",
    "eob_marker": lambda n, c: n == 0 and c == "^",
    "paragraph": lambda n, c: n <= 3 and c not in ("", "\t"),  # [^ \t] after the spaces
}


def _block_rules() -> list[tuple[str, re.Pattern[str], Any]]:
    rules: list[tuple[str, re.Pattern[str], Any]] = []
    blocks.register(rules)
    rules.extend([
        ("list", structures.LIST_START_RE, structures.parse_list),
        ("definition_list", structures.DEFINITION_LIST_START, structures.parse_definition_list),
        ("block_html", html.HTML_BLOCK_START, html.block_html),
        ("setext_header", SETEXT_HEADER_START, blocks.setext_header),
        ("block_math", extras.BLOCK_MATH_START, extras.block_math),
        ("table", tables.TABLE_START, tables.parse_table),
        ("footnote_definition", extras.FOOTNOTE_DEFINITION_START,
         extras.footnote_definition),
        ("link_definition", blocks.LINK_DEFINITION_START, blocks.link_definition),
        ("abbrev_definition", extras.ABBREV_DEFINITION_START, extras.abbrev_definition),
        ("block_extensions", _EXT_BLOCK_FIRST, blocks.block_extensions),
        ("eob_marker", EOB_MARKER, blocks.eob_marker),
        ("paragraph", PARAGRAPH_START, blocks.paragraph),
    ])
    return rules


def _span_rules() -> list[tuple[str, Any]]:
    return [
        _span("emphasis", r"\*|_", re.compile(r"\*\*?|__?"), spans.emphasis),
        _span("codespan", r"`", re.compile(r"`+"), spans.codespan),
        _span("autolink", r"<", spans.AUTOLINK_START, spans.autolink),
        _span("span_html", r"<", html.HTML_SPAN_START, html.span_html),
        _span("footnote_marker", r"\[", links.FOOTNOTE_MARKER_START, links.footnote_marker),
        _span("link", r"!?\[", links.LINK_START, links.link, r"!\[|\["),
        _span("smart_quotes", r"[^\\]?[\"']", re.compile(r"[^\\]?[\"']", re.S), spans.smart_quotes,
              r"\"|'", 1),
        _span("inline_math", r"\$", links.INLINE_MATH_START, links.inline_math),
        _span("span_extensions", r"\{:", re.compile(r"\{:"), extensions.span_extensions),
        _span("html_entity", r"&", HTML_ENTITY_RE, spans.html_entity),
        _span("typographic_syms", r"--|\.\.\.|(?:\\| )?(?:<<|>>)", spans.TYPOGRAPHIC_SYMS_RE,
              spans.typographic_syms, r"--|\.\.\.|<<|>>", 1),
        _span("line_break", r"(?:  |\\\\)(?=\n)", re.compile(r"(?:  |\\\\)(?=\n)"),
              spans.line_break, r"\n(?<=  \n|\\\\\n)", 2),
        _span("escaped_chars", r"\\", re.compile(r"\\([\\.*_+`<>()\[\]{}#!:|\"'$=\-~])"),
              spans.escaped_chars),
        _span("strikethrough", r"~~",
              re.compile(r"~~(?![ \t\n\r\f\v]|~).*?[^ \t\n\r\f\v~]~~", re.S), spans.strikethrough),
    ]


def build_markdown_it(options: dict[str, Any]) -> MarkdownIt:
    """A markdown-it instance whose rulers hold the kramdown rules."""
    md = MarkdownIt("zero")
    md.block.ruler = Ruler()
    for name, start_re, fn in _block_rules():
        fn.start_re = start_re
        fn.block_lead = _BLOCK_LEAD.get(name)
        md.block.ruler.push(name, fn)
    md.inline.ruler = Ruler()
    for name, fn in _span_rules():
        md.inline.ruler.push(name, fn)
    if options.get("hard_wrap"):
        md.inline.ruler.disable("line_break")
    if "no_auto_typographic" in (options.get("gfm_quirks") or ()):
        md.inline.ruler.disable("typographic_syms")
    md.core.ruler = Ruler()
    md.core.ruler.push("kramdown", _core_rule)
    md.kramdown_options = options  # type: ignore[attr-defined]
    md.kramdown_rule_set = None  # type: ignore[attr-defined]
    return md


def _core_rule(state: StateCore) -> None:
    md = state.md
    options = dict(md.kramdown_options)  # type: ignore[attr-defined]
    root = parse_document(md, state.src, options)
    token = Token("kramdown_root", "", 0)
    token.meta = {"root": root, "options": options}
    state.tokens.append(token)


def rule_set(md: MarkdownIt) -> RuleSet:
    """The converter's RuleSet, rebuilt when the enabled rules change."""
    # The rulers hold kramdown rules, not markdown-it's (see build_markdown_it).
    block_fns: list[Any] = md.block.ruler.getRules("")
    span_fns: list[Any] = md.inline.ruler.getRules("")
    rules: RuleSet | None = md.kramdown_rule_set  # type: ignore[attr-defined]
    if rules is None or rules.block_fns is not block_fns or rules.span_fns is not span_fns:
        rules = RuleSet(block_fns, span_fns)
        md.kramdown_rule_set = rules  # type: ignore[attr-defined]
    return rules


def parse_document(md: MarkdownIt, source: str, options: dict[str, Any]) -> El:
    p = DocState(options, rule_set(md))
    source = source.replace("\r\n", "\n").replace("\r", "\n")
    # kramdown drops one final newline and adds one: a text ending in a
    # newline is parsed as it is, without the two copies.
    if not source.endswith("\n"):
        source += "\n"
    p.parse_blocks(p.root, source)
    fused = one_walk(p)
    update_tree(p, p.root, fused)
    extras.finish_abbreviations(p)
    for data in p.footnotes.values():
        update_tree(p, data["content"])
        extras.replace_abbreviations(p, data["content"])
    if not fused:
        update_elements(p, p.root)
    return p.root


def one_walk(p: DocState) -> bool:
    """Whether update_tree may do update_elements' work on the root's tree.

    Without abbreviations nothing changes that tree between the two passes
    (footnote contents are not children of it), so one walk does both;
    otherwise the abbreviation replacement comes between them.
    """
    return not p.root.options["abbrev_defs"]


def update_tree(p: DocState, element: El, with_elements: bool = False) -> None:
    """kramdown.rb ``update_tree``: parse spans, apply IALs, merge blanks.

    ``with_elements`` also does ``update_elements``'s work on the way.
    """
    find = p.span_setup(None)[0].find
    ew = _element_work(p) if with_elements else None
    _update_tree(p, element, bool(p.options.get("auto_id_stripping", True)), find, ew)


def _update_tree(p: DocState, element: El, header_raw_text: bool,
                 find: Callable[[str, int], int], ew: tuple[str, str | None] | None) -> None:
    """One level of update_tree; with ``ew`` (update_elements' hard break and
    id prefix) the element also gets what _update_elements would do to it."""
    last_blank: El | None = None
    out: list[El] = []
    split = False  # a text in ``out`` holds a hard break (ew only)
    for child in element.children:
        t = child.type
        if t == "raw_text":
            last_blank = None
            value = child.value
            if find(value, 0) < 0:
                # No span can start anywhere (most paragraphs): parse_spans
                # would add the whole text as one text element.
                if value:
                    if child.options:
                        out.append(El("text", value))
                    else:  # nothing else refers to it: reuse it
                        child.type = "text"
                        out.append(child)
                    if ew is not None and ew[0] in value:
                        split = True
                continue
            p.src, p.tree, p.block_ial, p.stack, p.text_type = (
                Scanner(value), None, None, [], "text")  # type: ignore[assignment]
            p.parse_spans(child)
            out.extend(child.children)
            if ew is not None:
                for c in child.children:
                    if c.type == "text":
                        if ew[0] in c.value:
                            split = True
                    elif c.children and c.type != "html_element":
                        _update_elements(p, c, ew[0], ew[1])
        elif t == "eob":
            if child.options.get("ial"):
                p.update_attr_with_ial(child.attr, child.options["ial"])
        elif t == "blank":
            if last_blank is not None:
                last_blank.value += child.value
            else:
                last_blank = child
                out.append(child)
        else:
            last_blank = None
            children = child.children
            if not children:
                pass  # a leaf has nothing to update
            elif (len(children) == 1 and children[0].type == "raw_text"
                    and not children[0].options and t != "html_element"
                    and (ew is None or ew[0] not in children[0].value)
                    and find(children[0].value, 0) < 0):
                # A block holding one text where no span can start (most
                # paragraphs): what the call below would do to it.
                if children[0].value:
                    children[0].type = "text"
                else:
                    child.children = []
            elif id(child) not in p.plain_raw:
                # A raw HTML body holding only text and raw HTML elements
                # (html.parse_raw_html) has nothing to update.
                _update_tree(p, child, header_raw_text, find,
                             None if t == "html_element" or t == "header" else ew)
            if child.options.get("ial"):
                p.update_attr_with_ial(child.attr, child.options["ial"])
            if t == "dt" or (t == "header" and header_raw_text):
                update_raw_text(child)
            if t == "header" and ew is not None:
                # update_elements gives a header without an id one, and only
                # looks inside a header that has one.
                if ew[1] is not None and "id" not in child.attr:
                    child.attr["id"] = gfm_header_id(
                        p.id_counter, child.options.get("raw_text", ""), ew[1])
                elif child.children:
                    _update_elements(p, child, ew[0], ew[1])
            elif t == "text" and ew is not None and ew[0] in child.value:
                split = True
            out.append(child)
    if split:
        out = _split_texts(element, out, ew[0])  # type: ignore[index]
    element.children = out


_RAW_QUOTES = {"lsquo": "\u2018", "rsquo": "\u2019", "ldquo": "\u201c", "rdquo": "\u201d"}
_RAW_TYPO = {"laquo_space": "\u00ab\u00a0", "raquo_space": "\u00a0\u00bb", "mdash": "\u2014",
             "ndash": "\u2013", "hellip": "\u2026", "laquo": "\u00ab", "raquo": "\u00bb"}


def update_raw_text(item: El) -> None:
    """gfm.rb ``update_raw_text``: the header text used to build its id."""
    parts: list[str] = []
    sq = _RAW_QUOTES
    typo = _RAW_TYPO

    def walk(el: El) -> None:
        t = el.type
        if t in ("text", "codespan", "math"):
            parts.append(el.value)
        elif t == "entity":
            parts.append(el.value.char() or "")
        elif t == "smart_quote":
            parts.append(sq.get(el.value, ""))
        elif t == "typographic_sym":
            parts.append(typo.get(el.value, ""))
        else:
            for c in el.children:
                walk(c)

    walk(item)
    item.options["raw_text"] = "".join(parts)


def _element_work(p: DocState) -> tuple[str, str | None]:
    """update_elements' hard break text and header id prefix (None: no ids)."""
    opts = p.options
    hard = "\\\n" if not opts.get("hard_wrap") else "\n"
    prefix = str(opts.get("auto_id_prefix", "")) if opts.get("auto_ids") else None
    return hard, prefix


def update_elements(p: DocState, element: El) -> None:
    """gfm.rb ``update_elements``: header ids and ``\\`` + newline breaks."""
    _update_elements(p, element, *_element_work(p))


def _update_elements(p: DocState, element: El, hard: str, prefix: str | None) -> None:
    out: list[El] = []
    for child in element.children:
        t = child.type
        if t == "text":
            if hard in child.value:
                out.extend(_split_hard_breaks(element, child, hard))
            else:
                out.append(child)
        elif t == "html_element":
            out.append(child)
        elif t == "header" and prefix is not None and "id" not in child.attr:
            child.attr["id"] = gfm_header_id(p.id_counter, child.options.get("raw_text", ""), prefix)
            out.append(child)
        else:
            if child.children:  # a leaf has nothing to update
                _update_elements(p, child, hard, prefix)
            out.append(child)
    element.children = out


def _split_texts(element: El, children: list[El], hard: str) -> list[El]:
    """``children`` (the element's updated children) with the texts holding
    hard breaks split, as _update_elements splits them."""
    out: list[El] = []
    for child in children:
        if child.type == "text" and hard in child.value:
            out.extend(_split_hard_breaks(element, child, hard, children[-1] is child))
        else:
            out.append(child)
    return out


def _split_hard_breaks(element: El, child: El, hard: str, last: bool | None = None) -> list[El]:
    """``last``: whether ``child`` ends the element (found when None)."""
    lines = child.value.split(hard)
    if last is None:
        last = element.children[-1] is child
    omit = lines[-1] == "" and category(element) == "block" and last
    out: list[El] = []
    for i, line in enumerate(lines):
        out.append(El("text", line if i == 0 else "\n" + line))
        if i < len(lines) - 2 or (i == len(lines) - 2 and not omit):
            out.append(El("br"))
    return out


__all__ = ["build_markdown_it", "parse_document"]
