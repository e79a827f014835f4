"""Rendering in worker processes gives the serial build's bytes.

The site is large enough for the engine to fork, and full of what depends
on render order in Jekyll: pages that print other pages' content through
``site.pages`` (rendered before them, raw after), posts that print their
neighbours' content, ``site.posts`` loops.
"""

from __future__ import annotations

from pathlib import Path

from liquidsite import Site
from liquidsite.engine import PARALLEL_THRESHOLD

from .helpers import write_site
from .test_incremental import same_tree


def order_site(root: Path) -> Path:
    files: dict[str, str] = {
        "_config.yml": "title: Order\n",
        "_layouts/default.html": "<main>{{ content }}</main>{% include foot.html n=page.title %}\n",
        "_layouts/post.html": (
            "---\nlayout: default\n---\n{{ content }}"
            "<p>prev {{ page.previous.content | size }} next {{ page.next.content | size }}</p>\n"
        ),
        "_includes/foot.html": "<footer>{{ include.n }}</footer>",
        "_data/d.yml": "k: v\n",
    }
    count = PARALLEL_THRESHOLD + 20
    for i in range(count):
        files[f"p{i:03d}.md"] = f"---\nlayout: default\ntitle: P{i}\n---\n*Page* {i} {{{{ site.data.d.k }}}}\n"
        if i % 25 == 10:
            files[f"p{i:03d}-list.md"] = (
                "---\nlayout: default\n---\n"
                "{% for p in site.pages %}{{ p.content | size }},{% endfor %}\n"
            )
        files[f"_posts/2024-01-{(i % 28) + 1:02d}-post{i:03d}.md"] = (
            f"---\nlayout: post\ntitle: Post {i}\n---\nPost **{i}** body.\n"
        )
    files["zz-posts.md"] = (
        "---\nlayout: default\n---\n{% for post in site.posts %}{{ post.content | size }};{% endfor %}\n"
    )
    return write_site(root, files)


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    src = order_site(tmp_path / "src")
    serial = Site.from_path(src, tmp_path / "serial")
    serial.jobs = 1
    serial.build()
    parallel = Site.from_path(src, tmp_path / "parallel")
    parallel.jobs = 2
    parallel.build()
    assert parallel.engine is not None
    assert parallel.engine.stats.jobs == 2
    assert parallel.engine.stats.rendered_in_workers > 0
    assert same_tree(tmp_path / "serial", tmp_path / "parallel") == []
    assert parallel.warnings == serial.warnings
