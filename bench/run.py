#!/usr/bin/env python3
"""Build generated sites with liquidsite (and Jekyll, when installed); print medians.

    python bench/run.py [--sizes 100,1000,10000] [--runs 3] [--jekyll-max 1000]

For each size N the site of ``bench/generate.py --pages N/2 --posts N/2``
is built cold (no destination, no caches) by liquidsite and by Jekyll,
runs alternating, and then rebuilt after editing one page, include,
layout or data file: with ``liquidsite build --incremental`` (a new
process, record read from .liquidsite-cache) and in one process as
``liquidsite serve`` does.  Each incremental output is compared with a
clean build, and liquidsite's full output with Jekyll's, byte for byte.

Times are wall-clock medians; CPU is user+system of the process and its
workers (os.wait4); memory is the largest resident set of any of them.
On a busy machine compare CPU seconds, which others' load changes less.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

ENV = {**os.environ, "TZ": "UTC", "SOURCE_DATE_EPOCH": "1767225600", "JEKYLL_ENV": "development"}
# What each kind of edit appends; @N@ numbers repeated edits, so each one changes the output.
EDITS = {
    "page": ("section-00/page-00001.md", "\nOne more paragraph (@N@) about {{ page.title }}.\n"),
    "include": ("_includes/person.html", "<!-- edited @N@ -->\n"),
    "layout": ("_layouts/post.html", "<!-- edited @N@ -->\n"),
    "data": ("_data/people/group-00.yml", "- name: New Person @N@\n  title: Dr.\n  roles: ['member']\n"
             "  mail: new@example.org\n  since: 2020\n"),
}


def run(cmd: list[str], cwd: Path | None = None) -> dict[str, float]:
    """Run *cmd*; wall seconds, CPU seconds and peak RSS (MB) of it and its children."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode() if proc.stderr else ""
    if status != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err[-3000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def liquidsite_cmd(src: Path, dest: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "liquidsite.cli", "build", "-q", "-s", str(src), "-d", str(dest), *extra]


def jekyll_cmd(src: Path, dest: Path, *extra: str) -> list[str]:
    return ["jekyll", "build", "-q", "-s", str(src), "-d", str(dest), *extra]


def differing(a: Path, b: Path) -> list[str]:
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    out = sorted(files_a ^ files_b)
    out += [r for r in sorted(files_a & files_b) if not filecmp.cmp(a / r, b / r, shallow=False)]
    return out


def clean(*paths: Path) -> None:
    for path in paths:
        if path.is_dir():
            shutil.rmtree(path)


IN_PROCESS = r"""
import filecmp, json, shutil, sys, time
from pathlib import Path
from liquidsite import Site
from liquidsite.serve import DevServer
src, dest, clean = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
edits = json.loads(sys.argv[4])
# serve's own rebuild, without the HTTP server: the record and the read
# cache stay in memory between builds.
server = DevServer(lambda: Site.from_path(src, dest), quiet=True)
server.build()

def same(a, b):
    files = lambda root: {p.relative_to(root) for p in root.rglob("*") if p.is_file()}
    fa, fb = files(a), files(b)
    return fa == fb and all(filecmp.cmp(a / f, b / f, shallow=False) for f in fa)

out = {}
for kind, (rel, text) in edits.items():
    path = src / rel
    original = path.read_text()
    # The median of three edits (each one different, so each one rebuilds).
    took_each = []
    for rep in range(3):
        path.write_text(original + text.replace("@N@", str(rep)))
        start = time.perf_counter()
        assert server.build()
        took_each.append(time.perf_counter() - start)
    took = sorted(took_each)[1]
    shutil.rmtree(clean, ignore_errors=True)
    Site.from_path(src, clean).build()
    out[kind] = {"wall": took, "rendered": server.site.engine.stats.rendered, "identical": same(dest, clean)}
    path.write_text(original)
    server.build()
print(json.dumps(out))
"""


def bench_size(n: int, runs: int, with_jekyll: bool, work: Path, out: Path) -> dict[str, object]:
    """Time full and incremental builds of a generated site of *n* pages.

    Full builds write into a new folder under *out* each time, and nothing
    is deleted until all of them are done: on a disk that discards freed
    blocks (ext4 mounted with ``discard``), creating files in the seconds
    after a site's worth of files was deleted is several times slower,
    and which tool that hits would depend on timing, not on the tool.
    """
    src, dest, cdest = work / "src", work / "ls", work / "clean"
    generate(src, n // 2, n - n // 2)
    # The generated files reach the disk before anything is timed, and one
    # untimed build takes what a first run pays once (the page cache).
    os.sync()
    fresh = tempfile.mkdtemp(prefix=f"full-{n}-", dir=out)
    run(liquidsite_cmd(src, Path(fresh) / "warm-up"))
    result: dict[str, object] = {"size": n}
    ls_full: list[dict[str, float]] = []
    jk_full: list[dict[str, float]] = []
    jk_warm: list[dict[str, float]] = []
    for i in range(runs):
        clean(src / ".liquidsite-cache")
        dest = Path(fresh) / f"ls-{i}"
        ls_full.append(run(liquidsite_cmd(src, dest)))
        if with_jekyll:
            clean(src / ".jekyll-cache")
            jdest = Path(fresh) / f"jk-{i}"
            jk_full.append(run(jekyll_cmd(src, jdest)))
            jk_warm.append(run(jekyll_cmd(src, Path(fresh) / f"jk-warm-{i}")))
    result["liquidsite_full"] = ls_full
    if with_jekyll:
        result["jekyll_full"] = jk_full
        result["jekyll_warm"] = jk_warm
        result["identical_to_jekyll"] = differing(jdest, dest) == []
        result["differences"] = differing(jdest, dest)[:10]
    clean(Path(fresh))
    dest, jdest = work / "ls", work / "jk"
    # Incremental in a new process (build --incremental).
    clean(dest, src / ".liquidsite-cache")
    run(liquidsite_cmd(src, dest, "--incremental"))
    incremental: dict[str, object] = {}
    for kind, (rel, text) in EDITS.items():
        path = src / rel
        original = path.read_text()
        path.write_text(original + text.replace("@N@", "0"))
        timing = run(liquidsite_cmd(src, dest, "--incremental"))
        clean(cdest)
        run(liquidsite_cmd(src, cdest))
        timing["identical_to_clean"] = differing(dest, cdest) == []
        incremental[kind] = timing
        path.write_text(original)
        run(liquidsite_cmd(src, dest, "--incremental"))
    result["liquidsite_incremental"] = incremental
    proc = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, str(src), str(work / "serve"), str(work / "serve-clean"),
         json.dumps(EDITS)],
        env=ENV, capture_output=True, text=True, check=True,
    )
    result["liquidsite_in_process"] = json.loads(proc.stdout.strip().splitlines()[-1])
    if with_jekyll:
        clean(jdest, src / ".jekyll-cache")
        run(jekyll_cmd(src, jdest, "--incremental"))
        rel, text = EDITS["page"]
        path = src / rel
        original = path.read_text()
        path.write_text(original + text.replace("@N@", "0"))
        result["jekyll_incremental_page"] = run(jekyll_cmd(src, jdest, "--incremental"))
        path.write_text(original)
    clean(src / ".jekyll-cache", src / ".liquidsite-cache")
    return result


def med(rows: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in rows)


def table(results: list[dict[str, object]]) -> str:
    lines = [
        "| pages | liquidsite full | Jekyll cold | Jekyll warm | ratio cold (wall / CPU) | peak RSS liquidsite / Jekyll | same bytes as Jekyll |",
        "|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in results:
        ls = r["liquidsite_full"]
        cell = f"{med(ls, 'wall'):.2f} s ({med(ls, 'cpu'):.2f} s CPU)"
        if "jekyll_full" in r:
            jk, jw = r["jekyll_full"], r["jekyll_warm"]
            lines.append(
                f"| {r['size']:,} | {cell} | {med(jk, 'wall'):.2f} s ({med(jk, 'cpu'):.2f} s CPU) "
                f"| {med(jw, 'wall'):.2f} s | {med(jk, 'wall') / med(ls, 'wall'):.1f}x / "
                f"{med(jk, 'cpu') / med(ls, 'cpu'):.1f}x | {med(ls, 'rss'):.0f} / {med(jk, 'rss'):.0f} MB "
                f"| {'yes' if r['identical_to_jekyll'] else 'NO'} |"
            )
        else:
            lines.append(f"| {r['size']:,} | {cell} | - | - | - | {med(ls, 'rss'):.0f} MB / - | - |")
    lines += [
        "",
        "| pages | edit | `build --incremental` (new process) | in one process (serve) | rendered | same bytes as a clean build | Jekyll `--incremental` (page) |",
        "|---:|---|---:|---:|---:|:---:|---:|",
    ]
    for r in results:
        inc, inproc = r["liquidsite_incremental"], r["liquidsite_in_process"]
        jk = r.get("jekyll_incremental_page")
        for kind in EDITS:
            jcell = f"{jk['wall']:.2f} s" if jk and kind == "page" else ""
            lines.append(
                f"| {r['size']:,} | {kind} | {inc[kind]['wall']:.2f} s | {inproc[kind]['wall']:.2f} s "
                f"| {inproc[kind]['rendered']} | "
                f"{'yes' if inc[kind]['identical_to_clean'] and inproc[kind]['identical'] else 'NO'} | {jcell} |"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000", help="total pages+posts, comma separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jekyll-max", type=int, default=1000, help="largest size Jekyll builds")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--out", type=Path, default=None,
                        help="where full builds write (default: the temporary work folder); "
                             "a tmpfs folder takes the disk out of the measurement")
    args = parser.parse_args()
    has_jekyll = shutil.which("jekyll") is not None
    # Time liquidsite as installed: with its bytecode.  An editable install
    # under PYTHONDONTWRITEBYTECODE would compile every module on every run.
    import compileall

    import liquidsite

    compileall.compile_dir(str(Path(liquidsite.__file__).parent), quiet=1)
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix=f"liquidsite-bench-{size}-") as tmp:
            out = args.out if args.out is not None else Path(tmp)
            results.append(bench_size(size, args.runs, has_jekyll and size <= args.jekyll_max, Path(tmp), out))
        print(f"done: {size}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    print(table(results))


if __name__ == "__main__":
    main()
