"""The report printed as text, Markdown, JSON or CSV."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Sequence
from typing import Final

from cocreation._display import cell
from cocreation.cli._report import Cell, Report, Section

__all__ = ["FORMATS", "WIDTH", "render", "table"]

FORMATS: Final = ("text", "markdown", "json", "csv")
"""The formats ``report --format`` prints."""

WIDTH: Final = 100
"""No line of a text report is longer."""

_GAP: Final = "  "
_LONGEST_TEXT: Final = 60


def render(report: Report, format: str) -> str:
    """The report in one of [`FORMATS`][cocreation.cli._render.FORMATS], ending in a newline.

    Examples:
        >>> from cocreation import Ecosystem
        >>> from cocreation.cli._report import build_report
        >>> eco = Ecosystem(name="Kiosks").add_organisation("bank").add_customer("walk-ins")
        >>> print(render(build_report(eco, sections=["actors"]), "markdown"))
        # Ecosystem: Kiosks
        <BLANKLINE>
        ## Actors
        <BLANKLINE>
        | id | kind | name | members |
        |:---|:---|:---|---:|
        | bank | organisation |  | 1 |
        | walk-ins | customer (individual) |  | 1 |
        <BLANKLINE>
    """
    if format == "markdown":
        return _markdown(report)
    if format == "json":
        return _json(report)
    if format == "csv":
        return _csv(report)
    return _text(report)


# ---------------------------------------------------------------- text


def _numeric(rows: Sequence[Sequence[Cell]], column: int) -> bool:
    values = [row[column] for row in rows if row[column] is not None]
    return bool(values) and all(
        isinstance(value, int | float) and not isinstance(value, bool) for value in values
    )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 3, 1)] + "..."


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], *, width: int = WIDTH) -> str:
    """A plain-text table: text left-aligned, numbers right-aligned, never wider than ``width``.

    A table too wide is printed in parts, each repeating the first column; a text
    too long for a column is cut short with ``...``.

    Examples:
        >>> print(table(["actor", "count"], [["acme", 1], ["small businesses", 400]]))
        actor             count
        ----------------  -----
        acme                  1
        small businesses    400
        >>> print(table(["who", "a", "b"], [["x", 1.0, -0.001]], width=12))
        who     a
        ---  ----
        x    1.00
        <BLANKLINE>
        who     b
        ---  ----
        x    0.00
    """
    texts = [[cell(value) for value in row] for row in rows]
    numeric = [_numeric(rows, column) for column in range(len(headers))]
    widths = [
        max([len(header), *(len(row[column]) for row in texts)])
        for column, header in enumerate(headers)
    ]
    # The first column is repeated in every part: keep it to a sensible width.
    widths[0] = min(widths[0], _LONGEST_TEXT, width // 2)
    parts: list[list[int]] = []
    for column in range(1, len(headers)):
        used = widths[0] + sum(len(_GAP) + widths[c] for c in parts[-1]) if parts else None
        if used is None or used + len(_GAP) + widths[column] > width:
            parts.append([column])
        else:
            parts[-1].append(column)
    if not parts:
        parts = [[]]
    rendered: list[str] = []
    for part in parts:
        columns = [0, *part]
        room = width - widths[0] - len(_GAP) * len(part)
        shown = {c: min(widths[c], room) if c else widths[0] for c in columns}

        block = [
            _line(list(headers), columns, shown, numeric),
            _GAP.join("-" * shown[c] for c in columns),
        ]
        block.extend(_line(row, columns, shown, numeric) for row in texts)
        rendered.append("\n".join(block))
    return "\n\n".join(rendered)


def _line(
    values: Sequence[str], columns: Sequence[int], shown: dict[int, int], numeric: list[bool]
) -> str:
    pieces = []
    for c in columns:
        text = _shorten(values[c], shown[c])
        pieces.append(text.rjust(shown[c]) if numeric[c] else text.ljust(shown[c]))
    return _GAP.join(pieces).rstrip()


def _wrapped(sentences: Sequence[str]) -> list[str]:
    return [
        line
        for sentence in sentences
        for line in textwrap.wrap(sentence, WIDTH, subsequent_indent="  ")
    ]


def _text_section(section: Section) -> str:
    lines = [section.title, *_wrapped(section.notes)]
    if section.headers == ("what", "who"):  # pairs read better as sentences
        for what, who in section.rows:
            lines.extend(textwrap.wrap(f"{what}: {who}", WIDTH, subsequent_indent="  "))
    else:
        lines.append(table(section.headers, section.rows))
    if section.after:
        lines.extend(["", *_wrapped(section.after)])
    return "\n".join(lines)


def _text(report: Report) -> str:
    heading = _shorten(f"Ecosystem: {report.ecosystem or '(unnamed)'}", WIDTH)
    return "\n\n".join([heading, *map(_text_section, report.sections)]) + "\n"


# ---------------------------------------------------------------- Markdown


def _markdown_cell(value: Cell) -> str:
    return cell(value).replace("|", "\\|").replace("\n", " ")


def _markdown(report: Report) -> str:
    lines = [f"# Ecosystem: {report.ecosystem or '(unnamed)'}"]
    for section in report.sections:
        lines.extend(["", f"## {section.title}", ""])
        if section.notes:
            lines.extend([*textwrap.wrap(" ".join(section.notes), WIDTH), ""])
        lines.append("| " + " | ".join(map(_markdown_cell, section.headers)) + " |")
        aligns = [
            "---:" if _numeric(section.rows, column) else ":---"
            for column in range(len(section.headers))
        ]
        lines.append("|" + "|".join(aligns) + "|")
        lines.extend(
            "| " + " | ".join(_markdown_cell(value) for value in row) + " |" for row in section.rows
        )
        if section.after:
            lines.extend(["", *textwrap.wrap(" ".join(section.after), WIDTH)])
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- JSON and CSV


def _json(report: Report) -> str:
    document = {
        "ecosystem": report.ecosystem,
        "timing": report.timing,
        "horizon": report.horizon,
        "discount_rate": report.discount_rate,
        "sections": [
            {
                "name": section.name,
                "title": section.title,
                "notes": list(section.notes),
                "after": list(section.after),
                "columns": list(section.headers),
                "rows": [list(row) for row in section.rows],
            }
            for section in report.sections
        ],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def _csv_value(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    several = len(report.sections) > 1
    for number, section in enumerate(report.sections):
        if several:
            if number:
                buffer.write("\n")
            buffer.write(f"# {section.name}: {section.title}\n")
        writer.writerow(section.headers)
        writer.writerows([_csv_value(value) for value in row] for row in section.rows)
    return buffer.getvalue()
