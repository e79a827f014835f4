"""Span rules: emphasis, code spans, escapes, entities, typography, breaks.

Each function mirrors one kramdown span parser (kramdown/parser/kramdown/
emphasis.rb, codespan.rb, escaped_chars.rb, html_entity.rb,
typographic_symbol.rb, smart_quotes.rb, line_break.rb, autolink.rb) or its
kramdown-parser-gfm replacement (gfm.rb: escapes, strikethrough).
"""

from __future__ import annotations

import re

from .core import DocState, Scanner
from .element import El
from .entities import NAMES, REMAP
from .patterns import ALNUM, ALPHA, WS

_EMPH_START = re.compile(r"\*\*?|__?")
_UNDERSCORE_BEFORE = re.compile(rf"{ALPHA}-?{ALPHA}*\Z")
_WS1 = re.compile(WS)


def _emphasis_patterns(delim: str) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The closing delimiter, a doubled one and one followed by an alphanumeric."""
    d = re.escape(delim)
    return re.compile(d), re.compile(re.escape(delim * 2) + f"(?!{d})"), re.compile(d + ALNUM)


_EMPH_PATTERNS = {d: _emphasis_patterns(d) for d in ("*", "**", "_", "__")}


def emphasis(p: DocState) -> None:
    src = p.src
    saved = src.pos
    result = src.scan(_EMPH_START) or ""
    element = "strong" if len(result) == 2 else "em"
    kind = result[0]
    if (
        (kind == "_" and _UNDERSCORE_BEFORE.search(src.string, 0, saved))
        or _WS1.match(src.string, src.pos)
        or p.tree.type == element
        or any(t[0].type == element for t in p.stack if isinstance(t[0], El))
    ):
        p.add_text(result)
        return

    def sub_parse(delim: str, elem: str) -> tuple[bool, El, re.Pattern[str]]:
        el = El(elem)
        stop_re, double, alnum_after = _EMPH_PATTERNS[delim]

        def cond() -> bool:
            pos = src.pos
            prev = src.string[pos - 1 : pos] if pos > 0 else ""
            return (
                not _WS1.match(prev or "x")
                and (elem != "em" or not double.match(src.string, pos))
                and (kind != "_" or not alnum_after.match(src.string, pos))
                and bool(el.children)
            )

        found = p.parse_spans(el, stop_re, cond=cond)
        return found, el, stop_re

    found, el, stop_re = sub_parse(result, element)
    if not found and element == "strong" and p.tree.type != "em":
        src.pos = saved + 1
        found, el, stop_re = sub_parse(kind, "em")
    if found:
        src.scan(stop_re)
        p.tree.children.append(el)
    else:
        src.pos = saved + len(result)
        p.add_text(result)


_BACKTICKS = re.compile(r"`+")
_WS_END = re.compile(rf"(?:{WS}|\A)\Z")


def codespan(p: DocState) -> None:
    src = p.src
    start = src.pos
    result = src.scan(_BACKTICKS) or "`"
    simple = len(result) == 1
    if simple and _WS_END.search(src.string[:start]) and _WS1.match(src.string, src.pos):
        p.add_text(result)
        return
    idx = src.string.find(result, src.pos)
    if idx < 0:
        p.add_text(result)
        return
    text = src.string[src.pos : idx]
    src.pos = idx + len(result)
    if not simple:
        if text[:1] == " ":
            text = text[1:]
        if text[-1:] == " ":
            text = text[:-1]
    p.tree.children.append(El("codespan", text, codespan_delimiter=result))


_ACHARS = r"(?:[^\W_]|[-_.])"
_MAILTO = re.compile(r"\Amailto:")
AUTOLINK_START = re.compile(rf"<((mailto|https?|ftps?):.+?|{_ACHARS}+?@{_ACHARS}+?)>")


def autolink(p: DocState) -> None:
    m = p.src.m
    assert m is not None
    p.src.pos = m.end()
    href = m.group(1) if m.group(2) is not None else f"mailto:{m.group(1)}"
    el = El("a", None, {"href": href})
    p.add_text(_MAILTO.sub("", m.group(1)), el)
    p.tree.children.append(el)


def escaped_chars(p: DocState) -> None:
    m = p.src.m
    assert m is not None
    p.src.pos = m.end()
    p.add_text(m.group(1))


class Entity:
    """kramdown's ``Utils::Entities::Entity``: a code point and maybe a name."""

    __slots__ = ("code_point", "name")

    def __init__(self, code_point: int, name: str | None) -> None:
        self.code_point = code_point
        self.name = name

    def char(self) -> str | None:
        try:
            return chr(self.code_point)
        except (ValueError, OverflowError):
            return None


_BY_CODE: dict[int, Entity] = {}
for _n, _c in NAMES.items():
    _BY_CODE[_c] = Entity(_c, _n)
_BY_NAME = {n: Entity(c, n) for n, c in NAMES.items()}


def entity(point_or_name: int | str) -> Entity | None:
    """``Entities.entity``: None stands for kramdown's error on unknown names."""
    if isinstance(point_or_name, str):
        return _BY_NAME.get(point_or_name)
    cp = REMAP.get(point_or_name, point_or_name)
    return _BY_CODE.get(cp) or Entity(cp, None)


def html_entity(p: DocState) -> None:
    m = p.src.m
    assert m is not None
    p.src.pos = m.end()
    if m.group(1) is not None:
        ent = entity(m.group(1))
    elif m.group(2) is not None:
        ent = entity(int(m.group(2)))
    else:
        ent = entity(int(m.group(3), 16))
    if ent is not None:
        p.tree.children.append(El("entity", ent, original=m.group(0)))
    else:
        p.tree.children.append(El("entity", entity("amp")))
        p.add_text(m.group(0)[1:])


_TYPO = {"---": "mdash", "--": "ndash", "...": "hellip", "<< ": "laquo_space",
         " >>": "raquo_space", "<<": "laquo", ">>": "raquo"}
TYPOGRAPHIC_SYMS_RE = re.compile(r"---|--|\.\.\.|\\<<|\\>>|<< | >>|<<|>>")


def typographic_syms(p: DocState) -> None:
    m = p.src.m
    assert m is not None
    p.src.pos = m.end()
    matched = m.group(0)
    if matched in _TYPO:
        p.tree.children.append(El("typographic_sym", _TYPO[matched]))
    else:
        name = "lt" if matched == "\\<<" else "gt"
        p.tree.children.append(El("entity", entity(name)))
        p.tree.children.append(El("entity", entity(name)))


def line_break(p: DocState) -> None:
    p.tree.children.append(El("br"))
    p.src.pos = p.src.m.end()  # type: ignore[union-attr]


_SQ_PUNCT = r"[!\"#$%'()*+,\-./:;<=>?@\[\\\]^_`{|}~]"
_SQ_CLOSE = r"[^ \\\t\r\n\[{(-]"
SQ_RULES: list[tuple[re.Pattern[str], list[object]]] = [
    (re.compile(r"(\"|')(?=[_*]{1,2}[^ \t\n\r\f\v])"), ["lquote1"]),
    (re.compile(rf"(\"|')(?={_SQ_PUNCT}(?!\.\.)\B)"), ["rquote1"]),
    (re.compile(rf"({WS}?)\"'(?=[A-Za-z0-9_])"), [1, "ldquo", "lsquo"]),
    (re.compile(rf"({WS}?)'\"(?=[A-Za-z0-9_])"), [1, "lsquo", "ldquo"]),
    (re.compile(rf"({WS}?)'(?=[0-9][0-9]s)"), [1, "rsquo"]),
    (re.compile(rf"({WS})('|\")(?=[A-Za-z0-9_])"), [1, "lquote2"]),
    (re.compile(rf"({_SQ_CLOSE})('|\")"), [1, "rquote2"]),
    (re.compile(r"(\"|')(?=[ \t\n\r\f\v]|s\b|$)", re.M), ["rquote1"]),
    (re.compile(r"(.?)'", re.S), [1, "lsquo"]),
    (re.compile(r"(.?)\"", re.S), [1, "ldquo"]),
]
_SQ_SUBST = {("rquote1", '"'): "rdquo", ("rquote1", "'"): "rsquo",
             ("rquote2", '"'): "rdquo", ("rquote2", "'"): "rsquo",
             ("lquote1", '"'): "ldquo", ("lquote1", "'"): "lsquo",
             ("lquote2", '"'): "ldquo", ("lquote2", "'"): "lsquo"}


def smart_quotes(p: DocState) -> None:
    src = p.src
    for rx, substs in SQ_RULES:
        m = rx.match(src.string, src.pos)
        if m is not None:
            break
    else:  # pragma: no cover - the last rules always match
        p.add_text(src.getch())
        return
    src.pos = m.end()
    for subst in substs:
        if isinstance(subst, int):
            p.add_text(m.group(subst))
        else:
            s = str(subst)
            group = int(s[-1]) if s[-1].isdigit() else None
            val = _SQ_SUBST.get((s, m.group(group))) if group is not None else None
            p.tree.children.append(El("smart_quote", val or s))


def strikethrough(p: DocState) -> None:
    """gfm.rb: ``~~text~~`` becomes a ``del`` element parsed with a fresh scanner."""
    src = p.src
    m = src.m
    assert m is not None
    src.pos = m.end()
    el = El("html_element", "del", {}, category="span")
    p.tree.children.append(el)
    saved = (p.src, p.tree, p.block_ial, p.stack, p.text_type)
    p.src, p.tree, p.block_ial, p.stack, p.text_type = Scanner(m.group(0)[2:-2]), None, None, [], "text"  # type: ignore[assignment]
    p.parse_spans(el)
    p.src, p.tree, p.block_ial, p.stack, p.text_type = saved
