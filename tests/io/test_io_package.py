"""The io package: its public names, its layer, and what importing it costs."""

from __future__ import annotations

import ast
import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

import cocreation
import cocreation.io
from cocreation.io import json_schema

IO_DIR = Path(cocreation.io.__file__).parent


def test_all_is_sorted_and_every_name_exists() -> None:
    names = list(cocreation.io.__all__)
    constants = [name for name in names if name.isupper()]
    others = [name for name in names if not name.isupper()]
    assert names == sorted(constants) + sorted(others)
    assert all(hasattr(cocreation.io, name) for name in names)


@pytest.mark.parametrize("name", [n for n in cocreation.io.__all__ if not n.isupper()])
def test_every_public_function_has_a_docstring_with_examples(name: str) -> None:
    doc = inspect.getdoc(getattr(cocreation.io, name))
    assert doc is not None
    assert "Examples:" in doc
    assert ">>> " in doc


def test_the_package_docstring_has_examples() -> None:
    assert cocreation.io.__doc__ is not None
    assert "Examples:" in cocreation.io.__doc__


@pytest.mark.parametrize(
    "name",
    [
        "dumps",
        "example_ecosystem",
        "from_node_link",
        "json_schema",
        "load",
        "loads",
        "read_graphml",
        "save",
        "to_node_link",
        "write_graphml",
    ],
)
def test_the_top_level_re_exports_the_io_functions(name: str) -> None:
    assert name in cocreation.__all__
    assert getattr(cocreation, name) is getattr(cocreation.io, name)


def imported_layers(path: Path) -> set[str]:
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
        elif isinstance(node, ast.Import):
            parts = node.names[0].name.split(".")
        else:
            continue
        if parts[0] == "cocreation":
            targets.add(parts[1] if len(parts) > 1 else "")
    return targets


@pytest.mark.parametrize("path", sorted(IO_DIR.glob("*.py")), ids=lambda path: path.name)
def test_io_imports_only_the_layers_below_it(path: Path) -> None:
    # io is an edge: it may use every layer below it (ingest reuses the bulk path's checks).
    assert imported_layers(path) <= {"errors", "model", "ecosystem", "tables", "accounting", "io"}


def run(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return result.stdout


def test_importing_cocreation_loads_neither_cattrs_nor_jsonschema() -> None:
    loaded = json.loads(
        run(
            "import json, sys, cocreation\n"
            "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
        )
    )
    assert "cattrs" not in loaded
    assert "jsonschema" not in loaded


def test_python_m_cocreation_io_prints_the_shipped_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cocreation.io"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert json.loads(result.stdout) == json_schema()
    assert result.stdout == (IO_DIR / "ecosystem.schema.json").read_text(encoding="utf-8")
    assert result.stderr == ""
