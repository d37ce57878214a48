"""What every example script shares: its command line and saving its pictures.

Each script takes one optional argument, a folder to save its plots into (or reads
it from ``COCREATION_PLOTS``); without one, nothing is written.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path


def plots_folder(description: str, argv: Sequence[str] | None) -> Path | None:
    """Parse an example's command line: the folder to save plots into, if any.

    Args:
        description: What the example models, for ``--help``.
        argv: The command-line arguments (default: ``sys.argv[1:]``).

    Returns:
        The folder, or ``None`` when no plots are wanted.
    """
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "folder",
        nargs="?",
        type=Path,
        default=os.environ.get("COCREATION_PLOTS") or None,
        help="save plots into this folder (default: $COCREATION_PLOTS, else none)",
    )
    folder = parser.parse_args(argv).folder
    return None if folder is None else Path(folder)


def save_drawings(folder: Path, drawings: Mapping[str, Callable[[], object]]) -> None:
    """Draw each picture on a new figure and save it as ``folder/<name>``.

    Args:
        folder: Where to write the PNG files (created if missing).
        drawings: File names and the functions that draw them.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    for name, draw in drawings.items():
        draw()  # on a new figure, which becomes the current one
        plt.savefig(folder / name, dpi=100)
        plt.close()
        print(f"saved {folder / name}")
