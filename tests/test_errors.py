"""One broken site per error kind, with the exact message users see.

Every error names the file, line and column (counted in the file as an
editor shows it, front matter included), shows the line with a caret, and
where it can, says how to fix it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from liquidsite import LiquidsiteError, Site
from liquidsite.cli import main as cli_main

from .helpers import write_site


def build_error(root: Path, files: dict[str, str]) -> LiquidsiteError:
    write_site(root, files)
    with pytest.raises(LiquidsiteError) as info:
        Site.from_path(root).build(root / "_site")
    return info.value


CASES = {
    "front-matter-yaml": (
        {"index.md": "---\ntitle: ok\ntags: [a, b\n---\nbody\n"},
        "index.md:3:7: front matter error: invalid YAML front matter: "
        "expected ',' or ']', but got '<stream end>': "
        "the flow sequence that starts here is never closed\n"
        "  | tags: [a, b\n"
        "  |       ^",
    ),
    "unquoted-colon": (
        {"index.md": "---\ntitle: Note: this breaks\n---\n"},
        "index.md:2:12: front matter error: invalid YAML front matter: "
        "mapping values are not allowed here\n"
        "  | title: Note: this breaks\n"
        "  |            ^\n"
        '  hint: a value that contains ": " must be quoted, e.g. title: "A: B"',
    ),
    "data-file": (
        {"_data/people.yml": "- name: A\n  roles: [x\n"},
        "_data/people.yml:2:10: data file error: invalid YAML: "
        "expected ',' or ']', but got '<stream end>': "
        "the flow sequence that starts here is never closed",
    ),
    "unclosed-if": (
        {"index.html": "---\ntitle: x\n---\nA\n{% if page.title %}\nB\n"},
        "index.html:5:4: Liquid syntax error: 'if' tag was never closed\n"
        "  | {% if page.title %}\n"
        "  |    ^\n"
        "  hint: add {% endif %} where the block should end",
    ),
    "plugin-tag": (
        {"index.html": "---\n---\n<head>\n{% seo %}\n</head>\n"},
        "index.html:4:4: Liquid syntax error: unexpected tag 'seo'\n"
        "  | {% seo %}\n"
        "  |    ^\n"
        "  hint: 'seo' comes from the jekyll-seo-tag plugin: add it to `plugins:` in "
        "_config.yml (run `liquidsite doctor` to see which plugins liquidsite supports)",
    ),
    "missing-include": (
        {"index.html": "---\n---\n{% include nav.html %}\n", "_includes/navs.html": "x"},
        "index.html:3:4: Liquid error: Could not locate the included file 'nav.html'",
    ),
    "error-in-include": (
        {
            "index.html": "---\n---\n\n{% include maths.html %}\n",
            "_includes/maths.html": "line one\n{{ 1 | divided_by: 0 }}\n",
        },
        "_includes/maths.html:2:8: Liquid error: divided by 0\n"
        "  | {{ 1 | divided_by: 0 }}\n"
        "  |        ^\n"
        "  included from index.html",
    ),
    "error-in-layout": (
        {
            "index.html": "---\nlayout: base\n---\nx\n",
            "_layouts/base.html": "---\n---\n<p>\n{{ content | divided_by: 0 }}\n",
        },
        "_layouts/base.html:4:14: Liquid error: divided by 0\n"
        "  | {{ content | divided_by: 0 }}\n"
        "  |              ^\n"
        "  in index.html",
    ),
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_error_message(kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, expected = CASES[kind]
    monkeypatch.chdir(tmp_path)
    err = build_error(tmp_path, files)
    assert str(err).startswith(expected), str(err)


def test_cli_prints_no_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(tmp_path, {"index.html": "---\n---\n{% if x %}\n"})
    status = cli_main(["build", "-s", str(tmp_path), "-d", str(tmp_path / "_site")])
    err = capsys.readouterr().err
    assert status == 1
    assert "Traceback" not in err
    assert "'if' tag was never closed" in err


def test_missing_layout_warns_and_strict_fails(tmp_path: Path) -> None:
    write_site(tmp_path, {"index.md": "---\nlayout: defualt\n---\nx\n", "_layouts/default.html": "{{ content }}"})
    report = Site.from_path(tmp_path).build(tmp_path / "_site")
    assert report.warnings == [
        "Build Warning: Layout 'defualt' requested in index.md does not exist. (did you mean 'default'?)"
    ]
    with pytest.raises(LiquidsiteError, match="does not exist"):
        Site.from_path(tmp_path, strict=True).build(tmp_path / "_site")


def test_layout_cycle_stops(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "index.html": "---\nlayout: a\n---\nx",
        "_layouts/a.html": "---\nlayout: b\n---\nA{{ content }}",
        "_layouts/b.html": "---\nlayout: a\n---\nB{{ content }}",
    })
    Site.from_path(tmp_path).build(tmp_path / "_site")
    assert (tmp_path / "_site/index.html").read_text() == "BAx"


def test_doctor_reports_plugins_and_fails_when_build_would(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(tmp_path, {
        "_config.yml": "plugins: [jekyll-nonexistent]\n",
        "index.html": '---\n---\n{{ "a" | emojify }}\n{% seo %}\n',
        "a.html": "---\npermalink: /same.html\n---\n",
        "b.html": "---\npermalink: /same.html\n---\n",
    })
    status = cli_main(["doctor", "-s", str(tmp_path), "-d", str(tmp_path / "_site")])
    out = capsys.readouterr().out
    assert status == 1
    assert "plugin 'jekyll-nonexistent' is not supported" in out
    assert "unknown tag 'seo' (from jekyll-seo-tag)" in out
    assert "unknown filter 'emojify' (from jemoji)" in out
    assert "a.html and b.html both write same.html" in out
    assert not (tmp_path / "_site").exists()


def test_doctor_passes_a_healthy_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(tmp_path, {"index.html": "---\n---\n{{ 'x' | upcase }}\n"})
    assert cli_main(["doctor", "-s", str(tmp_path), "-d", str(tmp_path / "_site")]) == 0


def test_independent_errors_are_all_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    err = build_error(tmp_path, {
        "a.html": "---\n---\n{{ 1 | divided_by: 0 }}\n",
        "b.html": "---\n---\nfine\n",
        "c.html": "---\n---\n\n{% include nope.html %}\n",
    })
    text = str(err)
    assert "a.html:3:8: Liquid error: divided by 0" in text
    assert "c.html:4:4: Liquid error: Could not locate the included file 'nope.html'" in text
    assert text.endswith("2 errors stopped the build.")
    assert not (tmp_path / "_site").exists()


def test_errors_in_markup_shared_by_many_templates_name_their_own_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Templates share parsed expressions by markup; each error must still
    # point into the template (page, layout or include) where it happened.
    monkeypatch.chdir(tmp_path)
    bad = "{{ page.n | divided_by: 0 }}"
    err = build_error(tmp_path, {
        "_layouts/base.html": f"---\n---\n{{{{ content }}}}\n\n  {bad}\n",
        "_includes/bad.html": f"\n\n\n{bad}\n",
        "a.html": f"---\nn: 1\n---\n{bad}\n",
        "b.html": f"---\nn: 1\n---\nok\n\n\n   {bad}\n",
        "c.html": "---\nlayout: base\nn: 1\n---\nfine\n",
        "d.html": "---\nn: 1\n---\n\n{% include bad.html %}\n",
        "e.html": f"---\nn: 1\n---\n{{% if true %}}\n{{% for i in (1..2) %}}{bad}{{% endfor %}}{{% endif %}}\n",
    })
    text = str(err)
    assert "a.html:4:13: Liquid error: divided by 0" in text
    assert "b.html:7:16: Liquid error: divided by 0" in text
    assert "_layouts/base.html:5:15: Liquid error: divided by 0" in text
    assert "_includes/bad.html:4:13: Liquid error: divided by 0\n" in text
    assert "e.html:5:34: Liquid error: divided by 0" in text
    assert text.endswith("5 errors stopped the build.")


@pytest.mark.parametrize(
    ("limits", "template", "message"),
    [
        ("loop_iterations: 100", "{% for i in (1..1000) %}{{ i }}{% endfor %}", "loop iteration limit"),
        ("output_bytes: 1000", "{% for i in (1..1000) %}xxxxxxxxxx{% endfor %}", "output stream limit"),
        ("include_depth: 5", "{% include self.html %}", "Nesting too deep"),
    ],
)
def test_resource_limits_stop_runaway_templates(tmp_path: Path, limits: str, template: str, message: str) -> None:
    err = build_error(tmp_path, {
        "_config.yml": f"liquid:\n  limits:\n    {limits}\n",
        "index.html": f"---\n---\n{template}\n",
        "_includes/self.html": "x{% include self.html %}",
    })
    assert message in str(err)


def test_bad_limit_is_a_config_error(tmp_path: Path) -> None:
    write_site(tmp_path, {"_config.yml": "liquid:\n  limits:\n    loop_iterations: lots\n"})
    with pytest.raises(LiquidsiteError, match="positive whole number"):
        Site.from_path(tmp_path)


def test_safe_mode_enables_only_whitelisted_plugins(tmp_path: Path) -> None:
    write_site(tmp_path, {
        "_config.yml": "safe: true\nwhitelist: [jekyll-sitemap]\nplugins: [jekyll-sitemap, jekyll-feed]\nurl: https://x.org\n",
        "index.html": "---\n---\nhi\n",
    })
    report = Site.from_path(tmp_path).build(tmp_path / "_site")
    assert (tmp_path / "_site/sitemap.xml").exists()
    assert not (tmp_path / "_site/feed.xml").exists()
    assert "plugin 'jekyll-feed' is not in the whitelist and was skipped (safe mode)" in report.warnings


def test_output_markup_inside_a_tag_gets_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    err = build_error(tmp_path, {"index.html": "---\ntitle: T\n---\n{% if {{ page.title }} %}x{% endif %}\n"})
    assert str(err).startswith("index.html:4:7: Liquid error: Unknown operator page")
    assert "`{{ }}` is not needed inside `{% %}`" in str(err)


def test_doctor_points_at_site_data_typos(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_site(tmp_path, {
        "_data/groups.yml": "- a: 1\n",
        "_data/people/steering-group.yml": "- a: 1\n",
        "index.html": "---\n---\n{{ site.data.grups }} {{ site.data.people.steering-grop }}"
                      " {{ site.data.people['steering-group'] }}\n",
    })
    assert cli_main(["doctor", "-s", str(tmp_path), "-d", str(tmp_path / "_site")]) == 0
    out = capsys.readouterr().out
    assert "site.data.grups names no data file or key, so it is nil (did you mean 'groups'?)" in out
    assert "site.data.people.steering-grop names no data file or key" in out
    assert "steering-group names" not in out.replace("steering-grop", "")


def test_the_command_process_exits_with_the_build_status(tmp_path: Path) -> None:
    import subprocess
    import sys

    write_site(tmp_path / "good", {"index.html": "---\n---\nok\n"})
    write_site(tmp_path / "bad", {"index.html": "---\n---\n{{ 1 | divided_by: 0 }}\n"})
    probe = (
        "import gc, sys\n"
        "from liquidsite.cli import entry\n"
        "sys.argv = ['liquidsite', 'build', '-q', '-s', sys.argv[1], '-d', sys.argv[2]]\n"
        "try:\n"
        "    entry()\n"
        "except SystemExit as stop:\n"
        "    print(stop.code, gc.get_freeze_count() > 0)\n"
    )
    for name, expected in (("good", "0 True"), ("bad", "1 True")):
        done = subprocess.run(
            [sys.executable, "-c", probe, str(tmp_path / name), str(tmp_path / f"{name}-site")],
            capture_output=True, text=True, check=True,
        )
        assert done.stdout.strip() == expected, done.stderr
    assert (tmp_path / "good-site" / "index.html").read_text() == "ok\n"
