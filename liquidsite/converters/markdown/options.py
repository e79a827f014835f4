"""kramdown options as Jekyll sets them.

Jekyll's defaults (jekyll/configuration.rb ``kramdown``) are merged under
the site's ``kramdown:`` mapping, over kramdown's own defaults
(kramdown/options.rb) and kramdown-parser-gfm's (gfm/options.rb).
Jekyll also fixes the highlighter options (kramdown_parser.rb ``setup``).
"""

from __future__ import annotations

from typing import Any, Mapping

KRAMDOWN_DEFAULTS: dict[str, Any] = {
    "auto_ids": True, "auto_id_stripping": False, "auto_id_prefix": "",
    "transliterated_header_ids": False, "parse_block_html": False, "parse_span_html": True,
    "html_to_native": False, "footnote_nr": 1, "entity_output": "as_char",
    "toc_levels": list(range(1, 7)), "smart_quotes": ["lsquo", "rsquo", "ldquo", "rdquo"],
    "typographic_symbols": {}, "header_offset": 0, "syntax_highlighter": "rouge",
    "syntax_highlighter_opts": {}, "math_engine": "mathjax", "footnote_backlink": "&#8617;",
    "footnote_backlink_inline": False, "footnote_prefix": "", "hard_wrap": True,
    "gfm_quirks": ["paragraph_end"], "remove_line_breaks_for_cjk": False,
}

JEKYLL_KRAMDOWN: dict[str, Any] = {
    "auto_ids": True, "toc_levels": list(range(1, 7)), "entity_output": "as_char",
    "smart_quotes": "lsquo,rsquo,ldquo,rdquo", "input": "GFM", "hard_wrap": False,
    "guess_lang": True, "footnote_nr": 1, "show_warnings": False,
}


def _levels(value: Any) -> list[int]:
    if isinstance(value, str):
        if ".." in value:
            a, b = value.split("..", 1)
            return list(range(int(a), int(b) + 1))
        return [int(v) for v in value.replace(",", " ").split()]
    return [int(v) for v in value]


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("false", "nil", "", "0", "no")
    return bool(value)


def kramdown_options(site_kramdown: Mapping[str, Any]) -> dict[str, Any]:
    """The option dict the parser and writer read."""
    merged: dict[str, Any] = dict(JEKYLL_KRAMDOWN)
    merged.update(site_kramdown)
    opts = dict(KRAMDOWN_DEFAULTS)
    for key, value in merged.items():
        opts[key] = value
    if isinstance(opts["smart_quotes"], str):
        opts["smart_quotes"] = [v.strip() for v in opts["smart_quotes"].split(",")]
    opts["toc_levels"] = _levels(opts["toc_levels"])
    for key in ("auto_ids", "auto_id_stripping", "parse_block_html", "parse_span_html",
                "hard_wrap", "footnote_backlink_inline", "transliterated_header_ids"):
        opts[key] = _truthy(opts[key])
    if isinstance(opts.get("gfm_quirks"), str):
        opts["gfm_quirks"] = [v.strip() for v in opts["gfm_quirks"].split(",")]
    opts["entity_output"] = str(opts["entity_output"]).lstrip(":")
    opts["footnote_nr"] = int(opts["footnote_nr"])
    opts["header_offset"] = int(opts["header_offset"])
    hl = dict(opts.get("syntax_highlighter_opts") or {})
    hl.setdefault("default_lang", "plaintext")
    hl["guess_lang"] = opts.get("guess_lang")
    opts["syntax_highlighter_opts"] = hl
    if opts.get("syntax_highlighter") is None:
        opts["syntax_highlighter"] = "rouge"
    # kramdown-parser-gfm always strips markup from header text for ids.
    opts["auto_id_stripping"] = True
    opts["auto_id_prefix"] = str(opts.get("auto_id_prefix") or "")
    return opts
