"""Example ecosystems shipped with the package, as files in the exchange format."""

from __future__ import annotations

from importlib import resources
from typing import Final

from cocreation.ecosystem import Ecosystem
from cocreation.errors import ValidationError, closest
from cocreation.io._json import loads

__all__ = ["example_description", "example_ecosystem", "example_names"]

_FOLDER: Final = "examples"
_SUFFIX: Final = ".json"

_DESCRIPTIONS: Final = {
    "co-selling": (
        "Alpine Telecom, a B2B telecom provider, co-defines modular offerings with its "
        "business customers' management in co-selling workshops, integrates a cloud "
        "complementor (with a revenue share), a user community and a self-service portal, "
        "and co-creates on all four levels: design, production, referral and support."
    ),
    "open-innovation": (
        "CleanCo, a household brand, runs an idea challenge on an open-innovation "
        "platform and holds workshops with lead users, who test prototypes at an enzyme "
        "supplier's lab: co-creation in design, with DART scores (examples/open_innovation.py)."
    ),
    "outcome-based-contract": (
        "AirCo runs a compressor station at a factory and is paid per thousand cubic "
        "metres of compressed air delivered, over a five-year contract with a "
        "sensor-cloud partner; the factory's staff do the daily checks "
        "(examples/outcome_based_contract.py)."
    ),
    "referral-programme": (
        "GreenBox, a meal-kit subscription, pays its founding customers a bonus for each "
        "friend they refer, in two waves of referrals: co-creation in selling, with the "
        "referral value of each referrer (examples/referral_programme.py)."
    ),
    "self-service-kiosks": (
        "Burger Corner lets students and office workers order at a self-service kiosk "
        "run by a platform partner or at the counter, each segment choosing by what its "
        "time is worth: co-creation in production (examples/self_service_kiosks.py)."
    ),
    "user-community": (
        "PhotoForge hosts a user forum where power users help newcomers (influence "
        "value) and a few angry users put prospects off (negative influence): "
        "co-creation in support (examples/user_community.py)."
    ),
}


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
    levels: design, production, referral and support. The others are the ecosystems
    of the scripts in ``examples/``; [`example_description`][cocreation.io.example_description]
    says what each models.

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
        >>> example_ecosystem("co-seling")
        Traceback (most recent call last):
        ...
        cocreation.errors.ValidationError: example_ecosystem.name: expected the name of a bundled example (one of 'co-selling', 'open-innovation', ...), got 'co-seling' (did you mean 'co-selling'?)
    """
    _check_name("example_ecosystem.name", name)
    file = resources.files("cocreation.io").joinpath(_FOLDER).joinpath(name + _SUFFIX)
    return loads(file.read_bytes())


def _check_name(field: str, name: str) -> None:
    names = example_names()
    if name not in names:
        known = ", ".join(repr(known_name) for known_name in names)
        raise ValidationError(
            field, name, f"the name of a bundled example (one of {known})", closest(name, names)
        )


def example_description(name: str) -> str:
    """What a bundled example models, in a sentence or two.

    Args:
        name: One of [`example_names`][cocreation.io.example_names].

    Raises:
        ValidationError: No example has this name.

    Examples:
        >>> example_description("user-community")[:47]
        'PhotoForge hosts a user forum where power users'
    """
    _check_name("example_description.name", name)
    return _DESCRIPTIONS.get(name, example_ecosystem(name).name)
