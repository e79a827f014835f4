"""The slug's pattern paths agree with its character-by-character path."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite.filters.strings import (
    SLUGIFY_MODES,
    _replace_runs,
    _replace_runs_by_char,
    slugify_text,
    transliterate,
)

# Mostly ASCII (the pattern path), with some of everything else mixed in.
_ASCII = st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=40)
_MIXED = st.text(
    alphabet=st.characters(max_codepoint=0x7F) | st.sampled_from("éÆß×\u0301٣\u2028\u00a0\u3000-"),
    max_size=40,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_ASCII, _MIXED, st.text(max_size=20)), st.sampled_from(SLUGIFY_MODES))
def test_runs_agree_with_char_path(text: str, mode: str) -> None:
    if mode == "latin":
        text = transliterate(text)
    assert _replace_runs(mode, text) == _replace_runs_by_char(mode, text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_ASCII, _MIXED), st.sampled_from(SLUGIFY_MODES), st.booleans())
def test_slug_trims_like_the_multiline_pattern(text: str, mode: str, cased: bool) -> None:
    source = transliterate(text) if mode == "latin" else text
    expected = re.sub(r"^-|-$", "", _replace_runs_by_char(mode, source), flags=re.M)
    assert slugify_text(text, mode, cased) == (expected if cased else expected.lower())


def test_slug_examples() -> None:
    assert slugify_text("The _config.yml file?!", "default") == "the-config-yml-file"
    assert slugify_text("The _config.yml file?", "pretty") == "the-_config.yml-file"
    assert slugify_text(" -a- ", "raw") == "-a-"
    assert slugify_text("Café 2024", "latin") == "cafe-2024"
    assert slugify_text("Café 2024", "default") == "café-2024"
    assert slugify_text("-", "raw") == ""
