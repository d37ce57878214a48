"""Names that moved: kept for one release, with a warning that says where they live now."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

__all__ = ["moved"]


def moved(module: str, name: str, table: Mapping[str, tuple[str, Any]]) -> Any:
    """The object an old name of ``module`` stands for, after a ``DeprecationWarning``.

    Raises:
        AttributeError: ``name`` is no name of ``module``, old or new.

    Examples:
        >>> import warnings
        >>> with warnings.catch_warnings(record=True) as caught:
        ...     warnings.simplefilter("always")
        ...     moved("pkg", "old", {"old": ("pkg.new", 42)})
        42
        >>> str(caught[0].message)
        'pkg.old is deprecated and goes in the next release: use pkg.new'
        >>> moved("pkg", "nothing", {})
        Traceback (most recent call last):
        ...
        AttributeError: module 'pkg' has no attribute 'nothing'
    """
    if name not in table:
        msg = f"module {module!r} has no attribute {name!r}"
        raise AttributeError(msg)
    new, obj = table[name]
    warnings.warn(
        f"{module}.{name} is deprecated and goes in the next release: use {new}",
        DeprecationWarning,
        stacklevel=3,
    )
    return obj
