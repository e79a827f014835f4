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
