"""Optional dependencies, imported only inside the functions that use them."""

from __future__ import annotations

import importlib
from types import ModuleType

from cocreation.errors import MissingExtraError

__all__ = ["require", "require_numpy_and_pandas"]


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import an optional module, or raise an error that names the extra to install.

    Examples:
        >>> require("json", "none", "a doctest").__name__
        'json'
        >>> require("no_such_module_here", "pandas", "Result.to_frame")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        cocreation.errors.MissingExtraError: Result.to_frame needs no_such_module_here: pip install 'cocreation[pandas]'...
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:  # kept as the cause: a broken install says why here
        raise MissingExtraError(module, extra, feature) from error


def require_numpy_and_pandas(feature: str) -> None:
    """Fail early, naming the extra, when pandas (and with it NumPy) is absent.

    Examples:
        >>> require_numpy_and_pandas("a doctest")
    """
    require("numpy", "pandas", feature)
    require("pandas", "pandas", feature)
