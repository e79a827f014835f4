"""The parse state shared by the block and span rules.

kramdown parses with a string scanner, a current tree node and a stack
(kramdown/parser/kramdown.rb): block rules consume whole lines and may
re-parse extracted text (list items, blockquotes) with a fresh scanner;
span rules run recursively with a *stop* pattern.  ``DocState`` keeps the
same state so the rules registered on the markdown-it rulers can follow
kramdown's decisions step by step.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from .element import El
from .patterns import ALD_TYPE_ANY, ALD_TYPE_ID_OR_CLASS


class StopBlockParsing(Exception):
    """Raised when a block HTML end tag closes the element being parsed."""

    def __init__(self, status: str) -> None:
        super().__init__(status)
        self.status = status


class Scanner:
    """A minimal ``StringScanner``: a string, a position, the last match."""

    __slots__ = ("string", "pos", "m")

    def __init__(self, string: str) -> None:
        self.string = string
        self.pos = 0
        self.m: re.Match[str] | None = None

    def eos(self) -> bool:
        return self.pos >= len(self.string)

    def check(self, rx: re.Pattern[str]) -> re.Match[str] | None:
        m = rx.match(self.string, self.pos)
        if m:
            self.m = m
        return m

    def scan(self, rx: re.Pattern[str]) -> str | None:
        m = rx.match(self.string, self.pos)
        if m is None:
            return None
        self.m = m
        self.pos = m.end()
        return m.group(0)

    def scan_until(self, rx: re.Pattern[str]) -> str | None:
        m = rx.search(self.string, self.pos)
        if m is None:
            return None
        self.m = m
        start = self.pos
        self.pos = m.end()
        return self.string[start : m.end()]

    def rest(self) -> str:
        return self.string[self.pos :]

    def getch(self) -> str:
        ch = self.string[self.pos : self.pos + 1]
        self.pos += len(ch)
        return ch

    def pre_match(self) -> str:
        """Text before the last match (kramdown uses it for look-behind)."""
        assert self.m is not None
        return self.string[: self.m.start()]


Rule = Callable[["DocState"], Any]


class RuleSet:
    """The rules of one converter and the lookup tables derived from them.

    Built once per set of enabled rules (not per document): the span start
    finders per subset of span parsers, the block rules that can start at a
    line, per leading indentation and first non-space character, and the
    raw HTML bodies met so far.
    """

    def __init__(self, block_fns: list[Any], span_fns: list[Any]) -> None:
        self.block_fns = block_fns
        self.span_fns = span_fns
        self.block_rules: list[tuple[re.Pattern[str], Rule]] = [
            (fn.start_re, fn) for fn in block_fns]
        self.span_rules: list[tuple[re.Pattern[str], Rule]] = [
            (fn.start_re, fn) for fn in span_fns]
        self.span_setups: dict[Any, Any] = {}
        self.block_table: dict[Any, list[tuple[re.Pattern[str], Rule]]] = {}
        # The same for lines without leading spaces (most), by character.
        self.block_table0: dict[str, list[tuple[re.Pattern[str], Rule]]] = {}
        # Raw HTML bodies parsed before, by element name and text (html.raw_body).
        self.raw_bodies: dict[tuple[str, str], Any] = {}

    def block_rules_at(self, spaces: int, char: str) -> list[tuple[re.Pattern[str], Rule]]:
        """The block rules whose start may match at a line with ``spaces``
        leading spaces (4 meaning 4 or more) followed by ``char``.

        A rule's ``block_lead(spaces, char)`` is a necessary condition for its
        ``start_re`` to match; rules without one are always tried.  Order is
        kept, so the first rule that accepts the line is the same.
        """
        rules = []
        for rx, fn in self.block_rules:
            lead = getattr(fn, "block_lead", None)
            if lead is None or lead(spaces, char):
                rules.append((rx, fn))
        self.block_table[(spaces, char)] = rules
        if spaces == 0:
            self.block_table0[char] = rules
        return rules


class DocState:
    """Everything one conversion needs; created per document."""

    def __init__(self, options: dict[str, Any], rules: RuleSet) -> None:
        self.options = options
        self.rules = rules
        self.block_rules = rules.block_rules
        self.span_rules = rules.span_rules
        self._span_start_cache = rules.span_setups
        self._block_table = rules.block_table
        self._block_table0 = rules.block_table0
        self.root = El("root", encoding="UTF-8", abbrev_defs={}, abbrev_attr={})
        self.tree: El = self.root
        self.src = Scanner("")
        self.stack: list[Any] = []
        self.text_type = "raw_text"
        self.block_ial: dict[str, Any] | None = None
        self.alds: dict[str, dict[str, Any]] = {}
        self.footnotes: dict[str, dict[str, Any]] = {}
        self.link_defs: dict[str, list[Any]] = {}
        self.id_counter: dict[str, int] = {}
        self.used_ids: dict[str, bool] = {}
        # ids of raw HTML elements whose subtree needs no update_tree pass
        # (html.parse_raw_html); the elements live as long as this state.
        self.plain_raw: set[int] = set()

    # --- tree helpers --------------------------------------------------------
    def add_text(self, text: str, tree: El | None = None, type: str | None = None) -> None:
        """Append to the last text child of the same type or add a new one."""
        tree = self.tree if tree is None else tree
        type = self.text_type if type is None else type
        children = tree.children
        if children and children[-1].type == type:
            children[-1].value += text
        elif text:
            children.append(El(type, text))

    def new_block_el(self, type: str, value: Any = None, attr: dict[str, str] | None = None,
                     **options: Any) -> El:
        el = El(type, value, attr)
        if options:  # a new dict already: no need to pack it again
            el.options = options
        if self.block_ial is not None:
            el.options["ial"] = self.block_ial
            self.block_ial = None
        return el

    # --- block parsing ---------------------------------------------------------
    def parse_blocks(self, el: El, text: str | None = None) -> str | None:
        """Run the block rules over ``text`` (or the current scanner) into ``el``."""
        self.stack.append((self.tree, self.src, self.block_ial))
        self.tree, self.block_ial = el, None
        if text is not None:
            self.src = Scanner(text)
        status: str | None = None
        src = self.src
        table = self._block_table
        table0 = self._block_table0
        try:
            while src.pos < len(src.string):
                string, pos = src.string, src.pos
                char = string[pos]
                if char == " ":
                    spaces = _SPACES.match(string, pos).end() - pos  # type: ignore[union-attr]
                    char = string[pos + spaces : pos + spaces + 1]
                    if spaces > 4:
                        spaces = 4
                    rules = table.get((spaces, char))
                    if rules is None:
                        rules = self.rules.block_rules_at(spaces, char)
                else:
                    rules = table0.get(char)
                    if rules is None:
                        rules = self.rules.block_rules_at(0, char)
                for start_re, fn in rules:
                    m = start_re.match(string, pos)
                    if m is not None:
                        src.m = m
                        if fn(self):
                            break
                else:
                    line = src.scan(_ANY_LINE)
                    self.add_text(line or src.rest())
                    if line is None:
                        src.pos = len(src.string)
                src = self.src
        except StopBlockParsing as stop:
            status = stop.status
        self.tree, self.src, self.block_ial = self.stack.pop()
        return status

    # --- span parsing --------------------------------------------------------
    def span_setup(self, parsers: tuple[str, ...] | None
                   ) -> tuple[SpanStarts, list[tuple[re.Pattern[str], Rule]]]:
        """The start finder and the rules for one subset of span parsers (cached)."""
        setup = self._span_start_cache.get(parsers)
        if setup is None:
            rules = self.span_rules if parsers is None else [
                r for r in self.span_rules if r[1].rule_name in parsers]  # type: ignore[attr-defined]
            setup = (SpanStarts([fn for _start_re, fn in rules]), rules)
            self._span_start_cache[parsers] = setup
        return setup

    def parse_spans(self, el: El, stop_re: re.Pattern[str] | None = None,
                    parsers: tuple[str, ...] | None = None, text_type: str | None = None,
                    cond: Callable[[], bool] | None = None) -> bool:
        """kramdown's ``parse_spans``: returns True when ``stop_re`` was found.

        kramdown searches one regex joining the stop pattern and every span
        start; the next stop and the next span start are searched apart here
        and remembered while still ahead, which finds the same positions.
        """
        self.stack.append((self.tree, self.text_type))
        self.tree = el
        if text_type is not None:
            self.text_type = text_type
        starts, rules = self.span_setup(parsers)
        find = starts.find
        src = self.src
        string = src.string
        end = len(string)
        stop_found = False
        # Earliest stop / span start at or after *_from*; -1 when there is none.
        stop_m: re.Match[str] | None = None
        stop_at = rule_at = -1
        stop_from = rule_from = end + 1
        while src.pos < end:
            pos = src.pos
            if pos < rule_from or (rule_at >= 0 and rule_at < pos):
                rule_at, rule_from = find(string, pos), pos
            q = rule_at
            if stop_re is not None:
                if pos < stop_from or (stop_at >= 0 and stop_at < pos):
                    stop_m = stop_re.search(string, pos)
                    stop_at, stop_from = (-1 if stop_m is None else stop_m.start()), pos
                if stop_at >= 0 and (q < 0 or stop_at <= q):
                    q = stop_at
            if q < 0:
                if stop_re is None:
                    self.add_text(string[pos:])
                    src.pos = end
                break
            if q > pos:
                self.add_text(string[pos:q])
                src.pos = pos = q
            if stop_at == pos and stop_re is not None:
                src.m = stop_m
                stop_found = cond() if cond is not None else True
                if stop_found:
                    break
            for start_re, fn in rules:
                sm = start_re.match(string, pos)
                if sm is not None:
                    src.m = sm
                    fn(self)
                    break
            else:
                self.add_text(src.getch())
        self.tree, self.text_type = self.stack.pop()
        return stop_found

    # --- attribute lists -----------------------------------------------------
    def parse_attribute_list(self, text: str, opts: dict[str, Any]) -> None:
        """Fill ``opts`` from an IAL/ALD body (extensions.rb)."""
        if not text.strip() or text.strip() == ":":
            return
        for m in ALD_TYPE_ANY.finditer(text):
            key, sep, val, ref, id_class = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
            if ref:
                opts.setdefault("refs", []).append(ref)
            elif id_class:
                for im in ALD_TYPE_ID_OR_CLASS.finditer(id_class):
                    if im.group(2):
                        opts["class"] = f"{opts.get('class', '')} {im.group(2)}".lstrip()
                    else:
                        opts["id"] = im.group(1)
            else:
                opts[key] = re.sub(r"\\(\}|" + re.escape(sep) + ")", r"\1", val)

    def update_attr_with_ial(self, attr: dict[str, str], ial: dict[str, Any]) -> None:
        for ref in ial.get("refs") or ():
            ald = self.alds.get(ref)
            if ald is not None:
                self.update_attr_with_ial(attr, ald)
        for k, v in ial.items():
            if k == "class":
                attr["class"] = f"{attr.get('class', '')} {v}".lstrip()
            elif k != "refs":
                attr[k] = v

    @staticmethod
    def update_ial_with_ial(ial: dict[str, Any], opts: dict[str, Any]) -> None:
        if "refs" in opts:
            ial.setdefault("refs", []).extend(opts["refs"])
        for k, v in opts.items():
            if k == "class":
                ial["class"] = f"{ial.get('class', '')} {v}".lstrip()
            elif k != "refs":
                ial[k] = v


_ANY_LINE = re.compile(r".*\n")
_SPACES = re.compile(" *")


class SpanStarts:
    """Finds the next position where one of a set of span rules may start.

    kramdown searches ``(?=start1|start2|...)``; Python's regex engine tries
    every alternative at every character of such a pattern.  Each rule also
    names an *anchor*: a pattern whose alternatives begin with a literal
    character, found at most ``span_back`` characters after any place where
    the rule's start matches.  A search for the anchors (which the engine
    runs as a fast character-set scan) proposes candidates, and only those
    are checked against the exact lookahead, so the answer is the same.
    """

    __slots__ = ("full", "anchors", "back")

    def __init__(self, fns: list[Any]) -> None:
        parts = [fn.span_start for fn in fns]
        self.full = re.compile("(?=" + "|".join(f"(?:{p})" for p in parts) + ")", re.S)
        anchors: list[str] = [a for a in (getattr(fn, "span_anchor", None) for fn in fns) if a]
        if not fns or len(anchors) < len(fns):
            self.anchors: re.Pattern[str] | None = None
            self.back = 0
        else:
            self.anchors = re.compile("|".join(anchors), re.S)
            self.back = max(int(getattr(fn, "span_back", 0)) for fn in fns)

    def find(self, string: str, pos: int) -> int:
        """The first position >= ``pos`` where ``full`` matches, or -1."""
        if self.anchors is None:
            m = self.full.search(string, pos)
            return -1 if m is None else m.start()
        search = self.anchors.search
        match = self.full.match
        back = self.back
        lo = pos
        while True:
            m = search(string, lo)
            if m is None:
                return -1
            a = m.start()
            q = a - back if a - back > lo else lo
            while q <= a:
                if match(string, q) is not None:
                    return q
                q += 1
            lo = a + 1
