"""The examples run: every script prints what it models, and the notebook executes in order."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import runpy
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # after choosing the backend
from matplotlib.axes import Axes

import cocreation as cc

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SCRIPTS = sorted(path for path in EXAMPLES.glob("*.py") if not path.name.startswith("_"))
NOTEBOOK = EXAMPLES / "notebook.ipynb"
PNG = b"\x89PNG\r\n\x1a\n"

# What each script must print: the key lines of its case.
EXPECTED = {
    "self_service_kiosks": [
        "break-even",
        "Win-win: yes, every actor gains.",
        "menu: every actor gains at a price from 7.25 to 11.00 (now 10.00)",
        "Win-win: no, office-workers lose.",
        "but office workers then lose 16,000.00 a year",
    ],
    "user_community": [
        "power-users -> newcomers: 1,500 posts a year, worth 12,000.00 to newcomers",
        "angry-users -> newcomers: 200 posts a year, worth -400.00 to newcomers",
        "Win-win: no, angry-users lose.",
        "With and without the community",
    ],
    "referral_programme": [
        "founders -> wave-1 -> wave-2",
        # The one-off bonuses and credits count once: 200 x (30 + 20) and 80 x 50.
        "founders       400    192,000    37,920           -10,000    219,920",
        "wave-1         200     43,200    10,800            -4,000     50,000",
        "The co-creation cost counts the bonuses and credits once (one-off, not recurring)",
        "The programme adds 25,120 to the value of the cohort.",
        "Win-win: yes, every actor gains.",
        "meal-kit: every actor gains at a price from",
    ],
    "outcome_based_contract": [
        "stable-pressure           9.0          4.0   14.0  strong",
        "Win-win: yes, every actor gains over the contract.",
        "every actor gains at a price from 22.64 to 30.46 per thousand cubic metres",
        "Advantage of the contract over buying compressors: 13,133",
    ],
    "open_innovation": [
        "community with cleanco         0.5   0.8   0.3   0.4   0.50  risk-benefits",
        "idea challenge            100,000   15,000     6.7x",
        "lead-user workshops        60,000   12,000     5.0x",
        "Win-win: yes, every actor gains.",
    ],
    "unmoderated_forum": [
        "TaskNest's forum over 5 years (2,000 runs each, 'end' timing)",
        # Seeded simulations (seed 2010): means of 2,000 runs of five years.
        "unmoderated              682    -157,088      17,114      -7,582     236,975",
        "Value co-destruction: unmoderated, the complaints cost the members 230,123 and TaskNest 41,253.",
        "Moderation pays for itself: TaskNest gains 23,394 over 5 years.",
    ],
    "co_selling_workshops": [
        "Central integrator: alpine-telecom",
        "Referral chain: alpen-logistik -> seeland-kliniken",
        "Win-win: yes, every actor gains.",
        "15.0  strong            data-security (secure-clinic-it)",
    ],
}


@pytest.fixture(autouse=True)
def _quiet_run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Run in an empty folder, with no plot folder configured; close every figure after."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COCREATION_PLOTS", raising=False)
    yield
    plt.close("all")


def run_script(path: Path, monkeypatch: pytest.MonkeyPatch, *arguments: str) -> str:
    """Run an example as ``python path arguments...`` and return what it printed."""
    monkeypatch.setattr(sys, "argv", [str(path), *arguments])
    # As `python path` does: the script's folder comes first on the import path.
    monkeypatch.syspath_prepend(str(path.parent))
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        runpy.run_path(str(path), run_name="__main__")
    return printed.getvalue()


def test_there_are_examples_for_every_case() -> None:
    assert {path.stem for path in SCRIPTS} == set(EXPECTED)


@pytest.mark.parametrize("path", SCRIPTS, ids=[path.stem for path in SCRIPTS])
def test_each_script_runs_and_prints_its_key_lines(
    path: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    printed = run_script(path, monkeypatch)
    for line in EXPECTED[path.stem]:
        assert line in printed, line
    assert "Traceback" not in printed
    assert list(tmp_path.iterdir()) == []  # no files without a folder


@pytest.mark.parametrize("path", SCRIPTS, ids=[path.stem for path in SCRIPTS])
def test_each_script_has_a_docstring_a_main_and_a_main_guard(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    assert docstring is not None
    assert "seed article" in docstring
    assert any(isinstance(node, ast.FunctionDef) and node.name == "main" for node in tree.body)
    guard = tree.body[-1]
    assert isinstance(guard, ast.If)
    assert ast.unparse(guard.test) == "__name__ == '__main__'"


def test_a_script_saves_its_plots_into_the_folder_it_is_given(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "plots"
    printed = run_script(EXAMPLES / "self_service_kiosks.py", monkeypatch, str(folder))
    saved = sorted(folder.iterdir())
    assert [path.name for path in saved] == [
        "self_service_kiosks_graph.png",
        "self_service_kiosks_students.png",
    ]
    for path in saved:
        assert path.read_bytes().startswith(PNG)
        assert f"saved {path}" in printed


def test_a_script_saves_its_plots_into_the_folder_of_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "from-env"
    monkeypatch.setenv("COCREATION_PLOTS", str(folder))
    run_script(EXAMPLES / "outcome_based_contract.py", monkeypatch)
    assert sorted(path.name for path in folder.iterdir()) == [
        "outcome_based_contract_opportunities.png",
        "outcome_based_contract_value.png",
    ]


def test_lifetime_values_of_the_contract_follow_the_timing_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    printed = run_script(EXAMPLES / "outcome_based_contract.py", monkeypatch)
    table = {
        line.split()[0]: [float(cell.replace(",", "")) for cell in line.split()[1:]]
        for line in printed.splitlines()
        if line.split()[:1] in (["retained"], ["end"], ["start"])
    }
    for retained, end, start in zip(table["retained"], table["end"], table["start"], strict=True):
        assert retained <= end <= start
    for row in table.values():  # a longer horizon is worth more
        assert row == sorted(row)


# ---------------------------------------------------------------------------- notebook


def notebook() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return loaded


def code_cells() -> list[str]:
    return ["".join(cell["source"]) for cell in notebook()["cells"] if cell["cell_type"] == "code"]


def test_the_notebook_is_nbformat_4_for_python_3_without_outputs() -> None:
    document = notebook()
    assert document["nbformat"] == 4
    assert document["metadata"]["kernelspec"]["name"] == "python3"
    kinds = {cell["cell_type"] for cell in document["cells"]}
    assert kinds == {"markdown", "code"}
    for cell in document["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == []
            assert cell["execution_count"] is None
    ids = [cell["id"] for cell in document["cells"]]
    assert len(ids) == len(set(ids))


def test_the_notebook_runs_in_order_and_produces_what_it_says() -> None:
    namespace: dict[str, Any] = {}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        for number, source in enumerate(code_cells()):
            exec(compile(source, f"notebook cell {number}", "exec"), namespace)

    eco = namespace["eco"]
    assert eco == cc.example_ecosystem()
    perspectives = namespace["perspectives"]
    assert list(perspectives["customer"]) == [c.id for c in eco.customers]
    assert {"net_benefit", "firm_value"} <= set(perspectives.columns)

    sweep = namespace["sweep"]
    assert list(sweep.columns) == ["price", "actor", "net"]
    actors = {actor.id for actor in eco.actors} | {"total value created"}
    assert set(sweep["actor"]) == actors
    assert len(sweep) == 21 * len(actors)  # 600 to 2,600 in steps of 100
    totals = sweep[sweep["actor"] == "total value created"]["net"]
    assert totals.max() - totals.min() == pytest.approx(0.0, abs=1e-6)
    window = namespace["window"]
    assert window == cc.price_range(eco, "business-internet")
    assert f"every actor gains at a price from {window.low:,.2f}" in printed.getvalue()

    retention = namespace["retention_sweep"].pivot(
        index="retention", columns="timing", values="firm_value_per_member"
    )
    assert len(retention) == 5
    assert (retention["retained"] <= retention["end"]).all()
    assert (retention["end"] <= retention["start"]).all()
    assert retention["retained"].is_monotonic_increasing

    for name in ("graph_ax", "waterfall_ax", "landscape_ax"):
        assert isinstance(namespace[name], Axes), name


# The bundled examples that are the ecosystems of these scripts, and how each script builds it.
BUNDLED: dict[str, tuple[str, Callable[[dict[str, Any]], cc.Ecosystem]]] = {
    "open-innovation": ("open_innovation", lambda ns: ns["clean_co"]()),
    "outcome-based-contract": ("outcome_based_contract", lambda ns: ns["air_contract"]()),
    "referral-programme": ("referral_programme", lambda ns: ns["green_box"]()),
    "self-service-kiosks": (
        "self_service_kiosks",
        lambda ns: ns["restaurant"](ns["choose_channels"]()),
    ),
    "user-community": ("user_community", lambda ns: ns["photo_forge"]()),
}


@pytest.mark.parametrize("name", sorted(BUNDLED))
def test_a_bundled_example_is_the_ecosystem_its_script_builds(name: str) -> None:
    script, build = BUNDLED[name]
    sys.path.insert(0, str(EXAMPLES))
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            namespace = runpy.run_path(str(EXAMPLES / f"{script}.py"), run_name="example")
            built = build(namespace)
    finally:
        sys.path.remove(str(EXAMPLES))
    assert cc.example_ecosystem(name) == built, (
        f"regenerate src/cocreation/io/examples/{name}.json from examples/{script}.py"
    )
