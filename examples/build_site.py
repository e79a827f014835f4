"""Build a Jekyll site from Python and report what happened.

    python examples/build_site.py SOURCE DESTINATION

The library call behind ``liquidsite build``: read, render in memory,
check, then write.  A page can be inspected before anything is written.
"""

from __future__ import annotations

import sys

from liquidsite import LiquidsiteError, Site


def main(source: str, destination: str) -> int:
    try:
        site = Site.from_path(source)
        # Everything is in memory here: check a page before writing.
        home = site.outputs.get("/")
        if home is None:
            print(f"{source} has no home page", file=sys.stderr)
            return 1
        report = site.build(destination)
    except LiquidsiteError as err:  # names the file, line and column
        print(err, file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{report.pages_written} pages, {report.static_files_copied} files -> {report.destination}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
