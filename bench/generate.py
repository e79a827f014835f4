#!/usr/bin/env python3
"""Write a deterministic, institute-like Jekyll site for benchmarks.

``python bench/generate.py --pages N --posts M OUT`` writes N Markdown
pages (each looping over ``site.data`` with ``where_exp`` and calling
parameterised includes), M posts, data files, includes, layouts and a few
static assets.  The same arguments always give the same bytes, so build
times and outputs can be compared between runs, machines and Jekyll.

The Markdown stays in the subset that kramdown and liquidsite's converter
agree on (headings, paragraphs, emphasis, lists, links, code spans), since
the benchmark measures speed, and the byte comparison guards correctness.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import random
import shutil
from pathlib import Path

WORDS = (
    "artificial intelligence medicine imaging pathology genome patient clinical data "
    "model learning network radiology therapy diagnosis cohort signal protein "
    "hospital research trial outcome cancer sequence analysis method robust "
    "federated privacy segmentation cell tissue screening biomarker registry "
    "workflow cluster storage pipeline annotation dataset benchmark evaluation"
).split()
FIRST = "Anna Ben Clara David Eva Felix Greta Hannes Ida Jonas Karla Lukas Mia Noah Olga Paul".split()
LAST = "Nguyen Schmidt Okafor Rossi Tanaka Berg Kowalski Silva Meyer Haddad Novak Weber".split()
TITLES = ["Prof. Dr.", "Dr.", "Jun.-Prof. Dr.", "", "PD Dr."]
ROLES = ["head", "member", "member", "member", "student", "board"]
TYPES = ["research", "research", "core", "service"]
TAGS = ["ai", "imaging", "genomics", "teaching", "events", "funding", "software", "clinic"]
CATEGORIES = ["news", "research", "events"]


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng: random.Random, n: int = 12) -> str:
    text = words(rng, n)
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 4) -> str:
    parts = []
    for _ in range(sentences):
        s = sentence(rng, rng.randint(6, 16))
        kind = rng.random()
        if kind < 0.15:
            w = rng.choice(WORDS)
            s = s.replace(f" {w} ", f" **{w}** ", 1)
        elif kind < 0.25:
            w = rng.choice(WORDS)
            s = s.replace(f" {w} ", f" *{w}* ", 1)
        elif kind < 0.32:
            w = rng.choice(WORDS)
            s = s.replace(f" {w} ", f" `{w}` ", 1)
        parts.append(s)
    return " ".join(parts)


def yaml_str(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


# -- fixed files ---------------------------------------------------------------

CONFIG = """\
title: Institute for Generated Medicine
description: >-
  A generated institute site used to measure build times.
baseurl: "/inst"
url: "https://example.org"
lang: en
markdown: kramdown
exclude:
  - README.md
"""

LAYOUT_DEFAULT = """\
<!DOCTYPE html>
<html lang="{{ site.lang | default: 'en' }}">
  {%- include head.html -%}
  <body>
    {%- include header.html %}
    <main class="page-content" aria-label="Content">
      <div class="wrapper">
        {{ content }}
      </div>
    </main>
    {%- include footer.html -%}
  </body>
</html>
"""

LAYOUT_PAGE = """\
---
layout: default
---
<article class="page">
  <header class="page-header">
    <h1 class="page-title">{{ page.title | escape }}</h1>
    {%- if page.subtitle %}<p class="subtitle">{{ page.subtitle }}</p>{% endif %}
  </header>
  <div class="page-content">
    {{ content }}
  </div>
</article>
"""

LAYOUT_GROUP = """\
---
layout: page
---
{%- assign group = site.data.groups | where: "name", page.group | first -%}
<p class="group-type">{{ group.type | capitalize }} group &middot; {{ group.label }}</p>
{{ content }}
{%- assign heads = site.data.people[page.group] | where_exp: "p", "p.roles contains 'head'" %}
<aside class="heads">
{%- for person in heads %}
  {% include person.html person=person show_mail=true %}
{%- endfor %}
</aside>
"""

LAYOUT_POST = """\
---
layout: default
---
<article class="post h-entry">
  <header class="post-header">
    <h1 class="post-title p-name">{{ page.title | escape }}</h1>
    <p class="post-meta"><time datetime="{{ page.date | date_to_xmlschema }}">{{ page.date | date: "%b %-d, %Y" }}</time>
    {%- if page.author %} &middot; {{ page.author }}{% endif %}</p>
  </header>
  <div class="post-content e-content">
    {{ content }}
  </div>
  {%- if page.tags.size > 0 %}
  <p class="tags">{% for tag in page.tags %}<span class="tag">{{ tag }}</span>{% unless forloop.last %}, {% endunless %}{% endfor %}</p>
  {%- endif %}
</article>
"""

INCLUDE_HEAD = """\
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  {%- if page.title %}
  <title>{{ page.title | escape }} | {{ site.title | escape }}</title>
  {%- else %}
  <title>{{ site.title | escape }}</title>
  {%- endif %}
  <meta name="description" content="{{ page.excerpt | default: site.description | strip_html | normalize_whitespace | truncate: 160 | escape }}">
  <link rel="stylesheet" href="{{ "/assets/css/style.css" | relative_url }}">
  <link rel="canonical" href="{{ page.url | replace:'index.html','' | absolute_url }}">
</head>
"""

INCLUDE_HEADER = """\
<header class="site-header" role="banner">
  <div class="wrapper">
    <a class="site-title" rel="author" href="{{ "/" | relative_url }}">{{ site.title | escape }}</a>
    <nav class="site-nav">
      {%- for item in site.data.nav -%}
        {%- if item.id == page.nav_active %}
      <a class="page-link active" href="{{ item.url | relative_url }}">{{ item.title }}</a>
        {%- else %}
      <a class="page-link" href="{{ item.url | relative_url }}">{{ item.title }}</a>
        {%- endif -%}
      {%- endfor %}
    </nav>
  </div>
</header>
"""

INCLUDE_FOOTER = """\
<footer class="site-footer">
  <div class="wrapper">
    <p>{{ site.title | escape }} &middot; {{ site.data.facts.size }} facts &middot;
    {%- assign address = site.data.contact %} {{ address.street }}, {{ address.city }}</p>
  </div>
</footer>
"""

INCLUDE_PERSON = """\
<div class="person{% if include.person.roles contains 'head' %} head{% endif %}">
  <span class="name">{{ include.person.title }} {{ include.person.name }}</span>
  {%- if include.show_mail %}
  <a href="mailto:{{ include.person.mail }}">{{ include.person.mail | downcase }}</a>
  {%- endif %}
</div>
"""

INCLUDE_GROUP_LIST = """\
{%- assign groups = site.data.groups | where_exp: "g", "g.type == include.type" -%}
<section class="groups groups-{{ include.type }}">
  <h2>{{ include.heading }}</h2>
  <ul>
  {%- for group in groups %}
    {%- assign members = site.data.people[group.name] %}
    <li><a href="{{ '/groups/' | append: group.name | append: '/' | relative_url }}">{{ group.label }}</a> ({{ members.size }} {% if members.size == 1 %}person{% else %}people{% endif %})</li>
  {%- endfor %}
  </ul>
</section>
"""

INCLUDE_POST_LIST = """\
<ul class="post-list">
{%- for post in include.posts limit: include.count %}
  <li><span class="post-meta">{{ post.date | date: "%Y-%m-%d" }}</span>
    <a href="{{ post.url | relative_url }}">{{ post.title | escape }}</a></li>
{%- endfor %}
</ul>
"""

STYLE = """\
body { font: 16px/1.5 sans-serif; margin: 0; }
.wrapper { max-width: 60em; margin: 0 auto; padding: 0 1em; }
.site-header { border-top: 4px solid #264653; }
.person.head .name { font-weight: bold; }
"""


# -- generated content -----------------------------------------------------------------


def make_groups(rng: random.Random, count: int) -> list[dict[str, str]]:
    groups = []
    for i in range(count):
        label = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS).capitalize()} {i}"
        groups.append({"name": f"group-{i:02d}", "label": label, "type": TYPES[i % len(TYPES)]})
    return groups


def groups_yaml(groups: list[dict[str, str]]) -> str:
    return "".join(
        f"- name: {g['name']}\n  label: {yaml_str(g['label'])}\n  type: {g['type']}\n" for g in groups
    )


def people_yaml(rng: random.Random, group: str, count: int) -> str:
    lines = []
    for i in range(count):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        roles = sorted({ROLES[0] if i == 0 else rng.choice(ROLES[1:]), rng.choice(ROLES[1:])})
        lines.append(
            f"- name: {first} {last}\n"
            f"  title: {yaml_str(rng.choice(TITLES))}\n"
            f"  roles: [{', '.join(repr(r) for r in roles)}]\n"
            f"  mail: {first.lower()}.{last.lower()}{i}@{group}.example.org\n"
            f"  since: {2015 + rng.randint(0, 10)}\n"
        )
    return "".join(lines)


def page_text(rng: random.Random, index: int, groups: list[dict[str, str]]) -> str:
    group = groups[index % len(groups)]
    other = groups[(index * 7 + 3) % len(groups)]
    year = 2016 + index % 10
    title = f"{sentence(rng, 3)[:-1]} {index}"
    body = [
        "---",
        "layout: page",
        f"title: {yaml_str(title)}",
        f"group: {group['name']}",
        f"since: {year}",
        "nav_active: research" if index % 3 == 0 else "nav_active: about",
        "---",
        f"{paragraph(rng, 3)}",
        "",
        "## Members since {{ page.since }}",
        "",
        '{% assign recent = site.data.people[page.group] | where_exp: "p", "p.since >= page.since" %}',
        "{% for person in recent %}",
        "* {{ person.title }} {{ person.name }} ({{ person.roles | join: ', ' }})",
        "{% endfor %}",
        "",
        "## Heads",
        "",
        '{% assign heads = site.data.people[page.group] | where_exp: "p", "p.roles contains \'head\'" %}',
        "{% for person in heads %}{% include person.html person=person show_mail=true %}{% endfor %}",
        "",
        f"## Related: {other['label']}",
        "",
        paragraph(rng, 2),
        "",
        f"See the [{other['label']} group]({{{{ '/groups/{other['name']}/' | relative_url }}}}) "
        f"and [the home page]({{{{ '/' | relative_url }}}}).",
        "",
        "- " + sentence(rng, 6),
        "- " + sentence(rng, 8),
        "- " + sentence(rng, 5),
        "",
        "{% include group-list.html type=\"core\" heading=\"Core facilities\" %}",
        "",
        paragraph(rng, 4),
        "",
    ]
    return "\n".join(body)


def group_page(rng: random.Random, group: dict[str, str]) -> str:
    return (
        "---\n"
        "layout: group\n"
        f"title: {yaml_str(group['label'])}\n"
        f"group: {group['name']}\n"
        f"permalink: /groups/{group['name']}/\n"
        "nav_active: research\n"
        "---\n"
        f"The group **{group['label']}** is part of the institute.\n\n"
        f"{paragraph(rng, 3)}\n\n"
        "{% assign people = site.data.people[page.group] %}\n"
        "{% for person in people %}{% include person.html person=person %}{% endfor %}\n"
    )


def post_text(rng: random.Random, index: int, date: _dt.date) -> tuple[str, str]:
    slug = "-".join(rng.choice(WORDS) for _ in range(3)) + f"-{index}"
    tags = sorted(set(rng.sample(TAGS, rng.randint(1, 3))))
    category = CATEGORIES[index % len(CATEGORIES)]
    title = f"{sentence(rng, 5)[:-1]} {index}"
    text = (
        "---\n"
        "layout: post\n"
        f"title: {yaml_str(title)}\n"
        f"categories: [{category}]\n"
        f"tags: [{', '.join(tags)}]\n"
        f"author: {rng.choice(FIRST)} {rng.choice(LAST)}\n"
        "---\n"
        f"{paragraph(rng, 3)}\n\n"
        f"{paragraph(rng, 4)}\n\n"
        "## Details\n\n"
        f"{paragraph(rng, 3)}\n\n"
        "{% assign group = site.data.groups[" + str(index % 7) + "] %}\n"
        "Written with the {{ group.label }} group ({{ group.type }}).\n"
    )
    return f"{date.isoformat()}-{slug}.md", text


def generate(out: Path, pages: int, posts: int, seed: int = 1) -> None:
    """Write the site into *out* (emptied first)."""
    rng = random.Random(seed)
    if out.exists():
        shutil.rmtree(out)
    files: dict[str, str | bytes] = {}
    groups = make_groups(rng, max(4, min(40, pages // 25 or 4)))
    files["_config.yml"] = CONFIG
    files["_layouts/default.html"] = LAYOUT_DEFAULT
    files["_layouts/page.html"] = LAYOUT_PAGE
    files["_layouts/group.html"] = LAYOUT_GROUP
    files["_layouts/post.html"] = LAYOUT_POST
    files["_includes/head.html"] = INCLUDE_HEAD
    files["_includes/header.html"] = INCLUDE_HEADER
    files["_includes/footer.html"] = INCLUDE_FOOTER
    files["_includes/person.html"] = INCLUDE_PERSON
    files["_includes/group-list.html"] = INCLUDE_GROUP_LIST
    files["_includes/post-list.html"] = INCLUDE_POST_LIST
    files["_data/groups.yml"] = groups_yaml(groups)
    for group in groups:
        files[f"_data/people/{group['name']}.yml"] = people_yaml(rng, group["name"], rng.randint(4, 14))
    files["_data/nav.json"] = (
        '[{"id": "home", "title": "Home", "url": "/"},\n'
        ' {"id": "research", "title": "Research", "url": "/research/"},\n'
        ' {"id": "news", "title": "News", "url": "/news/"},\n'
        ' {"id": "about", "title": "About", "url": "/about/"}]\n'
    )
    files["_data/contact.yml"] = "street: Hufelandstrasse 55\ncity: Essen\n"
    files["_data/facts.csv"] = "key,value\n" + "".join(
        f"fact{i},{rng.randint(1, 999)}\n" for i in range(12)
    )
    files["assets/css/style.css"] = STYLE
    files["assets/img/logo.png"] = bytes(rng.randrange(256) for _ in range(512))
    files["README.md"] = "Generated by bench/generate.py; excluded from the build.\n"
    files["index.md"] = (
        "---\nlayout: page\ntitle: Home\nnav_active: home\n---\n"
        "Welcome to **{{ site.title }}**.\n\n"
        '{% include group-list.html type="research" heading="Research groups" %}\n\n'
        '{% include group-list.html type="core" heading="Core facilities" %}\n\n'
        "## Latest news\n\n"
        "{% include post-list.html posts=site.posts count=10 %}\n"
    )
    files["news.md"] = (
        "---\nlayout: page\ntitle: News\nnav_active: news\npermalink: /news/\n---\n"
        "{% include post-list.html posts=site.posts count=1000000 %}\n"
    )
    files["about.md"] = (
        "---\nlayout: page\ntitle: About\nnav_active: about\npermalink: /about/\n---\n"
        f"{paragraph(rng, 5)}\n\n"
        "This site has {{ site.html_pages.size }} HTML pages and {{ site.posts.size }} posts.\n"
    )
    files["research.md"] = (
        "---\nlayout: page\ntitle: Research\nnav_active: research\npermalink: /research/\n---\n"
        '{% include group-list.html type="research" heading="Research groups" %}\n\n'
        '{% include group-list.html type="service" heading="Services" %}\n'
    )
    for group in groups:
        files[f"groups/{group['name']}.md"] = group_page(rng, group)
    fixed_pages = 4 + len(groups)
    for i in range(max(0, pages - fixed_pages)):
        section = f"section-{i // 100:02d}"
        files[f"{section}/page-{i:05d}.md"] = page_text(rng, i, groups)
    start = _dt.date(2018, 1, 1)
    for i in range(posts):
        date = start + _dt.timedelta(days=(i * 3) % 2900)
        name, text = post_text(rng, i, date)
        files[f"_posts/{name}"] = text
    for rel, content in files.items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="Markdown pages (default 500)")
    parser.add_argument("--posts", type=int, default=500, help="posts in _posts (default 500)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("out", type=Path, help="folder to write (emptied first)")
    args = parser.parse_args()
    generate(args.out, args.pages, args.posts, args.seed)


if __name__ == "__main__":
    main()
