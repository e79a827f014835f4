"""``{% include file key=variable %}`` passes the variable's value (tags/include.rb)."""

from __future__ import annotations

from pathlib import Path

from liquidsite import Site

from .helpers import write_site


def test_include_parameters_from_variables_and_literals(tmp_path: Path) -> None:
    src = write_site(tmp_path / "src", {
        "_config.yml": "title: t\n",
        "_includes/person.html": "[{{ include.person.name }}|{{ include.tag }}|{{ include.n | plus: 1 }}|{{ include.flag }}]",
        "_data/people.yml": "- name: Ada\n- name: Bob\n",
        "index.html": (
            "---\n---\n{% for p in site.data.people %}"
            "{% include person.html person=p tag=page.url n=41 flag=true %}{% endfor %}\n"
        ),
    })
    site = Site.from_path(src, tmp_path / "out")
    assert site.render_page("index.html") == "[Ada|/|42|true][Bob|/|42|true]\n"
