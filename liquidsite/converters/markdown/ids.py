"""Header ids: GFM's scheme at parse time, kramdown's as a converter fallback.

kramdown-parser-gfm assigns ids while parsing (gfm.rb ``generate_gfm_header_id``:
lowercase, drop non-word characters, spaces to dashes, ``-1``/``-2`` for
repeats).  Headers it does not visit (inside HTML elements) get kramdown's
own ids from the converter (converter/base.rb ``generate_id``).
"""

from __future__ import annotations

import re
from typing import Any

_NON_WORD = re.compile(r"[^\w\- \t]")


def gfm_header_id(counter: dict[str, int], text: str, prefix: str) -> str:
    result = _NON_WORD.sub("", text.lower()).replace(" ", "-").replace("\t", "-")
    n = counter.get(result, -1) + 1
    counter[result] = n
    if n > 0:
        result += f"-{n}"
    return prefix + result


_LEADING = re.compile(r"^[^a-zA-Z]+", re.M)
_NOT_ID = re.compile(r"[^a-zA-Z0-9 -]")


def basic_generate_id(text: str) -> str:
    gen = _LEADING.sub("", text)
    gen = _NOT_ID.sub("", gen)
    return gen.replace(" ", "-").lower()


def generate_id(w: Any, text: str) -> str:
    gen = basic_generate_id(text) or "section"
    used = w.used_ids
    if gen in used:
        used[gen] += 1
        gen += f"-{used[gen]}"
    else:
        used[gen] = 0
    return str(w.options.get("auto_id_prefix", "")) + gen
