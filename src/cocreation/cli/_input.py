"""What the commands read: a file, or standard input for ``-``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import BinaryIO, Final

__all__ = ["STDIN", "Source", "read_source"]

STDIN: Final = "-"
"""The file name that stands for standard input."""


class Source:
    """The bytes of one input and the name to show for it."""

    __slots__ = ("content", "name")

    def __init__(self, name: str, content: bytes) -> None:
        self.name = name
        self.content = content


def read_source(file: str, stdin: BinaryIO | None = None) -> Source:
    """The bytes of a file, or of standard input for ``-``.

    Raises:
        OSError: The file cannot be read.
    """
    if file == STDIN:
        stream = sys.stdin.buffer if stdin is None else stdin
        return Source("<stdin>", stream.read())
    return Source(file, Path(file).read_bytes())
