"""How an include nests: one namespace per include, parameters parsed once.

Jekyll's include pushes one scope (``context.stack``) and renders the
file in it; Liquid counts scopes against its nesting limit, so each nested
include is one level, as each ``for`` is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from liquidsite import Site
from liquidsite.errors import LiquidsiteError

from .helpers import write_site


def _chain(depth: int, wrap: str = "{}") -> dict[str, str]:
    """A page including a1.html, which includes a2.html ... down to a<depth>;
    each file's text is *wrap* with its number and its include in place of ``{}``."""
    files = {"_config.yml": "", "index.html": "---\n---\n{% include a1.html %}\n"}
    for i in range(1, depth + 1):
        inner = f"{{% include a{i + 1}.html %}}" if i < depth else ""
        files[f"_includes/a{i}.html"] = wrap.replace("{}", f"{i},{inner}")
    return files


def test_each_nested_include_is_one_level(tmp_path: Path) -> None:
    # Jekyll 4.3.1 renders 99 nested includes and stops at 100 with
    # "Nesting too deep": a template's own scope and 99 pushed inside it.
    src = write_site(tmp_path / "src", _chain(99))
    site = Site.from_path(src, tmp_path / "out")
    assert site.render_page("index.html") == ",".join(str(i) for i in range(1, 100)) + ",\n"
    write_site(tmp_path / "deeper", _chain(100))
    with pytest.raises(LiquidsiteError, match=r"_includes/a99.html:1:\d+: Liquid error: Nesting too deep"):
        Site.from_path(tmp_path / "deeper").build(tmp_path / "_site")


def test_loops_and_includes_count_alike(tmp_path: Path) -> None:
    # Each include and each for loop inside it push one scope: 49 such pairs
    # render in Jekyll, 50 stop.
    def chain(depth: int) -> dict[str, str]:
        return _chain(depth, "{% for x in (1..1) %}{}{% endfor %}")

    src = write_site(tmp_path / "src", chain(49))
    assert Site.from_path(src, tmp_path / "out").render_page("index.html").endswith("48,49,\n")
    write_site(tmp_path / "deeper", chain(50))
    with pytest.raises(LiquidsiteError, match="Nesting too deep"):
        Site.from_path(tmp_path / "deeper").build(tmp_path / "_site")


def test_the_depth_limit_counts_includes(tmp_path: Path) -> None:
    # include_depth: 8 admits eight nested includes, not nine.
    files = _chain(9)
    files["_config.yml"] = "liquid:\n  limits:\n    include_depth: 8\n"
    write_site(tmp_path, files)
    with pytest.raises(LiquidsiteError, match="Nesting too deep"):
        Site.from_path(tmp_path).build(tmp_path / "_site")
    files = _chain(8)
    files["_config.yml"] = "liquid:\n  limits:\n    include_depth: 8\n"
    src = write_site(tmp_path / "ok", files)
    assert Site.from_path(src, tmp_path / "out").render_page("index.html") == "1,2,3,4,5,6,7,8,\n"


def test_included_variables_see_the_callers_assignments(tmp_path: Path) -> None:
    # The include renders in the caller's context: its assign reaches the
    # caller, and it reads the caller's loop variable.
    src = write_site(tmp_path / "src", {
        "_config.yml": "",
        "_includes/item.html": "[{{ n }}{% assign last = n %}]",
        "index.html": "---\n---\n{% for n in (1..3) %}{% include item.html %}{% endfor %}{{ last }}\n",
    })
    site = Site.from_path(src, tmp_path / "out")
    assert site.render_page("index.html") == "[1][2][3]3\n"


def test_break_in_an_include_ends_the_callers_loop(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", {
        "_config.yml": "",
        "_includes/stop.html": "{% if n == 2 %}{% break %}{% endif %}",
        "index.html": "---\n---\n{% for n in (1..4) %}{{ n }}{% include stop.html %}{% endfor %}\n",
    })
    site = Site.from_path(src, tmp_path / "out")
    assert site.render_page("index.html") == "12\n"


def test_parameters_parsed_once_serve_every_page(tmp_path: Path) -> None:
    # Two pages, the same parameter markup, different values.
    src = write_site(tmp_path / "src", {
        "_config.yml": "",
        "_includes/card.html": "<{{ include.who }}|{{ include.n }}>",
        "a.html": "---\nwho: Ada\n---\n{% include card.html who=page.who n=1 %}\n",
        "b.html": "---\nwho: Bob\n---\n{% include card.html who=page.who n=1 %}\n",
    })
    site = Site.from_path(src, tmp_path / "out")
    assert site.render_page("a.html") == "<Ada|1>\n"
    assert site.render_page("b.html") == "<Bob|1>\n"
    assert list(site.env.include_params) == ["who=page.who n=1"]
