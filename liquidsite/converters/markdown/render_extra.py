"""Footnotes, tables, the table of contents and the document root.

Mirrors the later half of kramdown/converter/html.rb: ``convert_root`` puts
the footnote list at the end (or where ``{:footnotes}`` asked) and replaces
the ``{:toc}`` placeholder with a nested list of header links.
"""

from __future__ import annotations

import copy
from typing import Any

from .element import El
from .render import HtmlWriter, escape_html, format_block, format_indented_block
from .spans import entity

_BACKLINK = '{}<a href="#fnref:{}" class="reversefootnote" role="doc-backlink">{}</a>'


def footnote(w: HtmlWriter, el: El, indent: int) -> str:
    repeat = ""
    name = str(w.options.get("footnote_prefix", "")) + el.options["name"]
    fn = w.footnotes_by_name.get(name)
    if fn is not None:
        number = fn[2]
        fn[3] += 1
        repeat = f":{fn[3]}"
    else:
        number = w.footnote_counter
        w.footnote_counter += 1
        fn = [name, el.value, number, 0]
        w.footnotes.append(fn)
        w.footnotes_by_name[name] = fn
    return (f'<sup id="fnref:{name}{repeat}" role="doc-noteref">'
            f'<a href="#fn:{name}" class="footnote" rel="footnote">{number}</a></sup>')


def footnote_content(w: HtmlWriter) -> str:
    if not w.footnotes:
        return ""
    ol = El("ol")
    if w.footnote_start != 1:
        ol.attr["start"] = str(w.footnote_start)
    backlink = str(w.options.get("footnote_backlink", "&#8617;"))
    backlink_text = escape_html(backlink, "text")
    nbsp = w.entity_to_str(entity("nbsp"))
    i = 0
    while i < len(w.footnotes):
        name, data, _num, repeat = w.footnotes[i]
        item = El("li", None, {"id": f"fn:{name}", "role": "doc-endnote"})
        item.children = copy.deepcopy(data.children)
        para = None
        insert_space = False
        if (item.children and item.children[-1].type == "p") or w.options.get(
                "footnote_backlink_inline"):
            parent = item
            while parent.children and parent.children[-1].type not in ("p", "header"):
                parent = parent.children[-1]
            para = parent.children[-1] if parent.children else None
            insert_space = True
        if para is None:
            para = El("p")
            item.children.append(para)
            insert_space = False
        if backlink:
            para.children.append(El("raw", _BACKLINK.format(
                nbsp if insert_space else "", name, backlink_text)))
            for index in range(1, repeat + 1):
                para.children.append(El("raw", _BACKLINK.format(
                    nbsp, f"{name}:{index}", f"{backlink_text}<sup>{index + 1}</sup>")))
        ol.children.append(El("raw", w.convert(item, 4)))
        i += 1
    if not ol.children:
        return ""
    return format_indented_block("div", {"class": "footnotes", "role": "doc-endnotes"},
                                 w.convert(ol, 2), 0)


def table(w: HtmlWriter, el: El, indent: int) -> str:
    return format_indented_block(el.type, el.attr, w.inner(el, indent), indent)


def td(w: HtmlWriter, el: El, indent: int) -> str:
    res = w.inner(el, indent)
    kind = "th" if w.stack[-2].type == "thead" else "td"
    attr = el.attr
    alignment = w.stack[-3].options["alignment"][w.stack[-1].children.index(el)]
    if alignment != "default":
        attr = dict(el.attr)
        attr["style"] = (f"{attr['style']}; " if "style" in attr else "") + f"text-align: {alignment}"
    return format_block(kind, attr, res or w.entity_to_str(entity("nbsp")), indent)


def _unwrap_links(elements: list[El]) -> list[El]:
    out: list[El] = []
    for c in elements:
        c.children = _unwrap_links(c.children)
        if c.type == "a":
            out.extend(c.children)
        else:
            out.append(c)
    return out


def _remove_footnotes(elements: list[El]) -> list[El]:
    kept = []
    for c in elements:
        c.children = _remove_footnotes(c.children)
        if c.type != "footnote":
            kept.append(c)
    return kept


def toc_tree(w: HtmlWriter, kind: str, attr: dict[str, Any]) -> El:
    sections = El(kind, None, dict(attr))
    sections.attr.setdefault("id", "markdown-toc")
    stack: list[El] = []
    for level, hid, children in w.toc:
        item = El("li", level=level)
        para = El("p", transparent=True)
        item.children.append(para)
        link = El("a", None, {"href": f"#{hid}", "id": f"{sections.attr['id']}-{hid}"})
        link.children = _unwrap_links(_remove_footnotes(copy.deepcopy(children)))
        para.children.append(link)
        item.children.append(El(kind))
        while True:
            if not stack:
                sections.children.append(item)
                stack.append(item)
                break
            if stack[-1].options["level"] < level:
                stack[-1].children[-1].children.append(item)
                stack.append(item)
                break
            top = stack.pop()
            if not top.children[-1].children:
                top.children.pop()
    while stack:
        top = stack.pop()
        if not top.children[-1].children:
            top.children.pop()
    return sections


def root(w: HtmlWriter, el: El, indent: int) -> str:
    result = w.inner(el, indent)
    if w.footnote_location:
        result = result.replace(w.footnote_location, footnote_content(w), 1)
    else:
        result += footnote_content(w)
    if w.toc_code is not None:
        tree = toc_tree(w, w.toc_code[0], w.toc_code[1] or {})
        text = w.convert(tree, 0) if tree.children else ""
        result = result.replace(w.toc_code[2], text, 1)
    return result


RULES = {"footnote": footnote, "table": table, "thead": table, "tbody": table,
         "tfoot": table, "tr": table, "td": td, "root": root}
