"""The ``serve`` command's flags and its run loop (commands/serve.rb)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any, Callable

from ..config import load_config


def add_serve_flags(parser: argparse.ArgumentParser) -> None:
    """``--port``, ``--host`` and live reload, beside the build flags."""
    parser.add_argument("-P", "--port", type=int, help="port to listen on (default: 4000)")
    parser.add_argument("-H", "--host", help="host to bind to (default: 127.0.0.1)")
    parser.add_argument(
        "-l", "--livereload", action=argparse.BooleanOptionalAction, default=True,
        help="reload open pages after each rebuild and show build errors in them (default: on)",
    )


def default_url(host: str, port: int) -> str:
    """commands/serve.rb ``default_url``: 127.0.0.1 is shown as localhost."""
    shown = "localhost" if host == "127.0.0.1" else host
    return f"http://{shown}:{port}"


def serve_settings(
    source: str, overrides: dict[str, Any], config_files: list[str] | None,
    host: str | None, port: int | None,
) -> tuple[str, int, dict[str, Any]]:
    """Host, port and the configuration overrides for a served build.

    As ``jekyll serve``: flags win over ``host:``/``port:`` in the
    configuration, and in the development environment ``site.url`` becomes
    the local address, so absolute links point at the local server.
    """
    overrides = dict(overrides)
    if host is not None:
        overrides["host"] = host
    if port is not None:
        overrides["port"] = port
    overrides["serving"] = True
    overrides["watch"] = True
    config = load_config(source, overrides, config_files)
    chosen_host = str(config.get("host") or "127.0.0.1")
    chosen_port = int(config.get("port") or 4000)
    if (os.environ.get("JEKYLL_ENV") or "development") == "development":
        overrides["url"] = default_url(chosen_host, chosen_port)
    return chosen_host, chosen_port, overrides


def run_serve(args: argparse.Namespace, overrides_from: Callable[[argparse.Namespace], dict[str, Any]]) -> int:
    """Build, serve and watch until interrupted."""
    from ..site import Site
    from . import DevServer

    config_files = [c.strip() for c in args.config.split(",")] if args.config else None
    host, port, overrides = serve_settings(
        args.source, overrides_from(args), config_files, args.host, args.port
    )

    def make_site() -> Site:
        return Site.from_path(args.source, config_files=config_files, **overrides)

    server = DevServer(
        make_site, host=host, port=port, livereload=args.livereload, quiet=args.quiet,
        trace=args.trace, log_requests=args.verbose,
        config_files=[Path(c) for c in config_files or []],
    )
    try:
        server.start()
        server.watch()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    if not args.quiet:
        print("liquidsite: server stopped", file=sys.stdout)
    return 0
