"""Tables (kramdown/parser/kramdown/table.rb).

kramdown tables need no separator line: any run of lines containing an
unescaped pipe is a table, a ``|---|`` line after the first rows makes them
the header, ``|===|`` starts the footer.  Pipes inside code spans do not
split cells; the final check makes sure the pipes are not all inside spans.
"""

from __future__ import annotations

import re

from .core import DocState, Scanner
from .element import El

TABLE_SEP_LINE = re.compile(r"([+|: \t-]*?-[+|: \t-]*?)[ \t]*\n")
TABLE_HSEP_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
TABLE_FSEP_LINE = re.compile(r"[+|: \t=]*?=[+|: \t=]*?[ \t]*\n")
TABLE_ROW_LINE = re.compile(r"(.*?)[ \t]*\n")
TABLE_PIPE_CHECK = r"(?:\||.*?[^\\\n]\|)"
TABLE_LINE = re.compile(rf"{TABLE_PIPE_CHECK}.*\n")
# The (?=.*\|) look-ahead only restates that a pipe is on the line (a fast
# scan that rejects most lines before the lazy pipe check runs).
TABLE_START = re.compile(rf" {{0,3}}(?=[^ \t\n\r\f\v])(?=.*\|){TABLE_PIPE_CHECK}.*\n")
_PIPE_START = re.compile(TABLE_PIPE_CHECK)
_CODE_SPLIT = re.compile(r"(<code.*?>.*?</code>)")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_BLOCK_BOUNDARY = re.compile(
    r"[ \t\n\r\f\v]*\n|\^[ \t\n\r\f\v]*?\n| {0,3}\{:(?!:|/)(?:\\\}|[^}])+\}[ \t\n\r\f\v]*?\n|\Z")


def _span_children(p: DocState, text: str, parsers: tuple[str, ...]) -> list[El]:
    saved = (p.src, p.tree, p.block_ial, p.stack, p.text_type)
    p.src, p.tree, p.block_ial, p.stack, p.text_type = Scanner(text), None, None, [], "raw_text"  # type: ignore[assignment]
    root = El("root")
    p.parse_spans(root, None, parsers)
    p.src, p.tree, p.block_ial, p.stack, p.text_type = saved
    return root.children


def _row_cells(p: DocState, line: str) -> list[str]:
    cells: list[str] = []

    def append(s: str) -> None:
        if cells:
            cells[-1] += s
        else:
            cells.append(s)

    for i, part in enumerate(_CODE_SPLIT.split(line)):
        if i % 2 == 1:
            append(part)
            continue
        for c in _span_children(p, part, ("codespan",)):
            if c.type == "raw_text":
                first, *rest = [t.replace("\\|", "|") for t in _CELL_SPLIT.split(c.value)]
                append(first)
                cells.extend(rest)
            else:
                ticks = re.findall(r"`+", c.value)
                delim = (max(ticks) if ticks else "") + "`"
                pad = " " if len(delim) > 1 else ""
                append(f"{delim}{pad}{c.value}{pad}{delim}")
    return cells


def parse_table(p: DocState) -> bool:
    from .blocks import after_block_boundary

    if not after_block_boundary(p):
        return False
    src = p.src
    saved = src.pos
    table = p.new_block_el("table", alignment=[])
    lm = TABLE_LINE.match(src.string, src.pos)
    leading_pipe = bool(lm and re.match(r"[ \t\n\r\f\v]*\|", lm.group(0)))
    src.scan(TABLE_SEP_LINE)
    rows: list[El] = []
    has_footer = False
    columns = 0

    def add_container(kind: str, force: bool) -> None:
        nonlocal rows
        if not has_footer or kind != "tbody" or force:
            cont = El(kind)
            cont.children, rows = rows, []
            table.children.append(cont)

    while not src.eos():
        if not TABLE_LINE.match(src.string, src.pos):
            break
        m = src.check(TABLE_SEP_LINE)
        if m is not None:
            src.pos = m.end()
            if not rows:
                pass
            elif not table.options["alignment"] and not has_footer:
                add_container("thead", False)
                aligns = []
                for am in TABLE_HSEP_ALIGN.finditer(m.group(1)):
                    left, right = am.group(1), am.group(2)
                    aligns.append("default" if not left and not right else
                                  "left" if not right else "right" if not left else "center")
                table.options["alignment"] = aligns
            else:
                add_container("tbody", False)
            continue
        if src.scan(TABLE_FSEP_LINE) is not None:
            if rows:
                add_container("tbody", True)
            has_footer = True
            continue
        m = src.check(TABLE_ROW_LINE)
        if m is None:
            break
        src.pos = m.end()
        cells = _row_cells(p, m.group(1))
        if leading_pipe and cells and not cells[0].strip():
            cells.pop(0)
        if cells and not cells[-1].strip():
            cells.pop()
        row = El("tr")
        for cell in cells:
            td = El("td")
            td.children.append(El("raw_text", cell.strip(" \t\n\r\f\v\0")))
            row.children.append(td)
        columns = max(columns, len(cells))
        rows.append(row)

    if not _BLOCK_BOUNDARY.match(src.string, src.pos):
        src.pos = saved
        return False
    pipe_on_line = False
    for c in _span_children(p, src.string[saved : src.pos - 1], ("codespan", "span_html")):
        if not isinstance(c.value, str):
            continue
        lines = c.value.split("\n")
        while lines and lines[-1] == "":
            lines.pop()
        if c.type == "codespan":
            if len(lines) > 2 or (len(lines) == 2 and not pipe_on_line):
                break
            if len(lines) == 2 and pipe_on_line:
                pipe_on_line = False
        else:
            if len(lines) > 1 and not pipe_on_line and not _PIPE_START.match(lines[0]):
                break
            last_pipe = bool(lines and _PIPE_START.match(lines[-1]))
            pipe_on_line = (False if len(lines) > 1 else pipe_on_line) or last_pipe
    if not pipe_on_line:
        src.pos = saved
        return False
    if rows:
        add_container("tfoot" if has_footer else "tbody", False)
    if not any(c.type == "tbody" for c in table.children):
        src.pos = saved
        return False
    for kind in table.children:
        for row in kind.children:
            for _ in range(columns - len(row.children)):
                row.children.append(El("td"))
    aligns = table.options["alignment"]
    if len(aligns) > columns:
        table.options["alignment"] = aligns[:columns]
    else:
        table.options["alignment"] = aligns + ["default"] * (columns - len(aligns))
    p.tree.children.append(table)
    return True
