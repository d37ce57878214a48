"""Run the code of every documentation page as tests, with sybil.

Conventions for the Markdown pages under ``docs/``:

- A fenced block whose info string is exactly ``python`` is executed. If its first
  line starts with ``>>>`` it is a doctest and its output is checked (with
  ``NORMALIZE_WHITESPACE`` and ``ELLIPSIS``); otherwise it simply runs, and its
  ``assert`` statements check it.
- Blocks of one page share one namespace, in order, like cells of a notebook; each
  page starts afresh.
- ``bash``, ``text``, ``json`` and other blocks are shown, never run.
- ``<!-- skip: next -->`` skips the next block; ``<!-- skip: start -->`` ...
  ``<!-- skip: end -->`` a range.
- ``<!-- invisible-code-block: python ... -->`` runs code the reader does not see,
  such as saving a figure for the page.
- Each page runs in a fresh temporary working directory, so files its code writes
  never land in the source tree. Its namespace holds ``save_figure(figure, name)``,
  which writes a Matplotlib figure to ``docs/images/<name>`` (only when the picture
  changed) and closes it; invisible blocks use it to keep the pictures of the site
  in step with the code that draws them.
"""

from __future__ import annotations

import doctest
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from sybil import Sybil
from sybil.parsers.markdown import PythonCodeBlockParser, SkipParser

# Figures are drawn headless, whatever the machine.
os.environ.setdefault("MPLBACKEND", "Agg")

DOCS = Path(__file__).resolve().parent
IMAGES = DOCS / "images"

# The Griffe extension runs inside the docs build, not in the tests.
collect_ignore = ["griffe_attrs.py"]


def save_figure(figure: Any, name: str, *, dpi: int = 100) -> Path:
    """Write a Matplotlib figure to ``docs/images/<name>`` as PNG, then close it.

    The file is rewritten only when its bytes change, and carries no metadata that
    changes from run to run.
    """
    from matplotlib import pyplot as plt

    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(figure)
    target = IMAGES / name
    data = buffer.getvalue()
    if not target.exists() or target.read_bytes() != data:
        IMAGES.mkdir(exist_ok=True)
        target.write_bytes(data)
    return target


def _setup(namespace: dict[str, Any]) -> None:
    namespace["_previous_directory"] = os.getcwd()
    namespace["_working_directory"] = tempfile.mkdtemp(prefix="cocreation-docs-")
    os.chdir(namespace["_working_directory"])
    namespace["save_figure"] = save_figure


def _teardown(namespace: dict[str, Any]) -> None:
    os.chdir(namespace["_previous_directory"])
    shutil.rmtree(namespace["_working_directory"], ignore_errors=True)
    if "matplotlib.pyplot" in sys.modules:
        from matplotlib import pyplot as plt

        plt.close("all")


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS),
        SkipParser(),
    ],
    patterns=["*.md"],
    setup=_setup,
    teardown=_teardown,
).pytest()
