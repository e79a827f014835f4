"""jekyll-sitemap 1.4.0: ``sitemap.xml`` and ``robots.txt``.

Mirrors lib/jekyll/jekyll-sitemap.rb.  Both files are pages made by a
generator, unless the site already has a page or file at that URL; the
sitemap lists every output collection's documents, the HTML pages and the
static HTML and PDF files, leaving out those with ``sitemap: false`` and
the 404 page.  The template below is written whitespace-free, as the
plugin squeezes its own before rendering, so each line of the output is
exactly what Jekyll writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .generated import add_pages, make_page, url_taken

if TYPE_CHECKING:
    from ..plugins import Registry
    from ..site import Site

# Static files with these extensions are listed (INCLUDED_EXTENSIONS).
LISTED_EXTENSIONS = (".htm", ".html", ".xhtml", ".pdf")

_LOC = "{{ %s | replace:'/index.html','/' | absolute_url | xml_escape }}"

SITEMAP_TEMPLATE = "".join(
    [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        "{% if page.xsl %}",
        '<?xml-stylesheet type="text/xsl" href="{{ "/sitemap.xsl" | absolute_url }}"?>\n',
        "{% endif %}",
        '<urlset xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://www.sitemaps.org/schemas/sitemap/0.9 '
        'http://www.sitemaps.org/schemas/sitemap/0.9/sitemap.xsd" '
        'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n',
        # Documents of every collection that is written out.
        "{% assign written = site.collections | where_exp:'c','c.output != false' %}",
        "{% for c in written %}",
        "{% assign listed = c.docs | where_exp:'d','d.sitemap != false' %}",
        "{% for d in listed %}",
        "<url>\n<loc>" + _LOC % "d.url" + "</loc>\n",
        "{% if d.last_modified_at or d.date %}",
        "<lastmod>{{ d.last_modified_at | default: d.date | date_to_xmlschema }}</lastmod>\n",
        "{% endif %}",
        "</url>\n",
        "{% endfor %}{% endfor %}",
        # HTML pages, but not the 404 page.
        "{% assign listed = site.html_pages | where_exp:'p','p.sitemap != false'"
        " | where_exp:'p','p.url != \"/404.html\"' %}",
        "{% for p in listed %}",
        "<url>\n<loc>" + _LOC % "p.url" + "</loc>\n",
        "{% if p.last_modified_at %}",
        "<lastmod>{{ p.last_modified_at | date_to_xmlschema }}</lastmod>\n",
        "{% endif %}",
        "</url>\n",
        "{% endfor %}",
        # Static HTML and PDF files, as they were when the sitemap was made.
        "{% assign listed = page.static_files | where_exp:'f','f.sitemap != false'"
        " | where_exp:'f','f.name != \"404.html\"' %}",
        "{% for f in listed %}",
        "<url>\n<loc>" + _LOC % "f.path" + "</loc>\n",
        "<lastmod>{{ f.modified_time | date_to_xmlschema }}</lastmod>\n",
        "</url>\n",
        "{% endfor %}",
        "</urlset>\n",
    ]
)

ROBOTS_TEMPLATE = 'Sitemap: {{ "sitemap.xml" | absolute_url }}\n'


def generate(site: Site) -> None:
    """The plugin's generator: add the two pages the site lacks."""
    origin = Path(__file__)
    pages = []
    if not url_taken(site, "sitemap.xml"):
        statics = [
            f.to_liquid() for f in site.content.static_files if f.extname in LISTED_EXTENSIONS
        ]
        data = {
            "static_files": statics,
            "xsl": url_taken(site, "sitemap.xsl"),
        }
        pages.append(make_page(site, "sitemap.xml", SITEMAP_TEMPLATE, data, origin))
    if not url_taken(site, "robots.txt"):
        pages.append(make_page(site, "robots.txt", ROBOTS_TEMPLATE, {}, origin))
    add_pages(site, pages)


def register(registry: Registry) -> None:
    registry.add_generator(generate, priority="lowest")
