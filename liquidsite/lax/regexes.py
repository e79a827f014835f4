"""Ruby Liquid 5.4's parsing regexes, translated to Python.

Ruby's ``\\s``, ``\\w`` and ``\\d`` are ASCII-only, hence ``re.ASCII``; Ruby's
``/m`` flag is Python's ``re.DOTALL``.  Names follow liquid.rb and the tag
files they come from so the two can be read side by side.
"""

from __future__ import annotations

import re

A = re.ASCII
#: What Ruby's String#strip removes.
RUBY_WS = " \t\n\v\f\r\0"

# liquid.rb
QUOTED_STRING = r""""[^"]*"|'[^']*'"""
QUOTED_FRAGMENT = rf"""(?:{QUOTED_STRING}|(?:[^\s,|'"]|{QUOTED_STRING})+)"""
TAG_ATTRIBUTES = re.compile(rf"(\w[\w-]*)\s*:\s*({QUOTED_FRAGMENT})", A)
# Ruby wraps an interpolated Regexp in a group, so ``#{VariableSignature}+``
# repeats the whole pattern.
VARIABLE_SIGNATURE = r"(?:\(?[\w\-.\[\]]\)?)"
VARIABLE_SEGMENT = r"[\w\-]"
VARIABLE_PARSER = re.compile(r"\[[^\]]+\]|[\w\-]+\??", A)
TEMPLATE_PARSER = re.compile(r"(\{%.*?%\}|\{\{.*?\}\}?|\{%|\{\{)", re.DOTALL)

# variable.rb
MARKUP_WITH_QUOTED_FRAGMENT = re.compile(rf"({QUOTED_FRAGMENT})(.*)", A | re.DOTALL)
FILTER_MARKUP = re.compile(r"\|\s*(.*)", A | re.DOTALL)
FILTER_PARSER = re.compile(rf"(?:\s+|{QUOTED_FRAGMENT}|,)+", A)
FILTER_ARGS = re.compile(rf"(?::|,)\s*((?:\w+\s*:\s*)?{QUOTED_FRAGMENT})", A)
JUST_TAG_ATTRIBUTES = re.compile(rf"\A(\w[\w-]*)\s*:\s*({QUOTED_FRAGMENT})\Z", A)

# expression.rb
INTEGERS = re.compile(r"\A(-?\d+)\Z", A)
FLOATS = re.compile(r"\A(-?\d[\d.]+)\Z", A)
RANGES = re.compile(r"\A\(\s*(?>(\S+)\s*\.\.)\s*(\S+)\s*\)\Z", A)

# tags/if.rb
IF_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT})\s*([=!<>a-z_]+)?\s*({QUOTED_FRAGMENT})?", A)
EXPRESSIONS_AND_OPERATORS = re.compile(
    rf"(?:\b(?:\s?and\s?|\s?or\s?)\b|(?:\s*(?!\b(?:\s?and\s?|\s?or\s?)\b)"
    rf"(?:{QUOTED_FRAGMENT}|\S+)\s*)+)",
    A,
)
# tags/for.rb, tags/table_row.rb
FOR_SYNTAX = re.compile(rf"\A({VARIABLE_SEGMENT}+)\s+in\s+({QUOTED_FRAGMENT}+)\s*(reversed)?", A)
TABLEROW_SYNTAX = re.compile(rf"(\w+)\s+in\s+({QUOTED_FRAGMENT}+)", A)
# tags/assign.rb, tags/capture.rb
ASSIGN_SYNTAX = re.compile(rf"({VARIABLE_SIGNATURE}+)\s*=\s*(.*)\s*", A | re.DOTALL)
CAPTURE_SYNTAX = re.compile(rf"({VARIABLE_SIGNATURE}+)", A)
# tags/case.rb
CASE_SYNTAX = re.compile(rf"({QUOTED_FRAGMENT})", A)
WHEN_SYNTAX = re.compile(
    rf"({QUOTED_FRAGMENT})(?:(?:\s+or\s+|\s*,\s*)({QUOTED_FRAGMENT}.*))?", A | re.DOTALL
)
# tags/cycle.rb
CYCLE_SIMPLE = re.compile(rf"\A{QUOTED_FRAGMENT}+", A)
CYCLE_NAMED = re.compile(rf"\A({QUOTED_FRAGMENT})\s*:\s*(.*)", A | re.DOTALL)
CYCLE_VARIABLE = re.compile(rf"\s*({QUOTED_FRAGMENT})\s*", A)

# block_body.rb
FULL_TOKEN = re.compile(r"\A\{%-?(\s*)(#|\w+)(\s*)(.*?)-?%\}\Z", A | re.DOTALL)
CONTENT_OF_VARIABLE = re.compile(r"\A\{\{-?(.*?)-?\}\}\Z", re.DOTALL)
LIQUID_TAG_TOKEN = re.compile(r"\A\s*(#|\w+)\s*(.*?)\Z", A | re.DOTALL)
WHITESPACE_OR_NOTHING = re.compile(r"\A\s*\Z", A)
# tags/raw.rb
RAW_SYNTAX = re.compile(r"\A\s*\Z", A)
RAW_END = re.compile(r"\A(.*)\{%\s*(\w+)\s*(.*)?%\}\Z", A | re.DOTALL)
