"""The model and the tables: interactions as the bulk path's tables, and back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from cocreation._optional import require_numpy_and_pandas
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.model import (
    DART,
    Achievement,
    CoCreationLevel,
    Contribution,
    Interaction,
    Mode,
    ReferencePoint,
    ResourceKind,
    Sphere,
    Transfer,
    TransferKind,
)
from cocreation.tables._parse import Batch, _long_tables, parse
from cocreation.tables._problems import Checks
from cocreation.tables._specs import COLUMNS, LONG_TABLES

if TYPE_CHECKING:
    import numpy.typing as npt

    Bools = npt.NDArray[Any]

__all__ = ["interactions_to_tables", "tables_to_interactions"]


def interactions_to_tables(
    source: Ecosystem | Iterable[Interaction],
) -> dict[str, dict[str, list[Any]]]:
    """Interactions as the bulk path's tables: plain dicts of column lists.

    The inverse of [`tables_to_interactions`][cocreation.tables.tables_to_interactions]:
    every field of every interaction is kept, nested parts in the long tables. Pass
    the result to [`cocreation.bulk.account`][cocreation.bulk.account] with
    ``**tables``, or each table to ``pandas.DataFrame``.

    Args:
        source: An ecosystem (its interactions) or any interactions.

    Returns:
        ``{"interactions": {...}, "transfers": {...}, "achievements": {...},
        "contributions": {...}, "modules": {...}}``, each mapping a column name to a
        list of values (enums as their values, missing values as ``None``).

    Examples:
        >>> import cocreation as cc
        >>> tables = interactions_to_tables(cc.example_ecosystem())
        >>> sorted(tables)
        ['achievements', 'contributions', 'interactions', 'modules', 'transfers']
        >>> tables["interactions"]["id"][:2]
        ['ideas-workshop', 'co-selling-workshop']
    """
    interactions = source.interactions if isinstance(source, Ecosystem) else tuple(source)
    tables: dict[str, dict[str, list[Any]]] = {
        name: {column: [] for column in COLUMNS[name]} for name in COLUMNS
    }
    tables["interactions"].pop("hours")
    main = tables["interactions"]
    for position, interaction in enumerate(interactions):
        if not isinstance(interaction, Interaction):
            raise ValidationError(f"interactions[{position}]", interaction, "an Interaction")
        point = interaction.reference_point
        dart = interaction.dart
        row = {
            "id": interaction.id,
            "customer": interaction.customer,
            "counterpart": interaction.counterpart,
            "reference_point": None if point is None else point.value,
            "level": None if interaction.level is None else interaction.level.value,
            "sphere": interaction.sphere.value,
            "mode": interaction.mode.value,
            "period": interaction.period,
            "offering": interaction.offering,
            "units": float(interaction.units),
            "occurrences": float(interaction.occurrences),
            "job": interaction.job,
            "personalisation": float(interaction.personalisation),
            "effort": float(interaction.effort),
            "risk_probability": float(interaction.risk_probability),
            "risk_loss": float(interaction.risk_loss),
            "psychic_cost": float(interaction.psychic_cost),
            "dart_dialogue": None if dart is None else float(dart.dialogue),
            "dart_access": None if dart is None else float(dart.access),
            "dart_risk_benefits": None if dart is None else float(dart.risk_benefits),
            "dart_transparency": None if dart is None else float(dart.transparency),
            "recurring": interaction.recurring,
        }
        for column, value in row.items():
            main[column].append(value)
        for transfer in interaction.transfers:
            _append(
                tables["transfers"],
                interaction=interaction.id,
                source=transfer.source,
                target=transfer.target,
                amount=float(transfer.amount),
                kind=transfer.kind.value,
                label=transfer.label,
            )
        for achieved in interaction.achievement:
            _append(
                tables["achievements"],
                interaction=interaction.id,
                outcome=achieved.outcome,
                level=float(achieved.level),
            )
        for contribution in interaction.contributions:
            _append(
                tables["contributions"],
                interaction=interaction.id,
                actor=contribution.actor,
                kind=contribution.kind.value,
                amount=float(contribution.amount),
                description=contribution.description,
            )
        for module in interaction.modules:
            _append(tables["modules"], interaction=interaction.id, module=module)
    return tables


def _append(table: dict[str, list[Any]], **row: Any) -> None:
    for column, value in row.items():
        table[column].append(value)


def tables_to_interactions(
    interactions: Any,
    *,
    transfers: Any = None,
    achievements: Any = None,
    contributions: Any = None,
    modules: Any = None,
) -> tuple[Interaction, ...]:
    """Build [`Interaction`][cocreation.Interaction] objects from the bulk path's tables.

    The inverse of [`interactions_to_tables`][cocreation.tables.interactions_to_tables].
    Every value is checked as by [`cocreation.bulk.account`][cocreation.bulk.account],
    except the references to an ecosystem, which the ecosystem checks when the
    interactions join it. An ``hours`` value becomes a time contribution of the
    customer, after its other contributions.

    Raises:
        ValidationError: A value a column does not accept, naming table, row and column.
        UnknownIdError: A long-table row that names no interaction of the table.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.example_ecosystem()
        >>> tables_to_interactions(**interactions_to_tables(eco)) == eco.interactions
        True
    """
    require_numpy_and_pandas("tables_to_interactions")
    checks = Checks(collect=False)
    batch = parse(
        interactions, _long_tables(transfers, achievements, contributions, modules), checks
    )
    if "id" not in batch.interactions.labels:
        raise ValidationError("interactions.id", None, "a column of interaction ids")
    return _build_interactions(batch, None)


def _build_interactions(batch: Batch, keep: Bools | None) -> tuple[Interaction, ...]:
    """Interaction objects for the (kept) rows of a parsed batch."""
    import numpy as np

    main = batch.interactions
    n = main.length
    wanted = np.ones(n, dtype=np.bool_) if keep is None else keep

    def strings(column: str) -> list[Any]:
        labels = main.labels.get(column)
        return [None] * n if labels is None else labels.values().tolist()

    def enums(column: str, kind: Any, default: Any) -> list[Any]:
        codes = main.enums.get(column)
        members = list(kind)
        if codes is None:
            return [default] * n
        return [default if code < 0 else members[code] for code in codes.tolist()]

    def numbers(column: str, default: float) -> list[float]:
        values = main.numbers.get(column)
        return [default] * n if values is None else values.tolist()

    def flags(column: str, default: bool) -> list[Any]:
        values = main.flags.get(column)
        return [default] * n if values is None else values.tolist()

    parts: dict[str, list[list[Any]]] = {name: [[] for _ in range(n)] for name in LONG_TABLES}
    for name, parsed in batch.long.items():
        rows = batch.rows[name].tolist()
        if name == "transfers":
            kinds = parsed.enums.get("kind")
            kind_list = [0] * parsed.length if kinds is None else kinds.tolist()
            labels = parsed.labels.get("label")
            label_list = [""] * parsed.length if labels is None else labels.values().tolist()
            for row, source, target, amount, kind, label in zip(
                rows,
                parsed.labels["source"].values().tolist(),
                parsed.labels["target"].values().tolist(),
                parsed.numbers["amount"].tolist(),
                kind_list,
                label_list,
                strict=True,
            ):
                if row >= 0:
                    parts[name][row].append(
                        Transfer(
                            source, target, amount, list(TransferKind)[max(kind, 0)], label or ""
                        )
                    )
        elif name == "achievements":
            for row, outcome, level in zip(
                rows,
                parsed.labels["outcome"].values().tolist(),
                parsed.numbers["level"].tolist(),
                strict=True,
            ):
                if row >= 0:
                    parts[name][row].append(Achievement(outcome, level))
        elif name == "contributions":
            amounts = parsed.numbers.get("amount")
            amount_list = [0.0] * parsed.length if amounts is None else amounts.tolist()
            descriptions = parsed.labels.get("description")
            text = [""] * parsed.length if descriptions is None else descriptions.values().tolist()
            for row, actor, kind, amount, description in zip(
                rows,
                parsed.labels["actor"].values().tolist(),
                parsed.enums["kind"].tolist(),
                amount_list,
                text,
                strict=True,
            ):
                if row >= 0:
                    parts[name][row].append(
                        Contribution(actor, list(ResourceKind)[kind], amount, description or "")
                    )
        else:
            for row, module in zip(rows, parsed.labels["module"].values().tolist(), strict=True):
                if row >= 0:
                    parts[name][row].append(module)

    darts = [
        main.numbers.get(f"dart_{name}")
        for name in ("dialogue", "access", "risk_benefits", "transparency")
    ]
    dart_nulls = [
        main.nulls.get(f"dart_{name}")
        for name in ("dialogue", "access", "risk_benefits", "transparency")
    ]
    hours = numbers("hours", 0.0)
    periods = [0] * n if main.period is None else main.period.tolist()
    columns = {
        "id": strings("id"),
        "customer": strings("customer"),
        "counterpart": strings("counterpart"),
        "reference_point": enums("reference_point", ReferencePoint, None),
        "level": enums("level", CoCreationLevel, None),
        "sphere": enums("sphere", Sphere, Sphere.JOINT),
        "mode": enums("mode", Mode, Mode.DIRECT),
        "offering": strings("offering"),
        "units": numbers("units", 0.0),
        "occurrences": numbers("occurrences", 1.0),
        "job": strings("job"),
        "personalisation": numbers("personalisation", 0.0),
        "effort": numbers("effort", 0.0),
        "risk_probability": numbers("risk_probability", 0.0),
        "risk_loss": numbers("risk_loss", 0.0),
        "psychic_cost": numbers("psychic_cost", 0.0),
        "recurring": flags("recurring", True),
    }
    built: list[Interaction] = []
    for row in np.flatnonzero(wanted).tolist():
        scores = [
            None if values is None or (nulls is not None and nulls[row]) else float(values[row])
            for values, nulls in zip(darts, dart_nulls, strict=True)
        ]
        dart = (
            None
            if all(score is None for score in scores)
            else DART(*(0.0 if score is None else score for score in scores))
        )
        given = parts["contributions"][row]
        if hours[row]:
            given = [*given, Contribution(columns["customer"][row], ResourceKind.TIME, hours[row])]
        try:
            built.append(
                Interaction(
                    **{column: values[row] for column, values in columns.items()},
                    period=periods[row],
                    modules=parts["modules"][row],
                    achievement=parts["achievements"][row],
                    contributions=given,
                    transfers=parts["transfers"][row],
                    dart=dart,
                )
            )
        except ValidationError as error:
            column = error.field.split(".", 1)[-1]
            raise ValidationError(
                f"interactions[{row}].{column}", error.value, error.expected
            ) from error
    return tuple(built)
