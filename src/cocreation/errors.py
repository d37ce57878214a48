"""The exceptions of `cocreation`.

Every error the library raises on purpose derives from [`CocreationError`][cocreation.errors.CocreationError].
Each specific error also subclasses the matching built-in exception, so callers can
catch either the library's class or the familiar built-in one:

| error | also a |
|---|---|
| `ValidationError` | `ValueError` |
| `ReferencePointError` | `ValueError` |
| `DivergenceError` | `ValueError` |
| `DuplicateIdError` | `ValueError` |
| `EstimationError` | `RuntimeError` |
| `UnknownIdError` | `KeyError` |
| `FormatError` | `ValueError` |
| `SchemaVersionError` | `ValueError` |
| `MissingExtraError` | `ImportError` |

Examples:
    >>> from cocreation import Customer
    >>> from cocreation.errors import ValidationError
    >>> try:
    ...     Customer("acme", count=0)
    ... except ValueError as error:
    ...     print(type(error).__name__, "-", error)
    ValidationError - Customer.count: expected an integer >= 1, got 0
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "CocreationError",
    "DivergenceError",
    "DuplicateIdError",
    "EstimationError",
    "FormatError",
    "MissingExtraError",
    "ReferencePointError",
    "SchemaVersionError",
    "UnknownIdError",
    "ValidationError",
]


class CocreationError(Exception):
    """Root of every error raised by `cocreation`.

    Examples:
        >>> from cocreation.errors import CocreationError, ValidationError
        >>> issubclass(ValidationError, CocreationError)
        True
    """


class ValidationError(CocreationError, ValueError):
    """A value is outside what its field accepts.

    Attributes:
        field: The qualified field name, such as ``"Customer.count"``.
        value: The offending value.
        expected: What the field accepts, in words.

    Examples:
        >>> error = ValidationError("Outcome.importance", 11.0, "a number in [0, 10]")
        >>> str(error)
        'Outcome.importance: expected a number in [0, 10], got 11.0'
        >>> error.field, error.value
        ('Outcome.importance', 11.0)
    """

    def __init__(self, field: str, value: Any, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        msg = f"{field}: expected {expected}, got {value!r}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the fields, so the error crosses process boundaries intact.
        return (type(self), (self.field, self.value, self.expected))


class ReferencePointError(ValidationError):
    """An interaction states a reference point its endpoints contradict.

    Examples:
        >>> from cocreation.model import ReferencePoint
        >>> error = ReferencePointError(
        ...     "Interaction.reference_point", ReferencePoint.TOPIC, "ORGANISATION (from its endpoints)"
        ... )
        >>> isinstance(error, ValueError)
        True
    """


class DivergenceError(ValidationError):
    """A sum that would diverge, such as a lifetime value with retention >= 1 + discount rate.

    Examples:
        >>> error = DivergenceError("retention", 1.2, "a retention below 1 + discount_rate = 1.1")
        >>> str(error)
        'retention: expected a retention below 1 + discount_rate = 1.1, got 1.2'
    """


class DuplicateIdError(ValidationError):
    """Two entities of one ecosystem share an id.

    Examples:
        >>> str(DuplicateIdError("Ecosystem.id", "acme", "an id not used by another entity"))
        "Ecosystem.id: expected an id not used by another entity, got 'acme'"
    """


class EstimationError(CocreationError, RuntimeError):
    """A model could not be fitted to the data: the optimiser failed or a parameter ran to a bound.

    The data were valid, but the maximum of the likelihood could not be found, or lies
    at the edge of the parameter space (say, a retention that never falls, or no
    customer ever dropping out), where the model's published parameters are not
    defined and their standard errors are meaningless.

    Attributes:
        field: The model and parameter concerned, such as ``"bg_nbd.a"``.
        value: The value reached, or what the optimiser reported.
        reason: What went wrong, and what to do about it.

    Examples:
        >>> error = EstimationError("shifted_beta_geometric.beta", 3.1e9, "the fit ran to a bound")
        >>> str(error)
        'shifted_beta_geometric.beta: the fit ran to a bound, got 3100000000.0'
        >>> isinstance(error, RuntimeError)
        True
    """

    def __init__(self, field: str, value: Any, reason: str) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        msg = f"{field}: {reason}, got {value!r}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.reason))


class UnknownIdError(CocreationError, KeyError):
    """A reference names an id that the ecosystem does not hold.

    Attributes:
        field: Where the reference was found, such as ``"Interaction.counterpart"``.
        value: The unknown id.
        expected: What kind of entity the id should name.

    Examples:
        >>> error = UnknownIdError("Interaction.counterpart", "nobody", "the id of an actor or topic")
        >>> str(error)
        "Interaction.counterpart: expected the id of an actor or topic, got unknown id 'nobody'"
        >>> isinstance(error, KeyError)
        True
    """

    def __init__(self, field: str, value: Any, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        msg = f"{field}: expected {expected}, got unknown id {value!r}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.expected))

    def __str__(self) -> str:
        # KeyError quotes its argument; an error message reads better unquoted.
        return str(self.args[0])


class FormatError(CocreationError, ValueError):
    """A file or document is malformed, truncated or does not follow the exchange format.

    Attributes:
        path: Where in the document the problem is (``"$"`` for the whole document).
        reason: What is wrong there.

    Examples:
        >>> str(FormatError("$.actors[0].count", "expected an integer >= 1, got 0"))
        '$.actors[0].count: expected an integer >= 1, got 0'
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        msg = f"{path}: {reason}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason))


class SchemaVersionError(FormatError):
    """A document declares a format version this release cannot read.

    Examples:
        >>> str(SchemaVersionError("$.version", "expected format version 1, got 99"))
        '$.version: expected format version 1, got 99'
    """


class MissingExtraError(CocreationError, ImportError):
    """An optional dependency is missing; the message names the extra that installs it.

    Examples:
        >>> str(MissingExtraError("pandas", "pandas", "Result.to_frame"))
        "Result.to_frame needs pandas: pip install 'cocreation[pandas]'"
    """

    def __init__(self, module: str, extra: str, feature: str) -> None:
        self.module = module
        self.extra = extra
        self.feature = feature
        msg = f"{feature} needs {module}: pip install 'cocreation[{extra}]'"
        super().__init__(msg, name=module)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.module, self.extra, self.feature))
