"""A MkDocs hook: the copy button of an example with ``>>>`` prompts copies runnable code.

The examples of the pages and of the API reference are doctests, so that they run
as tests and show their output. Material's copy button would copy them as they
read, prompts and outputs included, which a Python prompt rejects. Material copies
the text of a ``data-copy`` attribute on a code block's container instead of the
block's own text when there is one; this hook gives every block that starts with
``>>>`` such an attribute, holding its source lines without prompts or outputs,
with an empty line after each statement that spans several lines, so that a plain
interactive prompt closes its block. What the page shows does not change.
"""

from __future__ import annotations

import html
import re
from typing import Any, Final

__all__ = ["on_post_page", "runnable", "with_copy_text"]

_BLOCK: Final = re.compile(
    r'(<div class="(?:[^"]* )?highlight")(><pre>.*?<code>)(.*?)(</code></pre></div>)', re.S
)
_TAG: Final = re.compile(r"<[^>]+>")


def runnable(text: str) -> str | None:
    r"""The code of a doctest without prompts and outputs, or ``None`` if it has no prompt.

    A line after a prompt line that starts with ``...`` continues it; any other line
    is output (a ``...`` line after output is output too, as doctest reads it).

    Examples:
        >>> print(runnable(">>> x = 1\n>>> for n in range(2):\n...     x += n\n>>> x\n2"))
        x = 1
        for n in range(2):
            x += n
        <BLANKLINE>
        x
        >>> print(runnable(">>> cc.loads('[')\nTraceback (most recent call last):\n...\nError: x"))
        cc.loads('[')
        >>> runnable("print('no prompt here')") is None
        True
    """
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first.startswith(">>>"):
        return None
    code: list[str] = []
    in_source = False
    spans = False  # the statement being read has continuation lines
    for line in lines:
        if line.startswith(">>>"):
            if spans:
                code.append("")  # closes a block at a plain prompt
            code.append(line[4:])
            in_source, spans = True, False
        elif in_source and (line.startswith("... ") or line == "..."):
            code.append(line[4:])
            spans = True
        else:
            in_source = False
    return "\n".join(code).rstrip() + "\n"


def with_copy_text(page: str) -> str:
    r"""The page with a ``data-copy`` attribute on each code block that is a doctest.

    Examples:
        >>> block = ('<div class="highlight"><pre><span></span><code>'
        ...          '<span class="gp">&gt;&gt;&gt; </span>1 + 1\n<span class="go">2</span>\n'
        ...          '</code></pre></div>')
        >>> with_copy_text(block).split(">", 1)[0]
        '<div class="highlight" data-copy="1 + 1\n"'
        >>> with_copy_text('<div class="highlight"><pre><code>x = 1</code></pre></div>')
        '<div class="highlight"><pre><code>x = 1</code></pre></div>'
    """

    def add(match: re.Match[str]) -> str:
        text = html.unescape(_TAG.sub("", match.group(3)))
        code = runnable(text)
        if code is None:
            return match.group(0)
        copy = html.escape(code, quote=True)
        return (
            f'{match.group(1)} data-copy="{copy}"{match.group(2)}{match.group(3)}{match.group(4)}'
        )

    return _BLOCK.sub(add, page)


def on_post_page(output: str, **_: Any) -> str:
    """MkDocs' hook on each built page: give its doctest blocks their runnable copy text."""
    return with_copy_text(output)
