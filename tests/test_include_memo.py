"""Include renders replayed within a build (liquidsite.tags.include_memo).

A replay must be indistinguishable from rendering again: same output,
same variables left behind, same dependencies recorded.  The property test
renders random pages calling random includes with the memo and without it
and compares every output.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite import Site
from liquidsite.environment import JekyllEnvironment
from liquidsite.tags.include_memo import IncludeMemo

from .helpers import write_site

# Pieces of include bodies: outside lookups, the include's own variables,
# assignments that leak to the caller, loops, nested includes, and tags
# that keep state (never replayed).
INCLUDE_PIECES = [
    "{{ page.a }}",
    "{{ page.b | upcase }}",
    "{{ include.p }}",
    "{{ include.p | size }}",
    "{{ x }}",
    "{{ c }}",
    "{% assign x = page.a | append: '!' %}",
    "{% assign y = include.p %}{{ y }}",
    "{% capture c %}[{{ page.b }}]{% endcapture %}",
    "{% for i in site.list %}{{ i }}{{ forloop.index }}{% endfor %}",
    "{{ forloop.index }}",
    "{% if page.flag %}Y{% else %}N{% endif %}",
    "{% include inner.html q=page.b %}",
    "{% include inner.html %}",
    "{% cycle 'a', 'b' %}",
    "{% increment n %}",
    "{{ site.list | where_exp: 'i', 'i == page.a' | join: ',' }}",
    "{% for i in site.list limit: 2 %}{% if i == x %}{% break %}{% endif %}{{ i }}{% endfor %}",
]
INNER_PIECES = [
    "<{{ include.q }}>",
    "<{{ page.a }}>",
    "{% assign x = 'inner' %}",
    "{{ x }}",
    "{% cycle 'c', 'd' %}",
    "{{ include.p }}",
]
PAGE_PIECES = [
    "{% include outer.html p=page.a %}",
    "{% include outer.html p='lit' %}",
    "{% include outer.html p=page.list %}",
    "{% include outer.html %}",
    "{% assign x = page.b %}",
    "{{ x }}|{{ c }}",
    "{% for k in site.list %}{% include outer.html p=k %}{% endfor %}",
    "{% for k in site.list %}{% include inner.html q=k %}{% endfor %}",
    "{% increment n %}",
]
VALUES = st.sampled_from(["a", "b", "c", 1, 2, True])


def _env(includes: Path, memo: bool) -> JekyllEnvironment:
    env = JekyllEnvironment({"source": str(includes.parent)}, includes_dirs=[includes])
    if not memo:
        env.include_memo = None
    return env


def _render_all(includes: Path, pages: list[tuple[str, dict[str, Any]]], memo: bool) -> list[str]:
    env = _env(includes, memo)
    site = {"list": ["a", "b", "c"]}
    shared_list = ["x", "y"]
    out = []
    for source, page in pages:
        data = dict(page, list=shared_list if page["shared"] else list(shared_list))
        try:
            out.append(env.from_string(source).render(page=data, site=site))
        except Exception as error:  # noqa: BLE001 - both renders must fail alike
            out.append(f"error: {type(error).__name__}")
    return out


@settings(max_examples=120, deadline=None)
@given(
    outer=st.lists(st.sampled_from(INCLUDE_PIECES), min_size=1, max_size=6),
    inner=st.lists(st.sampled_from(INNER_PIECES), min_size=1, max_size=3),
    pages=st.lists(
        st.tuples(
            st.lists(st.sampled_from(PAGE_PIECES), min_size=1, max_size=5),
            st.fixed_dictionaries({"a": VALUES, "b": VALUES, "flag": st.booleans(),
                                   "shared": st.booleans()}),
        ),
        min_size=1, max_size=8,
    ),
)
def test_replayed_includes_render_as_rendered_ones(
    outer: list[str], inner: list[str], pages: list[tuple[list[str], dict[str, Any]]]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        includes = Path(tmp) / "_includes"
        includes.mkdir()
        (includes / "outer.html").write_text("".join(outer))
        (includes / "inner.html").write_text("".join(inner))
        sources = [("".join(pieces), page) for pieces, page in pages]
        # Each page twice: the second render of a page can replay all its includes.
        sources = sources + sources
        assert _render_all(includes, sources, memo=True) == _render_all(includes, sources, memo=False)


def test_unchanged_lookups_are_replayed_and_changed_ones_rendered(tmp_path: Path) -> None:
    includes = tmp_path / "_includes"
    includes.mkdir()
    (includes / "nav.html").write_text(
        "{% for item in site.nav %}{% if item == page.active %}*{% endif %}{{ item }} {% endfor %}"
        "{% assign shown = site.nav.size %}"
    )
    env = _env(includes, memo=True)
    site = {"nav": ["home", "news"]}
    template = env.from_string("{% include nav.html %}{{ shown }}")
    outputs = [template.render(page={"active": a}, site=site) for a in ["home", "news", "home", "home"]]
    assert outputs == ["*home news 2", "home *news 2", "*home news 2", "*home news 2"]
    memo = env.include_memo
    assert isinstance(memo, IncludeMemo)
    (entry,) = memo.files.values()
    assert (entry.recorded, entry.replayed) == (2, 2)


def test_stateful_includes_are_never_replayed(tmp_path: Path) -> None:
    includes = tmp_path / "_includes"
    includes.mkdir()
    (includes / "row.html").write_text("{% cycle 'odd', 'even' %}")
    (includes / "count.html").write_text("{% increment seen %}")
    (includes / "outer.html").write_text("[{% include row.html %}]")
    env = _env(includes, memo=True)
    template = env.from_string("{% include outer.html %}{% include row.html %}{% include count.html %}")
    assert [template.render() for _ in range(2)] == ["[odd]even0", "[odd]even1"]
    memo = env.include_memo
    assert isinstance(memo, IncludeMemo)
    assert all(entry.recorded == 0 for entry in memo.files.values())


def test_a_break_inside_a_recorded_include_keeps_what_it_wrote(tmp_path: Path) -> None:
    includes = tmp_path / "_includes"
    includes.mkdir()
    (includes / "stop.html").write_text("{{ i }}{% if i == 2 %}{% break %}{% endif %}")
    env = _env(includes, memo=True)
    template = env.from_string("{% for i in (1..4) %}{% include stop.html %}{% endfor %}.")
    assert template.render() == template.render() == "12."


def _two_pages_reading_data(tmp_path: Path) -> Path:
    return write_site(tmp_path / "src", {
        "_config.yml": "title: T\n",
        "_includes/groups.html": "{% for g in site.data.groups %}{{ g.name }} {% endfor %}",
        "_data/groups.yml": "- name: a\n- name: b\n",
        "_data/other.yml": "x: 1\n",
        "one.html": "---\n---\n{% include groups.html %}",
        "two.html": "---\n---\n{% include groups.html %}",
    })


def test_a_replayed_include_records_what_it_read(tmp_path: Path) -> None:
    src = _two_pages_reading_data(tmp_path)
    site = Site.from_path(src, tmp_path / "out", incremental=True)
    site.jobs = 1
    site.build()
    assert site.engine is not None and site.engine.record is not None
    memo = site.env.include_memo
    assert isinstance(memo, IncludeMemo)
    assert sum(entry.replayed for entry in memo.files.values()) == 1
    deps = {key.split(":")[1]: item.deps for key, item in site.engine.record.items.items()}
    # Both pages depend on the include file and on the data file, the
    # second one although its include was replayed.
    assert deps["one.html"] == deps["two.html"]
    assert "data:groups" in deps["two.html"]
    assert any(str(dep).endswith("groups.html") for dep in deps["two.html"])
    # Editing the data renders both again.
    (src / "_data" / "groups.yml").write_text("- name: c\n")
    again = Site.from_path(src, tmp_path / "out", incremental=True)
    again.build()
    assert again.engine is not None
    assert sorted(k.split(":")[1] for k in again.engine.stats.rendered_keys) == ["one.html", "two.html"]
    assert (tmp_path / "out" / "two.html").read_text() == "c "


def test_includes_reading_other_pages_bodies_are_rendered_each_time(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", {
        "_config.yml": "title: T\n",
        "_includes/bodies.html": "{% for p in site.pages %}{{ p.content | size }},{% endfor %}",
        "a.md": "---\n---\n{% include bodies.html %}\n",
        "b.md": "---\n---\n{% include bodies.html %}\n",
        "c.md": "---\n---\n{% include bodies.html %}\n",
    })
    plain = Site.from_path(src, tmp_path / "plain")
    plain.env.include_memo = None
    plain.jobs = 1
    plain.build()
    site = Site.from_path(src, tmp_path / "out")
    site.jobs = 1
    site.build()
    for name in ("a.html", "b.html", "c.html"):
        assert (tmp_path / "out" / name).read_text() == (tmp_path / "plain" / name).read_text()
    memo = site.env.include_memo
    assert isinstance(memo, IncludeMemo)
    assert all(entry.replayed == 0 for entry in memo.files.values())


def test_resource_limits_and_profiles_render_every_include() -> None:
    limited = JekyllEnvironment({"source": ".", "liquid": {"limits": {"loop_iterations": 100}}})
    assert limited.include_memo is None
    assert JekyllEnvironment({"source": "."}).include_memo is not None


def test_parameters_met_again_on_later_pages_are_replayed(tmp_path: Path) -> None:
    # A card per person, forty people: every render of the first page has
    # new parameters, which says nothing about the later pages.
    includes = tmp_path / "_includes"
    includes.mkdir()
    (includes / "card.html").write_text("<{{ include.person.name }}>")
    env = _env(includes, memo=True)
    people = [{"name": f"p{i}"} for i in range(40)]
    template = env.from_string("{% for p in site.people %}{% include card.html person=p %}{% endfor %}")
    expected = "".join(f"<p{i}>" for i in range(40))
    for _ in range(3):
        assert template.render(page={}, site={"people": people}) == expected
    memo = env.include_memo
    assert isinstance(memo, IncludeMemo)
    (entry,) = memo.files.values()
    assert (entry.recorded, entry.replayed) == (40, 80)


def test_an_include_reading_what_every_page_changes_retires(tmp_path: Path) -> None:
    includes = tmp_path / "_includes"
    includes.mkdir()
    (includes / "title.html").write_text("<{{ page.title }}>")
    env = _env(includes, memo=True)
    template = env.from_string("{% include title.html %}")
    for i in range(60):
        assert template.render(page={"title": f"t{i}"}, site={}) == f"<t{i}>"
    memo = env.include_memo
    assert isinstance(memo, IncludeMemo)
    (entry,) = memo.files.values()
    assert entry.retired()
    assert entry.replayed == 0 and entry.recorded <= 40
