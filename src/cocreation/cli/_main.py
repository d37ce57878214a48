"""Entry point of the ``cocreation`` command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from cocreation.cli._report import render_report
from cocreation.errors import CocreationError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cocreation",
        description="Model customer value co-creation in service ecosystems.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    report = commands.add_parser(
        "report",
        help="print a report of an ecosystem (by default, a bundled example)",
        description="Print a report of an ecosystem file, or of a bundled example.",
    )
    source = report.add_mutually_exclusive_group()
    source.add_argument(
        "file", nargs="?", default=None, help="an ecosystem JSON file (default: an example)"
    )
    source.add_argument(
        "--example",
        default=None,
        metavar="NAME",
        help="the bundled example to report on (default: co-selling)",
    )
    report.add_argument(
        "--timing",
        choices=("retained", "start", "end"),
        default="retained",
        help="lifetime-value timing: first margin one period out if retained (default), "
        "now, or at the end of the first period",
    )
    report.add_argument(
        "--horizon",
        type=int,
        default=None,
        metavar="N",
        help="count N periods of lifetime value (default: an infinite horizon)",
    )
    report.add_argument(
        "--discount-rate",
        type=float,
        default=0.0,
        metavar="RATE",
        help="discount rate per period for net value flows (default: 0)",
    )
    commands.add_parser("examples", help="list the bundled examples")
    return parser


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the ``cocreation`` command and return its exit status.

    Args:
        argv: The arguments, without the program name (default: ``sys.argv[1:]``).
        out: Where to print (default: standard output).

    Returns:
        0 on success, 1 when the input is invalid, 2 on a usage error.

    Examples:
        >>> import io
        >>> buffer = io.StringIO()
        >>> main(["examples"], out=buffer)
        0
        >>> "co-selling" in buffer.getvalue()
        True
    """
    from cocreation.io import example_ecosystem, example_names, load

    stream = sys.stdout if out is None else out
    parser = _parser()
    try:
        arguments = parser.parse_args(None if argv is None else list(argv))
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        if arguments.command == "examples":
            for name in example_names():
                print(name, file=stream)
            return 0
        if arguments.file is not None:
            ecosystem = load(arguments.file)
        else:
            ecosystem = example_ecosystem(arguments.example or "co-selling")
        text = render_report(
            ecosystem,
            timing=arguments.timing,
            horizon=arguments.horizon,
            discount_rate=arguments.discount_rate,
        )
    except (CocreationError, OSError) as error:
        print(f"cocreation: error: {error}", file=sys.stderr)
        return 1
    stream.write(text)
    return 0
