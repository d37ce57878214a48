"""The plot package: cheap to import, a clear error without matplotlib, pictures that save."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import cocreation as cc
import cocreation.plot
from cocreation.errors import MissingExtraError
from cocreation.plot import (
    ecosystem_graph,
    opportunity_landscape,
    value_waterfall,
    win_win_scatter,
)

PNG = b"\x89PNG\r\n\x1a\n"


def loaded_after(code: str) -> set[str]:
    """The top-level modules a fresh interpreter has loaded after running ``code``."""
    script = f"{code}\nimport json, sys\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    names: list[str] = json.loads(result.stdout.splitlines()[-1])
    return set(names)


def test_importing_the_package_loads_no_matplotlib() -> None:
    loaded = loaded_after("import cocreation.plot")
    assert "cocreation" in loaded
    assert loaded.isdisjoint({"matplotlib", "numpy", "pandas"})


def test_the_package_imports_without_matplotlib() -> None:
    code = (
        "import sys\n"
        "sys.modules['matplotlib'] = None\n"
        "import cocreation.plot\n"
        "print(cocreation.plot.__all__)"
    )
    loaded_after(code)  # raises CalledProcessError if the import fails


@pytest.fixture
def without_matplotlib(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name.split(".")[0] == "matplotlib"]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)


@pytest.mark.usefixtures("without_matplotlib")
def test_every_plot_names_the_plot_extra_when_matplotlib_is_missing() -> None:
    eco = cc.example_ecosystem()
    value = cc.firm_value(eco, timing="retained")["alpen-logistik"]
    calls: dict[str, Callable[[], object]] = {
        "ecosystem_graph": lambda: ecosystem_graph(eco),
        "value_waterfall": lambda: value_waterfall(value),
        "opportunity_landscape": lambda: opportunity_landscape(eco),
        "win_win_scatter": lambda: win_win_scatter(eco, timing="retained"),
    }
    for name, call in calls.items():
        with pytest.raises(MissingExtraError) as caught:
            call()
        assert caught.value.extra == "plot"
        assert caught.value.feature == name
        assert "pip install 'cocreation[plot]'" in str(caught.value)
        assert isinstance(caught.value, ImportError)


def test_all_is_sorted() -> None:
    names = list(cocreation.plot.__all__)
    assert names == sorted(names, key=lambda name: (not name.isupper(), name))
    assert all(hasattr(cocreation.plot, name) for name in names)


def test_every_plot_of_the_bundled_example_saves_as_png(tmp_path: Path) -> None:
    eco = cc.example_ecosystem()
    values = cc.firm_value(eco, timing="retained")
    benefits = cc.net_benefit(eco)
    axes = {
        "graph": ecosystem_graph(eco),
        "graph-by-level": ecosystem_graph(eco, edges="level"),
        "waterfall": value_waterfall(values["alpen-logistik"], benefits["alpen-logistik"]),
        "opportunities": opportunity_landscape(eco),
        "win-win": win_win_scatter(eco, timing="retained"),
    }
    for name, ax in axes.items():
        figure = ax.get_figure(root=True)
        assert figure is not None
        path = tmp_path / f"{name}.png"
        figure.savefig(path, dpi=60)
        assert path.read_bytes().startswith(PNG)
        assert path.stat().st_size > 10_000
