"""Tests for the institute page of the example site (fixtures/ikim).

The page's Board list is not written by hand: the template walks every
group in ``_data/groups.yml`` and lists the people of that group's file in
``_data/people/`` whose roles include ``board``.  These tests check the
rendered list against the data, and the template against made-up data.

    python -m pytest examples/test_institute.py
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite.testing import strategies as ls
from liquidsite.testing.html import assert_attr, select_one, texts

SITE = Path(__file__).resolve().parent.parent / "fixtures" / "ikim"
# The paragraph after the "Board" heading (not "Scientific Advisory Board").
BOARD = "h2:-soup-contains('Board'):not(:-soup-contains('Advisory')) + p"
BOARD_LINKS = f"{BOARD} a"


def board_from_data(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(person, group) for every board member, in the order of the groups."""
    return [
        (f"{person['title']} {person['name']}", group)
        for group in data["groups"]
        for person in data["people"].get(group["name"], [])
        if "board" in person.get("roles", [])
    ]


def test_board_lists_every_board_member_of_every_group(jekyll_site):
    site = jekyll_site(SITE)
    html = site.render_page("institute.md")
    board = board_from_data(site.data)
    assert [group["label"] for _, group in board] == texts(html, BOARD_LINKS)
    paragraph = " ".join(select_one(html, BOARD).get_text().split())
    for person, group in board:
        assert f"{person}, {group['label']}" in paragraph


def test_board_links_point_at_the_group_pages(jekyll_site):
    site = jekyll_site(SITE)
    html = site.render_page("institute.md")
    for _, group in board_from_data(site.data):
        link = f"{BOARD_LINKS}:-soup-contains('{group['label']}')"
        assert_attr(html, link, "href", f"/ikim/groups/{group['name']}")


def test_a_person_without_the_board_role_is_not_listed(jekyll_site):
    site = jekyll_site(SITE)
    html = site.render_page("institute.md")
    listed = " ".join(select_one(html, BOARD).get_text().split())
    assert "Jonas Keller" not in listed  # a member of Medical Machine Learning, not of the board


# The board loop of institute.md, run against generated data.
BOARD_LOOP = (
    "{% for group in site.data.groups %}"
    "{% assign members = site.data.people[group.name]"
    " | where_exp: \"item\", \"item.roles contains 'board'\" %}"
    "{% for member in members %}{{ member.name }};{% endfor %}{% endfor %}"
)

group_names = st.sampled_from(["ai", "imaging", "it"])
person = st.fixed_dictionaries({
    "name": ls.yaml_text(min_size=1, max_size=12).filter(lambda s: ";" not in s and "<" not in s),
    "roles": st.lists(st.sampled_from(["board", "head", "postdoc"]), unique=True, max_size=3),
})


@settings(deadline=None, max_examples=60)
@given(groups=st.lists(group_names, unique=True), people=st.dictionaries(group_names, st.lists(person, max_size=4)))
def test_board_loop_for_any_data(render_liquid, groups, people):
    data = {"groups": [{"name": g} for g in groups], "people": people}
    out = render_liquid(BOARD_LOOP, site={"data": data})
    expected = [
        p["name"] for g in groups for p in people.get(g, []) if "board" in p["roles"]
    ]
    assert out == "".join(f"{name};" for name in expected)
