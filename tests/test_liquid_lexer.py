"""The template lexer: python-liquid's tokens, with a faster rule for text.

liquidsite replaces python-liquid's lazy content rule (a lookahead after
every character) with a greedy one; every template must still split into
exactly the tokens python-liquid's rule gives (anchored at the true end of
the text, as liquidsite's lexer is).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from liquid.lex import _tokenize_template, compile_liquid_rules

from liquidsite.environment import _jekyll_tokenizer

_DELIMITERS = ("{%", "%}", "{{", "}}", "", "")


def _reference(source: str) -> object:
    rules = compile_liquid_rules(*_DELIMITERS)
    anchored = re.compile(rules.pattern.replace("|$)", "|\\Z)"), rules.flags)
    return _tokens(lambda text: _tokenize_template(text, anchored), source)


def _tokens(tokenize: object, source: str) -> object:
    try:
        return list(tokenize(source))  # type: ignore[operator]
    except Exception as err:  # noqa: BLE001 - the same error counts as the same answer
        return repr(err)


def test_the_content_rule_is_replaced() -> None:
    rules = _jekyll_tokenizer(*_DELIMITERS).keywords["rules"]  # type: ignore[attr-defined]
    assert ".+?(?=" not in rules.pattern


@pytest.mark.parametrize("source", [
    "", "a", "{", "{{", "{%", "a{b", "a{", "text {{ x }} more", "{{{ x }}}", "{%% if %}",
    "a {{- x -}}\n", "x\n{%- if a -%}\n y \n{%- endif -%}\n", "{ {% raw %}{{{% endraw %}",
    "{{ unclosed", "text {% unclosed", "{% comment %}{ {{ {% endcomment %}b",
    "line\n{\n{%- assign a = 1 %}\n", "é{x}{{ 'ü' }}{",
    "a{% comment %}x{% comment %}y{% endcomment %}z{%- endcomment -%}\n b",
    "{% comment %}never closed {{ x }}", " {%- raw -%} {{ x }} {%- endraw -%} ",
    "{% doc %} about {% enddoc %}after", "{%- doc -%}x{%- enddoc -%} y", "{% # note %}\n x",
    "{{ a }}{{ b }}{% if c %}{% endif %}", "{{- a -}}   {%- if b -%}   {{ c }}",
])
def test_tokens_as_python_liquid(source: str) -> None:
    assert _tokens(_jekyll_tokenizer(*_DELIMITERS), source) == _reference(source)


_PIECES = st.sampled_from([
    "{", "}", "%", "{{", "{%", "-", " ", "\n", "a", "raw", "endraw", "comment", "endcomment",
    "%}", "}}", "-%}", "-}}", "{%-", "{{-", "x", "|", "é", "doc", "enddoc", "#",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=16).map("".join))
def test_any_text_tokens_as_python_liquid(source: str) -> None:
    assert _tokens(_jekyll_tokenizer(*_DELIMITERS), source) == _reference(source)
