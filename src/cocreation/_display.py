"""How results and ecosystems show themselves: reprs without float noise, HTML tables, frames.

Every layer may use these helpers: they import nothing of the library but its
optional-dependency loader, and nothing heavy at all until a frame is asked for.
"""

from __future__ import annotations

import enum
import html
import math
from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import attrs

from cocreation._optional import require

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ROWS_SHOWN",
    "Displayed",
    "cell",
    "frame",
    "html_table",
    "record",
    "record_html",
    "tidy",
    "tidy_repr",
]

ROWS_SHOWN: Final = 20
"""How many rows an HTML table shows before it says how many more there are."""

_DIGITS: Final = 12


def tidy(value: Any) -> Any:
    """The value with every float rounded to 12 significant digits, containers alike.

    Sums of money carry the noise of binary floating point (``40874.99999999998``);
    twelve significant digits keep every digit a person would write and drop it.

    Examples:
        >>> tidy(40874.99999999998), tidy(0.1 + 0.2), tidy((1.0000000000001, "a"))
        (40875.0, 0.3, (1.0, 'a'))
        >>> tidy({"net": 2 / 3}), tidy(float("nan"))
        ({'net': 0.666666666667}, nan)
    """
    if isinstance(value, float):
        return float(f"{value:.{_DIGITS}g}") if math.isfinite(value) else value
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(tidy(item) for item in value)
    if isinstance(value, list):
        return [tidy(item) for item in value]
    if isinstance(value, dict):
        return {key: tidy(item) for key, item in value.items()}
    if isinstance(value, MappingProxyType):
        return MappingProxyType({key: tidy(item) for key, item in value.items()})
    return value


def tidy_repr(instance: Any) -> str:
    """The repr attrs would write for an instance, with its floats tidied.

    Examples:
        >>> @attrs.frozen
        ... class Share:
        ...     who: str
        ...     amount: float
        >>> tidy_repr(Share("acme", 40874.99999999998))
        "Share(who='acme', amount=40875.0)"
    """
    fields = ", ".join(
        f"{field.name}={tidy(getattr(instance, field.name))!r}"
        for field in attrs.fields(type(instance))
        if field.repr
    )
    return f"{type(instance).__name__}({fields})"


def cell(value: Any) -> str:
    """A value as table text: money with two decimals and thousands separators, never ``-0.00``.

    Examples:
        >>> [cell(x) for x in (40874.99999999998, -0.001, 3, True, None, "acme")]
        ['40,875.00', '0.00', '3', 'yes', '', 'acme']
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if not math.isfinite(value):
            return str(value)
        text = f"{value:,.2f}"
        return "0.00" if text == "-0.00" else text
    if isinstance(value, int):
        return f"{value:,}"
    if value is None:
        return ""
    if isinstance(value, enum.Enum):
        return str(value.value)
    return str(value)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def html_table(
    title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    total: int | None = None,
) -> str:
    """A compact HTML table with a caption: what a notebook shows for a result.

    Numbers are right-aligned; every text is escaped. Only the first
    [`ROWS_SHOWN`][cocreation._display.ROWS_SHOWN] rows are shown, and a last line
    says how many of ``total`` rows there are.

    Examples:
        >>> print(html_table("Shares", ["who", "amount"], [["a&b", 1.5]]))
        <table class="cocreation">
        <caption style="text-align: left">Shares</caption>
        <thead><tr><th style="text-align: left">who</th><th style="text-align: left">amount</th></tr></thead>
        <tbody>
        <tr><td style="text-align: left">a&amp;b</td><td style="text-align: right">1.50</td></tr>
        </tbody>
        </table>
    """
    shown: list[Sequence[Any]] = []
    count = 0
    for row in rows:
        if count < ROWS_SHOWN:
            shown.append(row)
        count += 1
    count = count if total is None else total
    heads = "".join(f'<th style="text-align: left">{html.escape(head)}</th>' for head in headers)
    lines = [
        '<table class="cocreation">',
        f'<caption style="text-align: left">{html.escape(title)}</caption>',
        f"<thead><tr>{heads}</tr></thead>",
        "<tbody>",
    ]
    for row in shown:
        cells = "".join(
            f'<td style="text-align: {"right" if _is_number(value) else "left"}">'
            f"{html.escape(cell(value))}</td>"
            for value in row
        )
        lines.append(f"<tr>{cells}</tr>")
    if count > len(shown):
        more = count - len(shown)
        lines.append(
            f'<tr><td colspan="{len(headers)}" style="text-align: left">'
            f"... {more:,} more row{'s' if more != 1 else ''} ({count:,} in all)</td></tr>"
        )
    lines.extend(["</tbody>", "</table>"])
    return "\n".join(lines)


def record_html(title: str, record: Mapping[str, Any]) -> str:
    """One result as a two-column HTML table: each field or line, and its value.

    Examples:
        >>> ">30.00</td>" in record_html("Stick", {"firm_share": 30.0})
        True
    """
    return html_table(title, ["", "value"], [[name, value] for name, value in record.items()])


def frame(
    records: Sequence[Mapping[str, Any]], feature: str, *, columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """A tidy pandas DataFrame with one row per record (and these columns when there is none).

    Raises:
        MissingExtraError: pandas is not installed.

    Examples:
        >>> frame([{"actor": "telco", "net": 5.0}], "a doctest").to_dict("records")
        [{'actor': 'telco', 'net': 5.0}]
        >>> list(frame([], "a doctest", columns=["actor", "net"]).columns)
        ['actor', 'net']
    """
    pandas = require("pandas", "pandas", feature)
    if not records and columns is not None:
        empty: pd.DataFrame = pandas.DataFrame(columns=list(columns))
        return empty
    result: pd.DataFrame = pandas.DataFrame.from_records(list(records))
    return result


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


def record(result: Any) -> dict[str, Any]:
    """A result object as a flat dict: its attrs fields, then the names in its ``_derived``.

    A result made of signed lines (one with ``_keys`` and a ``lines()`` method) is
    recorded as its key fields, its lines with their signs, then its total (named by
    ``_total``): the lines of the record sum to its total, as in ``lines()``.

    Examples:
        >>> @attrs.frozen
        ... class Stick:
        ...     price: float
        ...     cost: float
        ...     _derived = ("margin",)
        ...     @property
        ...     def margin(self) -> float:
        ...         return self.price - self.cost
        >>> record(Stick(70.0, 40.0))
        {'price': 70.0, 'cost': 40.0, 'margin': 30.0}
    """
    keys = getattr(type(result), "_keys", None)
    if keys is not None:
        row = {name: _plain(getattr(result, name)) for name in keys}
        row.update(result.lines())
        row[type(result)._total] = getattr(result, type(result)._total)
        return row
    row = {name: _plain(value) for name, value in attrs.asdict(result, recurse=False).items()}
    for name in getattr(type(result), "_derived", ()):
        row[name] = getattr(result, name)
    return row


class Displayed:
    """What a result shows: a repr without float noise, a compact table in a notebook, a frame.

    A mixin for frozen attrs result classes, which must be declared with
    ``repr=False`` so that attrs leaves this repr in place. The table and the frame
    hold [`record`][cocreation._display.record] of the result: its fields, then the
    totals named in its ``_derived``.

    Examples:
        >>> from cocreation import value_stick
        >>> value_stick(0.3, 0.1 + 0.2, 0.1)
        ValueStick(willingness_to_pay=0.3, price=0.3, cost=0.1, opportunity_cost=0.0)
    """

    __slots__ = ()

    def __repr__(self) -> str:
        return tidy_repr(self)

    def _repr_html_(self) -> str:
        return record_html(type(self).__name__, record(self))

    def to_frame(self) -> pd.DataFrame:
        """The result as a pandas DataFrame of one row: its fields, then its totals.

        Needs the ``pandas`` extra.

        Raises:
            MissingExtraError: pandas is not installed.

        Examples:
            >>> from cocreation import value_stick
            >>> value_stick(100.0, 70.0, 40.0).to_frame()["firm_share"].tolist()
            [30.0]
        """
        return frame([record(self)], f"{type(self).__name__}.to_frame")
