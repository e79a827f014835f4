"""Tag arguments: jekyll-scholar's ``optparse`` (utilities.rb).

The markup is cut before every known option (``-f``, ``--file``, ...) with
the plugin's own regular expression, each piece is stripped, and Ruby's
OptionParser reads the pieces: an option's value is the whole next piece,
spaces included (``--query @book[year <= 2000]``).  ``{{ var }}`` in a
value is kept as written and filled in at render time (``interpolate``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SPLIT = re.compile(
    r"(\B-[cCfhqptTsgGOlLomAr]|\B--(?:cited(?:_in_order)?|clear|bibliography_list_tag|file|query"
    r"|prefix|text|style|group_(?:by|order)|type_order|template|locator|label|offset|max"
    r"|suppress_author|remove_duplicates|))",
    re.ASCII,
)

# option -> (short, takes a value: "required" | "optional" | None)
_LONG = {
    "cited": ("c", None),
    "cited_in_order": ("C", None),
    "clear": (None, None),
    "remove_duplicates": ("r", "optional"),
    "suppress_author": ("A", None),
    "file": ("f", "required"),
    "query": ("q", "required"),
    "bibliography_list_tag": ("h", "required"),
    "prefix": ("p", "required"),
    "text": ("t", "required"),
    "locator": ("l", "required"),
    "label": ("L", "required"),
    "offset": ("o", "required"),
    "max": ("m", "required"),
    "style": ("s", "required"),
    "group_by": ("g", "required"),
    "group_order": ("G", "required"),
    "type_order": ("O", "required"),
    "template": ("T", "required"),
}
_SHORT = {short: long for long, (short, _) in _LONG.items() if short}


class OptionError(Exception):
    """An unknown option or a missing value (OptionParser's errors)."""


@dataclass
class Options:
    """What the arguments of one tag set; ``None`` means "not given"."""

    cited: bool = False
    skip_sort: bool = False
    clear: bool = False
    remove_duplicates: bool = False
    match_fields: list[str] = field(default_factory=list)
    suppress_author: bool = False
    files: list[str] | None = None
    query: str | None = None
    bibliography_list_tag: str | None = None
    prefix: str | None = None
    text: str | None = None
    locators: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    offset: int | None = None
    max: int | None = None
    style: str | None = None
    group_by: str | None = None
    group_order: str | None = None
    template: str | None = None


def ruby_to_i(text: str) -> int:
    m = re.match(r"\s*([+-]?\d+)", text)
    return int(m.group(1)) if m else 0


def _apply(opts: Options, name: str, value: str | None) -> None:
    if name == "cited":
        opts.cited = True
    elif name == "cited_in_order":
        opts.cited, opts.skip_sort = True, True
    elif name == "clear":
        opts.clear = True
    elif name == "remove_duplicates":
        opts.remove_duplicates = True
        if value is not None:
            opts.match_fields = re.split(r",\s+", value)
    elif name == "suppress_author":
        opts.suppress_author = True
    elif name == "file":
        opts.files = [*(opts.files or []), str(value)]
    elif name == "locator":
        opts.locators.append(str(value))
    elif name == "label":
        opts.labels.append(str(value))
    elif name in ("offset", "max"):
        setattr(opts, name, ruby_to_i(str(value)))
    elif name == "type_order":
        opts.group_by = value
    else:
        setattr(opts, name, value)


def parse_options(arguments: str | None) -> Options:
    """Read tag arguments as jekyll-scholar's ``optparse`` does.

    Raises:
        OptionError: an unknown option, or an option without its value.
    """
    opts = Options()
    if not arguments:
        return opts
    pieces = [p.strip() for p in _SPLIT.split(arguments) if p is not None]
    argv = [p for p in pieces if p]
    i = 0
    while i < len(argv):
        arg = argv[i]
        i += 1
        if arg == "--":
            break
        if not arg.startswith("-") or arg == "-":
            continue  # a plain argument: OptionParser leaves it alone
        if arg.startswith("--"):
            name, _, inline = arg[2:].partition("=")
            candidates = [k for k in _LONG if k == name] or [k for k in _LONG if k.startswith(name)]
            if len(candidates) != 1:
                raise OptionError(f"invalid option: {arg}")
            name = candidates[0]
            inline_value: str | None = inline if "=" in arg else None
        else:
            short = arg[1]
            if short not in _SHORT:
                raise OptionError(f"invalid option: {arg}")
            name = _SHORT[short]
            inline_value = arg[2:] or None
        kind = _LONG[name][1]
        value: str | None = None
        if kind == "required":
            if inline_value is not None:
                value = inline_value
            elif i < len(argv):
                value = argv[i]
                i += 1
            else:
                raise OptionError(f"missing argument: {arg}")
        elif kind == "optional":
            if inline_value is not None:
                value = inline_value
            elif i < len(argv) and not argv[i].startswith("-"):
                value = argv[i]
                i += 1
        _apply(opts, name, value)
    return opts
