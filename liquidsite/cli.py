"""The ``liquidsite`` command: a drop-in for ``jekyll build``.

A thin adapter over the public API: it parses flags, calls
:class:`liquidsite.Site`, and maps errors to exit codes (1 for a site
error, printed without a traceback unless ``--trace``; 2 for bad usage).
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
from pathlib import Path
from typing import Any, Sequence

from . import __version__
from .errors import LiquidsiteError
from .site import Site

SERVE_COMMANDS = ("serve", "s", "server")


def _common_build_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("-s", "--source", default=".", help="source folder (default: .)")
    parser.add_argument("-d", "--destination", help="output folder (default: ./_site)")
    parser.add_argument("--config", help="config files, comma separated, read in order")
    parser.add_argument("-b", "--baseurl", help="serve the site from this path")
    parser.add_argument("-D", "--drafts", action="store_true", help="render posts in _drafts")
    parser.add_argument("--future", action="store_true", help="publish posts dated in the future")
    parser.add_argument("--unpublished", action="store_true", help="render `published: false` files")
    parser.add_argument("--lsi", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--limit_posts", type=int, help="limit the number of posts")
    parser.add_argument("--safe", action="store_true", help="safe mode: only whitelisted plugins")
    parser.add_argument("--strict", action="store_true", help="turn warnings into errors")
    parser.add_argument(
        "--theme-dir",
        action="append",
        metavar="DIR",
        help="a folder holding theme folders (THEME/ or THEME-VERSION/); repeatable; "
        "replaces theme_dirs from _config.yml",
    )
    parser.add_argument(
        "-j", "--jobs", type=int, metavar="N",
        help="render in N processes (default: one per core; 1 renders in this process)",
    )
    parser.add_argument(
        "-I", "--incremental", action="store_true",
        help="render again only what changed since the last --incremental build "
        "(the record is kept in .liquidsite-cache)",
    )
    parser.add_argument("--profile", action="store_true", help="print a render time table per template")
    parser.add_argument("-t", "--trace", action="store_true", help="show a traceback on error")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-V", "--verbose", action="store_true", help="print more")


def make_parser(serve_flags: bool = True) -> argparse.ArgumentParser:
    """The command line; without *serve_flags* ``serve`` takes only the build
    flags (its own flags bring in the HTTP server, which a build never needs)."""
    parser = argparse.ArgumentParser(
        prog="liquidsite", description="Build Jekyll sites exactly as Jekyll 4.3 does."
    )
    parser.add_argument("--version", action="version", version=f"liquidsite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", aliases=["b"], help="build the site into the destination")
    _common_build_flags(build)
    doctor = sub.add_parser(
        "doctor", help="report what would stop or change a build, without writing anything"
    )
    _common_build_flags(doctor)
    serve = sub.add_parser(
        "serve", aliases=["s", "server"],
        help="build, serve on 127.0.0.1:4000, rebuild on changes and reload the browser",
    )
    _common_build_flags(serve)
    if serve_flags:
        from .serve.command import add_serve_flags

        add_serve_flags(serve)
    return parser


def overrides_from(args: argparse.Namespace) -> dict[str, Any]:
    """Configuration overrides from flags, with Jekyll's key names."""
    overrides: dict[str, Any] = {}
    dest = args.destination or os.path.join(os.getcwd(), "_site")
    overrides["destination"] = str(Path(dest).resolve())
    if args.baseurl is not None:
        overrides["baseurl"] = args.baseurl
    if args.drafts:
        overrides["show_drafts"] = True
    if args.future:
        overrides["future"] = True
    if args.unpublished:
        overrides["unpublished"] = True
    if args.limit_posts is not None:
        overrides["limit_posts"] = args.limit_posts
    if args.strict:
        overrides["strict"] = True
    if getattr(args, "safe", False):
        overrides["safe"] = True
    if getattr(args, "incremental", False):
        overrides["incremental"] = True
    if getattr(args, "profile", False):
        overrides["profile"] = True
    if getattr(args, "theme_dir", None):
        overrides["theme_dirs"] = [str(Path(d).resolve()) for d in args.theme_dir]
    return overrides


def run_build(args: argparse.Namespace) -> int:
    config_files = [c.strip() for c in args.config.split(",")] if args.config else None
    site = Site.from_path(args.source, config_files=config_files, **overrides_from(args))
    site.jobs = args.jobs
    report = site.build()
    if site.engine is not None and site.engine.profile is not None and not args.quiet:
        print(site.engine.profile.table())
    if args.strict and report.warnings:
        for warning in report.warnings:
            print(f"error: {warning}", file=sys.stderr)
        return 1
    if not args.quiet:
        print(
            f"liquidsite: {report.pages_written} pages written, "
            f"{report.static_files_copied} files copied, {report.unchanged} unchanged, "
            f"{report.removed} removed in {report.seconds:.2f}s -> {report.destination}"
        )
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    from .doctor import examine

    config_files = [c.strip() for c in args.config.split(",")] if args.config else None
    site = Site.from_path(args.source, config_files=config_files, **overrides_from(args))
    findings = examine(site)
    for finding in findings:
        print(finding)
    fatal = [f for f in findings if f.fatal]
    print(f"liquidsite doctor: {len(findings)} findings, {len(fatal)} would stop the build")
    return 1 if fatal else 0


def run_serve(args: argparse.Namespace) -> int:
    from .serve.command import run_serve as serve

    return serve(args, overrides_from)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    # Any word naming serve (even a folder called "s") loads serve's flags.
    parser = make_parser(serve_flags=any(word in SERVE_COMMANDS for word in words))
    args = parser.parse_args(words)
    logging.basicConfig(
        level=logging.ERROR if args.quiet else logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
    )
    commands = {"build": run_build, "b": run_build, "doctor": run_doctor}
    for name in SERVE_COMMANDS:
        commands[name] = run_serve
    try:
        return commands[args.command](args)
    except LiquidsiteError as err:
        if args.trace:
            raise
        print(str(err), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as err:  # noqa: BLE001 - never a bare traceback without --trace
        if args.trace:
            raise
        print(
            f"internal error: {type(err).__name__}: {err}\n"
            "  this is a bug in liquidsite; run again with --trace and report the traceback",
            file=sys.stderr,
        )
        return 1


def entry() -> None:
    """The ``liquidsite`` command as a process: :func:`main`, then exit.

    Python's last collection at exit walks everything still alive, a
    tenth of a second after a 1,000-page build, to no use: the process
    ends.  Freezing first leaves those objects out of it.  (``main`` itself
    stays free of this, for callers that go on running.)
    """
    code = main()
    gc.freeze()
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
