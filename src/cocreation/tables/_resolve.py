"""Resolving a parsed batch against an ecosystem: every id an integer code, every default filled."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cocreation._optional import require
from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.tables._arrays import EcosystemArrays, ecosystem_arrays
from cocreation.tables._parse import Batch, ParsedTable, _long_tables, parse
from cocreation.tables._problems import Checks
from cocreation.tables._read import _FEATURE
from cocreation.tables._specs import _NOT_SELF, _OTHER_THAN_SOURCE, SPECS

if TYPE_CHECKING:
    import numpy.typing as npt

    Floats = npt.NDArray[Any]
    Ints = npt.NDArray[Any]
    Bools = npt.NDArray[Any]

__all__ = ["Resolved", "resolve", "resolve_tables"]


def _pair_lookup(pairs: Ints, left: Ints, right: Ints, sizes: tuple[int, int]) -> Ints:
    """Positions of ``(left, right)`` among the rows of ``pairs`` (-1 where absent).

    ``left`` and ``right`` are codes below ``sizes`` (-1 and -2 for a missing or an
    unknown value, never in ``pairs``). Shifted by two, each pair is one cell of a
    grid: a table of the grid when it is small, a hash of the pairs when not.
    """
    import numpy as np

    pandas = require("pandas", "pandas", _FEATURE)
    width = sizes[1] + 2
    keys = (pairs[:, 0] + 2) * width + (pairs[:, 1] + 2)
    composite = left.astype(np.intp)
    composite += 2
    composite *= width
    composite += right
    composite += 2
    if not len(keys):
        return np.full(len(left), -1, dtype=np.int64)
    space = (sizes[0] + 2) * width
    if space <= max(8 * len(left), 1 << 22):
        position = np.full(space, -1, dtype=np.int64)
        position[keys] = np.arange(len(keys), dtype=np.int64)
        found: Ints = position[composite]
        return found
    return np.asarray(pandas.Index(keys).get_indexer(composite), dtype=np.int64)


def _behind(values: Ints, fill: int) -> Ints:
    """``values`` with two entries ``fill`` after them, for codes -1 and -2 to read."""
    import numpy as np

    extended: Ints = np.concatenate([values, np.full(2, fill, dtype=values.dtype)])
    return extended


class Resolved:
    """A batch resolved against an ecosystem: every id an integer code, every default filled.

    One array per column of the interactions table, ``n`` long: ``customer`` (a
    customer code), ``counterpart`` (an actor code, then topics after the actors;
    -1 none), ``offering`` (0 none), ``level`` (a code into
    [`LEVELS`][cocreation.tables.LEVELS]), ``job`` (-1 none), ``period``,
    ``recurring`` and the numbers. The long tables are flat arrays whose ``*_row``
    says which interaction each entry belongs to; achievements carry their
    outcome's importance as ``achievement_importance``, modules their price and
    cost. Codes are those of [`EcosystemArrays`][cocreation.tables.EcosystemArrays].

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.tables import Checks, parse
        >>> eco = cc.Ecosystem().add_organisation("bank").add_customer("ann")
        >>> checks = Checks(collect=False)
        >>> batch = parse({"customer": ["ann"], "counterpart": ["bank"]}, {}, checks)
        >>> resolved = resolve(eco, batch, checks)
        >>> resolved.n, resolved.customer.tolist(), resolved.counterpart.tolist()
        (1, [0], [0])
    """

    def __init__(self, n: int) -> None:
        import numpy as np

        self.n = n
        # Defaults cost nothing until a column replaces them: zeros are untouched
        # memory, the others read-only views of one value.
        zeros = np.zeros(n, dtype=np.float64)
        self.customer = np.zeros(n, dtype=np.int64)
        self.counterpart = np.broadcast_to(np.int64(-1), (n,))
        self.offering = np.zeros(n, dtype=np.int64)
        self.level = np.zeros(n, dtype=np.int64)
        self.period = np.zeros(n, dtype=np.int64)
        self.recurring = np.broadcast_to(np.True_, (n,))
        self.job = np.broadcast_to(np.int64(-1), (n,))
        self.units = zeros
        self.occurrences = np.broadcast_to(np.float64(1.0), (n,))
        self.personalisation = zeros
        self.effort = zeros
        self.risk_probability = zeros
        self.risk_loss = zeros
        self.psychic_cost = zeros
        self.hours = zeros
        empty_i = np.zeros(0, dtype=np.int64)
        empty_f = np.zeros(0, dtype=np.float64)
        self.transfer_row, self.transfer_source, self.transfer_target = empty_i, empty_i, empty_i
        self.transfer_amount, self.transfer_money = empty_f, np.zeros(0, dtype=np.bool_)
        self.achievement_row, self.achievement_importance, self.achievement_level = (
            empty_i,
            empty_f,
            empty_f,
        )
        self.contribution_row, self.contribution_actor, self.contribution_kind = (
            empty_i,
            empty_i,
            empty_i,
        )
        self.contribution_amount = empty_f
        self.module_row, self.module_price, self.module_cost = empty_i, empty_f, empty_f

    def release(self) -> None:
        """Let go of every column once the ledger's rows have what they need.

        Examples:
            >>> resolved = Resolved(3)
            >>> resolved.release()
            >>> len(resolved.customer), resolved.n
            (0, 3)
        """
        fresh = Resolved(0)
        for name in vars(fresh):
            if name != "n":
                setattr(self, name, getattr(fresh, name))

    def replicated(self, copies: int, arrays: EcosystemArrays) -> Resolved:
        """The batch repeated for ``copies`` copies of its ecosystem, each copy's rows in its codes.

        Row ``i`` of copy ``s`` is row ``s * n + i``; its codes are those of copy
        ``s`` in ``arrays.replicated(copies)``
        ([`EcosystemArrays.replicated`][cocreation.tables.EcosystemArrays.replicated]),
        and so are the long tables' rows. Every column is a fresh, writable array,
        so each copy's numbers (occurrences, units, amounts) can be changed alone.

        Args:
            copies: How many copies (>= 1).
            arrays: The arrays of the ecosystem this batch was resolved against.

        Returns:
            The replicated batch.

        Examples:
            >>> import cocreation as cc
            >>> eco = cc.Ecosystem().add_organisation("bank").add_customer("ann")
            >>> one = resolve_tables(eco, {"customer": ["ann"], "counterpart": ["bank"]})
            >>> two = one.replicated(2, ecosystem_arrays(eco))
            >>> two.n, two.customer.tolist(), two.counterpart.tolist()
            (2, [0, 1], [0, 2])
        """
        import numpy as np

        n = self.n
        actors, customers = len(arrays.actors), len(arrays.customers)
        offerings, jobs = len(arrays.offerings) - 1, len(arrays.job_value)
        copy = Resolved(n * copies)
        step = np.arange(copies, dtype=np.int64)

        def tiled(values: Any) -> Any:
            return np.tile(np.asarray(values), copies)

        def shifted(codes: Ints, size: int, *, limit: int | None = None) -> Ints:
            """Codes (-1 for none; below ``limit`` if given) moved into each copy's range."""
            moved = np.tile(np.asarray(codes, dtype=np.int64), copies)
            offset = np.repeat(step * size, len(codes))
            inside = moved >= 0
            if limit is not None:
                inside &= moved < limit
            return np.where(inside, moved + offset, moved)

        copy.customer = shifted(self.customer, customers)
        counterpart = shifted(self.counterpart, actors, limit=actors)
        # Topics keep one code each, after every copy's actors.
        counterpart[np.tile(np.asarray(self.counterpart), copies) >= actors] += actors * (
            copies - 1
        )
        copy.counterpart = counterpart
        copy.offering = shifted(self.offering - 1, offerings) + 1
        copy.level = tiled(self.level)
        copy.period = tiled(self.period)
        copy.recurring = tiled(self.recurring)
        copy.job = shifted(self.job, jobs)
        for name in (
            "units",
            "occurrences",
            "personalisation",
            "effort",
            "risk_probability",
            "risk_loss",
            "psychic_cost",
            "hours",
        ):
            setattr(copy, name, tiled(getattr(self, name)).astype(np.float64))
        for part in ("transfer", "achievement", "contribution", "module"):
            rows = getattr(self, f"{part}_row")
            setattr(copy, f"{part}_row", shifted(rows, n))
        copy.transfer_source = shifted(self.transfer_source, actors)
        copy.transfer_target = shifted(self.transfer_target, actors)
        copy.contribution_actor = shifted(self.contribution_actor, actors)
        for name in (
            "transfer_amount",
            "transfer_money",
            "achievement_importance",
            "achievement_level",
            "contribution_kind",
            "contribution_amount",
            "module_price",
            "module_cost",
        ):
            setattr(copy, name, tiled(getattr(self, name)))
        return copy

    def drop_parts(self) -> None:
        """Let go of the long tables' arrays once the entries are built.

        Examples:
            >>> resolved = Resolved(3)
            >>> resolved.drop_parts()
            >>> len(resolved.customer), len(resolved.transfer_row)
            (3, 0)
        """
        fresh = Resolved(0)
        for name in vars(fresh):
            if name.startswith(("transfer_", "achievement_", "contribution_", "module_")):
                setattr(self, name, getattr(fresh, name))


def resolve(ecosystem: Ecosystem, batch: Batch, checks: Checks) -> Resolved:
    """Map every id of a batch to the ecosystem's codes and check what needs the ecosystem.

    Args:
        ecosystem: The ecosystem whose actors, topics, offerings, jobs, outcomes and
            modules the rows name.
        batch: A batch from [`parse`][cocreation.tables.parse].
        checks: Where problems go: raised at once or collected.

    Returns:
        The resolved batch; rows with problems (when collected) resolve to defaults.

    Raises:
        UnknownIdError: An id the ecosystem does not hold (unless ``checks`` collects).
        ValidationError: A job of another customer, an interaction with oneself, a
            reference point its endpoints contradict, and the like.

    Examples:
        >>> import cocreation as cc
        >>> from cocreation.tables import Checks, parse
        >>> eco = cc.Ecosystem().add_customer("ann")
        >>> checks = Checks(collect=True)
        >>> resolve(eco, parse({"customer": ["bob"]}, {}, checks), checks).n
        1
        >>> print(checks.problems[0])
        interactions row 0, customer: expected the id of a customer, got 'bob'
    """
    import numpy as np

    vocab = ecosystem_arrays(ecosystem)
    main = batch.interactions
    n = main.length
    prepared = Resolved(n)
    table = main.table

    def ref(column: str, expected: str) -> Ints | None:
        labels = main.labels.get(column)
        if labels is None:
            return None
        index = vocab.index_for("interactions", column)
        assert index is not None
        codes, unknown = labels.find(index, vocab)
        if unknown is not None:
            checks.flag(
                "interactions",
                column,
                unknown,
                expected,
                lambda row: table.value_at(column, row),
                unknown=True,
            )
        return codes

    customer = ref("customer", "the id of a customer")
    assert customer is not None
    prepared.customer = np.maximum(customer, 0)
    counterpart = ref("counterpart", "the id of an actor or topic")
    if counterpart is not None:
        # A customer code -1 or -2 (missing, unknown) reads -3: no counterpart's code.
        checks.flag(
            "interactions",
            "counterpart",
            _behind(vocab.customer_actor, -3)[customer] == counterpart,
            _NOT_SELF,
            lambda row: table.value_at("counterpart", row),
        )
        prepared.counterpart = np.maximum(counterpart, -1, out=counterpart)
    offering = ref("offering", "the id of an offering")
    if offering is not None:
        prepared.offering = np.maximum(offering, 0)
    job = ref("job", "the id of a job")
    if job is not None:
        # A job code -1 or -2 (none, unknown) has no owner to differ from the customer.
        other = _behind(vocab.job_owner, -3)[job] != customer
        other &= job >= 0
        if other.any():
            other &= customer >= 0
        checks.flag(
            "interactions",
            "job",
            other,
            "a job of the interaction's customer",
            lambda row: table.value_at("job", row),
        )
        prepared.job = np.maximum(job, -1, out=job)
    if "reference_point" in main.enums and counterpart is not None:
        given = main.enums["reference_point"]
        known = (given >= 0) & (counterpart >= 0)
        implied = np.where(
            known,
            vocab.endpoint_point[np.maximum(counterpart, 0)] if len(vocab.endpoint_point) else -1,
            -1,
        )
        checks.flag(
            "interactions",
            "reference_point",
            known & (implied != given),
            "the reference point its endpoints imply",
            lambda row: table.value_at("reference_point", row),
        )
    if "level" in main.enums:
        prepared.level = (main.enums["level"] + 1).astype(np.int8)  # -1 (none) becomes 0
    if main.period is not None:
        prepared.period = main.period
    if "recurring" in main.flags:
        prepared.recurring = main.flags["recurring"]
    for spec in SPECS["interactions"]:
        if spec.kind == "number" and spec.default is not None and spec.name in main.numbers:
            setattr(prepared, spec.name, main.numbers[spec.name])

    rows_of = batch.rows
    if "transfers" in batch.long:
        parsed = batch.long["transfers"]
        source = _long_ref(parsed, "source", "the id of an actor", checks, vocab)
        target = _long_ref(parsed, "target", "the id of an actor", checks, vocab)
        kind = parsed.enums.get("kind")
        checks.flag(
            "transfers",
            "target",
            (source >= 0) & (source == target),
            _OTHER_THAN_SOURCE,
            lambda row: parsed.table.value_at("target", row),
        )
        keep = (rows_of["transfers"] >= 0) & (source >= 0) & (target >= 0)
        prepared.transfer_row = rows_of["transfers"][keep]
        prepared.transfer_source = source[keep]
        prepared.transfer_target = target[keep]
        prepared.transfer_amount = parsed.numbers["amount"][keep]
        prepared.transfer_money = (
            np.ones(int(keep.sum()), dtype=np.bool_) if kind is None else (kind <= 0)[keep]
        )
    if "contributions" in batch.long:
        parsed = batch.long["contributions"]
        actor = _long_ref(parsed, "actor", "the id of an actor", checks, vocab)
        keep = (rows_of["contributions"] >= 0) & (actor >= 0) & (parsed.enums["kind"] >= 0)
        prepared.contribution_row = rows_of["contributions"][keep]
        prepared.contribution_actor = actor[keep]
        prepared.contribution_kind = parsed.enums["kind"][keep]
        amount = parsed.numbers.get("amount")
        prepared.contribution_amount = np.zeros(int(keep.sum())) if amount is None else amount[keep]
    if "achievements" in batch.long:
        parsed = batch.long["achievements"]
        rows = rows_of["achievements"]
        labels = parsed.labels["outcome"]
        outcome = labels.lookup(vocab.outcome_vocab, vocab)
        row_job = _behind(np.asarray(prepared.job), -1)[rows]  # rows -1, -2: no job
        sizes = (len(vocab.job_value), len(vocab.outcome_vocab))
        position = _pair_lookup(vocab.importance_pairs, row_job, outcome, sizes)
        keep = position >= 0
        checks.flag(
            "achievements",
            "outcome",
            (row_job >= 0) & (labels.codes >= 0) & ~keep,
            "the id of an outcome of the interaction's job",
            lambda row: parsed.table.value_at("outcome", row),
            unknown=True,
        )
        level = parsed.numbers["level"]
        if not keep.all():  # rows of unknown interactions or jobs, when collected
            rows, position, level = rows[keep], position[keep], level[keep]
        prepared.achievement_row = rows
        prepared.achievement_importance = vocab.importance[position]
        prepared.achievement_level = level
    if "modules" in batch.long:
        parsed = batch.long["modules"]
        rows = rows_of["modules"]
        labels = parsed.labels["module"]
        module = labels.lookup(vocab.module_vocab, vocab)
        row_offering = _behind(np.asarray(prepared.offering), 0)[rows]  # rows -1, -2: none
        sizes = (len(vocab.offerings), len(vocab.module_vocab))
        position = _pair_lookup(vocab.module_pairs, row_offering, module, sizes)
        keep = position >= 0
        checks.flag(
            "modules",
            "module",
            (rows >= 0) & (row_offering > 0) & (labels.codes >= 0) & ~keep,
            "the id of a module of the interaction's offering",
            lambda row: parsed.table.value_at("module", row),
            unknown=True,
        )
        if not keep.all():
            rows, position = rows[keep], position[keep]
        prepared.module_row = rows
        prepared.module_price = vocab.module_prices[position]
        prepared.module_cost = vocab.module_costs[position]
    return prepared


def _long_ref(
    parsed: ParsedTable, column: str, expected: str, checks: Checks, vocab: EcosystemArrays
) -> Ints:
    labels = parsed.labels[column]
    index = vocab.index_for(parsed.name, column)
    assert index is not None
    codes, unknown = labels.find(index, vocab)
    if unknown is None:
        return codes
    checks.flag(
        parsed.name,
        column,
        unknown,
        expected,
        lambda row: parsed.table.value_at(column, row),
        unknown=True,
    )
    return codes


def resolve_tables(
    ecosystem: Ecosystem,
    interactions: Any,
    *,
    transfers: Any = None,
    achievements: Any = None,
    contributions: Any = None,
    modules: Any = None,
) -> Resolved:
    """Parse and resolve a batch of tables against an ecosystem, raising on the first problem.

    [`parse`][cocreation.tables.parse] then [`resolve`][cocreation.tables.resolve]
    with the checks that raise: what the bulk accounting and the relationship graph
    read their tables with.

    Raises:
        ValidationError: ``ecosystem`` is no ecosystem, or a bad value, naming table,
            row and column.
        UnknownIdError: A row refers to an id the ecosystem (or the interactions
            table) does not hold.

    Examples:
        >>> import cocreation as cc
        >>> eco = cc.Ecosystem().add_customer("ann", count=4)
        >>> resolve_tables(eco, {"customer": ["ann"], "effort": [2.0]}).effort.tolist()
        [2.0]
    """
    if not isinstance(ecosystem, Ecosystem):
        raise ValidationError("ecosystem", ecosystem, "an Ecosystem")
    checks = Checks(collect=False)
    batch = parse(
        interactions,
        _long_tables(transfers, achievements, contributions, modules),
        checks,
        resolving=True,
        vocab=ecosystem_arrays(ecosystem),
    )
    return resolve(ecosystem, batch, checks)
