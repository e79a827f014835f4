"""Front matter splitting as Jekyll's YAML_FRONT_MATTER_REGEXP does it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from liquidsite.errors import FrontMatterError
from liquidsite.frontmatter import has_front_matter, split


@pytest.mark.parametrize(
    ("text", "data", "body", "line"),
    [
        ("---\ntitle: A\n---\nbody\n", {"title": "A"}, "body\n", 4),
        ("---\ntitle: A\n...\nbody", {"title": "A"}, "body", 4),
        ("---\n---\nbody", {}, "body", 3),
        ("---\r\ntitle: A\r\n---\r\nbody", {"title": "A"}, "body", 4),
        ("no front matter\n", {}, "no front matter\n", 1),
        ("---   \nx: 1\n---   \nrest", {"x": 1}, "rest", 4),
        ("---\nx: [1, 2]\n---", {"x": [1, 2]}, "", 3),
    ],
)
def test_split(text: str, data: dict, body: str, line: int) -> None:
    got_data, got_body, got_line = split(text)
    assert (got_data, got_body, got_line) == (data, body, line)


def test_blank_lines_after_front_matter_are_dropped_as_jekyll_does() -> None:
    assert split("---\nx: 1\n---\n\n  \n\nbody\n") == ({"x": 1}, "body\n", 7)


def test_front_matter_detection_follows_the_raw_first_line() -> None:
    assert has_front_matter("---\nx: 1\n---\n")
    assert has_front_matter("--- \r\n---\n")
    # A byte order mark hides the dashes from Jekyll's check.
    assert not has_front_matter("\ufeff---\nx: 1\n---\n")
    assert not has_front_matter("----\n")


def test_bad_yaml_names_the_line() -> None:
    with pytest.raises(FrontMatterError) as info:
        split("---\ntitle: ok\nbad: [unclosed\n---\nbody", "page.md")
    err = info.value
    assert err.path == "page.md"
    assert err.line is not None and err.line >= 3
    assert "page.md:" in str(err)


def test_non_mapping_front_matter_is_an_error() -> None:
    with pytest.raises(FrontMatterError):
        split("---\n- a\n- b\n---\nbody", "list.md")


def test_unquoted_colon_gets_a_hint() -> None:
    with pytest.raises(FrontMatterError) as info:
        split("---\ntitle: A: B: C\n---\n", "t.md")
    assert info.value.hint and "quoted" in info.value.hint


_yaml_safe_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\x00"),
    max_size=80,
)


@given(body=_yaml_safe_text)
def test_text_without_dashes_comes_back_whole(body: str) -> None:
    if body.startswith("---"):
        return
    assert split(body) == ({}, body, 1)


@given(
    title=st.text(alphabet=st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=20),
    body=_yaml_safe_text,
)
def test_body_follows_the_closing_dashes(title: str, body: str) -> None:
    # Like Jekyll's regex, the split swallows blank lines right after the
    # closing dashes, so only bodies starting with text come back whole.
    body = "x" + body
    text = f'---\ntitle: "{title}"\n---\n{body}'
    data, got_body, line = split(text)
    assert data == {"title": title}
    assert got_body == body
    assert line == 4


# -- plain front matter read without the YAML library --------------------------

_WORDS = ["a", "Hello World", "yes", "No", "null", "~", "2016", "0", "007", "1_0", "1.5", "x  y", "é", "it's",
          "R&D", "2024-01-02", "On", "Y", "a,b", "x: y", "x #c", "#c", "&a", "*a", "!t", "- a", "[", "]", "{",
          "'", '"', "\\", "|", ">", "=", "<<", "\u2028", "\u00a0", "\ufeff", "\x85", "\x07", "\t", "\r", " "]  # fmt: skip
_TEXT = st.one_of(st.sampled_from(_WORDS[:17]), st.sampled_from(_WORDS), st.text(max_size=4))
_SCALAR = st.one_of(_TEXT, _TEXT.map(lambda t: f'"{t}"'), _TEXT.map(lambda t: f"'{t}'"))
_KEY = st.one_of(st.sampled_from(["title", "tags", "on", "null", "a-b", "_x", "Title"]), _TEXT)
_LINE = st.one_of(
    st.builds("{}: {}{}".format, _KEY, _SCALAR, st.sampled_from(["", " ", " # c"])),
    st.builds("{}: [{}]".format, _KEY, st.lists(_SCALAR, max_size=3).map(", ".join)),
    st.builds("{}:".format, _KEY),
    st.builds("{}- {}".format, st.sampled_from(["", "  ", " "]), _SCALAR),
    st.sampled_from(["", "  x: y", "  more", "# c", "---", "- - a"]),
)


@given(lines=st.lists(_LINE, max_size=6), end=st.sampled_from(["", "\n"]))
def test_plain_front_matter_is_read_as_the_yaml_loader_reads_it(lines: list[str], end: str) -> None:
    from liquidsite.frontmatter import simple_front_matter
    from liquidsite.yamlload import load_yaml

    raw = "---\n" + "\n".join(lines) + end
    fast = simple_front_matter(raw)
    if fast is None:
        return  # left to the YAML loader

    def typed(value: object) -> object:
        if isinstance(value, list):
            return [typed(v) for v in value]
        return (type(value), value)

    expected = load_yaml(raw) or {}
    assert list(fast) == list(expected)
    assert {k: typed(v) for k, v in fast.items()} == {k: typed(v) for k, v in expected.items()}


def test_plain_front_matter_covers_the_usual_lines() -> None:
    from liquidsite.frontmatter import simple_front_matter

    raw = '---\nlayout: post\ntitle: "A: B"\ntags: [a, b]\ncategories:\n  - x\nsince: 2016\npublished: false\nx:\n'
    assert simple_front_matter(raw) == {
        "layout": "post", "title": "A: B", "tags": ["a", "b"], "categories": ["x"], "since": 2016,
        "published": False, "x": None,
    }  # fmt: skip
    assert simple_front_matter("---\ndate: 2024-01-02\n") is None


def test_files_with_the_same_lines_get_lists_of_their_own() -> None:
    text = "---\ntags: [a, b]\nitems:\n  - x\n---\n"
    first, _, _ = split(text)
    first["tags"].append("c")
    first["items"].append("y")
    second, _, _ = split(text)
    assert second == {"tags": ["a", "b"], "items": ["x"]}
