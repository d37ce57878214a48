"""Entry point of the ``cocreation`` command.

The command line is built with the standard library's ``argparse``: subcommands,
choices, repeatable options and ``-`` for standard input are all it needs, and a
command that only reads a file should start without importing a framework.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO, Final, TextIO

from cocreation.cli._input import Source, read_source
from cocreation.cli._render import FORMATS, WIDTH, render
from cocreation.cli._report import SECTIONS, build_report
from cocreation.errors import CocreationError

__all__ = ["main"]

EXPORTS: Final = ("graphml", "node-link", "tables", "graph-tables")
"""What ``export --to`` writes."""

_EPILOG: Final = (
    "FILE is an ecosystem JSON document, or a GraphML or node-link file written by "
    "'cocreation export' (which carries the ecosystem); '-' reads standard input. "
    "Exit status: 0 on success, 1 when the input is invalid or cannot be read, "
    "2 on a usage error."
)


class _Exit(Exception):  # noqa: N818  (a signal: argparse wants to exit)
    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An argument parser that returns its exit status instead of exiting."""

    def exit(self, status: int = 0, message: str | None = None) -> None:  # type: ignore[override]
        if message:
            sys.stderr.write(message)
        raise _Exit(status)


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("cocreation")
    except metadata.PackageNotFoundError:  # run from a checkout without installing
        from cocreation import __version__

        return __version__


def _sections(text: str) -> list[str]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    for name in names:
        if name not in SECTIONS:
            message = f"invalid section {name!r} (choose from {', '.join(SECTIONS)})"
            raise argparse.ArgumentTypeError(message)
    return names


def _parser() -> _Parser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _Parser(
        prog="cocreation",
        description="Model customer value co-creation in service ecosystems.",
        epilog=_EPILOG,
    )
    parser.add_argument("--version", action="version", version=f"cocreation {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    report = commands.add_parser(
        "report",
        help="print a report of an ecosystem (by default, a bundled example)",
        description="Print who gains what in an ecosystem file, or in a bundled example.",
        epilog=_EPILOG,
        formatter_class=formatter,
    )
    source = report.add_mutually_exclusive_group()
    source.add_argument(
        "file", nargs="?", default=None, metavar="FILE", help="the ecosystem (default: an example)"
    )
    source.add_argument(
        "--example",
        default=None,
        metavar="NAME",
        help="the bundled example to report on (default: co-selling; see 'cocreation examples')",
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
    report.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default, lines within 100 columns), markdown, json or csv",
    )
    report.add_argument(
        "--section",
        type=_sections,
        action="extend",
        default=None,
        metavar="NAME[,NAME...]",
        help=f"print only these sections, repeatable (of {', '.join(SECTIONS)})",
    )

    validate = commands.add_parser(
        "validate",
        help="check an ecosystem file and list every problem",
        description="Check an ecosystem file (its structure, values and references) and list "
        "every problem, one per line as PATH: REASON. Exit status 0 if it is valid, 1 if not.",
        epilog=_EPILOG,
    )
    validate.add_argument("file", metavar="FILE", help="the ecosystem to check ('-': stdin)")

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the exchange format",
        description="Print the JSON Schema (draft 2020-12) of the ecosystem exchange format.",
    )
    schema.add_argument("-o", "--output", metavar="PATH", help="write it to PATH instead")

    export = commands.add_parser(
        "export",
        help="write an ecosystem as GraphML, node-link JSON or CSV tables",
        description="Write an ecosystem as a graph (GraphML or node-link JSON, each carrying "
        "the ecosystem, so that every command reads it back) or as CSV tables: 'tables' are "
        "the interactions as the bulk path reads them (interactions.csv, transfers.csv, "
        "achievements.csv, contributions.csv, modules.csv), 'graph-tables' the graph's "
        "vertices.csv and edges.csv.",
        epilog=_EPILOG,
    )
    export.add_argument("file", metavar="FILE", help="the ecosystem to export ('-': stdin)")
    export.add_argument("--to", required=True, choices=EXPORTS, help="the format to write")
    export.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="the file to write (default: standard output), or the folder for tables",
    )

    commands.add_parser(
        "examples",
        help="describe the bundled examples",
        description="Describe each bundled example ecosystem ('cocreation report --example NAME').",
    )
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    out: TextIO | None = None,
    stdin: BinaryIO | None = None,
) -> int:
    """Run the ``cocreation`` command and return its exit status.

    Args:
        argv: The arguments, without the program name (default: ``sys.argv[1:]``).
        out: Where to print (default: standard output).
        stdin: What ``-`` reads (default: standard input).

    Returns:
        0 on success, 1 when the input is invalid or cannot be read, 2 on a usage error.

    Examples:
        >>> import io
        >>> buffer = io.StringIO()
        >>> main(["examples"], out=buffer)
        0
        >>> "co-selling" in buffer.getvalue()
        True
    """
    stream = sys.stdout if out is None else out
    try:
        arguments = _parser().parse_args(None if argv is None else list(argv))
    except _Exit as exit_:
        if exit_.status == 0:  # --help and --version print to standard output
            return 0
        return exit_.status
    try:
        if arguments.command == "examples":
            stream.write(_examples())
            return 0
        if arguments.command == "schema":
            return _schema(arguments.output, stream)
        if arguments.command == "validate":
            return _validate(read_source(arguments.file, stdin), stream)
        if arguments.command == "export":
            return _export(
                read_source(arguments.file, stdin), arguments.to, arguments.output, stream
            )
        return _report(arguments, stream, stdin)
    except (CocreationError, OSError) as error:
        print(f"cocreation: error: {error}", file=sys.stderr)
        return 1


def _report(arguments: argparse.Namespace, stream: TextIO, stdin: BinaryIO | None) -> int:
    from cocreation.ecosystem import Ecosystem
    from cocreation.io import example_ecosystem, loads

    if arguments.file is not None:
        ecosystem: Ecosystem = loads(read_source(arguments.file, stdin).content)
    else:
        ecosystem = example_ecosystem(arguments.example or "co-selling")
    report = build_report(
        ecosystem,
        timing=arguments.timing,
        horizon=arguments.horizon,
        discount_rate=arguments.discount_rate,
        sections=arguments.section or SECTIONS,
    )
    stream.write(render(report, arguments.format))
    return 0


def _validate(source: Source, stream: TextIO) -> int:
    from cocreation.io import validate

    found = validate(source.content)
    if not found:
        stream.write(f"{source.name}: valid\n")
        return 0
    for path, reason in found:
        stream.write(f"{source.name}: {path}: {reason}\n")
    noun = "problem" if len(found) == 1 else "problems"
    print(f"cocreation: {source.name}: {len(found)} {noun}", file=sys.stderr)
    return 1


def _schema(output: str | None, stream: TextIO) -> int:
    from cocreation.io import json_schema, write_json_schema

    if output is not None:
        write_json_schema(output)
    else:
        stream.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def _export(source: Source, to: str, output: str | None, stream: TextIO) -> int:
    from cocreation.io import graph_columns, loads, to_graphml, to_node_link
    from cocreation.tables import interactions_to_tables

    ecosystem = loads(source.content)
    if to in ("tables", "graph-tables"):
        if output is None:
            message = f"--to {to} writes several files: give a folder with -o"
            print(f"cocreation: error: {message}", file=sys.stderr)
            return 2
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        if to == "tables":
            tables = interactions_to_tables(ecosystem)
        else:
            vertices, edges = graph_columns(ecosystem)
            tables = {"vertices": vertices, "edges": edges}
        for name, columns in tables.items():
            (folder / f"{name}.csv").write_text(_csv_text(columns), encoding="utf-8")
        return 0
    if to == "graphml":
        text = to_graphml(ecosystem, document=True)
    else:
        text = json.dumps(to_node_link(ecosystem, document=True), indent=2, ensure_ascii=False)
        text += "\n"
    if output is None:
        stream.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
    return 0


def _csv_text(columns: dict[str, list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = list(columns)
    writer.writerow(names)
    for row in zip(*(columns[name] for name in names), strict=True):
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _examples() -> str:
    import textwrap

    from cocreation.io import example_description, example_ecosystem, example_names

    blocks = []
    for name in example_names():
        ecosystem = example_ecosystem(name)
        members = sum(customer.count for customer in ecosystem.customers)
        counts = ", ".join(
            [
                f"{_count(len(ecosystem.customers), 'customer')} ({members:,} members)",
                _count(len(ecosystem.organisations), "organisation"),
                _count(len(ecosystem.partners), "partner"),
                _count(len(ecosystem.offerings), "offering"),
                _count(len(ecosystem.interactions), "interaction"),
            ]
        )
        lines = [f"{name}: {ecosystem.name}"]
        for text in (example_description(name), counts):
            lines.extend(textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="  "))
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n\nReport on one with: cocreation report --example NAME\n"
