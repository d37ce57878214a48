"""Building blocks shared by the strategies: ids, texts, bounded floats, pins and pools.

Strategies are built once and reused (``functools.cache``): building a strategy inside
a draw costs far more than drawing from it, and whole ecosystems make many draws.
"""

from __future__ import annotations

import functools
import string
from collections.abc import Collection, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.strategies import SearchStrategy

__all__ = [
    "BOOLEANS",
    "bounded",
    "check_size",
    "count",
    "draw_id",
    "draw_member",
    "draw_optional",
    "draw_subset",
    "ids",
    "member",
    "resolve",
    "resolve_optional",
    "texts",
    "unique_id",
]

T = TypeVar("T")

BOOLEANS = st.booleans()


def _span(first: int, last: int) -> str:
    return "".join(chr(code) for code in range(first, last + 1))


_SLUG_ALPHABET = string.ascii_lowercase + string.digits + "-_."
# Letters of several scripts (Latin-1, Greek, Cyrillic, CJK, including characters
# outside the Basic Multilingual Plane), punctuation, symbols and emoji. Never
# whitespace, never a control, surrogate or unassigned code point, so every id and text
# stays readable, strips to itself, and is valid in XML. Contiguous blocks keep
# drawing fast.
_LETTERS = (
    string.ascii_letters
    + string.digits
    + _span(0x00C0, 0x00FF)  # Latin-1 letters (and the signs for times and divide)
    + _span(0x0391, 0x03A1)  # Greek capitals alpha to rho
    + _span(0x03A3, 0x03C9)  # Greek sigma to small omega
    + _span(0x0410, 0x044F)  # Cyrillic
    + _span(0x4E00, 0x4E3F)  # CJK ideographs
    + _span(0x20000, 0x2000F)  # CJK ideographs beyond the Basic Multilingual Plane
)
_MARKS = (
    string.punctuation
    + _span(0x00A1, 0x00AC)  # Latin-1 signs: inverted marks, currencies, guillemets
    + _span(0x2010, 0x2027)  # dashes, curly quotes, bullet, ellipsis
    + _span(0x20A0, 0x20AF)  # currency signs
    + _span(0x1F600, 0x1F60F)  # emoji
)
_SLUGS = st.text(_SLUG_ALPHABET, min_size=1, max_size=8)
_WORDS = st.text(_LETTERS + _MARKS, min_size=1, max_size=6)
_SEPARATORS = st.sampled_from([" ", "/", ":", " & ", "·", ", "])
# Mostly plain slugs ("acme-2"); sometimes a slug and a word, which may be of another
# script and hold punctuation ("acme & Sörli", "ops/東京", "crm:Ωmega!").
_IDS = st.one_of(_SLUGS, st.builds("{}{}{}".format, _SLUGS, _SEPARATORS, _WORDS))
_TEXT_ALPHABET = _LETTERS + _MARKS + " \N{NO-BREAK SPACE}"


def unique_id(base: str, taken: Collection[str]) -> str:
    """``base``, or ``base`` with the first numeric suffix that is not in ``taken``."""
    candidate = base
    number = 2
    while candidate in taken:
        candidate = f"{base}-{number}"
        number += 1
    return candidate


def ids(*, exclude: Collection[str] = ()) -> SearchStrategy[str]:
    """Readable ids: short slugs, sometimes words with punctuation or of other scripts.

    Every id is non-empty and has no leading or trailing whitespace. An id drawn that
    is in ``exclude`` gets a numeric suffix (``"acme-2"``), so the result is never in
    ``exclude`` and nothing is rejected.

    Args:
        exclude: Ids that must not be drawn, such as those an ecosystem already holds.

    Returns:
        A strategy for id strings.

    Examples:
        >>> from hypothesis import given
        >>> @given(ids(exclude={"acme"}))
        ... def test(entity_id):
        ...     assert entity_id == entity_id.strip() != ""
        ...     assert entity_id != "acme"
        >>> test()
    """
    if not exclude:
        return _IDS
    taken = frozenset(exclude)
    return _IDS.map(lambda base: unique_id(base, taken))


def draw_id(draw: st.DrawFn, taken: Collection[str] = ()) -> str:
    """Draw an id that is not in ``taken``."""
    return unique_id(draw(_IDS), taken)


@functools.cache
def texts(max_size: int = 24) -> SearchStrategy[str]:
    """Readable free text for names, statements and labels (possibly empty)."""
    return st.text(_TEXT_ALPHABET, max_size=max_size)


@functools.cache
def bounded(low: float, high: float) -> SearchStrategy[float]:
    """Finite floats in ``[low, high]``."""
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


@functools.cache
def count(high: int, low: int = 0) -> SearchStrategy[int]:
    """Integers in ``[low, high]``."""
    return st.integers(low, high)


@functools.lru_cache(maxsize=64)
def member(options: tuple[Any, ...]) -> SearchStrategy[Any]:
    """One of ``options`` (a tuple, such as the members of an enum)."""
    return st.sampled_from(options)


def draw_member(draw: st.DrawFn, pool: Sequence[T]) -> T:
    """Draw a member of a non-empty ``pool``."""
    return pool[draw(count(len(pool) - 1))]


def draw_optional(draw: st.DrawFn, pool: Sequence[T]) -> T | None:
    """Draw ``None`` or a member of ``pool`` (always ``None`` for an empty pool)."""
    if not pool or not draw(BOOLEANS):
        return None
    return draw_member(draw, pool)


def draw_subset(draw: st.DrawFn, pool: Sequence[T], max_size: int, min_size: int = 0) -> list[T]:
    """Draw up to ``max_size`` distinct members of ``pool``, in drawn order.

    At least ``min_size`` of them, or all of ``pool`` if it holds fewer.
    """
    left = list(dict.fromkeys(pool))
    most = min(max_size, len(left))
    size = draw(count(most, min(min_size, most)))
    return [left.pop(draw(count(len(left) - 1))) for _ in range(size)]


def resolve(draw: st.DrawFn, value: T | SearchStrategy[T]) -> T:
    """The value pinned, or one drawn from the strategy pinned."""
    if isinstance(value, SearchStrategy):
        drawn: T = draw(value)
        return drawn
    return value


def resolve_optional(draw: st.DrawFn, value: T | SearchStrategy[T | None]) -> T | None:
    """The value pinned, or one (possibly ``None``) drawn from the strategy pinned."""
    if isinstance(value, SearchStrategy):
        drawn: T | None = draw(value)
        return drawn
    return value


def check_size(name: str, value: int) -> None:
    """Reject a size argument that is not a non-negative int."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        msg = f"{name} must be a non-negative integer, got {value!r}"
        raise InvalidArgument(msg)
