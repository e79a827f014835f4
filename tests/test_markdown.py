"""The Markdown converter against HTML produced by Jekyll 4.3.1's kramdown.

Each ``tests/markdown/NAME.md`` has the ``NAME.html`` Jekyll wrote for it
(regenerate with ``scripts/regen_markdown.py``).  Documents listed in
``KNOWN_DEVIATIONS`` cannot match for the reason given and are expected to
fail; if one starts passing the strict xfail reports it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from liquidsite.converters.markdown import MarkdownConverter

CORPUS = Path(__file__).parent / "markdown"
NAMES = sorted(p.stem for p in CORPUS.glob("*.md"))

#: Documents that cannot match byte for byte, with the reason.
_LEXERS = "Rouge and Pygments lexers split or classify tokens differently: "
KNOWN_DEVIATIONS: dict[str, str] = {
    "code_fence_console": _LEXERS + "prompt and command tokens",
    "code_fence_css": _LEXERS + "property names (k vs nl) and values (kc vs no)",
    "code_fence_sh": _LEXERS + "Rouge includes the space after a builtin",
}


@pytest.fixture(scope="module")
def converter() -> MarkdownConverter:
    return MarkdownConverter({})


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_DEVIATIONS[n], strict=True))
     if n in KNOWN_DEVIATIONS else n for n in NAMES],
)
def test_corpus(converter: MarkdownConverter, name: str) -> None:
    expected = _read(CORPUS / f"{name}.html")
    got = converter.convert(_read(CORPUS / f"{name}.md"))
    if got != expected:
        diff = "".join(difflib.unified_diff(
            expected.splitlines(True), got.splitlines(True), "jekyll", "liquidsite"))
        pytest.fail(f"{name}.md differs from Jekyll's output:\n{diff}")


def test_interface() -> None:
    conv = MarkdownConverter({"markdown_ext": "md,Markdown"})
    assert conv.matches(".md") and conv.matches(".MARKDOWN")
    assert not conv.matches(".mkd")
    assert conv.output_ext(".md") == ".html"
    assert MarkdownConverter({}).matches(".mkdn")


_TEXT = st.text(
    alphabet=st.sampled_from(list("ab #*_-+`~[]()<>!&;:|{}=\\\"'$^.1\n\t ")), max_size=80)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_never_raises(text: str) -> None:
    MarkdownConverter({}).convert(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_output_ends_with_newline(text: str) -> None:
    # kramdown's output ends with a newline whenever it is not empty.
    out = MarkdownConverter({}).convert(text)
    assert out == "" or out.endswith("\n")


def test_cache_keeps_the_last_conversions() -> None:
    conv = MarkdownConverter({})
    conv.cache_size = 3
    first = conv.convert("*a*")
    assert first == "<p><em>a</em></p>\n"
    assert conv.convert("*a*") is first  # served from the cache
    for i in range(3):
        conv.convert(f"t{i}")
    assert len(conv._cache) == 3
    assert "*a*" not in conv._cache  # the least recently used one went first
    conv.convert("t0")  # used again: now the newest
    conv.convert("t3")
    assert list(conv._cache) == ["t2", "t0", "t3"]
    assert conv.convert("*a*") == first


def test_cache_belongs_to_one_converter() -> None:
    with_ids = MarkdownConverter({})
    without = MarkdownConverter({"kramdown": {"auto_ids": False}})
    assert with_ids.convert("# Title") == '<h1 id="title">Title</h1>\n'
    assert without.convert("# Title") == "<h1>Title</h1>\n"


@pytest.mark.parametrize("text", ["\t\x0b<?php x ?>\n", "    \x0ca\n\n    code\n", "\t\x0b\n"])
def test_an_indent_before_a_vertical_tab_does_not_loop(text: str) -> None:
    # kramdown (and so Jekyll) never returns on these: the indented-code
    # rule matches nothing and is tried again forever.  Run in a child
    # process so that a regression fails instead of hanging the suite.
    import subprocess
    import sys

    code = (
        "import sys; from liquidsite.converters.markdown import MarkdownConverter; "
        "sys.stdout.write(MarkdownConverter({}).convert(sys.argv[1]))"
    )
    done = subprocess.run([sys.executable, "-c", code, text], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.endswith("\n")


# Raw HTML bodies are shared between the documents of one converter
# (html.raw_body): a body seen before must convert as if seen first.
_RAW_PARTS = st.lists(st.sampled_from([
    "<div>", "</div>", "<DIV>", "</DIV >", "<p>", "</p>", "<span class='a'>", "</span>",
    "<!-- c", "-->", "<!-- c -->", "<?pi", "?>", "<br>", "<img src=x/>", "<x-y>", "</x-y>",
    "<a href='", "'>", "text", " & ", "&amp;", "\n", "\n\n", "<", "> ", "*em*", "{:.c}\n",
    "<script>", "</script>", "<div markdown=\"1\">", "  ",
]), max_size=14).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.lists(_RAW_PARTS, min_size=2, max_size=4))
def test_shared_raw_html_bodies_convert_as_if_new(docs: list[str]) -> None:
    shared = MarkdownConverter({})
    shared.cache_size = 0  # convert every time, so that bodies are met again
    for doc in docs + docs[::-1]:
        assert shared.convert(doc) == MarkdownConverter({}).convert(doc), doc


@pytest.mark.parametrize("first, second", [
    # The same body up to the first </div>, but the comment ends only in
    # the first document, past that end tag.
    ("<div>\n<!-- x\n</div>\n\n-->\n", "<div>\n<!-- x\n</div>\n\ntext\n"),
    ("<div>\n<!-- x\n</div>\n\ntext\n", "<div>\n<!-- x\n</div>\n\n-->\n"),
    # Nested elements of the same name; then only the inner body repeats.
    ("<div>\n<div>a</div>\n</div>\n", "<div>\n<div>a</div>\n"),
    ("<div>\n<div>a</div>\nb</div>\n", "<div>\n<div>a</div>\nc</div>\n"),
    # A body left open at the end of the text.
    ("<section>\n<p>a</p>\n", "<section>\n<p>a</p>\n</section>\n"),
    ("<DIV>\n<b>x</b>\n</div>\n", "<div>\n<b>x</b>\n</DIV>\n"),
])
def test_a_raw_html_body_seen_before_converts_the_same(first: str, second: str) -> None:
    shared = MarkdownConverter({})
    shared.convert(first)
    assert shared.convert(second) == MarkdownConverter({}).convert(second)


def test_changed_rules_apply_to_shared_bodies_and_plain_paragraphs() -> None:
    # Raw HTML bodies and one-text paragraphs render without the rule
    # table while it holds the defaults; a changed text rule must apply.
    conv = MarkdownConverter({})
    conv.cache_size = 0
    doc = '<div class="card">\n  <span>Ann &amp; Bo</span>\n</div>\n\nCy & Di\n\n* Ed\n'
    html = '<div class="card">\n  <span>Ann &amp; Bo</span>\n</div>\n\n<p>Cy &amp; Di</p>\n\n<ul>\n  <li>Ed</li>\n</ul>\n'
    assert conv.convert(doc) == html
    assert conv.convert(doc) == html  # the second time from the shared body
    default_text = conv.rules["text"]
    conv.rules["text"] = lambda w, el, indent: default_text(w, el, indent).upper()
    assert conv.convert(doc) == html.replace("Ann &amp; Bo", "ANN &AMP; BO").replace(
        "Cy &amp; Di", "CY &AMP; DI").replace("Ed", "ED")


# Without abbreviations one walk parses spans and adds header ids and hard
# breaks (parser.one_walk); it must give what the two passes give.
_WALK_PARTS = st.lists(st.sampled_from([
    "# H\n", "## H {#x}\n", "H\n=\n", "text", "a\\\n", "a\\\\\n", "b  \n", "\\\n", "*em\\\nx*",
    "**s**", "[l](u)", "[l\\\nm](u)", "`c`", "\n", "\n\n", "- ", "* ", "1. ", "> ", "    ",
    '<div markdown="1">\n', "</div>\n", "<span>x\\\ny</span>", "[^n]", "[^n]: f\\\ng\n",
    "{:#i}\n", "{:.c}\n", "t | u\n", "Term\n: def\\\n", "^\n", "# H\\\n", "## A `b\\\nc`\n",
]), max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_WALK_PARTS, st.sampled_from([{}, {"hard_wrap": True}, {"auto_ids": False},
                                     {"auto_id_prefix": "p-"}]))
def test_one_walk_gives_what_two_passes_give(doc: str, kramdown: dict[str, object]) -> None:
    from liquidsite.converters.markdown import parser

    config = {"kramdown": kramdown}
    one = MarkdownConverter(config).convert(doc)
    original = parser.one_walk
    parser.one_walk = lambda p: False  # type: ignore[assignment]
    try:
        two = MarkdownConverter(config).convert(doc)
    finally:
        parser.one_walk = original  # type: ignore[assignment]
    assert one == two, doc


def test_changed_rules_apply_to_one_text_headers_and_items() -> None:
    # Headers and tight items of one text render without inner while the
    # text and p rules are the defaults; changed rules must apply.
    conv = MarkdownConverter({})
    conv.cache_size = 0
    doc = "## Head & co\n\n* Ann\n* Bo\n\n1. Cy\n\n   more\n"
    html = conv.convert(doc)
    assert html == ('<h2 id="head--co">Head &amp; co</h2>\n\n<ul>\n  <li>Ann</li>\n  <li>Bo</li>\n'
                    '</ul>\n\n<ol>\n  <li>\n    <p>Cy</p>\n\n    <p>more</p>\n  </li>\n</ol>\n')
    default_text, default_p = conv.rules["text"], conv.rules["p"]
    conv.rules["text"] = lambda w, el, indent: default_text(w, el, indent).upper()
    assert conv.convert(doc) == html.replace(">Head &amp; co<", ">HEAD &AMP; CO<").replace(
        "Ann", "ANN").replace("Bo", "BO").replace("Cy", "CY").replace("more", "MORE")
    conv.rules["text"] = default_text
    conv.rules["p"] = lambda w, el, indent: "[" + default_p(w, el, indent) + "]"
    changed = conv.convert(doc)
    assert "<li>[Ann]</li>\n  <li>[Bo]</li>" in changed
    assert "<li>\n[    <p>Cy</p>\n]\n[    <p>more</p>\n]  </li>" in changed
