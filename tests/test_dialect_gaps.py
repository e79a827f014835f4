"""Jekyll's drops behave as Ruby drops, not as hashes.

A for loop over a drop sees its keys, and a drop has no ``size``,
``first`` or ``last``.  The expected texts were printed by Jekyll 4.3.1
for the same site; these constructs stay out of ``fixtures/dialect`` only
because they need their own small sites.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from liquidsite.cli import main as cli_main

from .helpers import write_site

POST_FRONT = "---\ntitle: A\ncustom: 1\n---\nIntro.\n\n"


def _render_post(tmp_path: Path, body: str) -> str:
    """Build a one-post site whose post prints *body* after its excerpt."""
    source = write_site(
        tmp_path / "src",
        {
            "_config.yml": "title: gaps\n",
            "assets/x.txt": "x\n",
            "_posts/2024-01-01-a.html": POST_FRONT + body + "\n",
        },
    )
    dest = tmp_path / "_site"
    assert cli_main(["build", "-q", "-s", str(source), "-d", str(dest)]) == 0
    text = (dest / "2024/01/01/a.html").read_text(encoding="utf-8")
    return text.split("Intro.\n\n", 1)[1]


# Ruby: Jekyll's drops yield (key, value) from #each; Liquid's for loop
# (utils.rb slice_collection_using_each) keeps the first, the key.  The
# engine's slice_collection loops over a Mapping's [key, value] pairs.
def test_for_over_post_drop_yields_keys(tmp_path: Path) -> None:
    out = _render_post(tmp_path, "{% for k in page %}{{ k }} {% endfor %}")
    assert out == (
        "name id next previous relative_path content excerpt output title categories "
        "path url date tags collection draft custom slug ext \n"
    )


def test_for_over_static_file_drop_yields_keys(tmp_path: Path) -> None:
    out = _render_post(tmp_path, "{% for k in site.static_files.first %}{{ k }} {% endfor %}")
    assert out == "name basename extname path collection modified_time \n"


# Ruby: variable lookup of `size` on a drop asks key?("size") and then
# respond_to?(:size); Jekyll's drops have neither, so page.size is nil.
def test_size_attribute_of_drops_is_nil(tmp_path: Path) -> None:
    out = _render_post(tmp_path, "{{ page.size | inspect }} {{ site.size | inspect }} {{ jekyll.size | inspect }}")
    assert out == "nil nil nil\n"
