"""Regular expressions shared by the kramdown-compatible parsers.

kramdown's regexes are Ruby (Onigmo) regexes run by a ``StringScanner``.
Three differences matter when restating them for Python's ``re``:

* Ruby's ``\\s``, ``\\w`` and ``\\d`` are ASCII-only while Python's are
  Unicode; the classes below spell the ASCII sets out (``[[:alpha:]]`` and
  ``\\b`` *are* Unicode-aware in Ruby, so those keep Python's meaning).
* A ``StringScanner`` treats its position as the start of the string, so a
  leading ``^`` always matches there.  Patterns used with ``match(src, pos)``
  therefore drop their leading ``^``; inner ``^`` use ``re.M``.
* Ruby's ``\\Z`` also matches before a final newline: written ``(?=\\n?\\Z)``.

Speed: kramdown's lazy ``.*?\\n`` is written ``.*\\n`` where ``.`` cannot
cross a newline (both stop at the first one; Python runs the greedy form
several times faster), and a look-ahead restating what a pattern needs
further on may be added in front so that most lines fail at once.
"""

from __future__ import annotations

import re

WS = r"[ \t\n\r\f\v]"  # Ruby \s
NWS = r"[^ \t\n\r\f\v]"  # Ruby \S
W = r"[A-Za-z0-9_]"  # Ruby \w
ALPHA = r"[^\W\d_]"  # Ruby [[:alpha:]]
ALNUM = r"[^\W_]"  # Ruby [[:alnum:]]
RZ = r"(?=\n?\Z)"  # Ruby \Z
STRIP = " \t\n\r\f\v\0"  # what Ruby's strip/rstrip remove

# REXML's UNAME_STR: an XML name with an optional namespace prefix.
_NC = r"[^\W\d][\w.\-]*"
UNAME = rf"(?:{_NC}:)?{_NC}"

# --- HTML constants (kramdown/parser/html.rb) -------------------------------
HTML_CONTENT_MODEL_BLOCK = frozenset(
    "address applet article aside blockquote body dd details div dl fieldset figure "
    "figcaption footer form header hgroup iframe li main map menu nav noscript object "
    "section summary td".split()
)
HTML_CONTENT_MODEL_SPAN = frozenset(
    "a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins "
    "label legend optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th "
    "tt".split()
)
HTML_SPAN_ELEMENTS = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label "
    "mark option q rb rbc rp rt rtc ruby samp select small span strong sub sup tt u "
    "var".split()
)
HTML_BLOCK_ELEMENTS = frozenset(
    "address article aside applet body blockquote caption col colgroup dd div dl dt "
    "fieldset figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe "
    "legend menu li main map nav ol optgroup p pre section summary table tbody td th "
    "thead tfoot tr ul".split()
)
HTML_ELEMENTS_WITHOUT_BODY = frozenset(
    "area base br col command embed hr img input keygen link meta param source track "
    "wbr".split()
)
_RAW = frozenset("script style math option textarea pre code kbd samp var".split())
HTML_ELEMENT = (
    HTML_SPAN_ELEMENTS
    | HTML_BLOCK_ELEMENTS
    | HTML_ELEMENTS_WITHOUT_BODY
    | HTML_CONTENT_MODEL_BLOCK
    | HTML_CONTENT_MODEL_SPAN
    | _RAW
)


def content_model(name: str) -> str:
    """kramdown's HTML_CONTENT_MODEL: unknown elements are raw."""
    if name in HTML_CONTENT_MODEL_BLOCK:
        return "block"
    if name in HTML_CONTENT_MODEL_SPAN:
        return "span"
    return "raw"


HTML_COMMENT_RE = re.compile(r"<!--(.*?)-->", re.S)
HTML_INSTRUCTION_RE = re.compile(r"<\?(.*?)\?>", re.S)
HTML_ATTRIBUTE_RE = re.compile(
    rf"{WS}*({UNAME})(?:{WS}*={WS}*(?:(\w+)|(\"|')(.*?)\3))?", re.S
)
HTML_TAG_RE = re.compile(
    rf"<({UNAME}){WS}*((?:{WS}+{UNAME}(?:{WS}*={WS}*(?:\w+|(\"|').*?\3))?)*){WS}*(/)?>",
    re.S,
)
HTML_TAG_CLOSE_RE = re.compile(rf"</({UNAME}){WS}*>", re.S)
HTML_ENTITY_RE = re.compile(r"&([\w:][\-\w.:]*);|&#(\d+);|&#x([0-9a-fA-F]+);")
HTML_RAW_START = re.compile(rf"<(?:{UNAME}|/|!--|\?)")
REFERENCE_RE = r"&(?:[\w:][\-\w.:]*;|#\d+;|#x[0-9a-fA-F]+;)"

# --- IAL / ALD / extensions (kramdown/parser/kramdown/extensions.rb) --------
ALD_ANY_CHARS = r"(?:\\\}|[^}])"
ALD_ID_NAME = rf"{W}[\w-]*".replace(r"[\w-]", r"[A-Za-z0-9_-]")
ALD_TYPE_KEY_VALUE_PAIR = rf"({ALD_ID_NAME})=(\"|')((?:\\\}}|\\\2|[^}}\2])*?)\2"
ALD_TYPE_CLASS_NAME = r"\.([^ \t\n\r\f\v.#]+)"
ALD_TYPE_ID_NAME = r"#([A-Za-z][A-Za-z0-9_:-]*)"
ALD_TYPE_ID_OR_CLASS = re.compile(rf"{ALD_TYPE_ID_NAME}|{ALD_TYPE_CLASS_NAME}")
ALD_TYPE_ANY = re.compile(
    rf"(?:\A|{WS})(?:{ALD_TYPE_KEY_VALUE_PAIR}|({ALD_ID_NAME})"
    rf"|((?:{ALD_TYPE_ID_NAME}|{ALD_TYPE_CLASS_NAME})+))(?={WS}|\Z)"
)
ALD_START = re.compile(rf" {{0,3}}\{{:({ALD_ID_NAME}):({ALD_ANY_CHARS}+)\}}{WS}*?\n")
EXT_STOP_STR = r"\{:/(%s)?\}"
EXT_START_STR = rf"\{{::(\w+)(?:{WS}({ALD_ANY_CHARS}*?)|)(/)?\}}".replace(r"(\w+)", rf"({W}+)")
EXT_BLOCK_START = re.compile(
    rf" {{0,3}}(?:{EXT_START_STR}|{EXT_STOP_STR % ALD_ID_NAME}){WS}*?\n"
)
IAL_BLOCK = rf"\{{:(?!:|/)({ALD_ANY_CHARS}+)\}}{WS}*?\n"
IAL_BLOCK_START = re.compile(rf" {{0,3}}{IAL_BLOCK}")
EXT_SPAN_START = re.compile(rf"{EXT_START_STR}|{EXT_STOP_STR % ALD_ID_NAME}")
IAL_SPAN_START = re.compile(rf"\{{:({ALD_ANY_CHARS}+)\}}")

# --- block level ------------------------------------------------------------
BLANK_LINE = re.compile(rf"{WS}*\n")
EOB_MARKER = re.compile(rf"\^{WS}*?\n")
_LAZY_SPAN = "|".join(sorted(HTML_SPAN_ELEMENTS | {"script"}))
LAZY_END_HTML_START = rf"<(?!(?:{_LAZY_SPAN})\b){UNAME}"
LAZY_END_HTML_STOP = rf"</(?!(?:{_LAZY_SPAN})\b){UNAME}{WS}*>"
# LAZY_END is checked at the start of a line (paragraph.rb).
LAZY_END = (
    rf"{WS}*\n|\^{WS}*?\n| {{0,3}}{IAL_BLOCK}| {{0,3}}{LAZY_END_HTML_STOP}"
    rf"| {{0,3}}{LAZY_END_HTML_START}|\Z"
)
PATTERN_TAIL = r"[\t| ].*\n"
LIST_START_UL = re.compile(rf"( {{0,3}}[+*-])({PATTERN_TAIL})")
LIST_START_OL = re.compile(rf"( {{0,3}}\d+\.)({PATTERN_TAIL})".replace(r"\d", "[0-9]"))
LIST_START = rf"{LIST_START_UL.pattern}|{LIST_START_OL.pattern}"
DEFINITION_LIST_START = re.compile(rf"( {{0,3}}:)({PATTERN_TAIL})")
# GFM's ATX start (kramdown-parser-gfm gfm.rb).
ATX_HEADER_START = re.compile(r"(?P<level>#{1,6})[\t ]+(?P<contents>.*)\n")
BLOCKQUOTE_START = re.compile(r" {0,3}> ?")
FENCED_CODEBLOCK_START = re.compile(r" {0,3}[~`]{3,}")
PARAGRAPH_END = re.compile(
    rf"{LAZY_END}|{LIST_START}|{ATX_HEADER_START.pattern}|{DEFINITION_LIST_START.pattern}"
    rf"| {{0,3}}> ?| {{0,3}}[~`]{{3,}}",
    re.M,
)
LAZY_END_RE = re.compile(LAZY_END, re.M)
PARAGRAPH_START = re.compile(r" {0,3}[^ \t].*\n")
PARAGRAPH_MATCH = re.compile(r".*\n")
HR_START = re.compile(r" {0,3}(\*|-|_)[ \t]*\1[ \t]*\1(?:\1|[ \t])*\n")
SETEXT_HEADER_START = re.compile(
    r" {0,3}(?=[^ \t].*\n[-=])(?P<contents>[^ \t].*)\n(?P<level>[-=])[-=]*[ \t\r\f\v]*\n"
)
INDENT = re.compile(r"^(?:\t| {4})", re.M)
