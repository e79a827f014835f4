"""Lists and definition lists.

Mirrors kramdown/parser/kramdown/list.rb plus gfm.rb's task lists.  Item
content is collected line by line with kramdown's indentation rules, then
parsed again as blocks; a first paragraph becomes "transparent" (no ``<p>``)
exactly when kramdown decides the item is tight.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from .core import DocState
from .element import El
from .patterns import (
    ALD_ANY_CHARS,
    BLANK_LINE,
    DEFINITION_LIST_START,
    EOB_MARKER,
    HR_START,
    IAL_BLOCK,
    LAZY_END_HTML_START,
    LAZY_END_HTML_STOP,
    LIST_START,
    LIST_START_OL,
    LIST_START_UL,
    NWS,
    WS,
)

LIST_START_RE = re.compile(LIST_START)
_LIST_START_ANY = re.compile(LIST_START)
LIST_ITEM_IAL = re.compile(rf"{WS}*(?:\{{:(?!(?:[A-Za-z0-9_][A-Za-z0-9_-]*)?:|/)({ALD_ANY_CHARS}+)\}})"
                           rf"{WS}*")
LIST_ITEM_IAL_CHECK = re.compile(rf"(?:{LIST_ITEM_IAL.pattern})?{WS}*\n")
_LEADING_TABS = re.compile(r"^( *)(\t+)")
_WS_CHARS = " \t\n\r\f\v"  # Ruby's \s, what WS matches
_HR_FIRST = " *-_"  # the characters HR_START can start with
_LEADING_TAB_RUN = re.compile(r"\t+")
_SPACES = re.compile(" *")
_SPACES_TAB = re.compile(r" *\t")
_EMPTY = re.compile("")


def _expand_leading_tabs(line: str) -> str:
    """A line's leading tabs as four spaces each (list.rb ``sub(/^(\\t+)/)``)."""
    m = _LEADING_TAB_RUN.match(line)
    assert m is not None
    return " " * 4 * m.end() + line[m.end():]


@lru_cache(maxsize=64)
def _line_patterns(indentation: int) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    indent_re = re.compile(rf" {{{indentation}}}")
    content_re = re.compile(
        rf"(?:(?:\t| {{4}}){{{indentation // 4}}} {{{indentation % 4}}}"
        rf"|(?:\t| {{4}}){{{indentation // 4 + 1}}}).*{NWS}.*\n")
    lazy_re = re.compile(
        rf"(?! {{0,{min(indentation, 3)}}}(?:{IAL_BLOCK}|{LAZY_END_HTML_STOP}|{LAZY_END_HTML_START}))"
        rf".*{NWS}.*\n")
    return content_re, lazy_re, indent_re


def parse_first_list_line(indentation: int, content: str) -> tuple[str, int, Any, Any, Any]:
    if LIST_ITEM_IAL_CHECK.match(content):
        indentation = 4
    else:
        while _SPACES_TAB.match(content):
            temp = len(_SPACES.match(content).group(0)) + indentation  # type: ignore[union-attr]
            m = _LEADING_TABS.match(content)
            assert m is not None
            repl = m.group(1) + " " * (4 - (temp % 4) + (len(m.group(2)) - 1) * 4)
            content = repl + content[m.end():]
        indentation += len(_SPACES.match(content).group(0))  # type: ignore[union-attr]
    content = content.lstrip(_WS_CHARS)  # the leading whitespace list.rb removes
    return (content, indentation, *_line_patterns(indentation))


_UL_BY_INDENT = {1: r"( {0}[+*-])", 2: r"( {0,1}[+*-])", 3: r"( {0,2}[+*-])"}
_OL_BY_INDENT = {1: r"( {0}[0-9]+\.)", 2: r"( {0,1}[0-9]+\.)", 3: r"( {0,2}[0-9]+\.)"}
_DL_BY_INDENT = {1: r"( {0}:)", 2: r"( {0,1}:)", 3: r"( {0,2}:)"}
_TAIL = r"([\t| ].*\n)"


@lru_cache(maxsize=32)
def fetch_pattern(kind: str, indentation: int) -> re.Pattern[str]:
    table = {"ul": (_UL_BY_INDENT, r"( {0,3}[+*-])"), "ol": (_OL_BY_INDENT, r"( {0,3}[0-9]+\.)"),
             "dl": (_DL_BY_INDENT, r"( {0,3}:)")}[kind]
    return re.compile(table[0].get(indentation, table[1]) + _TAIL)


_TASK_UNCHECKED = re.compile(rf"\A{WS}*\[ \]{WS}+")
_TASK_CHECKED = re.compile(rf"\A{WS}*\[x\]{WS}+", re.I)
_BOX = '<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />'
_BOX_CHECKED = ('<input type="checkbox" class="task-list-item-checkbox" '
                'disabled="disabled" checked="checked" />')


def parse_list(p: DocState) -> bool:
    src = p.src
    if LIST_START_UL.match(src.string, src.pos):
        kind, start_re = "ul", LIST_START_UL
    else:
        kind, start_re = "ol", LIST_START_OL
    lst = p.new_block_el(kind)
    item: El | None = None
    values: list[str] = []
    content_re: re.Pattern[str] | None = None
    lazy_re: re.Pattern[str] | None = None
    indent_re: re.Pattern[str] = _EMPTY
    indentation = 0
    eob_found = False
    nested_list_found = False
    last_is_blank = False
    # The lines are matched at ``pos`` (src.pos is set when done); a first
    # character test skips the patterns that need another one.
    string = src.string
    pos = src.pos
    end = len(string)
    while pos < end:
        c = string[pos]
        if last_is_blank and c in _HR_FIRST and HR_START.match(string, pos):
            break
        if c == "^":
            m = EOB_MARKER.match(string, pos)
            if m is not None:
                pos = m.end()
                eob_found = True
                break
        m = start_re.match(string, pos)
        if m is not None:
            pos = m.end()
            if item is None:
                lst.options["first_list_marker"] = m.group(1).strip()
            item = El("li")
            value, indentation, content_re, lazy_re, indent_re = parse_first_list_line(
                len(m.group(1)), m.group(2))
            lst.children.append(item)
            im = LIST_ITEM_IAL.match(value)
            if im is not None:
                p.parse_attribute_list(im.group(1), item.ial())
                value = value[: im.start()] + value[im.end():]
            start_re = fetch_pattern(kind, indentation)
            nested_list_found = bool(_LIST_START_ANY.match(value))
            last_is_blank = False
            values = [value]
            item.value = values
            continue
        m = content_re.match(string, pos) if content_re is not None else None
        if m is None and not last_is_blank and lazy_re is not None:
            m = lazy_re.match(string, pos)
        if m is not None:
            pos = m.end()
            if item is not None:
                result = m.group(0)
                if result[:1] == "\t":
                    result = _expand_leading_tabs(result)
                im2 = indent_re.match(result)
                indentation_found = im2 is not None
                if im2 is not None:
                    result = result[im2.end():]
                if not nested_list_found and indentation_found and _LIST_START_ANY.match(result):
                    values.append("")
                    nested_list_found = True
                elif nested_list_found and not indentation_found and _LIST_START_ANY.match(result):
                    result = " " * (indentation + 4) + result
                values[-1] += result
                last_is_blank = False
                continue
        if c in _WS_CHARS:
            m = BLANK_LINE.match(string, pos)
            if m is not None:
                pos = m.end()
                if item is not None:
                    nested_list_found = True
                    last_is_blank = True
                    values[-1] += m.group(0)
                    continue
        break
    src.pos = pos

    p.tree.children.append(lst)
    last: El | None = None
    for it in lst.children:
        temp = El("temp")
        saved = (p.src, p.tree, p.block_ial, p.stack, p.text_type)
        for val in it.value:
            p.parse_blocks(temp, val)
        p.src, p.tree, p.block_ial, p.stack, p.text_type = saved
        it.children = temp.children
        it.value = None
        ch = it.children
        if not ch:
            continue
        if (ch[0].type == "p" and len(ch) >= 2 and ch[1].type == "eob"
                and ch[0].options.get("ial")):
            del ch[1]
        if ch[0].type == "p" and (
            len(ch) < 2 or ch[1].type != "blank"
            or (it is lst.children[-1] and len(ch) == 2 and not eob_found)
        ) and (
            lst.children[-1] is not it or len(lst.children) == 1
            or any(not c.children or c.children[0].type != "p"
                   or c.children[0].options.get("transparent") for c in lst.children[:-1])
        ):
            if len(ch) > 1 and ch[1].type != "blank":
                ch[0].children[0].value += "\n"
            ch[0].options["transparent"] = True
        last = ch.pop() if ch[-1].type == "blank" else None
    if last is not None and not eob_found:
        p.tree.children.append(last)
    _task_list(lst)
    return True


def _task_list(lst: El) -> None:
    """gfm.rb ``parse_list``: ``[ ]``/``[x]`` items become checkboxes."""
    is_task = False
    for it in lst.children:
        if not it.children or it.children[0].type != "p" or not it.children[0].children:
            continue
        first = it.children[0].children[0]
        if first.type != "raw_text":
            continue
        if "[" in first.value:  # both markers start with one
            new, n1 = _TASK_UNCHECKED.subn(_BOX, first.value)
            new, n2 = _TASK_CHECKED.subn(_BOX_CHECKED, new)
            first.value = new
            is_task = is_task or bool(n1 or n2)
        if is_task:
            it.attr["class"] = "task-list-item"
    if is_task:
        lst.attr["class"] = "task-list"


def parse_definition_list(p: DocState) -> bool:
    children = p.tree.children
    if not children or (len(children) == 1 and children[-1].type != "p") or (
        len(children) >= 2 and children[-1].type != "p" and (
            children[-1].type != "blank" or children[-1].value != "\n"
            or children[-2].type != "p")):
        return False
    first_as_para = False
    deflist = p.new_block_el("dl")
    para = children.pop()
    if para.type == "blank":
        para = children.pop()
        first_as_para = True
    for term in para.children[0].value.split("\n"):
        el = El("dt")
        im = LIST_ITEM_IAL.match(term)
        if im is not None:
            p.parse_attribute_list(im.group(1), el.ial())
            term = term[: im.start()] + term[im.end():]
        el.options["raw_text"] = term
        el.children.append(El("raw_text", term))
        deflist.children.append(el)
    deflist.options["ial"] = para.options.get("ial")
    src = p.src
    item: El | None = None
    content_re: re.Pattern[str] | None = None
    lazy_re: re.Pattern[str] | None = None
    indent_re: re.Pattern[str] = _EMPTY
    def_start_re = DEFINITION_LIST_START
    last_is_blank = False
    while not src.eos():
        m = src.check(def_start_re)
        if m is not None:
            src.pos = m.end()
            item = El("dd", first_as_para=first_as_para)
            value, indentation, content_re, lazy_re, indent_re = parse_first_list_line(
                len(m.group(1)), m.group(2))
            deflist.children.append(item)
            im = LIST_ITEM_IAL.match(value)
            if im is not None:
                p.parse_attribute_list(im.group(1), item.ial())
                value = value[: im.start()] + value[im.end():]
            item.value = value
            def_start_re = fetch_pattern("dl", indentation)
            first_as_para = False
            last_is_blank = False
            continue
        if src.check(EOB_MARKER):
            break
        result = src.scan(content_re) if content_re is not None else None
        if result is None and not last_is_blank and lazy_re is not None:
            result = src.scan(lazy_re)
        if result is not None and item is not None:
            if result[:1] == "\t":
                result = _expand_leading_tabs(result)
            im2 = indent_re.match(result)
            if im2 is not None:
                result = result[im2.end():]
            item.value += result
            first_as_para = False
            last_is_blank = False
            continue
        blank = src.scan(BLANK_LINE)
        if blank is not None and item is not None:
            first_as_para = True
            item.value += blank
            last_is_blank = True
            continue
        break
    last: El | None = None
    for it in deflist.children:
        if it.type == "dt":
            continue
        p.parse_blocks(it, it.value)
        it.value = None
        ch = it.children
        if not ch:
            continue
        last = ch.pop() if ch[-1].type == "blank" else None
        if ch and ch[0].type == "p" and not it.options.pop("first_as_para", False):
            if len(ch) > 1:
                ch[0].children[0].value += "\n"
            ch[0].options["transparent"] = True
        it.options.pop("first_as_para", None)
    children = p.tree.children
    if children and children[-1].type == "dl":
        children[-1].children.extend(deflist.children)
    elif len(children) >= 2 and children[-1].type == "blank" and children[-2].type == "dl":
        children.pop()
        children[-1].children.extend(deflist.children)
    else:
        children.append(deflist)
    if last is not None:
        children.append(last)
    return True


__all__ = ["LIST_START_RE", "DEFINITION_LIST_START", "parse_list", "parse_definition_list"]
