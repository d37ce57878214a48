"""Importing the package: fast, free of heavy dependencies, with a documented public API."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import cocreation

HEAVY = ("pandas", "matplotlib", "scipy", "numpy", "hypothesis", "jsonschema")
PACKAGE_DIR = Path(cocreation.__file__).parent
PUBLIC_MODULES = (
    "cocreation",
    "cocreation.errors",
    "cocreation.model",
    "cocreation.ecosystem",
    "cocreation.analysis",
    "cocreation.estimate",
)


def loaded_after(statement: str) -> set[str]:
    """The top-level names in ``sys.modules`` of a fresh interpreter after ``statement``."""
    code = (
        "import json, sys\n"
        f"{statement}\n"
        "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    loaded: list[str] = json.loads(result.stdout)
    return set(loaded)


def test_import_cocreation_loads_no_heavy_dependency() -> None:
    loaded = loaded_after("import cocreation")
    assert "cocreation" in loaded
    assert loaded.isdisjoint(HEAVY), sorted(loaded.intersection(HEAVY))


def test_importing_the_estimate_package_loads_neither_numpy_nor_scipy() -> None:
    # NumPy and SciPy load when a fit runs, not when the package is imported.
    loaded = loaded_after("from cocreation import estimate")
    assert loaded.isdisjoint(HEAVY), sorted(loaded.intersection(HEAVY))


def test_the_control_detects_a_loaded_module() -> None:
    # Guards the test above: the subprocess really reports what it imported.
    assert "fractions" in loaded_after("import cocreation, fractions")


def isort_key(name: str) -> tuple[int, str]:
    """Ruff's RUF022 order: SCREAMING_SNAKE_CASE, then CamelCase, then everything else."""
    if name.isupper():
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_all_is_sorted_and_free_of_duplicates(module_name: str) -> None:
    module = importlib.import_module(module_name)
    names: list[str] = list(module.__all__)
    assert names == sorted(names, key=isort_key)
    assert len(names) == len(set(names))


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_every_name_in_all_exists(module_name: str) -> None:
    module = importlib.import_module(module_name)
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []


def test_the_top_level_re_exports_every_public_name_of_its_layers() -> None:
    for layer in ("cocreation.errors", "cocreation.model"):
        module = importlib.import_module(layer)
        assert set(module.__all__) <= set(cocreation.__all__), layer


@functools.cache
def attribute_docstrings() -> frozenset[str]:
    """Names assigned at module level in the package and followed by a docstring."""
    documented: set[str] = set()
    for path in PACKAGE_DIR.rglob("*.py"):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        for statement, following in itertools.pairwise(body):
            if not (
                isinstance(following, ast.Expr)
                and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)
                and following.value.value.strip()
            ):
                continue
            targets: list[ast.expr]
            if isinstance(statement, ast.Assign):
                targets = list(statement.targets)
            elif isinstance(statement, ast.AnnAssign):
                targets = [statement.target]
            else:
                continue
            documented.update(t.id for t in targets if isinstance(t, ast.Name))
    return frozenset(documented)


def own_docstring(obj: object) -> str | None:
    """The docstring written for ``obj`` itself, not one it inherits from its type."""
    if inspect.isclass(obj) or inspect.isroutine(obj) or inspect.ismodule(obj):
        doc = obj.__doc__
        return doc if isinstance(doc, str) else None
    return None


@pytest.mark.parametrize("name", cocreation.__all__)
def test_every_public_name_has_a_docstring(name: str) -> None:
    obj = getattr(cocreation, name)
    doc = own_docstring(obj)
    if doc is None:
        # A type alias or constant: documented by the string that follows its assignment.
        assert name in attribute_docstrings(), name
    else:
        assert doc.strip(), name


def test_the_docstring_check_rejects_an_undocumented_class() -> None:
    class Bare:
        pass

    assert own_docstring(Bare) is None
    assert "Bare" not in attribute_docstrings()


def import_targets(path: Path) -> set[str]:
    """The ``cocreation`` sub-packages a source file imports from."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "cocreation":
                targets.add(parts[1] if len(parts) > 1 else "")
    return targets


# Arrows point down only: each layer may import itself, the errors and the layers below.
ALLOWED = {
    "model": {"errors", "model"},
    "ecosystem": {"errors", "_display", "model", "ecosystem"},
    "tables": {"errors", "_optional", "model", "ecosystem", "tables"},
    "voc": {"errors", "_display", "voc"},
    "accounting": {
        "errors",
        "_display",
        "_optional",
        "_deprecated",
        "model",
        "ecosystem",
        "tables",
        "voc",
        "accounting",
    },
    "analysis": {
        "errors",
        "_display",
        "_optional",
        "model",
        "ecosystem",
        "tables",
        "accounting",
        "voc",
        "analysis",
    },
    # Models fitted to data: above accounting, loading NumPy and SciPy on demand.
    "estimate": {
        "_display",
        "_optional",
        "errors",
        "model",
        "ecosystem",
        "accounting",
        "estimate",
    },
}


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layers_import_only_downwards(layer: str) -> None:
    files = sorted((PACKAGE_DIR / layer).rglob("*.py"))  # sub-packages too
    assert files
    for path in files:
        assert import_targets(path) <= ALLOWED[layer], path.name


def test_errors_import_nothing_of_the_library() -> None:
    assert import_targets(PACKAGE_DIR / "errors.py") == set()


def test_the_display_helpers_import_no_layer_of_the_library() -> None:
    # Every layer may show its results with them, so they stand below every layer.
    assert import_targets(PACKAGE_DIR / "_display.py") == {"_optional"}
