"""A mistyped keyword of a constructor names the field it most likely meant."""

from __future__ import annotations

import functools
import re
from typing import Any, Final, TypeVar

import attrs

from cocreation.errors import UnknownFieldError, closest

__all__ = ["suggesting_fields"]

_C = TypeVar("_C", bound=type)
_UNEXPECTED: Final = re.compile(r"unexpected keyword argument '(?P<name>[^']+)'")


def suggesting_fields(cls: _C) -> _C:
    """Make ``cls(retension=0.9)`` raise [`UnknownFieldError`][cocreation.errors.UnknownFieldError], naming the closest field.

    Wraps the attrs-generated ``__init__``: a keyword that names no field fails
    Python's own call as before, and the ``TypeError`` it raises becomes the
    library's error (a ``TypeError`` too), with the field list and the likeliest
    meant field; nothing else changes.

    Examples:
        >>> @suggesting_fields
        ... @attrs.frozen
        ... class Stick:
        ...     price: float
        >>> Stick(prise=1.0)
        Traceback (most recent call last):
        ...
        cocreation.errors.UnknownFieldError: Stick.prise: expected a field of Stick (price), got unknown field 'prise' = 1.0 (did you mean 'price'?)
    """
    init = vars(cls)["__init__"]
    names = sorted(field.alias for field in attrs.fields(cls) if field.init)

    @functools.wraps(init)
    def checked(self: Any, *args: Any, **kwargs: Any) -> None:
        try:
            init(self, *args, **kwargs)
        except TypeError as error:
            found = _UNEXPECTED.search(str(error))
            if found is None or found["name"] not in kwargs or isinstance(error, UnknownFieldError):
                raise
            name = found["name"]
            raise UnknownFieldError(
                f"{cls.__name__}.{name}",
                kwargs[name],
                f"a field of {cls.__name__} ({', '.join(n for n in names if n != 'id')})",
                closest(name, names),
            ) from None

    cls.__init__ = checked  # type: ignore[misc]
    return cls
