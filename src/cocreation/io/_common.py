"""Pieces shared by the exchange formats: parsing JSON strictly and describing values."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from attrs import frozen

from cocreation.errors import FormatError
from cocreation.model import (
    Actor,
    Customer,
    Interaction,
    JobToBeDone,
    NetworkPartner,
    Offering,
    Organisation,
    Topic,
)

__all__ = [
    "ACTOR_CLASSES",
    "ACTOR_TAG",
    "FORMAT",
    "FORMAT_VERSION",
    "HEADER",
    "MISSING",
    "RENAMED",
    "Body",
    "Invalid",
    "NonFinite",
    "PathLike",
    "json_text",
    "key_path",
    "parse_json",
    "show",
    "write_text",
]

PathLike = str | os.PathLike[str]
"""A file path, as a string or a path object."""

FORMAT: Final = "cocreation.ecosystem"
"""The value of a document's ``format`` key.

Examples:
    >>> import json, cocreation as cc
    >>> json.loads(cc.dumps(cc.Ecosystem()))["format"] == FORMAT
    True
"""

FORMAT_VERSION: Final = 1
"""The version of the format that this release writes and reads (a document's ``version``).

Examples:
    >>> import json, cocreation as cc
    >>> json.loads(cc.dumps(cc.Ecosystem()))["version"] == FORMAT_VERSION
    True
"""

HEADER: Final = ("format", "version")
"""The keys that say what a document is, checked before anything else."""

ACTOR_TAG: Final = "kind"
"""The key that says which kind of actor an entry of ``actors`` is."""

ACTOR_CLASSES: Final[tuple[type[Any], ...]] = (Customer, Organisation, NetworkPartner)
"""The members of the actor union, in the order the format lists them."""

RENAMED: Final[Mapping[type[Any], Mapping[str, str]]] = {Customer: {"kind": "customer_kind"}}
"""Fields written under another key: a customer's own ``kind`` would clash with the actor tag."""


@frozen
class Body:
    """The part of a document after its header: what the converter structures.

    Args:
        name: A readable name of the ecosystem.
        actors: Customers, organisations and network partners, each with its ``kind``.
        offerings: The value propositions of the organisations.
        jobs: The customers' jobs to be done.
        topics: Topics customers interact with.
        interactions: Events between customers and their reference points.

    Examples:
        >>> Body().actors
        ()
    """

    name: str = ""
    actors: tuple[Actor, ...] = ()
    offerings: tuple[Offering, ...] = ()
    jobs: tuple[JobToBeDone, ...] = ()
    topics: tuple[Topic, ...] = ()
    interactions: tuple[Interaction, ...] = ()


class NonFinite:
    """``NaN``, ``Infinity`` or ``-Infinity`` in a JSON text, kept aside to be rejected with its path.

    Python's ``json`` module accepts these tokens although JSON does not; parsing turns
    them into this marker so that validation can say where they are.

    Examples:
        >>> parse_json('[NaN]')[0]
        NaN
    """

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return self.token


class Invalid(Exception):  # noqa: N818  (an internal signal, turned into a FormatError)
    """A value of the wrong JSON type or outside a closed set, found while structuring.

    Args:
        expected: What the place accepts, in words.
        value: What it holds instead, or `MISSING` if the key is absent.
        key: The key of the enclosing object at fault, if the problem is a key.
        suggestion: The accepted value closest to a mistyped one, if any.

    Examples:
        >>> Invalid("an integer", "3").reason
        "expected an integer, got '3'"
        >>> Invalid("one of 'a', 'b'", MISSING, key="kind").reason
        "missing required key 'kind': expected one of 'a', 'b'"
        >>> Invalid("one of 'design', 'support'", "suport", suggestion="support").reason
        "expected one of 'design', 'support', got 'suport' (did you mean 'support'?)"
    """

    def __init__(
        self,
        expected: str,
        value: Any,
        *,
        key: str | None = None,
        suggestion: str | None = None,
    ) -> None:
        if value is MISSING:
            reason = f"missing required key {key!r}: expected {expected}"
        else:
            reason = f"expected {expected}, got {show(value)}"
        if suggestion is not None:
            reason += f" (did you mean {suggestion!r}?)"
        super().__init__(reason)
        self.expected = expected
        self.value = value
        self.key = key
        self.suggestion = suggestion
        self.reason = reason


MISSING: Final = object()
"""Stands for the value of a key that is absent."""


class _DuplicateKey(Exception):  # noqa: N818
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def show(value: Any) -> str:
    """Describe a value in an error message: scalars as they are, containers by their JSON type.

    Examples:
        >>> show("acme"), show(-3), show(None), show(True), show([1]), show({}), show(float("nan"))
        ("'acme'", '-3', 'null', 'true', 'an array', 'an object', 'NaN')
    """
    if isinstance(value, NonFinite):
        return value.token
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 80 else f"{text[:76]}...'"
    if isinstance(value, int | float):
        try:
            return repr(value)
        except ValueError:  # an integer with more digits than Python prints
            return "a very large integer"
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list | tuple):
        return "an array"
    return f"a {type(value).__name__}"


def key_path(path: str, key: Any) -> str:
    """The JSON path of ``key`` inside the object at ``path``.

    Examples:
        >>> key_path("$.actors[0]", "count"), key_path("$", "odd key")
        ('$.actors[0].count', "$['odd key']")
    """
    if isinstance(key, str) and key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{key!r}]"


def parse_json(text: str | bytes) -> Any:
    """Parse a JSON text strictly, turning every syntax problem into a `FormatError`.

    Non-finite tokens become [`NonFinite`][cocreation.io._common.NonFinite] markers,
    which validation then rejects with their path; duplicate keys in an object are
    rejected, since the format would otherwise keep one of them silently.

    Raises:
        FormatError: The text is not JSON (with line and column), is truncated, is
            not UTF-8, nests too deeply or repeats a key.

    Examples:
        >>> parse_json('{"a": [1, 2.5]}')
        {'a': [1, 2.5]}
        >>> parse_json('{"a": [1, 2')
        Traceback (most recent call last):
        ...
        cocreation.errors.FormatError: $: malformed JSON at line 1, column 12: Expecting ',' delimiter (the text ends too early: truncated?)
    """
    try:
        return json.loads(
            text, parse_constant=NonFinite, object_pairs_hook=_object_without_duplicates
        )
    except json.JSONDecodeError as error:
        if not error.doc.strip():
            raise FormatError("$", "the text is empty, expected a JSON document") from None
        message = error.msg.removesuffix(" starting at")  # the position follows anyway
        reason = f"malformed JSON at line {error.lineno}, column {error.colno}: {message}"
        if error.pos >= len(error.doc.rstrip()) or message == "Unterminated string":
            reason += " (the text ends too early: truncated?)"
        raise FormatError("$", reason) from None
    except UnicodeDecodeError as error:
        reason = f"not UTF-8 text: {error.reason} at byte {error.start}"
        raise FormatError("$", reason) from None
    except RecursionError:
        raise FormatError("$", "the JSON document nests too deeply") from None
    except _DuplicateKey as error:
        reason = f"duplicate key {error.key!r} in a JSON object: each key may appear once"
        raise FormatError("$", reason) from None
    except ValueError as error:  # such as an integer with too many digits
        raise FormatError("$", f"malformed JSON: {error}") from None


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """Write JSON-compatible data as text: strict JSON (no NaN), UTF-8 characters kept.

    Examples:
        >>> json_text({"b": [1, 2.0], "a": "Zürich"}, indent=None)
        '{"b": [1, 2.0], "a": "Zürich"}'
    """
    return json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)


def write_text(path: PathLike, text: str) -> None:
    """Write text as UTF-8, keeping any lone surrogate a JSON string may hold.

    ``json.loads`` decodes bytes the same way, so what is written reads back equal.

    Examples:
        >>> import pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = pathlib.Path(folder) / "odd.json"
        ...     write_text(path, json.dumps(chr(0xD800), ensure_ascii=False))
        ...     json.loads(path.read_bytes()) == chr(0xD800)
        True
    """
    Path(path).write_bytes(text.encode("utf-8", "surrogatepass"))
