#!/usr/bin/env python3
"""Time the Markdown converter on the test corpus, and kramdown when present.

Converts every ``tests/markdown/*.md`` N times with liquidsite's
``MarkdownConverter`` (its result cache off); when Ruby with Jekyll's
kramdown is installed, one ``ruby`` process converts the same documents N
times with Jekyll's ``KramdownParser`` (bypassing Jekyll's content cache)
and times itself.
Both timings exclude start-up.  Prints docs, total seconds, ms per document
and the ratio liquidsite/kramdown (below 1 means liquidsite is faster).

Usage: bench/bench_markdown.py [-n N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from liquidsite.converters.markdown import MarkdownConverter  # noqa: E402

CORPUS = ROOT / "tests" / "markdown"

RUBY = r"""
require 'jekyll'
require 'json'
files = JSON.parse(STDIN.read)
n = files.shift
docs = files.map { |f| File.read(f, encoding: 'UTF-8') }
conf = Jekyll::Configuration.from({})
parser = Jekyll::Converters::Markdown::KramdownParser.new(conf)
docs.each { |d| parser.convert(d) }  # warm up
t = Process.clock_gettime(Process::CLOCK_MONOTONIC)
n.times { docs.each { |d| parser.convert(d) } }
puts Process.clock_gettime(Process::CLOCK_MONOTONIC) - t
"""


def time_liquidsite(docs: list[str], n: int) -> float:
    conv = MarkdownConverter({})
    conv.cache_size = 0  # time conversions, not the converter's result cache
    for d in docs:
        conv.convert(d)
    start = time.perf_counter()
    for _ in range(n):
        for d in docs:
            conv.convert(d)
    return time.perf_counter() - start


def time_kramdown(files: list[Path], n: int) -> float | None:
    ruby = shutil.which("ruby")
    if ruby is None:
        return None
    payload = json.dumps([n, *[str(f) for f in files]])
    proc = subprocess.run([ruby, "-e", RUBY], input=payload, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"kramdown run failed: {proc.stderr.strip()[:300]}", file=sys.stderr)
        return None
    return float(proc.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5, help="passes over the corpus")
    args = ap.parse_args()
    files = sorted(CORPUS.glob("*.md"))
    docs = [f.read_text(encoding="utf-8") for f in files]
    count = len(docs) * args.n
    ours = time_liquidsite(docs, args.n)
    theirs = time_kramdown(files, args.n)
    print(f"{'engine':<12}{'docs':>8}{'total s':>10}{'ms/doc':>10}{'ratio':>8}")
    print(f"{'liquidsite':<12}{count:>8}{ours:>10.3f}{ours / count * 1000:>10.3f}"
          f"{(ours / theirs if theirs else float('nan')):>8.2f}")
    if theirs is None:
        print("kramdown    (Ruby/Jekyll not installed: skipped)")
    else:
        print(f"{'kramdown':<12}{count:>8}{theirs:>10.3f}{theirs / count * 1000:>10.3f}{1.0:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
