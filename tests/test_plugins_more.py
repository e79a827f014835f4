"""GitHub Pages' remaining everyday plugins, built in.

No Debian package ships these gems, so the expected outputs here come from
each plugin's documented behaviour and its own spec fixtures (named in each
test); docs/compatibility.md lists the versions followed and what differs.
"""

from __future__ import annotations

import json
from pathlib import Path

from liquidsite import Site
from tests.helpers import write_site


def build(tmp_path: Path, files: dict[str, str], **overrides: object) -> Path:
    """Build the site made of *files*; return the destination folder."""
    source = write_site(tmp_path / "site", files)
    Site.from_path(source, tmp_path / "out", **overrides).build()
    return tmp_path / "out"


# -- jemoji -------------------------------------------------------------------


def test_jemoji_shortcodes_become_unicode_in_html_pages(tmp_path: Path) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": "plugins: [jemoji]\n",
            "index.md": "---\n---\nI give this plugin two :+1:! :smile::tada: :not_an_emoji: :octocat:\n",
            "code.md": "---\n---\n```ruby\nputs \":smile: every day\"\n```\n\n`:+1:` and <tt>:+1:</tt> :heart:\n",
            "notes.txt": "---\n---\n:+1:\n",
        },
    )
    assert (out / "index.html").read_text() == (
        "<p>I give this plugin two 👍! 😄🎉 :not_an_emoji: :octocat:</p>\n"
    )
    code = (out / "code.html").read_text()
    assert '":smile: every day"' in code
    assert code.endswith("<p><code class=\"language-plaintext highlighter-rouge\">:+1:</code>"
                         " and <tt>:+1:</tt> ❤️</p>\n")
    # jemoji.rb emojiable?: only HTML output.
    assert (out / "notes.txt").read_text() == ":+1:\n"


def test_jemoji_changes_only_the_body_of_a_full_document(tmp_path: Path) -> None:
    # spec/fixture_site/_layouts/default.html: the title keeps its shortcode.
    out = build(
        tmp_path,
        {
            "_config.yml": "plugins: [jemoji]\n",
            "_layouts/default.html": (
                "<!DOCTYPE HTML>\n<html>\n<head><title>{{ page.title }}</title></head>\n"
                '<body\n  class="x">\n{{ content }}</body>\n</html>\n'
            ),
            "index.md": "---\ntitle: 'Hi :+1:'\nlayout: default\n---\n:+1:\n",
        },
    )
    assert (out / "index.html").read_text() == (
        "<!DOCTYPE HTML>\n<html>\n<head><title>Hi :+1:</title></head>\n"
        '<body\n  class="x">\n<p>👍</p>\n</body>\n</html>\n'
    )


def test_jemoji_is_off_unless_named(tmp_path: Path) -> None:
    out = build(tmp_path, {"index.md": "---\n---\n:+1:\n"})
    assert (out / "index.html").read_text() == "<p>:+1:</p>\n"


# -- jekyll-avatar ------------------------------------------------------------

HUBOT_SRCSET = ", ".join(
    f"https://avatars3.githubusercontent.com/hubot?v=3&s={40 * n} {n}x" for n in (1, 2, 3, 4)
)


def test_avatar_tag_as_in_the_plugin_spec(tmp_path: Path) -> None:
    # spec/jekyll/avatar_spec.rb: hubot is served by avatars3, hubot2 by avatars0.
    out = build(
        tmp_path,
        {
            "_config.yml": "plugins: [jekyll-avatar]\n",
            "index.html": (
                "---\nauthor: hubot2\n---\n{% avatar hubot %}\n{% avatar @hubot size=80 %}\n"
                "{% assign user='hubot2' %}{% avatar {{ user }} %}|{% avatar user=user %}|"
                "{% avatar user=page.author lazy=true %}\n"
            ),
        },
    )
    lines = (out / "index.html").read_text().split("\n")
    assert lines[0] == (
        '<img class="avatar avatar-small" alt="hubot" width="40" height="40" '
        'data-proofer-ignore="true" src="https://avatars3.githubusercontent.com/hubot?v=3&s=40" '
        f'srcset="{HUBOT_SRCSET}" />'
    )
    assert lines[1].startswith('<img class="avatar" alt="hubot" width="80" height="80" ')
    assert 'src="https://avatars3.githubusercontent.com/hubot?v=3&s=80" ' in lines[1]
    assert "hubot?v=3&s=320 4x" in lines[1]
    first, second, third = lines[2].split("|")
    assert first == second
    assert 'src="https://avatars0.githubusercontent.com/hubot2?v=3&s=40"' in first
    assert third.endswith(
        'data-proofer-ignore="true" src="" '
        'data-src="https://avatars0.githubusercontent.com/hubot2?v=3&s=40" '
        'data-srcset="https://avatars0.githubusercontent.com/hubot2?v=3&s=40 1x, '
        "https://avatars0.githubusercontent.com/hubot2?v=3&s=80 2x, "
        "https://avatars0.githubusercontent.com/hubot2?v=3&s=120 3x, "
        'https://avatars0.githubusercontent.com/hubot2?v=3&s=160 4x" />'
    )


def test_avatar_custom_host(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PAGES_AVATARS_URL", "http://github.example.com/avatars/")
    out = build(
        tmp_path,
        {"_config.yml": "plugins: [jekyll-avatar]\n", "index.html": "---\n---\n{% avatar hubot %}"},
    )
    assert 'src="http://github.example.com/avatars/hubot?v=3&s=40"' in (out / "index.html").read_text()


# -- jekyll-redirect-from -----------------------------------------------------


def redirect_html(target: str) -> str:
    """lib/jekyll-redirect-from/redirect.html rendered for *target*."""
    return (
        '<!DOCTYPE html>\n<html lang="en-US">\n  <meta charset="utf-8">\n'
        "  <title>Redirecting&hellip;</title>\n"
        f'  <link rel="canonical" href="{target}">\n'
        f'  <script>location="{target}"</script>\n'
        f'  <meta http-equiv="refresh" content="0; url={target}">\n'
        '  <meta name="robots" content="noindex">\n  <h1>Redirecting&hellip;</h1>\n'
        f'  <a href="{target}">Click here if you are not redirected.</a>\n</html>\n'
    )


REDIRECT_SITE = {
    "_config.yml": "plugins: [jekyll-redirect-from, jekyll-sitemap]\nurl: http://jekyllrb.com\n",
    # spec/fixtures/multiple_redirect_froms.md and friends
    "multiple_redirect_froms.md": (
        "---\ntitle: Multiple\nredirect_from:\n  - /help\n  - /contact/\n  - let-there/be/light.htm\n"
        "  - 2014\n---\nMultiple\n"
    ),
    "one_redirect_to_path.md": "---\nredirect_to: /foo\n---\nNot shown\n",
    "multiple_redirect_tos.md": (
        "---\nredirect_to:\n  - https://www.jekyllrb.com\n  - https://www.github.com\n---\n"
    ),
    "relative_redirect_to.md": "---\nredirect_to: bar/\n---\n",
}


def test_redirect_from_writes_a_page_per_path(tmp_path: Path) -> None:
    out = build(tmp_path, REDIRECT_SITE)
    target = "http://jekyllrb.com/multiple_redirect_froms.html"
    # redirect_page_spec.rb: no extension adds .html, a folder gets index.html,
    # another extension is kept, a missing leading slash is added.
    for path in ("help.html", "contact/index.html", "let-there/be/light.htm", "2014.html"):
        assert (out / path).read_text() == redirect_html(target), path
    assert (out / "multiple_redirect_froms.html").read_text() == "<p>Multiple</p>\n"


def test_redirect_to_turns_the_page_into_a_redirect(tmp_path: Path) -> None:
    out = build(tmp_path, REDIRECT_SITE)
    assert (out / "one_redirect_to_path.html").read_text() == redirect_html("http://jekyllrb.com/foo")
    assert (out / "multiple_redirect_tos.html").read_text() == redirect_html("https://www.jekyllrb.com")
    assert (out / "relative_redirect_to.html").read_text() == redirect_html("http://jekyllrb.com/bar/")
    # Redirect pages carry sitemap: false, so the sitemap lists only the real page.
    sitemap = (out / "sitemap.xml").read_text()
    assert sitemap.count("<loc>") == 1
    assert "<loc>http://jekyllrb.com/multiple_redirect_froms.html</loc>" in sitemap


def test_redirects_json(tmp_path: Path) -> None:
    out = build(tmp_path, REDIRECT_SITE)
    text = (out / "redirects.json").read_text()
    froms = "http://jekyllrb.com/multiple_redirect_froms.html"
    assert json.loads(text) == {
        "/help": froms,
        "/contact/": froms,
        "/let-there/be/light.htm": froms,
        "/2014": froms,
        "/multiple_redirect_tos.html": "https://www.jekyllrb.com",
        "/one_redirect_to_path.html": "http://jekyllrb.com/foo",
        "/relative_redirect_to.html": "http://jekyllrb.com/bar/",
    }
    # Ruby's to_json: no spaces, slashes unescaped, in the order generated.
    assert text.startswith('{"/help":"http://jekyllrb.com/multiple_redirect_froms.html",')


def test_redirects_json_kept_or_turned_off(tmp_path: Path) -> None:
    files = dict(REDIRECT_SITE, **{"redirects.json": '{"foo":"bar"}'})
    out = build(tmp_path / "a", files)
    assert (out / "redirects.json").read_text() == '{"foo":"bar"}'
    files = dict(REDIRECT_SITE)
    files["_config.yml"] += "redirect_from:\n  json: false\n"
    out = build(tmp_path / "b", files)
    assert not (out / "redirects.json").exists()
    # With no redirects at all the file still exists, empty.
    out = build(tmp_path / "c", {"_config.yml": "plugins: [jekyll-redirect-from]\n"})
    assert (out / "redirects.json").read_text() == "{}"


def test_redirect_uses_the_sites_own_layout(tmp_path: Path) -> None:
    out = build(
        tmp_path,
        {
            "_config.yml": "plugins: [jekyll-redirect-from]\nbaseurl: /docs\n",
            "_layouts/redirect.html": "Moved to {{ page.redirect.to }} from {{ page.redirect.from }}",
            "new.html": "---\nredirect_from: /old/\n---\nnew",
        },
    )
    assert (out / "old/index.html").read_text() == "Moved to /docs/new.html from /old/"


# -- jekyll-titles-from-headings ------------------------------------------------

TITLE_SITE = {
    "_config.yml": "plugins: [jekyll-titles-from-headings]\n",
    "_layouts/default.html": "[{{ page.title }}]{{ content }}",
    # spec/fixtures/site: page.md, page-with-h2.md, page-with-h3.md ...
    "page.md": "---\nlayout: default\n---\n\n# Just an H1\n\nText\n",
    "page-with-h2.md": "---\nlayout: default\n---\n##\tJust a tab-separated H2\n",
    "page-with-h3.md": "---\nlayout: default\n---\n###  Just an H3 with two spaces\n",
    "page-with-md-title.md": (
        "---\nlayout: default\n---\n# Just [the title](http://x.org), *no* `markup`[^1]\n\n[^1]: a note\n"
    ),
    "page-with-title.md": "---\nlayout: default\ntitle: Page with title\n---\n# Not the title\n",
    "page-with-empty-title.md": "---\nlayout: default\ntitle: ''\n---\n# Not the title\n",
    "page-with-content-before-title.md": "---\nlayout: default\n---\nText\n\n# Not the title\n",
    "page-with-setex-h1.md": "---\nlayout: default\n---\nSetext title\n============\n\nBody\n",
    "page-with-setex-h2.md": "---\nlayout: default\n---\nSetext two\n---\n",
    "h4.md": "---\nlayout: default\n---\n#### Too deep\n",
    "html-page.html": "---\nlayout: default\n---\n# Not markdown\n",
}


def test_titles_from_headings(tmp_path: Path) -> None:
    out = build(tmp_path, TITLE_SITE)
    assert (out / "page.html").read_text() == (
        '[Just an H1]<h1 id="just-an-h1">Just an H1</h1>\n\n<p>Text</p>\n'
    )
    assert (out / "page-with-h2.html").read_text().startswith("[Just a tab-separated H2]<h2")
    assert (out / "page-with-h3.html").read_text().startswith("[Just an H3 with two spaces]<h3")
    assert (out / "page-with-md-title.html").read_text().startswith("[Just the title, no markup]<h1")
    assert (out / "page-with-title.html").read_text().startswith("[Page with title]")
    assert (out / "page-with-empty-title.html").read_text().startswith("[]")
    assert (out / "page-with-content-before-title.html").read_text().startswith("[]<p>Text</p>")
    assert (out / "page-with-setex-h1.html").read_text().startswith("[Setext title]<h1")
    assert (out / "page-with-setex-h2.html").read_text().startswith("[Setext two]<h2")
    assert (out / "h4.html").read_text().startswith("[]<h4")
    assert (out / "html-page.html").read_text() == "[]# Not markdown\n"


def test_titles_from_headings_strip_title_and_disable(tmp_path: Path) -> None:
    files = {
        "_config.yml": "plugins: [jekyll-titles-from-headings]\n"
        "titles_from_headings:\n  strip_title: true\n",
        "_layouts/default.html": "[{{ page.title }}]{{ content }}",
        "a.md": "---\nlayout: default\n---\n# Stripped\n\nBody\n",
        "b.md": "---\nlayout: default\nstrip_title: false\n---\n# Kept\n\nBody\n",
        "c.md": "---\nlayout: default\n---\nSetext\n===\n\nBody\n",
    }
    out = build(tmp_path / "a", files)
    # The heading's line goes; the blank lines after it stay (kramdown keeps one).
    assert (out / "a.html").read_text() == "[Stripped]\n<p>Body</p>\n"
    assert (out / "b.html").read_text() == '[Kept]<h1 id="kept">Kept</h1>\n\n<p>Body</p>\n'
    assert (out / "c.html").read_text() == "[Setext]\n<p>Body</p>\n"
    files["_config.yml"] = (
        "plugins: [jekyll-titles-from-headings]\ntitles_from_headings: {enabled: false}\n"
    )
    out = build(tmp_path / "b", files)
    assert (out / "a.html").read_text() == '[]<h1 id="stripped">Stripped</h1>\n\n<p>Body</p>\n'


# -- jekyll-relative-links -----------------------------------------------------

# spec/fixtures/site of jekyll-relative-links (page.md and subdir/page.md, shortened).
RELATIVE_PAGE = """---
---

# Page

[Another Page](another-page.md)

[Page with Symbols?](page%20with%20symbols%3F.md)

[Page with permalink](page-with-permalink.md)

[Page with leading slash multi level](/subdir/page.md)

[Reference link][reference]

[HTML Page](html-page.html)

[Ghost page](ghost-page.md)

[Outside](../../page.md)

[Absolute](https://example.com/another-page.md) [Fragment only](#foo)

[A first fragment inline](another-page.md#foo) and [a second](page-with-permalink.md#bar)

[[A link with square brackets]](another-page.md)

[A link with a title](another-page.md "This is a link with a \\"title\\"")

[Quotes in url & title](/another-page.md#'apostrophe' 'Quotes in url & title')

[Link with inline image ![badge](https://example.com/badge.png)](another-page.md)

Content end
[reference]: another-page.md

[reference-brackets]: another-page.md#(bar)

  [indented-reference]: another-page.md

[reference-with-whitespace]: another-page.md  

[reference-with-title]: another-page.md "This is a reference with a title"
"""

# A rewritten reference definition starts with a newline (replacement_text), so
# "Content end" gains a blank line and the indented definition loses its indent.
RELATIVE_EXPECTED = """# Page

[Another Page](/foo/another-page.html)

[Page with Symbols?](/foo/page%20with%20symbols?.html)

[Page with permalink](/foo/page-with-permalink/)

[Page with leading slash multi level](/foo/subdir/page.html)

[Reference link][reference]

[HTML Page](/foo/html-page.html)

[Ghost page](ghost-page.md)

[Outside](../../page.md)

[Absolute](https://example.com/another-page.md) [Fragment only](#foo)

[A first fragment inline](/foo/another-page.html#foo) and [a second](/foo/page-with-permalink/#bar)

[[A link with square brackets]](/foo/another-page.html)

[A link with a title](/foo/another-page.html "This is a link with a \\"title\\"")

[Quotes in url & title](/foo/another-page.html#'apostrophe' 'Quotes in url & title')

[Link with inline image ![badge](https://example.com/badge.png)](/foo/another-page.html)

Content end

[reference]: /foo/another-page.html

[reference-brackets]: /foo/another-page.html#(bar)

[indented-reference]: /foo/another-page.html

[reference-with-whitespace]: /foo/another-page.html

[reference-with-title]: /foo/another-page.html "This is a reference with a title"
"""

RELATIVE_SITE = {
    "_config.yml": "plugins: [jekyll-relative-links]\nbaseurl: /foo\n",
    "page.md": RELATIVE_PAGE,
    "another-page.md": "---\n---\n[Page](page.md)\n",
    "page with symbols?.md": "---\n---\nx\n",
    "page-with-permalink.md": "---\npermalink: /page-with-permalink/\n---\nx\n",
    "html-page.html": "---\n---\n[Page](page.md)\n",
    "jekyll-logo.png": "png",
    "subdir/page.md": (
        "---\n---\n[Relative subdir page](./another-subdir-page.md)\n\n[Dir traversal](../page.md)\n\n"
        "![image](../jekyll-logo.png)\n\n[![linked image](../jekyll-logo.png)](../page.md)\n"
    ),
    "subdir/another-subdir-page.md": "---\n---\nx\n",
}


def generated_site(tmp_path: Path, files: dict[str, str]) -> Site:
    site = Site.from_path(write_site(tmp_path / "site", files))
    site.read()
    site.generate()
    return site


def page_content(site: Site, relative_path: str) -> str:
    return next(p.content for p in site.content.pages if p.relative_path == relative_path)


def test_relative_links_rewritten_as_the_plugin_spec_expects(tmp_path: Path) -> None:
    site = generated_site(tmp_path, RELATIVE_SITE)
    assert page_content(site, "page.md") == RELATIVE_EXPECTED
    assert page_content(site, "subdir/page.md") == (
        "[Relative subdir page](/foo/subdir/another-subdir-page.html)\n\n"
        "[Dir traversal](/foo/page.html)\n\n![image](/foo/jekyll-logo.png)\n\n"
        "[![linked image](../jekyll-logo.png)](/foo/page.html)\n"
    )
    # Only Markdown is rewritten.
    assert page_content(site, "html-page.html") == "[Page](page.md)\n"


def test_relative_links_rendered_disabled_and_excluded(tmp_path: Path) -> None:
    files = {
        "_config.yml": "plugins: [jekyll-relative-links]\n",
        "a.md": "---\n---\n[B](b.md)\n",
        "b.md": "---\n---\n[A](a.md)\n",
    }
    out = build(tmp_path / "on", files)
    assert (out / "a.html").read_text() == '<p><a href="/b.html">B</a></p>\n'
    files["_config.yml"] += "relative_links:\n  exclude: [b.md]\n"
    out = build(tmp_path / "excluded", files)
    assert (out / "a.html").read_text() == '<p><a href="/b.html">B</a></p>\n'
    assert (out / "b.html").read_text() == '<p><a href="a.md">A</a></p>\n'
    files["_config.yml"] = "plugins: [jekyll-relative-links]\nrelative_links: {enabled: false}\n"
    out = build(tmp_path / "off", files)
    assert (out / "a.html").read_text() == '<p><a href="b.md">B</a></p>\n'


# -- jekyll-readme-index -------------------------------------------------------


def test_readme_becomes_the_index(tmp_path: Path) -> None:
    # spec fixtures readme-no-index and readme-and-nested-readme.
    out = build(
        tmp_path,
        {
            "_config.yml": "plugins: [jekyll-readme-index]\n",
            "README.md": "# Top-level Readme Index\n",
            "other.md": "---\n---\nother\n",
            "with_readme/README.md": "# Second-level Readme\n",
            "with_readme_and_index/README.md": "# Not the index\n",
            "with_readme_and_index/index.html": '<h1 id="index2">Second-level Index</h1>\n',
            "without_readme/other.md": "---\n---\nx\n",
        },
    )
    assert (out / "index.html").read_text() == (
        '<h1 id="top-level-readme-index">Top-level Readme Index</h1>\n'
    )
    assert (out / "with_readme/index.html").read_text() == (
        '<h1 id="second-level-readme">Second-level Readme</h1>\n'
    )
    assert (out / "with_readme_and_index/index.html").read_text() == (
        '<h1 id="index2">Second-level Index</h1>\n'
    )
    assert not (out / "without_readme/index.html").exists()
    # The original is still copied unless remove_originals is set.
    assert (out / "README.md").read_text() == "# Top-level Readme Index\n"


def test_readme_index_respects_existing_indexes(tmp_path: Path) -> None:
    for name, index in [
        ("md", {"index.md": "---\n---\n# Index\n"}),
        ("xml", {"index.xml": "<test/>\n"}),
        ("permalink", {"home.md": "---\npermalink: /\n---\n# Index\n"}),
    ]:
        out = build(
            tmp_path / name,
            {"_config.yml": "plugins: [jekyll-readme-index]\n", "readme.markdown": "# Readme\n", **index},
        )
        assert "Readme" not in (out / ("index.xml" if name == "xml" else "index.html")).read_text()


def test_readme_index_github_precedence_and_options(tmp_path: Path) -> None:
    # GitHub's order (0.4.0+): .github/README beats the root README, which beats docs/.
    out = build(
        tmp_path / "a",
        {
            "_config.yml": "plugins: [jekyll-readme-index]\ninclude: [.github]\n"
            "readme_index:\n  remove_originals: true\n",
            ".github/README.md": "GitHub readme\n",
            "README.md": "Root readme\n",
            "docs/README.md": "Docs readme\n",
        },
    )
    assert (out / "index.html").read_text() == "<p>GitHub readme</p>\n"
    assert not (out / ".github/README.md").exists()
    assert (out / "README.md").exists() and (out / "docs/README.md").exists()
    out = build(
        tmp_path / "b",
        {
            "_config.yml": "plugins: [jekyll-readme-index]\n"
            "readme_index:\n  with_frontmatter: true\n  append_html: true\n",
            "a/b/README.md": "---\ntitle: B\n---\nNested\n",
            "c/README.md": "C\n",
        },
    )
    assert (out / "a/b/index.html").read_text() == "<p>Nested</p>\n"
    assert not (out / "a/b/README.html").exists()
    assert (out / "c/index.html").read_text() == "<p>C</p>\n"
    out = build(
        tmp_path / "c",
        {"_config.yml": "plugins: [jekyll-readme-index]\nreadme_index: {enabled: false}\n",
         "README.md": "x\n"},
    )
    assert not (out / "index.html").exists()


# -- jekyll-github-metadata ----------------------------------------------------

GITHUB_PAGE = (
    "---\n---\n{{ site.title }}|{{ site.github.repository_nwo }}|{{ site.github.url }}|"
    "{{ site.github.baseurl }}|{{ site.github.repository_url }}|{{ site.github.is_user_page }}|"
    "{{ site.github.zip_url }}|{{ site.github.build_revision }}|{{ site.url }}{{ site.baseurl }}"
)


def github_page(tmp_path: Path, monkeypatch, config: str, **env: str) -> str:  # type: ignore[no-untyped-def]
    for key in ("PAGES_REPO_NWO", "PAGES_ENV", "JEKYLL_ENV", "PAGE_BUILD_ID", "JEKYLL_BUILD_REVISION"):
        monkeypatch.delenv(key, raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    files = {"_config.yml": "plugins: [jekyll-github-metadata]\n" + config, "index.html": GITHUB_PAGE}
    return (build(tmp_path, files) / "index.html").read_text()


def test_github_metadata_on_github_com(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # docs/site.github.md's example repository, as GitHub Pages builds it.
    text = github_page(
        tmp_path, monkeypatch, "repository: github/metadata-example\n",
        PAGES_ENV="dotcom", JEKYLL_ENV="production", JEKYLL_BUILD_REVISION="cbd866eb",
    )
    assert text == (
        "metadata-example|github/metadata-example|https://github.github.com/metadata-example|"
        "/metadata-example|https://github.com/github/metadata-example|false|"
        "https://github.com/github/metadata-example/zipball/gh-pages|cbd866eb|"
        "https://github.github.com/metadata-example"
    )


def test_github_metadata_user_page_and_precedence(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    text = github_page(
        tmp_path / "a", monkeypatch, "title: Mine\nrepository: someone/ignored\nurl: https://x.org\n",
        PAGES_ENV="dotcom", PAGES_REPO_NWO="Octo/octo.github.io", JEKYLL_ENV="production",
    )
    assert text.split("|")[:7] == [
        "Mine", "Octo/octo.github.io", "http://octo.github.io", "",
        "https://github.com/Octo/octo.github.io", "true",
        "https://github.com/Octo/octo.github.io/zipball/master",
    ]
    # url was set, so only baseurl (nil) takes the fallback, which is empty here.
    assert text.endswith("|https://x.org")


def test_github_metadata_locally(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Development defaults: the repository from .git/config, no url fallback.
    git = tmp_path / "site" / ".git"
    (git / "refs/heads").mkdir(parents=True)
    (git / "config").write_text('[core]\n\tbare = false\n[remote "origin"]\n'
                                "\turl = git@github.com:jekyll/github-metadata.git\n")
    (git / "HEAD").write_text("ref: refs/heads/main\n")
    (git / "refs/heads/main").write_text("0123456789abcdef0123456789abcdef01234567\n")
    text = github_page(tmp_path, monkeypatch, "")
    assert text == (
        "github-metadata|jekyll/github-metadata|http://github.com/pages/jekyll/github-metadata|"
        "/pages/jekyll/github-metadata|http://github.com/jekyll/github-metadata|false|"
        "http://github.com/jekyll/github-metadata/zipball/gh-pages|"
        "0123456789abcdef0123456789abcdef01234567|"
    )


def test_github_metadata_prints_as_json_and_merges_config(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PAGES_REPO_NWO", "a/b")
    files = {
        "_config.yml": "plugins: [jekyll-github-metadata]\ngithub:\n  project_tagline: Mine\n",
        "index.html": "---\n---\n{{ site.github.project_tagline }}|{{ site.github.owner_name }}",
        "all.json": "---\n---\n{{ site.github }}",
    }
    out = build(tmp_path, files)
    assert (out / "index.html").read_text() == "Mine|a"
    monkeypatch.setenv("PAGES_REPO_NWO", "a/b")
    del files["_config.yml"]
    out = build(tmp_path / "b", {"_config.yml": "plugins: [jekyll-github-metadata]\n", **files})
    data = json.loads((out / "all.json").read_text())
    assert list(data) == sorted(data)
    assert data["repository_nwo"] == "a/b" and data["project_tagline"] is None


# -- jekyll-archives ------------------------------------------------------------

ARCHIVE_LAYOUT = (
    "{{ page.type }}|{{ page.title }}|{{ page.date | date: '%Y-%m-%d' }}|{{ page.name }}|"
    "{{ page.path }}|{{ page.url }}|{% for p in page.posts %}{{ p.title }},{% endfor %}"
)

ARCHIVE_SITE = {
    "_layouts/archive.html": ARCHIVE_LAYOUT,
    "_layouts/archive-too.html": "YEAR {{ page.date | date: '%Y' }} {{ page.posts | size }}",
    # test/source/_posts of jekyll-archives, shortened.
    "_posts/2013-08-16-post-from-yesteryear.md": "---\ntitle: Yesteryear\ncategory: plugins\n---\nx\n",
    "_posts/2014-03-15-tagged-post.md": (
        "---\ntitle: Tagged\ntags: [Foo, Bar Baz]\ncategories: [plugins, Jekyll]\n---\nx\n"
    ),
    "_posts/2014-08-17-introducing.md": "---\ntitle: Intro\ntags: Foo\n---\nx\n",
    "index.html": "---\n---\n{% for a in site.archives %}{{ a.url }} {% endfor %}{{ site.archives | size }}",
}


def test_archives_every_kind(tmp_path: Path) -> None:
    config = "plugins: [jekyll-archives]\njekyll-archives:\n  enabled: all\n  layouts:\n    year: archive-too\n"
    out = build(tmp_path, {"_config.yml": config, **ARCHIVE_SITE})
    assert (out / "tag/foo/index.html").read_text() == (
        "tag|Foo||index|tag/foo/index.html|/tag/foo/|Intro,Tagged,"
    )
    assert (out / "tag/bar-baz/index.html").read_text().startswith("tag|Bar Baz||")
    assert (out / "category/plugins/index.html").read_text() == (
        "category|plugins||index|category/plugins/index.html|/category/plugins/|Tagged,Yesteryear,"
    )
    assert (out / "category/jekyll/index.html").exists()
    assert (out / "2014/index.html").read_text() == "YEAR 2014 2"
    assert (out / "2014/03/index.html").read_text() == (
        "month||2014-03-01|index|2014/03/index.html|/2014/03/|Tagged,"
    )
    assert (out / "2013/08/16/index.html").read_text() == (
        "day||2013-08-16|index|2013/08/16/index.html|/2013/08/16/|Yesteryear,"
    )
    # The order archives.rb makes them in: tags, categories, then each year
    # with its months (newest first) and days.
    assert (out / "index.html").read_text() == (
        "/tag/foo/ /tag/bar-baz/ /category/plugins/ /category/jekyll/ /2013/ /2013/08/ "
        "/2013/08/16/ /2014/ /2014/08/ /2014/08/17/ /2014/03/ /2014/03/15/ 12"
    )


def test_archives_only_what_is_enabled_with_custom_permalinks(tmp_path: Path) -> None:
    config = (
        "plugins: [jekyll-archives]\njekyll-archives:\n  enabled: [year, tags]\n"
        "  permalinks:\n    year: '/archive/:year.html'\n    tag: '/:type/:name.html'\n"
    )
    out = build(tmp_path / "a", {"_config.yml": config, **ARCHIVE_SITE})
    assert (out / "archive/2014.html").read_text() == (
        "year||2014-01-01|2014|archive/2014.html|/archive/2014.html|Intro,Tagged,"
    )
    assert (out / "tag/bar-baz.html").exists()
    assert not (out / "category").exists()
    assert not (out / "2014/index.html").exists() and not (out / "2014/08/index.html").exists()
    out = build(tmp_path / "b", {"_config.yml": "plugins: [jekyll-archives]\n", **ARCHIVE_SITE})
    assert (out / "index.html").read_text() == "0"
