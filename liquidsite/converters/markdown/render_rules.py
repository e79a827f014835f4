"""Per-element HTML rules (kramdown/converter/html.rb ``convert_*``)."""

from __future__ import annotations

import re
from typing import Any

from .element import El
from .render import (
    HTML_ELEMENTS_WITHOUT_BODY,
    HtmlWriter,
    escape_html,
    format_block,
    format_indented_block,
    format_span,
    html_attributes,
)
from .spans import entity

_TYPO = {
    "mdash": ["mdash"], "ndash": ["ndash"], "hellip": ["hellip"],
    "laquo_space": ["laquo", "nbsp"], "raquo_space": ["nbsp", "raquo"],
    "laquo": ["laquo"], "raquo": ["raquo"],
}
_SQ_INDEX = {"lsquo": 0, "rsquo": 1, "ldquo": 2, "rdquo": 3}


def blank(w: HtmlWriter, el: El, indent: int) -> str:
    return "\n"


def text(w: HtmlWriter, el: El, indent: int) -> str:
    return escape_html(el.value, "text")


def _one_text(w: HtmlWriter, el: El) -> str | None:
    """The HTML of an element holding one text (most paragraphs and
    headers) while the text rule is the default: what inner would join."""
    children = el.children
    if len(children) == 1 and children[0].type == "text" and w.rules.get("text") is text:
        return escape_html(children[0].value, "text")
    return None


def p(w: HtmlWriter, el: El, indent: int) -> str:
    children = el.children
    if len(children) == 1:
        only = children[0]
        body = _one_text(w, el)
        if body is not None:
            if el.options.get("transparent"):
                return body
            return format_block("p", el.attr, body, indent)
        if only.type == "img" and not el.options.get("transparent") and "standalone" in (
            (only.options.get("ial") or {}).get("refs") or ()
        ):
            return standalone_image(w, el, indent)
    if el.options.get("transparent"):
        return w.inner(el, indent)
    return format_block("p", el.attr, w.inner(el, indent), indent)


def standalone_image(w: HtmlWriter, el: El, indent: int) -> str:
    fig = dict(el.attr)
    img = dict(el.children[0].attr)
    if "class" in img and "class" not in fig:
        fig["class"] = img.pop("class")
    if "id" in img and "id" not in fig:
        fig["id"] = img.pop("id")
    pad = " " * (indent + w.indent)
    body = (f"{pad}<img{html_attributes(img)} />\n"
            f"{pad}<figcaption>{img.get('alt')}</figcaption>\n")
    return format_indented_block("figure", fig, body, indent)


_LANG_RE = re.compile(r"\blanguage-(\S+)")


def extract_code_language(attr: dict[str, str], remove: bool) -> str | None:
    cls = attr.get("class")
    if not cls:
        return None
    m = _LANG_RE.search(cls)
    if not m:
        return None
    if remove:
        rest = _LANG_RE.sub("", cls, count=1).strip()
        if rest:
            attr["class"] = rest
        else:
            del attr["class"]
    return m.group(1)


def add_highlighter_class(w: HtmlWriter, attr: dict[str, str], lang: str | None) -> None:
    """``add_syntax_highlighter_to_class_attr``."""
    cls = (attr.get("class", "") + " highlighter-rouge").lstrip()
    if lang:
        m = re.search(r"\blanguage-\S+", cls)
        if m:
            cls = cls[: m.start()] + f"language-{lang}" + cls[m.end():]
        else:
            cls = f"language-{lang} " + cls
    attr["class"] = cls


def codeblock(w: HtmlWriter, el: El, indent: int) -> str:
    attr = dict(el.attr)
    lang = extract_code_language(attr, True)
    use = el.options.get("lang") or lang
    highlighted = w.highlight(el.value, use, "block")
    if highlighted is not None:
        add_highlighter_class(w, attr, lang or "plaintext")
        return f"{' ' * indent}<div{html_attributes(attr)}>{highlighted}{' ' * indent}</div>\n"
    result = escape_html(el.value)
    if result.endswith("\n"):
        result = result[:-1]
    code_attr = {"class": f"language-{lang}"} if lang else {}
    return (f"{' ' * indent}<pre{html_attributes(attr)}>"
            f"<code{html_attributes(code_attr)}>{result}\n</code></pre>\n")


def blockquote(w: HtmlWriter, el: El, indent: int) -> str:
    return format_indented_block("blockquote", el.attr, w.inner(el, indent), indent)


_NO_TOC = re.compile(r"\bno_toc\b")


def header(w: HtmlWriter, el: El, indent: int) -> str:
    attr = dict(el.attr)
    if w.options.get("auto_ids") and attr.get("id") is None:
        from .ids import generate_id

        attr["id"] = generate_id(w, el.options.get("raw_text", ""))
    level = int(el.options["level"])
    if attr.get("id") and level in w.options.get("toc_levels", _ALL_LEVELS) and not (
            "class" in attr and _NO_TOC.search(attr["class"])):
        w.toc.append((level, attr["id"], el.children))
    level = max(min(level + int(w.options.get("header_offset", 0)), 6), 1)
    body = _one_text(w, el)
    if body is None:
        body = w.inner(el, indent)
    return format_block(f"h{level}", attr, body, indent)


_ALL_LEVELS = range(1, 7)


def hr(w: HtmlWriter, el: El, indent: int) -> str:
    return f"{' ' * indent}<hr{html_attributes(el.attr)} />\n"


def ul(w: HtmlWriter, el: El, indent: int) -> str:
    refs = (el.options.get("ial") or {}).get("refs") or ()
    if w.toc_code is None and "toc" in refs:
        w.toc_code = [el.type, el.attr, "\x00toc\x00"]
        return "\x00toc\x00"
    if w.footnote_location is None and "footnotes" in refs:
        w.footnote_location = "\x00footnotes\x00"
        return w.footnote_location
    return format_indented_block(el.type, el.attr, w.inner(el, indent), indent)


def dl(w: HtmlWriter, el: El, indent: int) -> str:
    return format_indented_block("dl", el.attr, w.inner(el, indent), indent)


def li(w: HtmlWriter, el: El, indent: int) -> str:
    pad = " " * indent
    start = f"{pad}<{el.type}{html_attributes(el.attr)}>"
    children = el.children
    first = children[0] if children else None
    if first is not None and first.type == "p" and first.options.get("transparent"):
        res = None
        if len(children) == 1 and w.rules.get("p") is p:
            # A tight item of one text (most items): what inner would join.
            res = _one_text(w, first)
        if res is None:
            res = w.inner(el, indent)
    else:
        res = w.inner(el, indent)
        if first is not None:
            return f"{start}\n{res}{pad}</{el.type}>\n"
    tail = pad if res.endswith("\n") else ""
    return f"{start}{res}{tail}</{el.type}>\n"


def dt(w: HtmlWriter, el: El, indent: int) -> str:
    attr = dict(el.attr)
    parent = w.stack[-1] if w.stack else None
    refs = ((parent.options.get("ial") or {}).get("refs") or ()) if parent is not None else ()
    if attr.get("id") is None:
        for ref in refs:
            m = re.match(r"auto_ids(?:-([\w-]+))?", ref)
            if m:
                from .ids import basic_generate_id

                attr["id"] = f"{m.group(1) or ''}{basic_generate_id(el.options.get('raw_text', ''))}".lstrip()
                break
    return format_block("dt", attr, w.inner(el, indent), indent)


def html_element(w: HtmlWriter, el: El, indent: int) -> str:
    body = el.options.get("raw_body")
    if body is not None and _plain_rules(w.rules):
        # A body shared between documents (html.raw_body): its elements sit
        # in a raw element, where these rules use neither indent nor state.
        res = body.html
        if res is None:
            res = body.html = w.inner(el, indent)
    else:
        res = w.inner(el, indent)
    if el.options.get("category") == "span":
        if not res and el.value in HTML_ELEMENTS_WITHOUT_BODY:
            return f"<{el.value}{html_attributes(el.attr)} />"
        return f"<{el.value}{html_attributes(el.attr)}>{res}</{el.value}>"
    parent = w.stack[-1] if w.stack else None
    in_raw = parent is not None and parent.type == "html_element" and parent.options.get(
        "content_model") == "raw"
    out = "" if in_raw else " " * indent
    out += f"<{el.value}{html_attributes(el.attr)}"
    model = el.options.get("content_model")
    if el.options.get("is_closed") and model == "raw":
        out += " />"
    elif res and model != "block":
        out += f">{res}</{el.value}>"
    elif res:
        body = res[:-1] if res.endswith("\n") else res
        out += f">\n{body}\n{' ' * indent}</{el.value}>"
    elif el.value in HTML_ELEMENTS_WITHOUT_BODY:
        out += " />"
    else:
        out += f"></{el.value}>"
    if not in_raw:
        out += "\n"
    return out


def _plain_rules(rules: dict[str, Any]) -> bool:
    """Whether the rules for a raw HTML body's elements are these defaults."""
    return (rules.get("text") is text and rules.get("html_element") is html_element
            and rules.get("xml_comment") is xml_comment and rules.get("xml_pi") is xml_comment)


def xml_comment(w: HtmlWriter, el: El, indent: int) -> str:
    parent = w.stack[-1] if w.stack else None
    if el.options.get("category") == "block" and not (
            parent is not None and parent.type == "html_element"
            and parent.options.get("content_model") == "raw"):
        return " " * indent + str(el.value) + "\n"
    return str(el.value)


def comment(w: HtmlWriter, el: El, indent: int) -> str:
    if el.options.get("category") == "block":
        return f"{' ' * indent}<!-- {el.value} -->\n"
    return f"<!-- {el.value} -->"


def br(w: HtmlWriter, el: El, indent: int) -> str:
    return "<br />"


def a(w: HtmlWriter, el: El, indent: int) -> str:
    return format_span("a", el.attr, w.inner(el, indent))


def img(w: HtmlWriter, el: El, indent: int) -> str:
    return f"<img{html_attributes(el.attr)} />"


def codespan(w: HtmlWriter, el: El, indent: int) -> str:
    attr = dict(el.attr)
    lang = extract_code_language(attr, False)
    result = w.highlight(el.value, lang, "span")
    if result is not None:
        add_highlighter_class(w, attr, lang or "plaintext")
    else:
        result = escape_html(el.value)
    return format_span("code", attr, result)


def raw(w: HtmlWriter, el: El, indent: int) -> str:
    types = el.options.get("type")
    if not types or "html" in types:
        return str(el.value) + ("\n" if el.options.get("category") == "block" else "")
    return ""


def em(w: HtmlWriter, el: El, indent: int) -> str:
    return format_span(el.type, el.attr, w.inner(el, indent))


def entity_(w: HtmlWriter, el: El, indent: int) -> str:
    return w.entity_to_str(el.value, el.options.get("original"))


def typographic_sym(w: HtmlWriter, el: El, indent: int) -> str:
    custom = w.options.get("typographic_symbols") or {}
    if el.value in custom:
        return escape_html(str(custom[el.value]), "text")
    return "".join(w.entity_to_str(entity(n)) for n in _TYPO[el.value])


def smart_quote(w: HtmlWriter, el: El, indent: int) -> str:
    names = w.options.get("smart_quotes") or ["lsquo", "rsquo", "ldquo", "rdquo"]
    name = names[_SQ_INDEX[el.value]]
    ent = entity(int(name) if name.isdigit() else name)
    return w.entity_to_str(ent) if ent is not None else ""


def math(w: HtmlWriter, el: El, indent: int) -> str:
    """MathJax output (kramdown/converter/math_engine/mathjax.rb)."""
    block = el.options.get("category") == "block"
    if not w.options.get("math_engine"):
        attr = dict(el.attr)
        attr["class"] = f"{attr.get('class', '')} kdmath".lstrip()
        if block:
            return format_block("div", attr, f"$$\n{el.value}\n$$", indent)
        return format_span("span", attr, f"${el.value}$")
    value = escape_html(el.value)
    result = f"\\[{value}\\]\n" if block else f"\\({value}\\)"
    if not el.attr:
        return result
    if block:
        return format_block("div", el.attr, result, indent)
    return format_span("span", el.attr, f"${el.value}$")


def abbreviation(w: HtmlWriter, el: El, indent: int) -> str:
    title = w.root.options["abbrev_defs"].get(el.value, "")
    attr = dict(w.root.options["abbrev_attr"].get(el.value) or {})
    if title:
        attr["title"] = title
    return format_span("abbr", attr, el.value)


def default_rules() -> dict[str, Any]:
    """The rule table; ``footnote``, ``table`` and ``root`` come from their modules."""
    from . import render_extra

    rules: dict[str, Any] = {
        "blank": blank, "text": text, "p": p, "codeblock": codeblock,
        "blockquote": blockquote, "header": header, "hr": hr, "ul": ul, "ol": ul,
        "dl": dl, "li": li, "dd": li, "dt": dt, "html_element": html_element,
        "xml_comment": xml_comment, "xml_pi": xml_comment, "comment": comment, "br": br,
        "a": a, "img": img, "codespan": codespan, "raw": raw, "em": em, "strong": em,
        "entity": entity_, "typographic_sym": typographic_sym, "smart_quote": smart_quote,
        "math": math, "abbreviation": abbreviation,
    }
    rules.update(render_extra.RULES)
    return rules
