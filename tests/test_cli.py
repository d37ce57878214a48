"""The command line: `cocreation report` and `cocreation examples`."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import cocreation as cc
from cocreation.cli import main


def run(*arguments: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(arguments), out=out)
    return status, out.getvalue()


def test_report_of_the_bundled_example_has_every_section() -> None:
    status, text = run("report")
    assert status == 0
    for heading in (
        "Ecosystem: Co-selling at Alpine Telecom",
        "Customer net benefit",
        "Firm value to alpine-telecom by line",
        "Net value flow per actor",
        "Total value created",
        "Win-win: yes, every actor gains.",
        "Interactions by co-creation level and reference point",
        "central integrator: alpine-telecom",
        "referral chains: alpen-logistik -> seeland-kliniken",
    ):
        assert heading in text


def test_report_prints_the_figures_the_library_computes() -> None:
    eco = cc.example_ecosystem()
    benefit = cc.net_benefit(eco)["small-businesses"].net
    value = cc.firm_value(eco, timing="end", horizon=5)["small-businesses"].total
    status, text = run("report", "--timing", "end", "--horizon", "5")
    assert status == 0
    section = text.split("Customer net benefit", 1)[1]
    row = next(line for line in section.splitlines() if line.startswith("small-businesses  "))
    assert f"{benefit:,.2f}" in row
    assert f"{value:,.2f}" in row
    assert "lifetime over 5 periods" in text
    assert "--timing end" in text


def test_report_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosks.json"
    eco = (
        cc.Ecosystem(name="Kiosks")
        .add_organisation("bank")
        .add_offering("kiosk", provider="bank", price=2.0, unit_cost=0.5)
        .add_customer("walk-ins", count=100)
        .add_interaction("use", customer="walk-ins", counterpart="bank", offering="kiosk", units=1)
    )
    cc.save(eco, path)
    status, text = run("report", str(path))
    assert status == 0
    assert text.startswith("Ecosystem: Kiosks")
    assert "Win-win: no; losing: walk-ins." in text


def test_invalid_input_exits_with_1_and_names_the_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("report", str(tmp_path / "missing.json"))[0] == 1
    assert "missing.json" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "cocreation.ecosystem", "version": 1, "actors": [', "utf-8")
    assert run("report", str(broken))[0] == 1
    assert "cocreation: error: $" in capsys.readouterr().err
    assert run("report", "--example", "nowhere")[0] == 1
    assert "nowhere" in capsys.readouterr().err


def test_usage_errors_exit_with_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("report", "--timing", "yearly")[0] == 2
    assert "invalid choice" in capsys.readouterr().err
    assert run()[0] == 2


def test_examples_lists_the_bundled_examples() -> None:
    status, text = run("examples")
    assert status == 0
    assert text.split() == list(cc.io.example_names())


def test_the_console_entry_point_runs() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cocreation", "report"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "Win-win: yes" in done.stdout
