"""Example ecosystems shipped with the package, as files in the exchange format."""

from __future__ import annotations

from importlib import resources
from typing import Final

from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError
from cocreation.io._json import loads

__all__ = ["example_ecosystem", "example_names"]

_FOLDER: Final = "examples"
_SUFFIX: Final = ".json"


def example_names() -> tuple[str, ...]:
    """The names of the bundled example ecosystems, sorted.

    Examples:
        >>> "co-selling" in example_names()
        True
    """
    folder = resources.files("cocreation.io").joinpath(_FOLDER)
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in folder.iterdir()
            if entry.name.endswith(_SUFFIX) and entry.is_file()
        )
    )


def example_ecosystem(name: str = "co-selling") -> Ecosystem:
    """A bundled example ecosystem, loaded from its JSON file in the package.

    ``"co-selling"`` is a fictional B2B telecom provider, Alpine Telecom, that
    co-defines modular offerings with its business customers' management in co-selling
    workshops, integrates a cloud complementor (with a revenue share), a user
    community and a self-service portal, and co-creates with its customers on all four
    levels: design, production, referral and support.

    Args:
        name: One of [`example_names`][cocreation.io.example_names].

    Returns:
        A new, valid ecosystem.

    Raises:
        ValidationError: No example has this name.

    Examples:
        >>> eco = example_ecosystem()
        >>> eco.organisation("alpine-telecom").name
        'Alpine Telecom'
        >>> sorted({i.level.value for i in eco.interactions if i.level is not None})
        ['design', 'production', 'referral', 'support']
        >>> example_ecosystem("nowhere")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: example_ecosystem.name: expected the name of a bundled example (one of 'co-selling'), got 'nowhere'
    """
    names = example_names()
    if name not in names:
        known = ", ".join(repr(known_name) for known_name in names)
        raise ValidationError(
            "example_ecosystem.name", name, f"the name of a bundled example (one of {known})"
        )
    file = resources.files("cocreation.io").joinpath(_FOLDER).joinpath(name + _SUFFIX)
    return loads(file.read_bytes())
