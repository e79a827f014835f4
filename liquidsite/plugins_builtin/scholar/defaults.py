"""The ``scholar:`` configuration and its defaults (defaults.rb of jekyll-scholar 7.1)."""

from __future__ import annotations

import copy
from typing import Any, Mapping

DEFAULTS: dict[str, Any] = {
    "style": "apa",
    "locale": "en",
    "sort_by": "none",
    "order": "ascending",
    "group_by": "none",
    "group_order": "ascending",
    "bibliography_group_tag": "h2,h3,h4,h5",
    "bibliography_list_tag": "ol",
    "bibliography_item_tag": "li",
    "bibliography_list_attributes": {},
    "bibliography_item_attributes": {},
    "source": "./_bibliography",
    "bibliography": "references.bib",
    "repository": None,
    "repository_file_delimiter": ".",
    "bibtex_options": {"strip": False, "parse_months": True},
    "bibtex_filters": ["smallcaps", "superscript", "italics", "latex"],
    "bibtex_skip_fields": ["abstract", "month_numeric"],
    "bibtex_quotes": ["{", "}"],
    "replace_strings": True,
    "join_strings": True,
    "details_dir": "bibliography",
    "details_layout": "bibtex.html",
    "details_link": "Details",
    "details_permalink": "/:details_dir/:key:extension",
    "use_raw_bibtex_entry": True,
    "bibliography_class": "bibliography",
    "bibliography_template": "{{reference}}",
    "reference_tagname": "span",
    "missing_reference": "(missing reference)",
    "details_link_class": "details",
    "query": "@*",
    "cite_class": "citation",
    "type_names": {
        "article": "Journal Articles",
        "book": "Books",
        "incollection": "Book Chapters",
        "inproceedings": "Conference Articles",
        "thesis": "Theses",
        "mastersthesis": "Master's Theses",
        "phdthesis": "PhD Theses",
        "manual": "Manuals",
        "techreport": "Technical Reports",
        "misc": "Miscellaneous",
        "unpublished": "Unpublished",
    },
    "type_aliases": {"phdthesis": "thesis", "mastersthesis": "thesis"},
    "type_order": [],
    "month_names": None,
}


def scholar_config(site_config: Mapping[str, Any], page: Mapping[str, Any] | None) -> dict[str, Any]:
    """Defaults, then the site's ``scholar:``, then the page's ``scholar:`` (shallow, as ``merge!``)."""
    config = copy.deepcopy(DEFAULTS)
    for layer in (site_config.get("scholar"), page.get("scholar") if page else None):
        if isinstance(layer, Mapping):
            config.update(layer)
    return config
