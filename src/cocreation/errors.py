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
| `UnknownFieldError` | `TypeError` (and `ValueError`) |
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

from collections.abc import Sequence
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
    "UnknownFieldError",
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
        suggestion: The accepted value closest to a mistyped one (``'support'`` for
            ``'suport'``), when one is close enough to be a likely typo, else ``None``.

    Examples:
        >>> error = ValidationError("Outcome.importance", 11.0, "a number in [0, 10]")
        >>> str(error)
        'Outcome.importance: expected a number in [0, 10], got 11.0'
        >>> error.field, error.value
        ('Outcome.importance', 11.0)
        >>> str(ValidationError("Interaction.level", "suport", "one of 'design', 'support'", "support"))
        "Interaction.level: expected one of 'design', 'support', got 'suport' (did you mean 'support'?)"
    """

    def __init__(
        self, field: str, value: Any, expected: str, suggestion: str | None = None
    ) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.suggestion = suggestion
        msg = f"{field}: expected {expected}, got {value!r}{_did_you_mean(suggestion)}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the fields, so the error crosses process boundaries intact.
        return (type(self), (self.field, self.value, self.expected, self.suggestion))


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
        suggestion: The closest id of that kind, when one is close enough to be a
            likely typo, else ``None``.

    Examples:
        >>> error = UnknownIdError("Interaction.counterpart", "nobody", "the id of an actor or topic")
        >>> str(error)
        "Interaction.counterpart: expected the id of an actor or topic, got unknown id 'nobody'"
        >>> isinstance(error, KeyError)
        True
        >>> str(UnknownIdError("Interaction.customer", "harbor", "the id of a customer", "harbour"))
        "Interaction.customer: expected the id of a customer, got unknown id 'harbor' (did you mean 'harbour'?)"
    """

    def __init__(
        self, field: str, value: Any, expected: str, suggestion: str | None = None
    ) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        self.suggestion = suggestion
        msg = f"{field}: expected {expected}, got unknown id {value!r}{_did_you_mean(suggestion)}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.field, self.value, self.expected, self.suggestion))

    def __str__(self) -> str:
        # KeyError quotes its argument; an error message reads better unquoted.
        return str(self.args[0])


class UnknownFieldError(ValidationError, TypeError):
    """A keyword or a key names a field that the class does not have.

    Raised by the ecosystem's builders (``add_customer(..., retension=0.9)``) and
    reported by loaders for an unknown key. Also a ``TypeError``, as Python's own
    error for an unexpected keyword argument is.

    Attributes:
        field: The qualified name given, such as ``"Customer.retension"``.
        value: The value given for it.
        expected: The fields the class has, in words.
        suggestion: The closest field name, when one is close enough to be a likely
            typo, else ``None``.

    Examples:
        >>> error = UnknownFieldError("Customer.retension", 0.9, "a field of Customer", "retention")
        >>> str(error)
        "Customer.retension: expected a field of Customer, got unknown field 'retension' = 0.9 (did you mean 'retention'?)"
        >>> isinstance(error, TypeError), error.suggestion
        (True, 'retention')
    """

    def __init__(
        self, field: str, value: Any, expected: str, suggestion: str | None = None
    ) -> None:
        super().__init__(field, value, expected, suggestion)
        name = field.rsplit(".", 1)[-1]
        msg = (
            f"{field}: expected {expected}, got unknown field {name!r} = {value!r}"
            f"{_did_you_mean(suggestion)}"
        )
        self.args = (msg,)


def _did_you_mean(suggestion: str | None) -> str:
    return "" if suggestion is None else f" (did you mean {suggestion!r}?)"


def closest(word: object, candidates: Sequence[str] | Any) -> str | None:
    """The candidate closest to ``word``, if one is close enough to be a likely typo.

    Used to suggest an id or a field name in error messages (``harbor`` for
    ``harbour``, ``retension`` for ``retention``). Compares case-insensitively, with
    the similarity ratio of :mod:`difflib`; returns ``None`` for anything that is not
    a string, or when nothing is close.

    Args:
        word: What was given.
        candidates: The names that exist (any iterable of strings).

    Returns:
        The closest candidate, or ``None``.

    Examples:
        >>> closest("harbor", ["harbour", "lakeside", "kiosk"])
        'harbour'
        >>> closest("retension", ["retention", "referred_by", "count"])
        'retention'
        >>> closest("zzz", ["retention"]) is None
        True
    """
    if not isinstance(word, str) or not word:
        return None
    import difflib  # only on the way to an error message

    names = [name for name in candidates if isinstance(name, str) and name != word]
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower.setdefault(name.lower(), name)
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.8)
    return by_lower[found[0]] if found else None


class FormatError(CocreationError, ValueError):
    """A file or document is malformed, truncated or does not follow the exchange format.

    Loaders raise it without chaining the exceptions of the parsers they use, so what
    a user sees is this error alone; what else is known stays on its attributes.

    Attributes:
        path: Where in the document the problem is (``"$"`` for the whole document).
        reason: What is wrong there.
        problems: Every problem found, each a ``(path, reason)`` pair, this one first.
        cause: The library's own error behind this one, where the model or the
            ecosystem found the problem (a
            [`ValidationError`][cocreation.errors.ValidationError], an
            [`UnknownIdError`][cocreation.errors.UnknownIdError], ...), else ``None``.

    Examples:
        >>> str(FormatError("$.actors[0].count", "expected an integer >= 1, got 0"))
        '$.actors[0].count: expected an integer >= 1, got 0'
        >>> FormatError("$.name", "expected a string, got 3").problems
        (('$.name', 'expected a string, got 3'),)
    """

    def __init__(
        self,
        path: str,
        reason: str,
        problems: Sequence[tuple[str, str]] | None = None,
        cause: CocreationError | None = None,
    ) -> None:
        self.path = path
        self.reason = reason
        self.problems = tuple(problems) if problems else ((path, reason),)
        self.cause = cause
        msg = f"{path}: {reason}"
        super().__init__(msg)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason, self.problems, self.cause))


class SchemaVersionError(FormatError):
    """A document declares a format version this release cannot read.

    Examples:
        >>> str(SchemaVersionError("$.version", "expected format version 1, got 99"))
        '$.version: expected format version 1, got 99'
    """


class MissingExtraError(CocreationError, ImportError):
    """An optional dependency is missing; the message says how to install the extra that brings it.

    The message gives the command for an install from a package index and, when
    ``cocreation`` itself was installed from a folder (a checkout of the project),
    the command that installs the extra from that folder too.

    Attributes:
        module: The module that is missing.
        extra: The extra that installs it.
        feature: What needs it.

    Examples:
        >>> str(MissingExtraError("pandas", "pandas", "Result.to_frame"))  # doctest: +ELLIPSIS
        "Result.to_frame needs pandas: pip install 'cocreation[pandas]'..."
    """

    def __init__(self, module: str, extra: str, feature: str) -> None:
        self.module = module
        self.extra = extra
        self.feature = feature
        msg = f"{feature} needs {module}: {install_hint(extra)}"
        super().__init__(msg, name=module)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.module, self.extra, self.feature))


def _checkout() -> tuple[str, bool] | None:
    """The folder ``cocreation`` was installed from and whether editably, or ``None``."""
    import json
    from importlib import metadata
    from urllib.parse import unquote, urlparse

    try:
        text = metadata.distribution("cocreation").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    try:
        origin = json.loads(text) if text else None
    except ValueError:
        return None
    if not isinstance(origin, dict) or not isinstance(origin.get("dir_info"), dict):
        return None  # from an index or an archive
    url = origin.get("url")
    if not isinstance(url, str) or not url.startswith("file:"):
        return None
    return unquote(urlparse(url).path), bool(origin["dir_info"].get("editable", False))


def install_hint(extra: str) -> str:
    """The pip commands that install an extra, from an index and from a checkout.

    The second is given when ``cocreation`` was installed from a folder (a checkout
    of the project), naming that folder, editable if the install was.

    Examples:
        >>> install_hint("plot")  # doctest: +ELLIPSIS
        "pip install 'cocreation[plot]'..."
    """
    hint = f"pip install 'cocreation[{extra}]'"
    checkout = _checkout()
    if checkout is not None:
        folder, editable = checkout
        command = f"pip install {'-e ' if editable else ''}'{folder}[{extra}]'"
        hint += f" (or, for the checkout it was installed from, {command})"
    return hint
