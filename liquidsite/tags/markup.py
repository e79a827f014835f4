"""Reading a Jekyll-style tag's raw markup from python-liquid's token stream.

Jekyll's tags (and its plugins') parse their markup themselves, as one
string; this is the one place that takes it from the stream.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from liquid.token import TOKEN_EXPRESSION, TOKEN_TAG, Token

if TYPE_CHECKING:
    from liquid.stream import TokenStream


def read_markup(stream: TokenStream) -> tuple[Token, str]:
    """The tag token and its markup (``""`` when there is none).

    Leaves the stream on the tag's last token, as python-liquid expects of
    a tag that is not a block.
    """
    token = stream.current
    stream.expect(TOKEN_TAG)
    if stream.peek.kind == TOKEN_EXPRESSION:
        next(stream)
        return token, str(stream.current.value)
    return token, ""
