"""Incremental builds equal clean builds after any sequence of edits.

Hypothesis applies random edits (a page, an include, a layout, a data
file; creating, deleting and renaming pages) to a small site; after each,
an incremental build (``incremental: true``, reading the record in
``.liquidsite-cache``) must write exactly the tree a clean build writes.
The site has pages that read other pages' content through ``site.pages``
and ``site.posts``, whose output depends on render order.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liquidsite import Site
from liquidsite.readcache import ReadCache

from .helpers import write_site

BASE: dict[str, str] = {
    "_config.yml": "title: Inc\nbaseurl: /inc\n",
    "_layouts/default.html": (
        "<html><head><title>{{ page.title }}</title></head><body>"
        "{% include nav.html %}{{ content }}{% include footer.html year=2024 %}</body></html>\n"
    ),
    "_layouts/page.html": "---\nlayout: default\n---\n<article>{{ content }}</article>\n",
    "_layouts/post.html": (
        "---\nlayout: default\n---\n<p class=ex>{{ page.excerpt | strip_html | strip }}</p>{{ content }}\n"
    ),
    "_includes/nav.html": "<nav>{% for item in site.data.nav %}<a>{{ item }}</a>{% endfor %}</nav>",
    "_includes/footer.html": "<footer>{{ include.year }} {{ site.data.meta.owner }}</footer>",
    "_includes/person.html": "<b>{{ include.who.name }}</b>",
    "_data/nav.yml": "- home\n- about\n",
    "_data/meta.yml": "owner: Ada\n",
    "_data/people/team.yml": "- name: Bob\n  role: head\n- name: Cy\n  role: member\n",
    "_data/people/board.yml": "- name: Di\n  role: head\n",
    "index.md": (
        "---\nlayout: page\ntitle: Home\n---\n# Home\n\n"
        "{% for p in site.pages %}{% if p.title %}{{ p.title }}: {{ p.content | size }};{% endif %}{% endfor %}\n\n"
        "{% for post in site.posts %}[{{ post.title }}]({{ post.url | relative_url }}) {% endfor %}\n"
    ),
    "team.md": (
        "---\nlayout: page\ntitle: Team\n---\n"
        '{% assign heads = site.data.people.team | where_exp: "p", "p.role == \'head\'" %}'
        "{% for h in heads %}{% include person.html who=h %}{% endfor %}\n"
    ),
    "plain.html": "---\ntitle: Plain\n---\n<p>{{ site.data.meta.owner }} {{ page.title }}</p>\n",
    # Reads lists but no item's body: reused until a member's front matter,
    # URL or the membership itself changes.
    "list.html": (
        "---\ntitle: List\n---\n{% for post in site.posts %}{{ post.title }} {{ post.date | date: '%Y' }};"
        "{% endfor %} {{ site.html_pages.size }} {% for p in site.pages %}{{ p.url }} {% endfor %}"
        "{{ site.related_posts.size }} {{ site.tags.size }}\n"
    ),
    "_posts/2024-01-02-first.md": "---\nlayout: post\ntitle: First\n---\nFirst words.\n\nMore.\n",
    "_posts/2024-02-03-second.md": "---\nlayout: post\ntitle: Second\n---\nSecond words.\n",
}

WORDS = ["alpha", "beta", "{{ page.title }}", "{{ site.data.meta.owner }}", "**bold**", "gamma"]

edit = st.one_of(
    st.tuples(st.just("page"), st.sampled_from(["index.md", "team.md", "plain.html", "about.md"]),
              st.sampled_from(WORDS)),
    st.tuples(st.just("post"), st.sampled_from(["_posts/2024-01-02-first.md", "_posts/2024-03-04-third.md"]),
              st.sampled_from(WORDS)),
    st.tuples(st.just("include"), st.sampled_from(["nav.html", "footer.html", "person.html", "extra.html"]),
              st.sampled_from(WORDS)),
    st.tuples(st.just("layout"), st.sampled_from(["default.html", "page.html", "post.html"]),
              st.sampled_from(WORDS)),
    st.tuples(st.just("data"), st.sampled_from(["meta.yml", "nav.yml", "people/team.yml", "people/new.yml"]),
              st.sampled_from(["Eve", "Fay", "head", "member"])),
    st.tuples(st.just("delete"), st.sampled_from(["plain.html", "about.md", "_posts/2024-02-03-second.md",
                                                  "_includes/extra.html", "_data/people/board.yml"]),
              st.just("")),
    st.tuples(st.just("rename"), st.sampled_from(["plain.html", "team.md", "about.md"]), st.just("")),
)


def apply_edit(src: Path, kind: str, target: str, word: str) -> None:
    if kind in ("page", "post"):
        path = src / target
        if path.exists():
            text = path.read_text()
            path.write_text(text + f"\n{word}\n")
        else:
            layout = "post" if kind == "post" else "page"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\nlayout: {layout}\ntitle: New {word[:5]}\n---\nNew {word}\n")
    elif kind == "include":
        path = src / "_includes" / target
        old = path.read_text() if path.exists() else ""
        path.write_text(old + f"<i>{word}</i>")
    elif kind == "layout":
        path = src / "_layouts" / target
        text = path.read_text()
        path.write_text(text.replace("</body>", f"<s>{word}</s></body>") if "</body>" in text
                        else text + f"<s>{word}</s>\n")
    elif kind == "data":
        path = src / "_data" / target
        path.parent.mkdir(parents=True, exist_ok=True)
        if target == "meta.yml":
            path.write_text(f"owner: {word}\n")
        elif target == "nav.yml":
            path.write_text(path.read_text() + f"- {word}\n")
        else:
            old = path.read_text() if path.exists() else ""
            path.write_text(old + f"- name: {word}\n  role: head\n")
    elif kind == "delete":
        path = src / target
        if path.exists():
            path.unlink()
    elif kind == "rename":
        path = src / target
        if path.exists():
            path.rename(path.with_name("renamed-" + path.name))


def same_tree(a: Path, b: Path) -> list[str]:
    """Paths that differ between two trees (missing on one side, or other bytes)."""
    diffs: list[str] = []
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    diffs += sorted(files_a ^ files_b)
    for rel in sorted(files_a & files_b):
        if not filecmp.cmp(a / rel, b / rel, shallow=False):
            diffs.append(rel)
    return diffs


def incremental_build(src: Path, dest: Path, jobs: int, in_process: bool, last: Site | None) -> Site:
    """A rebuild as ``build --incremental`` (record on disk) or ``serve`` does it
    (record, read cache and what the last write left, in memory)."""
    if in_process:
        site = Site.from_path(src, dest)
        site.keep_record = True
        site.previous_record = last.engine.record if last is not None and last.engine is not None else None
        site.read_cache = last.read_cache if last is not None else ReadCache()
        site.known_outputs = last.known_outputs if last is not None else {}
    else:
        site = Site.from_path(src, dest, incremental=True)
    site.jobs = jobs
    site.build()
    return site


def check_sequence(root: Path, edits: list[tuple[str, str, str]], jobs: int = 1,
                   in_process: bool = False) -> None:
    if root.exists():
        shutil.rmtree(root)
    src = write_site(root / "src", BASE)
    inc_dest, clean_dest = root / "inc", root / "clean"
    site = incremental_build(src, inc_dest, jobs, in_process, None)
    for kind, target, word in edits:
        apply_edit(src, kind, target, word)
        site = incremental_build(src, inc_dest, jobs, in_process, site)
        if clean_dest.exists():
            shutil.rmtree(clean_dest)
        clean = Site.from_path(src, clean_dest)
        clean.jobs = 1
        clean.build()
        assert same_tree(inc_dest, clean_dest) == [], (kind, target, word)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(edit, min_size=1, max_size=4))
def test_incremental_equals_clean_build(tmp_path: Path, edits) -> None:
    check_sequence(tmp_path / "site", edits)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(edit, min_size=1, max_size=4))
def test_in_process_rebuild_equals_clean_build(tmp_path: Path, edits) -> None:
    # What serve does: the record stays in memory between builds.
    check_sequence(tmp_path / "site", edits, in_process=True)


@pytest.mark.fuzz
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(edit, min_size=1, max_size=12))
def test_incremental_equals_clean_build_fuzz(tmp_path: Path, edits) -> None:
    check_sequence(tmp_path / "site", edits)


@pytest.mark.fuzz
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(edit, min_size=1, max_size=12), st.booleans())
def test_in_process_rebuild_equals_clean_build_fuzz(tmp_path: Path, edits, parallel: bool) -> None:
    check_sequence(tmp_path / "site", edits, jobs=2 if parallel else 1, in_process=True)


def test_unchanged_site_renders_only_volatile_pages(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", BASE)
    Site.from_path(src, tmp_path / "out", incremental=True).build()
    site = Site.from_path(src, tmp_path / "out", incremental=True)
    site.build()
    assert site.engine is not None
    # Only the home page reads site.pages/site.posts; everything else is reused.
    assert [k.split(":")[1] for k in site.engine.stats.rendered_keys] == ["index.md"]
    (src / "_includes" / "person.html").write_text("<em>{{ include.who.name }}</em>")
    site = Site.from_path(src, tmp_path / "out", incremental=True)
    site.build()
    assert sorted(k.split(":")[1] for k in site.engine.stats.rendered_keys) == ["index.md", "team.md"]
    (src / "_data" / "people" / "board.yml").write_text("- name: Zed\n")
    site = Site.from_path(src, tmp_path / "out", incremental=True)
    site.build()
    # No page reads the board's file.
    assert [k.split(":")[1] for k in site.engine.stats.rendered_keys] == ["index.md"]


def test_list_readers_are_reused_until_the_list_changes(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", BASE)
    Site.from_path(src, tmp_path / "out", incremental=True).build()

    def rebuilt() -> list[str]:
        site = Site.from_path(src, tmp_path / "out", incremental=True)
        site.build()
        assert site.engine is not None
        return sorted(k.split(":")[1] for k in site.engine.stats.rendered_keys)

    post = src / "_posts" / "2024-01-02-first.md"
    # A post's body: the list shows titles, dates and URLs only.
    post.write_text(post.read_text() + "\nMore words.\n")
    assert rebuilt() == ["_posts/2024-01-02-first.md", "index.md"]
    # Its title is in the list.
    post.write_text(post.read_text().replace("title: First", "title: Premier"))
    assert rebuilt() == ["_posts/2024-01-02-first.md", "index.md", "list.html"]
    # A new page changes site.pages.
    (src / "new.md").write_text("---\ntitle: New\n---\nNew\n")
    assert rebuilt() == ["index.md", "list.html", "new.md"]


def test_pagers_links_and_post_urls_follow_the_posts(tmp_path: Path) -> None:
    files = {
        "_config.yml": "title: P\nplugins: [jekyll-paginate]\npaginate: 2\n",
        "index.html": (
            "---\n---\n{% for p in paginator.posts %}{{ p.title }};{% endfor %}"
            " {{ paginator.total_posts }}\n"
        ),
        "links.md": (
            "---\n---\n[a]({% link _posts/2024-01-01-p1.md %}) [b]({% post_url 2024-01-02-p2 %})\n"
        ),
        "_posts/2024-01-01-p1.md": "---\ntitle: Post 1\n---\nBody 1\n",
        "_posts/2024-01-02-p2.md": "---\ntitle: Post 2\n---\nBody 2\n",
        "_posts/2024-01-03-p3.md": "---\ntitle: Post 3\n---\nBody 3\n",
    }
    src = write_site(tmp_path / "src", files)
    edits = [
        ("_posts/2024-01-03-p3.md", "title: Post 3", "title: Changed"),
        ("_posts/2024-01-01-p1.md", "title: Post 1", "title: Post 1\npermalink: /first/"),
        ("_posts/2024-01-02-p2.md", "title: Post 2", "title: Post 2\npermalink: /second/"),
    ]
    for in_process in (False, True):
        site = incremental_build(src, tmp_path / "inc", 1, in_process, None)
        for rel, old, new in edits:
            path = src / rel
            path.write_text(path.read_text().replace(old, new))
            site = incremental_build(src, tmp_path / "inc", 1, in_process, site)
            clean = tmp_path / "clean"
            shutil.rmtree(clean, ignore_errors=True)
            Site.from_path(src, clean).build()
            assert same_tree(tmp_path / "inc", clean) == [], (rel, in_process)
        (src / "_posts" / "2024-01-04-p4.md").write_text("---\ntitle: Post 4\n---\nBody 4\n")
        site = incremental_build(src, tmp_path / "inc", 1, in_process, site)
        shutil.rmtree(clean)
        Site.from_path(src, clean).build()
        assert same_tree(tmp_path / "inc", clean) == [], ("new post", in_process)
        write_site(tmp_path / "src", files)  # back to the start for the next mode
        shutil.rmtree(tmp_path / "inc")
        (src / "_posts" / "2024-01-04-p4.md").unlink()


def test_archives_follow_the_posts(tmp_path: Path) -> None:
    files = {
        "_config.yml": "plugins: [jekyll-archives]\njekyll-archives:\n  enabled: [tags]\n  layout: archive\n",
        "_layouts/archive.html": "{{ page.title }}: {{ page.posts | size }}",
        "index.html": "---\n---\n{% for a in site.archives %}{{ a.url }} {% endfor %}{{ site.archives | size }}\n",
        "_posts/2024-01-01-a.md": "---\ntitle: A\ntags: [foo]\n---\nA\n",
    }
    for in_process in (False, True):
        root = tmp_path / ("in-process" if in_process else "new-process")
        src = write_site(root / "src", files)
        site = incremental_build(src, root / "inc", 1, in_process, None)
        for name, text in [
            ("2024-01-02-b.md", "---\ntitle: B\ntags: [foo]\n---\nB\n"),  # foo: 2 posts
            ("2024-01-03-c.md", "---\ntitle: C\ntags: [bar]\n---\nC\n"),  # a new archive
        ]:
            (src / "_posts" / name).write_text(text)
            site = incremental_build(src, root / "inc", 1, in_process, site)
            Site.from_path(src, root / "clean").build()
            assert same_tree(root / "inc", root / "clean") == [], (name, in_process)


def test_outputs_that_read_the_same_files_share_one_record_of_them(tmp_path: Path) -> None:
    from liquidsite.incremental import DependencyValues

    layout, other = tmp_path / "layout.html", tmp_path / "other.html"
    layout.write_text("1")
    other.write_text("x")
    values = DependencyValues(None, {})
    first, second = values.snapshot({str(layout)}), values.snapshot({str(layout)})
    both = values.snapshot({str(layout), str(other)})
    assert first is second and both is not first
    layout.write_text("2")
    # The next build's values: each shared record is checked once, and
    # every record that holds the changed file is found changed.
    later = DependencyValues(None, {})
    assert not later.unchanged(first) and not later.unchanged(second) and not later.unchanged(both)
    assert DependencyValues(None, {}).unchanged({str(other): values.value(str(other))})
