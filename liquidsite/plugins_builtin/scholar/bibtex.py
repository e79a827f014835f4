"""BibTeX bibliographies as jekyll-scholar sees them through bibtex-ruby.

bibtexparser splits the text into blocks; this module gives the blocks
bibtex-ruby's meaning (lib/bibtex/{bibliography,entry,value,names}.rb),
because that meaning shows in the pages:

- entry types and field names are lower-cased; a repeated key is renamed
  with Ruby's ``String#succ`` (``ruby`` -> ``rubz`` -> ``ruca``), so
  entries with the same key in several files all stay listed;
- a value is a list of tokens: strings and macro names (symbols);
  ``@string`` macros are replaced and adjacent strings joined
  (jekyll-scholar's ``replace_strings``/``join_strings``);
- ``author``, ``editor``, ``translator``, ``director``, ``producer``,
  ``composer`` are parsed into names and printed back in sort order
  (``Beck, Kent``);
- ``month`` becomes a three-letter symbol (``mar``) and a
  ``month_numeric`` field is added (``parse_months``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable, Union

import bibtexparser
from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock, Entry as ParsedEntry
from bibtexparser.model import String as ParsedString

NAME_FIELDS = ("author", "editor", "translator", "director", "producer", "composer")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


class Sym(str):
    """A macro name in a value (Ruby Symbol): printed bare, replaceable by ``@string``."""

    __slots__ = ()


Token = Union[str, Sym]


def ruby_inspect(text: str) -> str:
    """``String#inspect`` for the strings of a concatenated value."""
    escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "#": "#"}
    out = []
    for i, ch in enumerate(text):
        if ch == "#" and i + 1 < len(text) and text[i + 1] in "{$@":
            out.append("\\#")
        else:
            out.append(escapes.get(ch, ch))
    return '"' + "".join(out) + '"'


@dataclass
class Value:
    """A field value: string and symbol tokens (value.rb)."""

    tokens: list[Token] = field(default_factory=list)

    def atomic(self) -> bool:
        return len(self.tokens) < 2

    def has_symbol(self) -> bool:
        return any(isinstance(t, Sym) for t in self.tokens)

    def value(self) -> str:
        if self.atomic():
            return str(self.tokens[0]) if self.tokens else ""
        return " # ".join(t if isinstance(t, Sym) else ruby_inspect(t) for t in self.tokens)

    def to_s(self, quotes: list[str] | None = None) -> str:
        if quotes is None or not self.atomic() or self.has_symbol():
            return self.value()
        return (quotes[0] if quotes else "") + self.value() + (quotes[-1] if quotes else "")

    def __str__(self) -> str:
        return self.value()

    def numeric(self) -> bool:
        return self.atomic() and bool(self.tokens) and re.match(r"^\s*[+-]?\d+\s*$", self.tokens[0]) is not None

    def to_i(self) -> int:
        return ruby_to_i(str(self.tokens[0])) if self.tokens else 0

    def copy(self) -> Value:
        return Value(list(self.tokens))

    def convert(self, filters: Iterable[Callable[[str], str]]) -> Value:
        tokens: list[Token] = list(self.tokens)
        for func in filters:
            tokens = [func(str(t)) for t in tokens]
        return Value(tokens)

    def replace(self, strings: dict[str, Value]) -> None:
        if not self.has_symbol():
            return
        for name, replacement in strings.items():
            new: list[Token] = []
            for token in self.tokens:
                if isinstance(token, Sym) and token == name:
                    new.extend(replacement.tokens)
                else:
                    new.append(token)
            self.tokens = new

    def join(self) -> None:
        joined: list[Token] = []
        for token in self.tokens:
            if joined and not isinstance(joined[-1], Sym) and not isinstance(token, Sym):
                joined[-1] = str(joined[-1]) + token
            else:
                joined.append(token)
        self.tokens = joined


@dataclass
class Name:
    """One person: bibtex-ruby's ``Name`` struct (first, last, prefix, suffix)."""

    first: str | None = None
    last: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def sort_order(self) -> str:
        head = " ".join(p for p in (self.prefix, self.last) if p is not None)
        return ", ".join(p for p in (head, self.suffix, self.first) if p is not None)

    def parts(self) -> dict[str, str]:
        return {
            "first": self.first or "",
            "last": self.last or "",
            "prefix": self.prefix or "",
            "suffix": self.suffix or "",
        }

    def convert(self, filters: Iterable[Callable[[str], str]]) -> Name:
        values = [self.first, self.last, self.prefix, self.suffix]
        for func in filters:
            values = [None if v is None else func(v) for v in values]
        return Name(*values)


@dataclass
class Names:
    """A parsed name list (names.rb); printed as ``Last, First and ...``."""

    names: list[Name] = field(default_factory=list)

    def value(self) -> str:
        return " and ".join(n.sort_order() for n in self.names)

    def to_s(self, quotes: list[str] | None = None) -> str:
        if quotes is None:
            return self.value()
        return (quotes[0] if quotes else "") + self.value() + (quotes[-1] if quotes else "")

    def __str__(self) -> str:
        return self.value()

    def numeric(self) -> bool:
        return False

    def to_i(self) -> int:
        return 0

    def copy(self) -> Names:
        return Names([Name(n.first, n.last, n.prefix, n.suffix) for n in self.names])

    def convert(self, filters: Iterable[Callable[[str], str]]) -> Names:
        funcs = list(filters)
        return Names([n.convert(funcs) for n in self.names])


FieldValue = Union[Value, Names]


@dataclass
class Entry:
    """A bibliography entry: type, key and fields in file order."""

    type: str
    key: str
    fields: dict[str, FieldValue] = field(default_factory=dict)

    def get(self, name: str) -> FieldValue | None:
        return self.fields.get(name)

    def copy(self) -> Entry:
        return Entry(self.type, self.key, {k: v.copy() for k, v in self.fields.items()})

    def convert(self, filters: list[Callable[[str], str]]) -> Entry:
        """``Entry#convert``: a copy with every value passed through *filters*."""
        return Entry(self.type, self.key, {k: v.convert(filters) for k, v in self.fields.items()})

    def to_bibtex(self, quotes: list[str] | None = None, skip: Iterable[str] = ()) -> str:
        """``Entry#to_s``: the entry as BibTeX text, fields indented by two spaces."""
        quotes = quotes if quotes is not None else ["{", "}"]
        skipped = set(skip)
        content = ",\n".join(
            f"{k} = {v.to_s(quotes)}" for k, v in self.fields.items() if k not in skipped
        )
        return "\n".join([f"@{self.type}{{{self.key},", ruby_indent(content, "  "), "}\n"])

    def digest(self, names: Iterable[str]) -> str:
        """``Entry#digest``: the type and the sorted *names* fields the entry has."""
        wanted = sorted(set(self.fields) & {str(n) for n in names})
        return self.type + "".join(f"|{k}:{self.fields[k]}" for k in wanted)


@dataclass
class Bibliography:
    """The entries of the concatenated ``.bib`` files, in order."""

    entries: list[Entry] = field(default_factory=list)
    strings: dict[str, Value] = field(default_factory=dict)

    def by_key(self) -> dict[str, Entry]:
        return {e.key: e for e in self.entries}

    def uniq(self, fields: list[str]) -> None:
        """``Bibliography#uniq!``: keep the first of entries with equal digests."""
        names = fields or ["year", "title"]
        seen: set[str] = set()
        kept = []
        for entry in self.entries:
            digest = entry.digest(names)
            if digest in seen:
                continue
            seen.add(digest)
            kept.append(entry)
        self.entries = kept


def ruby_indent(text: str, pad: str) -> str:
    """``text.gsub(/^/, pad)``: Ruby's ``^`` does not match after a final newline."""
    if text == "":
        return pad
    lines = text.split("\n")
    if text.endswith("\n"):
        return "\n".join(pad + line for line in lines[:-1]) + "\n"
    return "\n".join(pad + line for line in lines)


def ruby_to_i(text: str) -> int:
    """``String#to_i``: the leading integer, else 0."""
    m = re.match(r"\s*([+-]?\d[\d_]*)", text)
    return int(m.group(1).replace("_", "")) if m else 0


def ruby_succ(text: str) -> str:
    """``String#succ`` for ASCII alphanumerics (bibtex-ruby renames repeated keys with it)."""
    chars = list(text)
    alnum = [i for i, c in enumerate(chars) if c.isascii() and c.isalnum()]
    if not alnum:
        if not chars:
            return ""
        chars[-1] = chr(ord(chars[-1]) + 1)
        return "".join(chars)
    # string.c str_succ: carry leftwards over alphanumerics; across other
    # characters only to one of the same kind (letter/digit), else stop.
    last = -1
    after_gap = False
    for i in range(alnum[-1], -1, -1):
        c = chars[i]
        if not (c.isascii() and c.isalnum()):
            if last >= 0:
                after_gap = True
            continue
        if after_gap and last >= 0 and chars[last].isalpha() != c.isalpha():
            break
        after_gap = False
        if c in "zZ9":
            chars[i] = {"z": "a", "Z": "A", "9": "0"}[c]
            last = i
            continue
        chars[i] = chr(ord(c) + 1)
        return "".join(chars)
    chars.insert(last, {"a": "a", "A": "A", "0": "1"}[chars[last]])
    return "".join(chars)


# -- value expressions --------------------------------------------------------
def split_value(raw: str) -> list[Token]:
    """Tokens of a raw value expression: ``{..}``, ``".."``, numbers, macro names, ``#``."""
    tokens: list[Token] = []
    i, n = 0, len(raw)
    while i < n:
        ch = raw[i]
        if ch.isspace() or ch == "#":
            i += 1
        elif ch == "{":
            depth, j = 0, i
            while j < n:
                if raw[j] == "{":
                    depth += 1
                elif raw[j] == "}":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            tokens.append(raw[i + 1 : j])
            i = j + 1
        elif ch == '"':
            depth, j = 0, i + 1
            while j < n:
                if raw[j] == "{":
                    depth += 1
                elif raw[j] == "}":
                    depth -= 1
                elif raw[j] == '"' and depth == 0:
                    break
                j += 1
            tokens.append(raw[i + 1 : j])
            i = j + 1
        else:
            m = re.compile(r"\d+|[^\s#{}\"]+").match(raw, i)
            if m is None:  # pragma: no cover - the loop above consumes everything else
                break
            word = m.group(0)
            tokens.append(word if word.isdigit() else Sym(word.rstrip()))
            i = m.end()
    return tokens


def parse_names(text: str) -> Names:
    """BibTeX name list rules (``First von Last``, ``von Last, Jr, First``)."""
    result = []
    for person in split_multiple_persons_names(text):
        parts = parse_single_name_into_parts(person, strict=False)
        result.append(
            Name(
                first=" ".join(parts.first) or None,
                last=" ".join(parts.last) or None,
                prefix=" ".join(parts.von) or None,
                suffix=" ".join(parts.jr) or None,
            )
        )
    return Names(result)


def parse_month(entry: Entry) -> None:
    """``Entry#parse_month``: ``month`` as a three-letter symbol plus ``month_numeric``."""
    entry.fields.pop("month_numeric", None)
    month = entry.fields.get("month")
    if month is None:
        return
    text = str(month).strip()
    m = re.match(r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", text, re.I)
    symbol: str | None = None
    if m:
        symbol = text[:3].lower()
    elif re.fullmatch(r"\d\d?", text) and 1 <= int(text) <= 12:
        symbol = MONTHS[int(text) - 1]
    if symbol is not None:
        entry.fields["month"] = Value([Sym(symbol)])
    if symbol in MONTHS:
        entry.fields["month_numeric"] = Value([str(MONTHS.index(symbol) + 1)])


def parse(text: str, *, parse_name_fields: bool = True, parse_months: bool = True,
          replace_strings: bool = True, join_strings: bool = True) -> Bibliography:
    """Parse concatenated ``.bib`` text as ``BibTeX::Bibliography.parse`` with
    jekyll-scholar's options (``strip: false``: values keep their line breaks)."""
    library = bibtexparser.parse_string(text, parse_stack=[])  # type: ignore[attr-defined]
    bib = Bibliography()
    taken: set[str] = set()
    for block in library.blocks:
        if isinstance(block, ParsedString):
            bib.strings[block.key] = Value(split_value(str(block.value)))
            continue
        parsed: ParsedEntry | None = None
        if isinstance(block, ParsedEntry):
            parsed = block
        elif isinstance(block, (DuplicateBlockKeyBlock, DuplicateFieldKeyBlock)):
            inner = block.ignore_error_block
            parsed = inner if isinstance(inner, ParsedEntry) else None
        if parsed is None:
            continue
        key = str(parsed.key)
        while key in taken:
            key = ruby_succ(key)
        taken.add(key)
        entry = Entry(str(parsed.entry_type).lower(), key)
        for f in parsed.fields:
            entry.fields[str(f.key).lower()] = Value(split_value(str(f.value)))
        bib.entries.append(entry)
    if replace_strings:
        for value in bib.strings.values():
            value.replace(bib.strings)
        for entry in bib.entries:
            for field_value in entry.fields.values():
                if isinstance(field_value, Value):
                    field_value.replace(bib.strings)
                    if join_strings:
                        field_value.join()
    for entry in bib.entries:
        if parse_name_fields:
            for name in NAME_FIELDS:
                names_value = entry.fields.get(name)
                if isinstance(names_value, Value) and names_value.atomic():
                    entry.fields[name] = parse_names(str(names_value))
        if parse_months:
            parse_month(entry)
    return bib
