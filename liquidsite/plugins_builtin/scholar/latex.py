"""Field value filters: jekyll-scholar's ``bibtex_filters``.

jekyll-scholar passes every field value through the filters named in
``bibtex_filters`` (default ``smallcaps, superscript, italics, latex``)
before it shows the value in a template or formats a reference.  The
first three turn LaTeX markup into HTML (plugins/smallcaps.rb,
superscript.rb, italics.rb); ``latex`` is the latex-decode gem
(lib/latex/decode*.rb), which turns accents, diacritics, punctuation,
symbols and Greek letters into Unicode and then drops the braces.

The decoder keeps latex-decode's quirks on purpose, because they show in
every page that lists a bibliography: a straight ``'`` becomes ``’``,
``--`` becomes an en dash (also inside URLs and DOIs), and ``$...$``
loses its dollar signs (latex-decode without the optional MathML gem).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Callable

# -- latex-decode: accents and diacritics (accents.rb, diacritics.rb) --------
_ACCENTS = {
    "`": "\u0300",
    "'": "\u0301",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    '"': "\u0308",
}
_DIACRITIC_MACROS = {
    "r": "\u030a",
    "H": "\u030b",
    "u": "\u0306",
    "v": "\u030c",
    "G": "\u030f",
    "M": "\u0322",
    "d": "\u0323",
    "c": "\u0327",
    "k": "\u0328",
    "b": "\u0331",
    "B": "\u0335",
    "t": "\u0361",
}
_LETTERS = {"l": "ł", "L": "Ł", "o": "ø", "O": "Ø", "AA": "Å", "aa": "å", "AE": "Æ", "ae": "æ"}

# A letter followed by combining marks: Ruby's \p{L}\p{M}*.
_LETTER = r"(?:[^\W\d_][\u0300-\u036f]*)"
_ACCENT_KEYS = "|".join(re.escape(k) for k in _ACCENTS)
_ACCENT_PATTERNS = [
    re.compile(rf"\\({_ACCENT_KEYS})\{{({_LETTER})\}}"),
    re.compile(rf"\\({_ACCENT_KEYS})({_LETTER})"),
]
_DIACRITIC_KEYS = "|".join(_DIACRITIC_MACROS)
_DIACRITIC_PATTERNS = [
    re.compile(rf"\\({_DIACRITIC_KEYS})\{{({_LETTER})([^\W\d_]*)\}}"),
    re.compile(r"\\(o|O|l|L|aa|AA|ae|AE)\b", re.ASCII),
]

# -- punctuation.rb -----------------------------------------------------------
_PUNCTUATION_MACROS = {
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "quotesinglbase": "‚",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "quotedblbase": "„",
    "dag": "†",
    "ddag": "‡",
    "textbullet": "•",
    "dots": "…",
    "textperthousand": "‰",
    "textpertenthousand": "‱",
    "guilsinglleft": "‹",
    "guilsinglright": "›",
    "textreferencemark": "※",
    "textinterrobang": "‽",
    "textoverline": "‾",
    "langle": "⟨",
    "rangle": "⟩",
    "textasciicircum": "^",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textquotesingle": "'",
}
_PUNCTUATION_SYMBOLS = {"-": "-", "--": "–", "---": "—", "``": "“", "`": "‘", "''": "”", "'": "’"}

# -- symbols.rb (the common part of its table) and greek.rb -------------------
_SYMBOLS = {
    "textcolonmonetary": "₡", "textlira": "₤", "textnaira": "₦", "textwon": "₩",
    "textdong": "₫", "euro": "€", "texteuro": "€", "textnumero": "№",
    "texttrademark": "™",
    "leftarrow": "←", "uparrow": "↑", "rightarrow": "→", "downarrow": "↓",
    "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftrightarrow": "⇔",
    "forall": "∀", "partial": "∂", "exists": "∃", "nabla": "∇", "in": "∈",
    "notin": "∉", "prod": "∏", "sum": "∑", "mp": "∓", "setminus": "∖",
    "ast": "∗", "circ": "∘", "surd": "√", "propto": "∝", "infty": "∞",
    "angle": "∠", "mid": "∣", "parallel": "∥", "wedge": "∧", "vee": "∨",
    "cap": "∩", "cup": "∪", "int": "∫", "sim": "∼", "simeq": "≃",
    "cong": "≅", "approx": "≈", "neq": "≠", "equiv": "≡", "leq": "≤",
    "geq": "≥", "ll": "≪", "gg": "≫", "subset": "⊂", "supset": "⊃",
    "subseteq": "⊆", "supseteq": "⊇", "oplus": "⊕", "otimes": "⊗",
    "cdot": "⋅", "star": "⋆", "cdots": "⋯", "vdots": "⋮", "ddots": "⋱",
    "ss": "ß", ",": "\u2009",
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "iota": "ι", "kappa": "κ",
    "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "rho": "ρ",
    "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ", "chi": "χ",
    "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Xi": "Ξ", "Sigma": "Σ", "Upsilon": "Υ",
    "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}


def _alternation(keys: dict[str, str]) -> str:
    return "|".join(re.escape(k) for k in keys)


_PUNCTUATION_PATTERNS = [
    re.compile(rf"\\({_alternation(_PUNCTUATION_MACROS)})(?:\{{\}}|\s+|\b|$)", re.ASCII | re.M),
    re.compile(r"(-+|`{1,2}|'{1,2})"),
]
_ESCAPED_CHAR = re.compile(r"\\([$%;#_&])(\{\})?")
_ESCAPED_TILDE = re.compile(r"\\(~)\{\}")
_ESCAPED_SPACE = re.compile(r"\\( )")
_SYMBOL_PATTERN = re.compile(rf"\\({_alternation(_SYMBOLS)})(?:\{{\}}|\s+|\b)", re.ASCII)
_MATHS = re.compile(r"\$([^$]+)\$")


def _normalize(text: str) -> str:
    """Base.normalize: bring macros into the ``\\macro{arg}`` form."""
    text = re.sub(r"\\(?:i|j)\b", lambda m: "ı" if m.group(0) == "\\i" else "ȷ", text, flags=re.ASCII)
    text = re.sub(r"(\\[a-zA-Z]+)\\(\s+)", r"\1{}\2", text)
    text = re.sub(r"([^{]\\\w)([;,.:%])", r"\1{}\2", text, flags=re.ASCII)
    text = re.sub(r"(\\[^\sij&#$\{\}_~%])\s+([^\W\d_]+)\b", r"\1{\2}", text, flags=re.I)
    return re.sub(r"(\A|[^\\])~", "\\1\u00a0", text)


def _strip_braces(text: str) -> str:
    """Base.strip_braces: unescaped braces go, escaped ones lose the backslash.

    Ruby's ``^`` is a line start, hence MULTILINE.
    """
    text = re.sub(r"(^|[^\\])([{}]+)", r"\1", text, flags=re.M)
    return re.sub(r"\\([{}])", r"\1", text)


def decode_latex(text: str) -> str:
    """``LaTeX.decode``: LaTeX markup to Unicode (NFC), braces removed."""
    if "\\" not in text and "{" not in text and "}" not in text and not re.search(r"[-`'~$]", text):
        return unicodedata.normalize("NFC", text)
    text = _normalize(text)
    text = _MATHS.sub(lambda m: m.group(1), text)
    for pattern in _ACCENT_PATTERNS:
        text = pattern.sub(lambda m: m.group(2) + _ACCENTS[m.group(1)], text)
    text = _DIACRITIC_PATTERNS[0].sub(
        lambda m: m.group(2) + _DIACRITIC_MACROS[m.group(1)] + m.group(3), text
    )
    text = _DIACRITIC_PATTERNS[1].sub(lambda m: _LETTERS[m.group(1)], text)
    text = _PUNCTUATION_PATTERNS[0].sub(lambda m: _PUNCTUATION_MACROS[m.group(1)], text)
    # latex-decode maps runs of four or more dashes to nothing (no table entry).
    text = _PUNCTUATION_PATTERNS[1].sub(lambda m: _PUNCTUATION_SYMBOLS.get(m.group(1), ""), text)
    text = _ESCAPED_CHAR.sub(lambda m: m.group(1) + (m.group(2) or ""), text)
    text = _ESCAPED_TILDE.sub("~", text)
    text = _ESCAPED_SPACE.sub(" ", text)
    text = _SYMBOL_PATTERN.sub(lambda m: _SYMBOLS[m.group(1)], text)
    text = _strip_braces(text)
    return unicodedata.normalize("NFC", text)


# -- jekyll-scholar's own filters (plugins/*.rb) ----------------------------
def _replace_braced_macro(text: str, macro: str, wrap: Callable[[str], str]) -> str:
    """Replace ``\\macro{...}`` with balanced braces (Ruby's ``\\g<1>`` recursion)."""
    needle = "\\" + macro + "{"
    out: list[str] = []
    pos = 0
    while True:
        start = text.find(needle, pos)
        if start < 0:
            out.append(text[pos:])
            return "".join(out)
        depth = 0
        i = start + len(needle) - 1
        end = -1
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    end = i
                    break
            i += 1
        if end < 0:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:start])
        out.append(wrap(text[start + len(needle) : end]))
        pos = end + 1


def smallcaps(text: str) -> str:
    return _replace_braced_macro(
        text, "textsc", lambda inner: f'<font style="font-variant: small-caps">{inner}</font>'
    )


def italics(text: str) -> str:
    return _replace_braced_macro(text, "emph", lambda inner: f"<i>{inner}</i>")


_SUPERSCRIPT = re.compile(r"\\textsuperscript\{(.*)\}")


def superscript(text: str) -> str:
    # superscript.rb's pattern ``(?:.|\g<1>)*`` is greedy up to the last brace of the line.
    return _SUPERSCRIPT.sub(lambda m: f"<sup>{m.group(1)}</sup>", text)


FILTERS: dict[str, Callable[[str], str]] = {
    "latex": decode_latex,
    "smallcaps": smallcaps,
    "superscript": superscript,
    "italics": italics,
}


def resolve_filters(names: object) -> list[Callable[[str], str]]:
    """The filter functions for ``bibtex_filters`` (unknown names are skipped)."""
    if names is None:
        return []
    if isinstance(names, str):
        names = [n for n in re.split(r"\s*,\s*", names) if n]
    result = []
    for name in names if isinstance(names, (list, tuple)) else []:
        func = FILTERS.get(str(name).strip().lstrip(":").lower())
        if func is not None:
            result.append(func)
    return result
