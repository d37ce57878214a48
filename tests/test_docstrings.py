"""Every public name has a docstring with an example, and every example runs.

Functions, classes and methods are run by pytest's doctest collection over src;
constants and type aliases keep their docstrings in the source only (Python does
not attach them), so this module finds and runs those itself.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import itertools
from pathlib import Path
from types import ModuleType

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "cocreation"
MODULES = [
    "cocreation",
    "cocreation.model",
    "cocreation.ecosystem",
    "cocreation.tables",
    "cocreation.accounting",
    "cocreation.bulk",
    "cocreation.voc",
    "cocreation.analysis",
    "cocreation.estimate",
    "cocreation.io",
    "cocreation.plot",
    "cocreation.frames",
    "cocreation.strategies",
    "cocreation.errors",
    "cocreation.cli",
]


def attribute_docstrings() -> dict[str, tuple[str, str]]:
    """Module-level ``NAME = ...`` followed by a string: name -> (module, docstring)."""
    found: dict[str, tuple[str, str]] = {}
    for path in SRC.rglob("*.py"):
        module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        body = ast.parse(path.read_text(encoding="utf-8")).body
        for node, following in itertools.pairwise(body):
            targets: list[ast.expr] = []
            if isinstance(node, ast.Assign):
                targets = list(node.targets)
            elif isinstance(node, ast.AnnAssign):
                targets = [node.target]
            if (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
            ):
                for target in targets:
                    if isinstance(target, ast.Name):
                        found[target.id] = (module, following.value.value)
    return found


ATTRIBUTES = attribute_docstrings()


def public_names() -> list[tuple[str, str]]:
    return [
        (module, name) for module in MODULES for name in importlib.import_module(module).__all__
    ]


def docstring_of(module: str, name: str) -> str:
    obj = getattr(importlib.import_module(module), name)
    if inspect.isclass(obj) or inspect.isroutine(obj) or isinstance(obj, ModuleType):
        return inspect.getdoc(obj) or ""
    assert name in ATTRIBUTES, f"{module}.{name} has no docstring in the source"
    return ATTRIBUTES[name][1]


@pytest.mark.parametrize(("module", "name"), public_names(), ids=lambda v: str(v))
def test_every_public_name_has_a_docstring_with_an_example(module: str, name: str) -> None:
    assert ">>>" in docstring_of(module, name)


def public_methods() -> list[tuple[str, str]]:
    import cocreation

    methods: list[tuple[str, str]] = []
    for name in cocreation.__all__:
        obj = getattr(cocreation, name)
        if inspect.isclass(obj) and obj.__module__.startswith("cocreation"):
            methods.extend(
                (name, attribute)
                for attribute, value in vars(obj).items()
                if not attribute.startswith("_") and inspect.isfunction(value)
            )
    return methods


@pytest.mark.parametrize(("owner", "method"), public_methods(), ids=lambda v: str(v))
def test_every_public_method_has_an_example(owner: str, method: str) -> None:
    import cocreation

    assert ">>>" in (getattr(getattr(cocreation, owner), method).__doc__ or "")


CONSTANTS = sorted(
    {
        (module, name)
        for module, name in public_names()
        if not (
            inspect.isclass(obj := getattr(importlib.import_module(module), name))
            or inspect.isroutine(obj)
            or isinstance(obj, ModuleType)
        )
    }
)


@pytest.mark.parametrize(("module", "name"), CONSTANTS, ids=lambda v: str(v))
def test_examples_of_constants_and_aliases_run(module: str, name: str) -> None:
    defining, text = ATTRIBUTES[name]
    namespace = dict(vars(importlib.import_module(defining)))
    test = doctest.DocTestParser().get_doctest(text, namespace, f"{defining}.{name}", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    assert runner.failures == 0
    assert runner.tries > 0
