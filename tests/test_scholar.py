"""jekyll-scholar: every option of the tags, the configuration and the BibTeX reading.

Expected values come from jekyll-scholar 7.1's sources and features/*.feature
(markup, order, options) and bibtex-ruby's (keys, names, months, queries);
fixtures/scholar holds the same checks for a whole site.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liquidsite import Site
from liquidsite.errors import LiquidsiteError
from liquidsite.plugins_builtin.scholar.bibtex import parse, ruby_succ
from liquidsite.plugins_builtin.scholar.latex import decode_latex
from liquidsite.plugins_builtin.scholar.options import OptionError, parse_options
from liquidsite.plugins_builtin.scholar.query import matches

from .conftest import FIXTURES

RUBY = """@book{ruby,
  title     = {The Ruby Programming Language},
  author    = {Flanagan, David and Matsumoto, Yukihiro},
  year      = {2008},
  publisher = {O'Reilly Media}
}
"""
SMALLTALK = """@book{smalltalk,
  title     = {Smalltalk Best Practice Patterns},
  author    = {Kent Beck},
  year      = {1996},
  publisher = {Prentice Hall}
}
"""
RUBY_APA = (
    "Flanagan, D., &amp; Matsumoto, Y. (2008). <i>The Ruby Programming Language</i>. "
    "O’Reilly Media."
)


def make_site(root: Path, body: str, bib: str = RUBY + SMALLTALK, scholar: dict | None = None,
              files: dict[str, str] | None = None, front: dict | None = None) -> Site:
    config = {"plugins": ["jekyll-scholar"], "baseurl": "/lab"}
    if scholar is not None:
        config["scholar"] = scholar
    (root / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (root / "_bibliography").mkdir(exist_ok=True)
    (root / "_bibliography/references.bib").write_text(bib, encoding="utf-8")
    for name, text in (files or {}).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    matter = yaml.safe_dump(front or {}) if front else ""
    (root / "index.html").write_text(f"---\n{matter}---\n{body}", encoding="utf-8")
    return Site.from_path(root)


def render(tmp_path: Path, body: str, **kwargs: object) -> str:
    return make_site(tmp_path, body, **kwargs).render_page("index.html")  # type: ignore[arg-type]


# -- markup -------------------------------------------------------------------
def test_bibliography_markup_and_default_style(tmp_path: Path) -> None:
    html = render(tmp_path, "{% bibliography %}")
    assert html == (
        f'<ol class="bibliography"><li><span id="ruby">{RUBY_APA}</span></li>\n'
        '<li><span id="smalltalk">Beck, K. (1996). <i>Smalltalk Best Practice Patterns</i>. '
        "Prentice Hall.</span></li></ol>"
    )


def test_list_and_item_tags_class_and_attributes(tmp_path: Path) -> None:
    html = render(
        tmp_path, "{% bibliography -h ul --max 1 %}",
        scholar={"bibliography_item_tag": "div", "bibliography_class": "pubs",
                 "bibliography_list_attributes": {"reversed": "reversed"},
                 "bibliography_item_attributes": {"class": "pub"}},
    )
    assert html.startswith('<ul class="pubs" reversed="reversed"><div class="pub"><span id="ruby">')
    assert html.endswith("</span></div></ul>")


def test_prefix_and_reference_tagname(tmp_path: Path) -> None:
    html = render(tmp_path, "{% bibliography --prefix a --max 1 %}", scholar={"reference_tagname": "cite"})
    assert '<cite id="a-ruby">' in html


# -- files ----------------------------------------------------------------------
def test_file_options_extension_and_variables(tmp_path: Path) -> None:
    files = {"_bibliography/group-a.bib": SMALLTALK, "_bibliography/other.bibtex": RUBY}
    html = render(tmp_path, "{% bibliography --file {{page.group}} %}|{% bibliography -f other.bibtex -f group-a %}",
                  files=files, front={"group": "group-a"})
    first, second = html.split("|")
    assert 'id="smalltalk"' in first and 'id="ruby"' not in first
    assert second.index('id="ruby"') < second.index('id="smalltalk"')


def test_bibliography_glob_and_source(tmp_path: Path) -> None:
    files = {"refs/x.bib": RUBY, "refs/sub/y.bibtex": SMALLTALK}
    html = render(tmp_path, "{% bibliography %}",
                  scholar={"source": "refs", "bibliography": "**/*.bib{,tex}"}, files=files)
    assert 'id="smalltalk"' in html and 'id="ruby"' in html


def test_missing_bibliography_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LiquidsiteError, match="bibliography file not found"):
        render(tmp_path, "{% bibliography -f nothere %}")


# -- selection ------------------------------------------------------------------
def test_query_option_and_config(tmp_path: Path) -> None:
    assert 'id="ruby"' not in render(tmp_path, "{% bibliography --query @book[year <= 2000] %}")
    html = render(tmp_path, "{% assign yr = 2000 %}{% bibliography -q @book[year > {{ yr }}] %}")
    assert "<li>" not in html  # ">" alone is no operator: the condition asks for a field "year > 2000"
    html = render(tmp_path, "{% bibliography %}", scholar={"query": "@*[year=2008]"})
    assert 'id="ruby"' in html and 'id="smalltalk"' not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("@book", {"ruby", "smalltalk"}),
        ("@article", set()),
        ("!@article", {"ruby", "smalltalk"}),
        ("@*[publisher]", {"ruby", "smalltalk"}),
        ("@*[doi]", set()),
        ("@*[year>=2000]", {"ruby"}),
        ("@book[year <= 1996 || author ^= Flanagan]", {"ruby", "smalltalk"}),
        ("@*[author ~= Beck, year=1996]", {"smalltalk"}),
        ("@*[title!=Smalltalk Best Practice Patterns]", {"ruby"}),
        ("@*[title !~ Ruby]", {"smalltalk"}),
        ("@*[key=ruby]", {"ruby"}),
        ("@article, @book[year=2008]", {"ruby"}),
    ],
)
def test_query_syntax(query: str, expected: set[str]) -> None:
    bib = parse(RUBY + SMALLTALK)
    assert {e.key for e in bib.entries if matches(e, query)} == expected


def test_max_and_offset_slice_as_ruby(tmp_path: Path) -> None:
    bib = "".join(f"@misc{{k{i}, title={{T{i}}}}}\n" for i in range(5))
    ids = lambda html: [p.split('"')[0] for p in html.split('id="')[1:]]  # noqa: E731
    assert ids(render(tmp_path, "{% bibliography --max 2 %}", bib=bib)) == ["k0", "k1"]
    assert ids(render(tmp_path, "{% bibliography --max 2 --offset 2 %}", bib=bib)) == ["k2", "k3"]
    # max 0 gives items[0..-1]: everything, as in Ruby
    assert len(ids(render(tmp_path, "{% bibliography --max 0 %}", bib=bib))) == 5
    # grouping ignores --max
    assert len(ids(render(tmp_path, "{% bibliography --max 1 --group_by type %}", bib=bib))) == 5


def test_sort_by_and_order(tmp_path: Path) -> None:
    bib = ("@book{a, title={December 08}, year={2008}, month=dec}\n"
           "@book{b, title={March 08}, year={2008}, month=mar}\n"
           "@book{c, title={August 07}, year={2007}, month=aug}\n")
    html = render(tmp_path, "{% bibliography --template {{key}} %}", bib=bib,
                  scholar={"sort_by": "year, month"})
    assert html.index(">c<") < html.index(">b<") < html.index(">a<")
    html = render(tmp_path, "{% bibliography --template {{key}} %}", bib=bib,
                  scholar={"sort_by": "year,month", "order": "descending,ascending"})
    assert html.index(">b<") < html.index(">a<") < html.index(">c<")


def test_group_by_year_headings_and_order(tmp_path: Path) -> None:
    bib = RUBY.replace("{ruby,", "{ruby1,") + RUBY.replace("{ruby,", "{ruby2,").replace("2008", "2007") + \
        "@book{future, title={Future}, author={Someone}, status={forthcoming}}\n"
    html = render(tmp_path, "{% bibliography %}", bib=bib, scholar={"group_by": "year"})
    assert html.index('<h2 class="bibliography"></h2>') < html.index(
        '<h2 class="bibliography">2007</h2>') < html.index('<h2 class="bibliography">2008</h2>')
    assert '<h2 class="bibliography">2007</h2>\n<ol class="bibliography"><li><span id="ruby2">' in html
    html = render(tmp_path, "{% bibliography --group_by year --group_order descending %}", bib=bib)
    assert html.index(">2008<") < html.index(">2007<")
    html = render(tmp_path, "{% bibliography -f references --group_by none %}", bib=bib,
                  scholar={"group_by": "year"})
    assert "<h2" not in html


def test_group_by_type_names_order_aliases_and_months(tmp_path: Path) -> None:
    bib = ("@book{r1, title={Book 1}}\n@article{r2, title={Article 1}}\n@techreport{r3, title={TR}}\n"
           "@phdthesis{r4, title={PhD}}\n@mastersthesis{r5, title={MSc}}\n")
    html = render(tmp_path, "{% bibliography %}", bib=bib,
                  scholar={"group_by": "type", "type_order": ["article", "book"],
                           "type_names": {"article": "Papers"}})
    assert html.index("Papers") < html.index("Books") < html.index("Technical Reports")
    assert "Theses" in html and "PhD Theses" not in html
    html = render(tmp_path, "{% bibliography --group_by type %}", bib=bib,
                  scholar={"type_aliases": {"phdthesis": "phdthesis"}})
    assert "PhD Theses" in html and "Master's Theses" not in html
    months = "@book{a, title={A}, month=jan}\n@book{b, title={B}, month=dec}\n"
    html = render(tmp_path, "{% bibliography %}", bib=months,
                  scholar={"group_by": "month", "month_names": ["Januar", "Februar", "März", "April", "Mai",
                           "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]})
    assert '<h2 class="bibliography">Januar</h2>' in html and "Dezember" in html


def test_multi_level_groups_use_next_heading_tag(tmp_path: Path) -> None:
    html = render(tmp_path, "{% bibliography %}", scholar={"group_by": "type, year"})
    assert '<h2 class="bibliography">Books</h2>\n<h3 class="bibliography">1996</h3>\n<ol' in html


# -- citations ------------------------------------------------------------------
def test_cite_reference_missing_and_quote(tmp_path: Path) -> None:
    html = render(tmp_path, "{% cite ruby %}|{% cite ruby smalltalk --prefix x %}|{% cite java %}|"
                  "{% reference ruby %}|{% reference java %}|{% quote ruby %}\nWe <3 Ruby\n{% endquote %}")
    cite, multi, missing, ref, ref_missing, quote = html.split("|")
    assert cite == '<a class="citation" href="#ruby">(Flanagan &amp; Matsumoto, 2008)</a>'
    assert multi.startswith('<a class="citation" href="#x-ruby">(') and "Beck, 1996" in multi
    assert missing == "(missing reference)" and ref_missing == "(missing reference)"
    assert ref == f'<span id="ruby">{RUBY_APA}</span>'
    assert quote.startswith('<blockquote><p>We <3 Ruby</p><cite><a class="citation" href="#ruby">(Flanagan')


def test_cite_locator_keys_from_variables_and_custom_text(tmp_path: Path) -> None:
    html = render(tmp_path, "{% assign k = 'ruby' %}{% cite k -l 23-5 %}|{% reference java %}",
                  scholar={"missing_reference": "not found!", "cite_class": "c"})
    cite, missing = html.split("|")
    assert cite == '<a class="c" href="#ruby">(Flanagan &amp; Matsumoto, 2008, pp. 23–5)</a>'
    assert missing == "not found!"


def test_cited_lists_follow_citation_order_or_sort(tmp_path: Path) -> None:
    bib = RUBY + RUBY.replace("{ruby,", "{ruby2,").replace("Language}", "Language 2}") + SMALLTALK
    body = "{% cite ruby %}{% cite smalltalk %}{% nocite ruby2 %}|{% bibliography --cited --template {{key}} %}" \
           "|{% bibliography --cited_in_order --template {{key}} %}|{% bibliography_count --cited %}"
    _, cited, in_order, count = render(tmp_path, body, bib=bib).split("|")
    assert cited == '<ol class="bibliography"><li>ruby</li>\n<li>smalltalk</li>\n<li>ruby2</li></ol>'
    assert in_order == cited
    assert count == "3"
    _, cited, in_order, _ = render(tmp_path, body, bib=bib, scholar={"sort_by": "year"}).split("|")
    assert cited == '<ol class="bibliography"><li>smalltalk</li>\n<li>ruby</li>\n<li>ruby2</li></ol>'
    assert in_order == '<ol class="bibliography"><li>ruby</li>\n<li>smalltalk</li>\n<li>ruby2</li></ol>'


# -- duplicates -------------------------------------------------------------------
def test_repeated_keys_are_renamed_and_duplicates_removed(tmp_path: Path) -> None:
    bib = RUBY + RUBY + SMALLTALK.replace("{smalltalk,", "{ruby,")
    html = render(tmp_path, "{% bibliography --template {{key}} %}|{% bibliography -r --template {{key}} %}"
                  "|{% bibliography_count -f references --remove_duplicates %}"
                  "|{% bibliography_count --remove_duplicates year %}", bib=bib)
    plain, dedup, count, by_year = html.split("|")
    assert plain == '<ol class="bibliography"><li>ruby</li>\n<li>rubz</li>\n<li>ruca</li></ol>'
    assert dedup == '<ol class="bibliography"><li>ruby</li>\n<li>ruca</li></ol>'
    assert (count, by_year) == ("2", "2")
    assert render(tmp_path, "{% bibliography_count %}", bib=bib, scholar={"remove_duplicates": True}) == "2"


def test_ruby_succ_matches_ruby() -> None:
    cases = {"ruby": "rubz", "rubz": "ruca", "a9": "b0", "Zz": "AAa", "x-9": "x-10",
             "key:z": "kez:a", "1.9": "2.0", "zz": "aaa", "az-9": "az-10"}
    assert {k: ruby_succ(k) for k in cases} == cases


# -- entry variables, templates, repository -----------------------------------------
def test_entry_variables_in_templates(tmp_path: Path) -> None:
    bib = r"""@string{pub = "O'Reilly"}
@article{k,
  title = {An {\"U}berblick of \textsc{Pacs} -- Part \textsuperscript{2}},
  author = {M{\"u}ller, J{\"o}rg and van der Berg, Jan and Kent Beck},
  journal = pub # " Media",
  month = {March},
  abstract = {Skipped in bibtex.},
  pages = {1--10}
}
"""
    template = ("{{entry.key}}|{{entry.type}}|{{entry.title}}|{{entry.author}}|{{entry.journal}}|{{entry.month}}|"
                "{{entry.month_numeric}}|{{entry.pages}}|{{entry.author_1_prefix}}|{{entry.author_array[2].first}}|"
                "{{type}}|{{key}}|{{index}}")
    html = render(tmp_path, "{% bibliography %}", bib=bib, scholar={"bibliography_template": template})
    assert html == (
        '<ol class="bibliography"><li>k|article|An Überblick of <font style="font-variant: small-caps">Pacs</font>'
        " – Part <sup>2</sup>|Müller, Jörg and van der Berg, Jan and Beck, Kent|O’Reilly Media|mar|3|1–10|van der|"
        "Kent|article|k|1</li></ol>"
    )
    bibtex = render(tmp_path, "{% bibliography --template {{entry.bibtex}} %}", bib=bib)
    assert bibtex == (
        '<ol class="bibliography"><li>@article{k,\n'
        "  title = {An {\\\"U}berblick of \\textsc{Pacs} -- Part \\textsuperscript{2}},\n"
        "  author = {M{\\\"u}ller, J{\\\"o}rg and van der Berg, Jan and Beck, Kent},\n"
        "  journal = {O'Reilly Media},\n"
        "  month = mar,\n"
        "  pages = {1--10}\n"
        "}\n</li></ol>"
    )


def test_template_from_layout_with_include_and_repository_links(tmp_path: Path) -> None:
    files = {
        "_layouts/bib.html": "---\n---\n{{ reference }} Link: {{ link }} Slides: {{ links['slides.pdf'] }} "
                             "{% include n.html i=index %}\n",
        "_includes/n.html": "[{{ include.i }} {{ site.title }} {{ page.title }}]",
        "papers/ruby.pdf": "PDF",
        "papers/ruby.slides.pdf": "PDF",
    }
    html = render(tmp_path, "{% bibliography --max 1 %}", files=files, front={"title": "Pubs"},
                  scholar={"repository": "papers", "bibliography_template": "bib"})
    assert html == (
        f'<ol class="bibliography"><li><span id="ruby">{RUBY_APA}</span> Link: /lab/papers/ruby.pdf '
        "Slides: /lab/papers/ruby.slides.pdf [1  Pubs]\n</li></ol>"
    )


def test_repository_delimiter_and_complex_keys(tmp_path: Path) -> None:
    bib = RUBY.replace("{ruby,", "{test:book/ruby/Flanagan08,")
    files = {"papers/test_book/ruby/Flanagan08.pdf": "PDF", "papers/x-y-pdf": ""}
    html = render(tmp_path, "{% bibliography --template {{link}} %}", bib=bib, files=files,
                  scholar={"repository": "papers"})
    assert html == '<ol class="bibliography"><li>/lab/papers/test_book/ruby/Flanagan08.pdf</li></ol>'


def test_page_scholar_config_overrides_site(tmp_path: Path) -> None:
    html = render(tmp_path, "{% bibliography %}", scholar={"bibliography_template": "{{key}}"},
                  front={"scholar": {"bibliography_template": "<b>{{key}}</b>"}})
    assert "<li><b>ruby</b></li>" in html


def test_details_link_when_details_layout_exists(tmp_path: Path) -> None:
    html = render(tmp_path, "{% bibliography --max 1 --template {{key}} %}",
                  files={"_layouts/bibtex.html": "---\n---\n{{ page.entry.title }}"})
    assert html == ('<ol class="bibliography"><li>ruby<a class="details" '
                    'href="/lab/bibliography/ruby.html">Details</a></li></ol>')


def test_other_styles_and_unknown_style(tmp_path: Path) -> None:
    html = render(tmp_path, "{% bibliography --max 1 --style modern-language-association %}")
    assert "<i>The Ruby Programming Language</i>. O’Reilly Media, 2008" in html
    files = {"custom.csl": """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""}
    html = render(tmp_path, "{% assign s = 'custom.csl' %}{% bibliography --max 1 --style {{s}} %}", files=files)
    assert html == '<ol class="bibliography"><li><span id="ruby">The Ruby Programming Language</span></li></ol>'
    with pytest.raises(LiquidsiteError, match="unknown citation style"):
        render(tmp_path, "{% bibliography --style no-such-style %}")


# -- options parsing -------------------------------------------------------------------
def test_options_are_read_as_optparse() -> None:
    opts = parse_options(" --max 5 --group_by none --file {{page.group}} -f b.bib")
    assert (opts.max, opts.group_by, opts.files) == (5, "none", ["{{page.group}}", "b.bib"])
    opts = parse_options("-q @book[year <= 2000 && author ^= Poe] -C -r year, title")
    assert opts.query == "@book[year <= 2000 && author ^= Poe]"
    assert (opts.cited, opts.skip_sort, opts.remove_duplicates) == (True, True, True)
    assert opts.match_fields == ["year", "title"]
    assert parse_options("--remove_duplicates -f x").match_fields == []
    assert parse_options("--cited_in_order").skip_sort is True
    assert parse_options("-T <b>{{key}}</b> -G descending").template == "<b>{{key}}</b>"
    with pytest.raises(OptionError):
        parse_options("-f")
    with pytest.raises(OptionError):
        parse_options("-x foo")


def test_unknown_option_is_a_syntax_error(tmp_path: Path) -> None:
    with pytest.raises(LiquidsiteError):
        render(tmp_path, "{% bibliography -x foo %}")


# -- LaTeX -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"Look, an umlaut: \"u!", "Look, an umlaut: ü!"),
        (r"{\"O}zt{\"u}rk", "Öztürk"),
        (r"Fran\c{c}ois \c c", "François ç"),
        (r"\v{S}koda \o{} \ss{} \AA", "Škoda ø ß Å"),
        (r"Jos\'{e} {\'E}mile Garc\'ia \`a", "José Émile García à"),
        ("O'Reilly 1--10 and ---", "O’Reilly 1–10 and —"),
        (r"The {Ruby} Way \& \% \_ \$", "The Ruby Way & % _ $"),
        (r"$x^2$ \alpha", "x^2 α"),
    ],
)
def test_latex_decoding_as_latex_decode(latex: str, text: str) -> None:
    assert decode_latex(latex) == text


# -- the institute's site -----------------------------------------------------------------
def test_institute_site_with_group_bibliographies_builds(tmp_path: Path) -> None:
    site_dir = tmp_path / "site"
    shutil.copytree(FIXTURES / "ikim", site_dir, ignore=shutil.ignore_patterns("expected*"))
    config = yaml.safe_load((site_dir / "_config.yml").read_text(encoding="utf-8"))
    config["plugins"] = ["jekyll-scholar"]
    config["scholar"] = {"repository": "assets/papers"}
    (site_dir / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    bibdir = site_dir / "_bibliography"
    bibdir.mkdir()
    groups = sorted((site_dir / "groups").glob("*.md"))
    for i, page in enumerate(groups):
        group = yaml.safe_load(page.read_text(encoding="utf-8").split("---")[1])["group"]
        (bibdir / f"{group}.bib").write_text(
            "".join(f"@article{{{group}{j}, title={{Paper {j} of {group}}}, author={{Doe, J{j}}}, "
                    f"journal={{J}}, year={{{2020 + j}}}}}\n" for j in range(i % 7 + 1)), encoding="utf-8")
        page.write_text(page.read_text(encoding="utf-8")
                        + "\n{% bibliography --max 5 --group_by none --file {{page.group}} %}\n", encoding="utf-8")
    (bibdir / "a.bib").write_text(RUBY, encoding="utf-8")
    (bibdir / "b.bib").write_text(RUBY + SMALLTALK, encoding="utf-8")
    (site_dir / "assets/papers").mkdir(parents=True)
    (site_dir / "assets/papers/ruby.pdf").write_text("PDF", encoding="utf-8")
    (site_dir / "_layouts/publication.html").write_text(
        "---\n---\n<b>{{ entry.title }}</b> {{ entry.author }} {{ entry.booktitle }}{{ entry.journal }} "
        "{{ entry.year }} {{ entry.doi }} {{ entry.url }} {% if links.pdf %}<a href=\"{{ links.pdf }}\">PDF</a>"
        "{% endif %}<pre>{{ entry.bibtex }}</pre>\n", encoding="utf-8")
    (site_dir / "publications.md").write_text(
        "---\nlayout: page\ntitle: Publications\nscholar:\n  bibliography_template: publication\n---\n"
        "{% bibliography -f a.bib -f b.bib --remove_duplicates %}\n", encoding="utf-8")
    site = Site.from_path(site_dir)
    report = site.build(tmp_path / "_site")
    assert not [w for w in report.warnings if "not supported" in w or "scholar" in w]
    pubs = (tmp_path / "_site/publications.html").read_text(encoding="utf-8")
    assert pubs.count("<li>") == 2 and 'href="/ikim/assets/papers/ruby.pdf"' in pubs
    page = (tmp_path / "_site/groups/data-integration.html").read_text(encoding="utf-8")
    assert '<ol class="bibliography"><li><span id="data-integration0">' in page


# -- any well-formed entry renders -----------------------------------------------------------
_PIECES = [*"abcXYZ 019.,;:-'`&%$_~<>", "\\\"u", "\\'{e}", "{\\\"O}", "\\ss", "\\textsc{Caps}", "--", "\\c c",
           "{Braced Word}", "\\emph{it}", "\\textsuperscript{2}", "\\&", "$x$", "Müller", "ß"]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=12).map("".join)
_ENTRY = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["article", "book", "inproceedings", "incollection", "phdthesis",
                                 "mastersthesis", "techreport", "misc", "unpublished", "manual", "online"]),
        "key": st.from_regex(r"[A-Za-z][A-Za-z0-9_:\-]{0,8}", fullmatch=True),
        "fields": st.dictionaries(
            st.sampled_from(["title", "author", "editor", "journal", "booktitle", "year", "month", "pages",
                             "publisher", "doi", "url", "note", "volume", "number", "school", "address"]),
            _TEXT, max_size=8),
    }
)


def _bibtex(entry: dict) -> str:
    fields = ",\n".join(f"  {k} = {{{v}}}" for k, v in entry["fields"].items())
    return f"@{entry['type']}{{{entry['key']},\n{fields}\n}}\n"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_ENTRY, min_size=1, max_size=4))
def test_any_well_formed_entries_render(entries: list[dict]) -> None:
    bib = "".join(_bibtex(e) for e in entries)
    template = "{{entry.title}}|{{entry.author}}|{{entry.bibtex}}|{{reference}}"
    with tempfile.TemporaryDirectory() as tmp:
        site = make_site(Path(tmp), "{% bibliography %}{% bibliography --group_by type,year %}"
                         "{% bibliography_count %}{% cite " + entries[0]["key"] + " %}",
                         bib=bib, scholar={"bibliography_template": template, "sort_by": "year,title"})
        html = site.render_page("index.html")
    assert html.count('<ol class="bibliography">') >= 2
