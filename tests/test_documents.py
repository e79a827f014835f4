"""Posts, drafts and collections: behaviour the fixtures cannot pin down.

The fixtures compare whole sites with Jekyll's output; these tests cover
what depends on the clock or the file system (a draft's date is its file's
time) and the errors Jekyll raises.
"""

from __future__ import annotations

import datetime as _dt
import os
from pathlib import Path

import pytest

from liquidsite import Site
from liquidsite.cli import main as cli_main
from liquidsite.errors import LiquidsiteError


def build(tmp_path: Path, files: dict[str, str], **overrides: object) -> Site:
    site = Site.from_files(files, tmp_path / "src", **overrides)
    site.read()
    site.generate()
    site.render()
    return site


def test_a_draft_without_a_date_is_dated_by_its_file(tmp_path: Path) -> None:
    files = {"_config.yml": "", "_drafts/idea.md": "---\n---\n{{ page.date }}"}
    site = Site.from_files(files, tmp_path / "src", show_drafts=True)
    stamp = _dt.datetime(2021, 7, 4, 12, 30, tzinfo=_dt.timezone.utc).timestamp()
    os.utime(tmp_path / "src/_drafts/idea.md", (stamp, stamp))
    site.read()
    site.render()
    (draft,) = site.posts
    assert draft.url == "/2021/07/04/idea.html"
    assert draft.output == "<p>2021-07-04 12:30:00 +0000</p>\n"
    assert draft.data["draft"] is True


def test_drafts_need_the_flag(tmp_path: Path) -> None:
    site = build(tmp_path, {"_config.yml": "", "_drafts/idea.md": "---\ndate: 2020-01-01\n---\nx"})
    assert site.posts == []


def test_future_and_unpublished_posts(tmp_path: Path) -> None:
    files = {
        "_config.yml": "",
        "_posts/2030-01-01-later.md": "---\n---\nlater",
        "_posts/2020-01-01-hidden.md": "---\npublished: false\n---\nhidden",
        "_posts/2020-01-02-shown.md": "---\n---\nshown",
    }
    assert [d.data["slug"] for d in build(tmp_path / "a", files).posts] == ["shown"]
    both = build(tmp_path / "b", files, future=True, unpublished=True).posts
    assert [d.data["slug"] for d in both] == ["hidden", "shown", "later"]


def test_limit_posts_keeps_the_newest_and_refuses_negatives(tmp_path: Path) -> None:
    files = {"_config.yml": ""}
    for day in range(1, 6):
        files[f"_posts/2020-01-0{day}-p{day}.md"] = "---\n---\nx"
    site = build(tmp_path / "a", files, limit_posts=2)
    assert [d.data["slug"] for d in site.posts] == ["p4", "p5"]
    with pytest.raises(LiquidsiteError, match="non-negative"):
        build(tmp_path / "b", files, limit_posts=-1)


def test_invalid_dates_stop_the_build_with_jekylls_message(tmp_path: Path) -> None:
    files = {"_config.yml": "", "_posts/2020-01-01-x.md": "---\ndate: not a date\n---\nx"}
    with pytest.raises(LiquidsiteError, match="Invalid date 'not a date'"):
        build(tmp_path, files)


def test_post_url_errors(tmp_path: Path) -> None:
    bad = {"_config.yml": "", "index.md": "---\n---\n{% post_url nodate %}"}
    with pytest.raises(LiquidsiteError, match="Could not parse name of post \"nodate\""):
        build(tmp_path / "a", bad)
    missing = {"_config.yml": "", "index.md": "---\n---\n{% post_url 2020-01-01-nope %}"}
    with pytest.raises(LiquidsiteError, match="Could not find post \"2020-01-01-nope\""):
        build(tmp_path / "b", missing)


def test_post_url_deprecated_form_warns(tmp_path: Path) -> None:
    files = {
        "_config.yml": "baseurl: /base",
        "_posts/sub/2020-01-01-deep.md": "---\n---\nx",
        "index.md": "---\n---\n{% post_url 2020-01-01-deep %} {% post_url sub/2020-01-01-deep %}",
    }
    site = build(tmp_path, files)
    assert site.render_page("index.md") == "<p>/base/2020/01/01/deep.html /base/2020/01/01/deep.html</p>\n"
    assert sum("Deprecation" in w for w in site.warnings) == 1


def test_link_finds_pages_documents_and_static_files_or_fails(tmp_path: Path) -> None:
    files = {
        "_config.yml": "collections:\n  docs:\n    output: true\n",
        "_docs/a.md": "---\n---\nA",
        "img/x.png": "png",
        "about.md": "---\n---\nabout",
        "index.md": "---\n---\n{% link _docs/a.md %} {% link img/x.png %} {% link /img/x.png %} {% link about.md %}",
    }
    site = build(tmp_path / "a", files)
    assert site.render_page("index.md") == "<p>/docs/a.html /img/x.png /img/x.png /about.html</p>\n"
    files["index.md"] = "---\n---\n{% link nowhere.md %}"
    with pytest.raises(LiquidsiteError, match="Could not find document 'nowhere.md' in tag 'link'"):
        build(tmp_path / "b", files)


def test_documents_of_unwritten_collections_render_but_are_not_written(tmp_path: Path) -> None:
    files = {
        "_config.yml": "collections: [people]\n",
        "_people/ada.md": "---\nname: Ada\n---\n*Ada*",
        "index.md": "---\n---\n{% for p in site.people %}{{ p.content }}{% endfor %}",
    }
    site = build(tmp_path, files)
    # Documents render before pages, so the page sees converted content.
    assert site.render_page("index.md") == "<p><em>Ada</em></p>\n"
    assert "people/ada.html" not in site.render()


def test_sort_by_warns_about_documents_without_the_key(tmp_path: Path) -> None:
    files = {
        "_config.yml": "collections:\n  items:\n    sort_by: rank\n",
        "_items/a.md": "---\n---\na",
        "_items/b.md": "---\nrank: 2\n---\nb",
        "_items/c.md": "---\nrank: 1\n---\nc",
    }
    site = build(tmp_path, files)
    assert [d.data["slug"] for d in site.collections["items"].docs] == ["c", "b", "a"]
    assert any("Sort warning: 'rank' not defined in _items/a.md" in w for w in site.warnings)


def test_shared_destinations_warn_and_fail_under_strict(tmp_path: Path) -> None:
    files = {
        "_config.yml": "",
        "a.md": "---\npermalink: /same/\n---\na",
        "b.md": "---\npermalink: /same/\n---\nb",
    }
    Site.from_files(files, tmp_path / "src")
    dest = tmp_path / "out"
    assert cli_main(["build", "-q", "-s", str(tmp_path / "src"), "-d", str(dest)]) == 0
    assert (dest / "same/index.html").read_text() == "<p>b</p>\n"
    assert cli_main(["build", "-q", "--strict", "-s", str(tmp_path / "src"), "-d", str(tmp_path / "o2")]) == 1
    assert not (tmp_path / "o2/same").exists()


def test_related_posts_are_the_newest_others_and_nil_for_pages(tmp_path: Path) -> None:
    files = {"_config.yml": "", "index.md": "---\n---\n[{{ site.related_posts }}]"}
    for day in range(1, 10):
        files[f"_posts/2020-01-0{day}-p{day}.md"] = (
            "---\n---\n{% for p in site.related_posts limit: 3 %}{{ p.slug }} {% endfor %}"
        )
    site = build(tmp_path, files)
    assert site.render_page("index.md") == "<p>[]</p>\n"
    assert site.render_page("_posts/2020-01-09-p9.md") == "<p>p8 p7 p6</p>\n"
    assert site.render_page("_posts/2020-01-05-p5.md") == "<p>p9 p8 p7</p>\n"


def test_parallel_render_sees_documents_as_the_serial_one_does(tmp_path: Path) -> None:
    """A paginated page reads posts' converted content, whatever the workers."""
    files = {
        "_config.yml": "paginate: 7\nplugins: [jekyll-paginate]\n",
        "index.html": "---\n---\n{% for p in paginator.posts %}{{ p.content | size }} {% endfor %}",
    }
    for i in range(90):
        day = _dt.date(2020, 1, 1) + _dt.timedelta(days=i)
        files[f"_posts/{day}-p{i}.md"] = f"---\n---\nParagraph *{i}* {{{{ page.next.content | size }}}}\n"
    Site.from_files(files, tmp_path / "src")
    outs = []
    for jobs in ("1", "4"):
        dest = tmp_path / f"out{jobs}"
        assert cli_main(["build", "-q", "--jobs", jobs, "-s", str(tmp_path / "src"), "-d", str(dest)]) == 0
        outs.append({p.relative_to(dest).as_posix(): p.read_bytes() for p in dest.rglob("*") if p.is_file()})
    assert outs[0] == outs[1]
    # Page 2 lists p82..p76, each as long as its converted (written) body.
    posts = {k.rsplit("/", 1)[-1]: v for k, v in outs[0].items() if k.startswith("2020/")}
    sizes = [str(len(posts[f"p{i}.html"].decode())) for i in range(82, 75, -1)]
    assert outs[0]["page2/index.html"].decode().split() == sizes


def test_hidden_in_the_future_follows_a_changed_date(tmp_path: Path) -> None:
    site = Site.from_files(
        {"_config.yml": "title: T\n", "_posts/2020-01-01-a.md": "---\n---\na\n"}, tmp_path / "s"
    )
    site.read()
    post = site.posts[0]
    assert not post.hidden_in_the_future()
    post.data["date"] = site.time + _dt.timedelta(days=1)
    assert post.hidden_in_the_future()
    post.data["date"] = site.time
    assert not post.hidden_in_the_future()


def test_documents_with_aware_dates_sort_as_ruby_compares_them(tmp_path: Path) -> None:
    import functools
    import random

    from liquidsite.documents import document_compare, sort_documents

    files = {"_config.yml": "title: T\n"}
    stamps = ["2020-01-01 10:00:00 +0000", "2020-01-01 12:00:00 +0200", "2019-12-31", "2020-01-01 10:00:00 +0000"]
    for i, stamp in enumerate(stamps * 3):
        files[f"_posts/2020-01-0{1 + i % 3}-p{i:02d}.md"] = f"---\ndate: {stamp}\n---\n{i}\n"
    site = Site.from_files(files, tmp_path / "s")
    site.read()
    docs = list(site.posts)
    random.Random(7).shuffle(docs)
    expected = sorted(docs, key=functools.cmp_to_key(lambda a, b: document_compare(a, b) or 0))
    assert [d.relative_path for d in sort_documents(docs)] == [d.relative_path for d in expected]
    # A date Ruby cannot compare with a time falls back to the comparison.
    docs[0].data["date"] = "not a time"
    expected = sorted(docs, key=functools.cmp_to_key(lambda a, b: document_compare(a, b) or 0))
    assert [d.relative_path for d in sort_documents(docs)] == [d.relative_path for d in expected]


@pytest.mark.parametrize(
    ("name", "label"),
    [("posts", "posts"), ("My.Coll-1_x", "My.Coll-1_x"), ("a b/c", "abc"), ("café", "caf"),
     ("\u212a", "\u212a"), ("", "")],
)
def test_collection_labels_keep_letters_digits_and_three_marks(name: str, label: str) -> None:
    # Collection#sanitize_label: /[^a-z0-9_\-.]/i removed; case folding
    # makes the Kelvin sign a "k".
    from liquidsite.documents import sanitize_label

    assert sanitize_label(name) == label
