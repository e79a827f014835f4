"""liquidsite.testing: render_template, golden files, HTML assertions, strategies."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite import LiquidsiteError, Site
from liquidsite.frontmatter import split
from liquidsite.testing import LiquidWarning, WarningSite, includes_folder, render_template
from liquidsite.testing import strategies as ls
from liquidsite.testing.golden import compare_golden, diff_text, golden_path
from liquidsite.testing.html import (
    assert_attr,
    assert_count,
    assert_text,
    attr,
    select,
    text,
    texts,
)
from liquidsite.yamlload import load_yaml

# -- render_template -----------------------------------------------------------


def test_render_template_uses_jekyll_filters() -> None:
    out = render_template(
        "{{ x | where_exp: 'i', 'i.a > 1' | map: 'a' | join: ',' }}", {"x": [{"a": 1}, {"a": 5}]}
    )
    assert out == "5"


def test_render_template_site_config_reaches_url_filters_and_site_variable() -> None:
    out = render_template("{{ site.title }} {{ '/p/' | absolute_url }}",
                          site={"title": "T", "url": "https://e.org", "baseurl": "/b"})
    assert out == "T https://e.org/b/p/"


def test_render_template_includes_from_a_dict(tmp_path: Path) -> None:
    includes = {"a.html": "[{{ include.x }}]", "sub/b.html": "{% include a.html x=include.y %}"}
    out = render_template("{% include sub/b.html y=page.v %}", page={"v": 3},
                          includes=includes, includes_parent=tmp_path)
    assert out == "[3]"
    # The same includes reuse one folder.
    assert includes_folder(includes, tmp_path) == includes_folder(dict(includes), tmp_path)
    assert len(list(tmp_path.iterdir())) == 1


def test_render_template_with_a_site(tmp_path: Path) -> None:
    site = Site.from_files({"_data/team.yml": "- name: Ada\n- name: Grace\n",
                            "_includes/n.html": "<{{ include.p.name }}>"}, tmp_path)
    out = render_template("{% for p in site.data.team %}{% include n.html p=p %}{% endfor %}", site=site)
    assert out == "<Ada><Grace>"
    with pytest.raises(ValueError, match="own _includes"):
        render_template("x", site=site, includes={"a": "b"})


def test_render_template_error_has_position() -> None:
    with pytest.raises(LiquidsiteError) as info:
        render_template("one\ntwo {% if x %}\n", name="card.html")
    assert (info.value.path, info.value.line) == ("card.html", 2)


def test_render_template_warnings_become_liquid_warnings() -> None:
    with pytest.warns(LiquidWarning, match="Liquid warning in t.html"):
        assert render_template("{{ 'a' | upcase | }}", name="t.html") == "A"


def test_warning_site_raises_and_records(tmp_path: Path) -> None:
    site = WarningSite.from_files({"index.md": "---\nlayout: gone\n---\nx"}, tmp_path)
    with pytest.warns(LiquidWarning, match="Layout 'gone'"):
        site.render()
    assert len(site.warnings) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error", LiquidWarning)
        with pytest.raises(LiquidWarning):
            WarningSite.from_files({"index.md": "---\nlayout: gone\n---\nx"}, tmp_path / "b").render()


def test_site_from_files_pages_and_data(tmp_path: Path) -> None:
    site = Site.from_files(
        {"_config.yml": "title: Hi", "index.md": "---\n---\n# {{ site.title }}",
         "_data/a.json": '{"k": [1, 2]}', "logo.png": b"\x89PNG"},
        tmp_path,
    )
    assert site.outputs["/"] == '<h1 id="hi">Hi</h1>\n'
    assert [p.relative_path for p in site.pages] == ["index.md"]
    assert site.data == {"a": {"k": [1, 2]}}
    assert (tmp_path / "logo.png").read_bytes() == b"\x89PNG"


# -- golden files --------------------------------------------------------------


def test_golden_compare_update_and_diff(tmp_path: Path) -> None:
    path = golden_path(tmp_path, "a/page.html")
    assert "no golden file" in str(compare_golden("x\n", path, update=False))
    assert compare_golden("one\ntwo\n", path, update=True) is None
    assert path.read_text() == "one\ntwo\n"
    assert compare_golden("one\ntwo\n", path, update=False) is None
    message = compare_golden("one\n2\n", path, update=False)
    assert message is not None
    assert message.splitlines()[-3:] == [" one", "-two", "+2"]


def test_golden_diff_shows_invisible_differences() -> None:
    diff = diff_text("a \nb", "a\nb\n", "golden")
    assert "-a·\n" in diff
    assert "\\ No newline at end of file" in diff


@pytest.mark.parametrize("name", ["", "/abs.html", "../out.html", "a/../../b"])
def test_golden_names_stay_inside(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        golden_path(tmp_path, name)


# -- HTML ------------------------------------------------------------------------

PAGE = """
<nav><a class="nav-link active" href="/ikim/institute">Institute</a><a class="nav-link" href="/ikim/groups/">Groups</a></nav>
<ul id="board"><li>Prof. Dr.   Ada
   Lovelace</li><li>Grace Hopper</li></ul>
"""


def test_select_and_texts() -> None:
    assert len(select(PAGE, "nav a")) == 2
    assert texts(PAGE, "#board li") == ["Prof. Dr. Ada Lovelace", "Grace Hopper"]
    assert text(PAGE, "a.active") == "Institute"
    assert attr(PAGE, "a.active", "class") == "nav-link active"
    assert attr(PAGE, "a.active", "title") is None


def test_assertions_pass_and_fail_readably() -> None:
    assert_text(PAGE, "a.active", "Institute")
    assert_text(PAGE, "#board li", ["Prof. Dr. Ada Lovelace", "Grace Hopper"])
    assert_text(PAGE, "a.active", re.compile("^Inst"))
    assert_attr(PAGE, "a.active", "href", "/ikim/institute")
    assert_count(PAGE, "li", 2)
    with pytest.raises(AssertionError, match=r"missing  \['Alan Turing'\]"):
        assert_text(PAGE, "#board li", ["Grace Hopper", "Alan Turing"])
    with pytest.raises(AssertionError, match="expected exactly one element for 'nav a', found 2"):
        text(PAGE, "nav a")
    with pytest.raises(AssertionError, match="found 0 in"):
        assert_attr(PAGE, "footer a", "href", "/")
    with pytest.raises(AssertionError, match="href= of 'a.active' is '/ikim/institute'"):
        assert_attr(PAGE, "a.active", "href", "/institute")
    with pytest.raises(AssertionError, match="expected 3 element"):
        assert_count(PAGE, "li", 3)


# -- strategies ----------------------------------------------------------------


@settings(max_examples=100)
@given(ls.front_matter())
def test_front_matter_round_trips_through_the_front_matter_reader(fm: dict[str, Any]) -> None:
    data, body, _ = split(ls.page_source(fm, "body\n"))
    assert data == fm
    assert body == "body\n"


@settings(max_examples=50)
@given(ls.data_files())
def test_data_files_round_trip(files: dict[str, Any]) -> None:
    for name, source in ls.data_file_texts(files).items():
        value = json.loads(source) if name.endswith(".json") else load_yaml(source)
        assert value == files[name]


@given(st.sampled_from(["1e3", "no", "on", "~", "2024-01-01", "0x10", "null", "- a", ": b", "'q'"]))
def test_strings_that_look_like_other_types_stay_strings(value: str) -> None:
    assert load_yaml(ls.to_yaml({"v": value})) == {"v": value}


def test_generated_keys_avoid_jekylls_own(tmp_path: Path) -> None:
    @settings(max_examples=100)
    @given(ls.keys())
    def check(key: str) -> None:
        assert key not in ls.RESERVED_KEYS
        assert re.fullmatch(ls.KEY_PATTERN, key)

    check()


@settings(max_examples=100)
@given(ls.csv_tables())
def test_csv_tables_round_trip_through_the_csv_reader(rows: list[dict[str, str]]) -> None:
    from liquidsite.reader import read_csv

    assert read_csv(ls.to_csv(rows), ",", "t.csv") == rows


@settings(max_examples=10, deadline=None)
@given(ls.data_files(formats=("yml", "json", "csv"), max_files=3))
def test_data_files_build_into_site_data(files: dict[str, Any]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as root:
        site = Site.from_files({**ls.data_file_texts(files), "index.html": "---\n---\n"}, root)
        expected = {Path(name).stem: value for name, value in files.items()}
        assert site.data == expected
