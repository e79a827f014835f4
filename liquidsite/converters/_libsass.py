"""LibSass called as sassc-ruby calls it, through the ``libsass`` package.

Jekyll 4.3 (jekyll-sass-converter 2.2 on sassc 2.4) compiles through
LibSass's *data context* API with an input path, a source map file and
no output path (sassc/engine.rb ``render``).  The ``libsass`` Python
package's own ``compile(string=...)`` cannot set an input path or write a
source map for a string, and both show in Jekyll's output (the map's
``sources`` and ``file``, the ``sourceMappingURL`` comment), so this module
calls the same C functions from the extension module the package ships,
which exports LibSass's C API.  When those symbols are missing it falls
back to ``sass.compile`` without source maps.
"""

from __future__ import annotations

import ctypes
import os
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

STYLES = {"nested": 0, "expanded": 1, "compact": 2, "compressed": 3}


@dataclass
class SassOptions:
    """What sassc-ruby's ``Engine`` passes to LibSass."""

    style: str = "nested"
    indented: bool = False
    input_path: str | None = None
    precision: int | None = None
    include_paths: list[str] = field(default_factory=list)
    source_comments: bool = False
    source_map_file: str | None = None
    source_map_embed: bool = False
    source_map_contents: bool = False
    omit_source_map_url: bool = False


@dataclass
class SassResult:
    css: str
    source_map: str | None


class SassCompileError(Exception):
    """LibSass rejected the input; ``file`` and ``line`` say where."""

    def __init__(self, message: str, file: str | None, line: int | None, column: int | None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.column = column


@lru_cache(maxsize=1)
def _library() -> Any:
    """The extension module of the ``libsass`` package, with C signatures set.

    Returns ``None`` when its LibSass symbols cannot be reached.
    """
    try:
        import _sass  # the compiled part of the `libsass` package
    except ImportError:
        return None
    try:
        lib = ctypes.CDLL(_sass.__file__)
        p, s, b, i = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_bool, ctypes.c_int
        signatures: dict[str, tuple[Any, list[Any]]] = {
            "sass_copy_c_string": (p, [s]),
            "sass_make_data_context": (p, [p]),
            "sass_data_context_get_context": (p, [p]),
            "sass_context_get_options": (p, [p]),
            "sass_option_set_is_indented_syntax_src": (None, [p, b]),
            "sass_option_set_input_path": (None, [p, s]),
            "sass_option_set_precision": (None, [p, i]),
            "sass_option_set_include_path": (None, [p, s]),
            "sass_option_set_output_style": (None, [p, i]),
            "sass_option_set_source_comments": (None, [p, b]),
            "sass_option_set_source_map_file": (None, [p, s]),
            "sass_option_set_source_map_embed": (None, [p, b]),
            "sass_option_set_source_map_contents": (None, [p, b]),
            "sass_option_set_omit_source_map_url": (None, [p, b]),
            "sass_compile_data_context": (i, [p]),
            "sass_context_get_error_status": (i, [p]),
            "sass_context_get_error_message": (s, [p]),
            "sass_context_get_error_file": (s, [p]),
            "sass_context_get_error_line": (ctypes.c_size_t, [p]),
            "sass_context_get_error_column": (ctypes.c_size_t, [p]),
            "sass_context_get_output_string": (s, [p]),
            "sass_context_get_source_map_string": (s, [p]),
            "sass_delete_data_context": (None, [p]),
        }
        for name, (restype, argtypes) in signatures.items():
            func = getattr(lib, name)
            func.restype = restype
            func.argtypes = argtypes
    except (OSError, AttributeError):
        return None
    return lib


def native_available() -> bool:
    """Whether source maps and input paths are supported here."""
    return _library() is not None


def _decode(value: bytes | None) -> str | None:
    return None if value is None else value.decode("utf-8", errors="replace")


def compile_string(source: str, options: SassOptions) -> SassResult:
    """Compile *source* as sassc-ruby's ``Engine#render`` does.

    Raises:
        SassCompileError: the Sass does not compile.
    """
    if source == "":
        # engine.rb returns an empty template untouched, without a map.
        return SassResult("", None)
    lib = _library()
    if lib is None:
        return _compile_fallback(source, options)
    data = lib.sass_make_data_context(lib.sass_copy_c_string(source.encode("utf-8")))
    try:
        context = lib.sass_data_context_get_context(data)
        opts = lib.sass_context_get_options(context)
        if options.indented:
            lib.sass_option_set_is_indented_syntax_src(opts, True)
        if options.input_path:
            lib.sass_option_set_input_path(opts, options.input_path.encode("utf-8"))
        if options.precision is not None:
            lib.sass_option_set_precision(opts, int(options.precision))
        if options.include_paths:
            joined = os.pathsep.join(options.include_paths)
            lib.sass_option_set_include_path(opts, joined.encode("utf-8"))
        lib.sass_option_set_output_style(opts, STYLES[options.style])
        if options.source_comments:
            lib.sass_option_set_source_comments(opts, True)
        if options.source_map_file:
            lib.sass_option_set_source_map_file(opts, options.source_map_file.encode("utf-8"))
        if options.source_map_embed:
            lib.sass_option_set_source_map_embed(opts, True)
        if options.source_map_contents:
            lib.sass_option_set_source_map_contents(opts, True)
        if options.omit_source_map_url:
            lib.sass_option_set_omit_source_map_url(opts, True)
        status = lib.sass_compile_data_context(data)
        if status != 0:
            raise SassCompileError(
                _decode(lib.sass_context_get_error_message(context)) or "Sass error",
                _decode(lib.sass_context_get_error_file(context)),
                int(lib.sass_context_get_error_line(context)) or None,
                int(lib.sass_context_get_error_column(context)) or None,
            )
        css = _decode(lib.sass_context_get_output_string(context)) or ""
        source_map = _decode(lib.sass_context_get_source_map_string(context))
        return SassResult(css, source_map)
    finally:
        lib.sass_delete_data_context(data)


def _compile_fallback(source: str, options: SassOptions) -> SassResult:
    """``sass.compile`` for a string: no input path, so no source map."""
    import sass

    try:
        css = sass.compile(
            string=source,
            output_style=options.style,
            include_paths=options.include_paths,
            precision=options.precision if options.precision is not None else 10,
            source_comments=options.source_comments,
            indented=options.indented,
        )
    except sass.CompileError as err:
        raise SassCompileError(str(err), None, None, None) from None
    return SassResult(css, None)
