"""The command line: report, validate, schema, export, examples; exit codes and output."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest

import cocreation as cc
from cocreation.cli import main
from cocreation.cli._render import WIDTH
from cocreation.cli._report import SECTIONS
from cocreation.io import example_names, read_interactions, shipped_json_schema


def run(*arguments: str, stdin: bytes = b"") -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(arguments), out=out, stdin=io.BytesIO(stdin))
    return status, out.getvalue()


def kiosks() -> cc.Ecosystem:
    return (
        cc.Ecosystem(name="Kiosks")
        .add_organisation("bank")
        .add_offering("kiosk", provider="bank", price=2.0, unit_cost=0.5)
        .add_customer("walk-ins", count=100)
        .add_interaction("use", customer="walk-ins", counterpart="bank", offering="kiosk", units=1)
    )


# ---------------------------------------------------------------- report


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
        "Prices at which every actor gains",
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
    assert "lifetime value over 5 periods" in text
    assert "--timing end" in text


def test_report_says_which_horizon_each_column_covers() -> None:
    text = run("report", "--section", "value")[1]
    assert "Net benefit is the customer's over the 2 periods modelled." in text
    assert "Firm value is a lifetime value over an infinite horizon" in text


def test_report_of_a_file(tmp_path: Path) -> None:
    path = tmp_path / "kiosks.json"
    cc.save(kiosks(), path)
    status, text = run("report", str(path))
    assert status == 0
    assert text.startswith("Ecosystem: Kiosks")
    assert "Win-win: no; losing: walk-ins." in text


def test_report_reads_standard_input() -> None:
    status, text = run("report", "-", stdin=cc.dumps(kiosks()).encode())
    assert status == 0
    assert text.startswith("Ecosystem: Kiosks")


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("form", ["text", "markdown"])
def test_report_lines_stay_within_100_columns(name: str, form: str) -> None:
    status, text = run("report", "--example", name, "--format", form)
    assert status == 0
    for line in text.splitlines():
        if not line.startswith("|"):  # a Markdown table row cannot be wrapped
            assert len(line) <= WIDTH, line


@pytest.mark.parametrize("name", example_names())
@pytest.mark.parametrize("form", ["text", "markdown", "csv"])
def test_report_never_prints_minus_zero(name: str, form: str) -> None:
    text = run("report", "--example", name, "--format", form)[1]
    assert not re.search(r"-0(\.0+)?\b(?![.\d])", text)


def test_a_report_too_wide_is_printed_in_parts_repeating_the_first_column() -> None:
    example = cc.example_ecosystem()
    eco = example.replace(attrs.evolve(example.customer("small-businesses"), count=4_000_000))
    status, text = run("report", "-", "--section", "lines", stdin=cc.dumps(eco).encode())
    assert status == 0
    assert all(len(line) <= WIDTH for line in text.splitlines())
    assert text.count("customer ") >= 2  # the header of each part


@pytest.mark.parametrize("section", SECTIONS)
def test_report_prints_only_the_sections_asked_for(section: str) -> None:
    status, text = run("report", "--section", section, "--format", "json")
    assert status == 0
    assert [part["name"] for part in json.loads(text)["sections"]] == [section]


def test_sections_may_be_repeated_or_listed_and_keep_report_order() -> None:
    status, text = run("report", "--section", "network,actors", "--section", "flows")
    assert status == 0
    assert text.index("Actors") < text.index("Net value flow") < text.index("Network")
    assert "Interactions by" not in text


def test_report_as_json_has_the_exact_figures() -> None:
    eco = cc.example_ecosystem()
    status, text = run("report", "--format", "json", "--section", "value")
    assert status == 0
    document = json.loads(text)
    assert document["ecosystem"] == eco.name
    assert document["timing"] == "retained"
    (section,) = document["sections"]
    assert section["columns"][:3] == ["customer", "members", "net benefit"]
    nets = {row[0]: row[2] for row in section["rows"]}
    assert nets == {key: benefit.net for key, benefit in cc.net_benefit(eco).items()}


def test_report_as_csv_of_one_section_is_one_table() -> None:
    eco = cc.example_ecosystem()
    status, text = run("report", "--format", "csv", "--section", "lines")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO(text)))
    values = cc.firm_value(eco, timing="retained")
    assert [row["customer"] for row in rows] == list(values)
    for row in rows:
        assert float(row["total"]) == pytest.approx(values[row["customer"]].total)


def test_report_as_csv_of_several_sections_names_each_table() -> None:
    text = run("report", "--format", "csv", "--section", "actors,flows")[1]
    assert text.startswith("# actors: Actors\nid,kind,name,members\n")
    assert "\n\n# flows: Net value flow per actor" in text


def test_report_as_markdown_has_headings_and_tables() -> None:
    text = run("report", "--format", "markdown", "--section", "actors")[1]
    assert text.startswith("# Ecosystem: Co-selling at Alpine Telecom\n\n## Actors\n")
    assert "| id | kind | name | members |\n|:---|:---|:---|---:|" in text


def test_report_reads_back_the_graphml_and_node_link_it_exports(tmp_path: Path) -> None:
    expected = run("report")[1]
    for form, suffix in (("graphml", "graphml"), ("node-link", "json")):
        path = tmp_path / f"eco.{suffix}"
        assert run("export", "-", "--to", form, "-o", str(path), stdin=_example_bytes())[0] == 0
        status, text = run("report", str(path))
        assert status == 0, form
        assert text == expected


def test_a_graph_without_its_ecosystem_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "plain.graphml"
    cc.write_graphml(cc.example_ecosystem(), path)
    assert run("report", str(path))[0] == 1
    error = capsys.readouterr().err
    assert "malformed JSON" not in error
    assert "cocreation_document: missing" in error


# ---------------------------------------------------------------- errors and usage


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
    assert run("report", "--section", "everything")[0] == 2
    assert "invalid section 'everything'" in capsys.readouterr().err
    assert run("report", "--format", "pdf")[0] == 2
    assert run("export", "-", "--to", "svg")[0] == 2
    assert run("export", "-", "--to", "tables", stdin=_example_bytes())[0] == 2
    assert "give a folder with -o" in capsys.readouterr().err


def test_version_prints_the_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--version")[0] == 0
    assert capsys.readouterr().out.strip() == f"cocreation {cc.__version__}"


def test_help_exits_with_0_and_documents_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("--help")[0] == 0
    out = capsys.readouterr().out
    for command in ("report", "validate", "schema", "export", "examples"):
        assert command in out
    assert "'-' reads standard input" in out


# ---------------------------------------------------------------- validate


def _example_bytes() -> bytes:
    return cc.dumps(cc.example_ecosystem()).encode()


def test_validate_a_valid_file_exits_with_0(tmp_path: Path) -> None:
    path = tmp_path / "eco.json"
    cc.save(cc.example_ecosystem(), path)
    assert run("validate", str(path)) == (0, f"{path}: valid\n")


def test_validate_lists_every_problem_and_exits_with_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    document: dict[str, Any] = json.loads(_example_bytes())
    document["actors"][6]["count"] = 0
    document["actors"][5]["retension"] = 0.5
    document["interactions"][3]["customer"] = "alpen-logistic"
    document["offerings"][0]["pricing"] = "subscribtion"
    status, text = run("validate", "-", stdin=json.dumps(document).encode())
    assert status == 1
    lines = text.splitlines()
    assert lines == [
        "<stdin>: $.actors[5].retension: unknown key 'retension' in Customer (did you mean "
        "'retention'?): expected only kind, id, name, customer_kind, count, value_of_time, "
        "retention, resources, relationships, referred_by, incrementality, referred_in",
        "<stdin>: $.actors[6].count: Customer.count: expected an integer >= 1, got 0",
        "<stdin>: $.offerings[0].pricing: expected one of 'one_off', 'subscription', "
        "'outcome_based', got 'subscribtion' (did you mean 'subscription'?)",
        "<stdin>: $.interactions[3].customer: expected the id of a customer, got unknown id "
        "'alpen-logistic' (did you mean 'alpen-logistik'?)",
    ]
    assert "4 problems" in capsys.readouterr().err


def test_validate_names_a_file_that_is_not_json() -> None:
    status, text = run("validate", "-", stdin=b'{"format": "cocreation.ecosystem", "version": 1,')
    assert status == 1
    assert text.startswith("<stdin>: $: malformed JSON at line 1")


def test_validate_checks_a_graph_and_the_ecosystem_it_carries(tmp_path: Path) -> None:
    path = tmp_path / "eco.graphml"
    assert run("export", "-", "--to", "graphml", "-o", str(path), stdin=_example_bytes())[0] == 0
    assert run("validate", str(path))[0] == 0
    text = path.read_text("utf-8")
    assert '"count":400' in text
    path.write_text(text.replace('"count":400', '"count":0'), "utf-8")
    status, text = run("validate", str(path))
    assert status == 1
    assert "$.graph.cocreation_document: $.actors[6].count" in text


def test_validate_of_a_missing_file_exits_with_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("validate", str(tmp_path / "missing.json"))[0] == 1
    assert "missing.json" in capsys.readouterr().err


# ---------------------------------------------------------------- schema and export


def test_schema_prints_the_shipped_json_schema(tmp_path: Path) -> None:
    status, text = run("schema")
    assert status == 0
    schema = json.loads(text)
    assert schema == shipped_json_schema()
    jsonschema.Draft202012Validator(schema).validate(json.loads(_example_bytes()))
    assert run("schema", "-o", str(tmp_path / "schema.json"))[0] == 0
    assert json.loads((tmp_path / "schema.json").read_text("utf-8")) == schema


@pytest.mark.parametrize("form", ["graphml", "node-link"])
def test_export_a_graph_to_standard_output_reads_back_as_the_ecosystem(form: str) -> None:
    status, text = run("export", "-", "--to", form, stdin=_example_bytes())
    assert status == 0
    graph = cc.io.from_graphml(text) if form == "graphml" else cc.from_node_link(json.loads(text))
    assert cc.io.ecosystem_from_graph(graph) == cc.example_ecosystem()
    assert set(graph.nodes) >= {actor.id for actor in cc.example_ecosystem().actors}


def test_export_tables_writes_what_the_bulk_path_reads_back(tmp_path: Path) -> None:
    eco = cc.example_ecosystem()
    assert run("export", "-", "--to", "tables", "-o", str(tmp_path), stdin=_example_bytes())[0] == 0
    names = ("interactions", "transfers", "achievements", "contributions", "modules")
    assert sorted(path.stem for path in tmp_path.glob("*.csv")) == sorted(names)
    records = read_interactions(
        tmp_path / "interactions.csv",
        ecosystem=eco,
        transfers=tmp_path / "transfers.csv",
        achievements=tmp_path / "achievements.csv",
        contributions=tmp_path / "contributions.csv",
        modules=tmp_path / "modules.csv",
    )
    assert records.ok
    ledger = cc.bulk.account(
        eco,
        records.interactions,
        transfers=records.transfers,
        achievements=records.achievements,
        contributions=records.contributions,
        modules=records.modules,
    )
    from_tables = cc.net_benefit(eco, ledger=ledger)
    for customer, benefit in cc.net_benefit(eco).items():
        assert from_tables[customer].net == pytest.approx(benefit.net)


def test_export_graph_tables_writes_vertices_and_edges(tmp_path: Path) -> None:
    eco = cc.example_ecosystem()
    assert (
        run("export", "-", "--to", "graph-tables", "-o", str(tmp_path), stdin=_example_bytes())[0]
        == 0
    )
    with (tmp_path / "vertices.csv").open(encoding="utf-8") as file:
        vertices = list(csv.DictReader(file))
    assert {row["id"] for row in vertices} == set(eco.graph().nodes)
    with (tmp_path / "edges.csv").open(encoding="utf-8") as file:
        assert len(list(csv.DictReader(file))) == eco.graph().number_of_edges()


def test_export_of_an_invalid_file_exits_with_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "-", "--to", "graphml", stdin=b"[]")[0] == 1
    assert "cocreation: error: $: expected an object" in capsys.readouterr().err


# ---------------------------------------------------------------- examples and the entry point


def test_examples_describes_every_bundled_example() -> None:
    status, text = run("examples")
    assert status == 0
    for name in example_names():
        eco = cc.example_ecosystem(name)
        assert f"{name}: {eco.name}" in text
    assert "interactions" in text
    assert all(len(line) <= WIDTH for line in text.splitlines())
    assert "cocreation report --example NAME" in text


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


def test_the_console_entry_point_reads_standard_input_and_exits_with_1_on_a_problem() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cocreation", "validate", "-"],
        input='{"format": "cocreation.ecosystem", "version": 2}',
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("<stdin>: $.version: expected format version 1, got 2")


def test_the_readme_documents_every_command_and_option() -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The command line", 1)[1].split("\n## ", 1)[0]
    for word in (
        "--version",
        "cocreation examples",
        "cocreation report",
        "--format text|markdown|json|csv",
        "--section",
        "cocreation validate",
        "cocreation schema",
        "--to graphml|node-link",
        "--to tables|graph-tables",
        "standard input",
        "exits with 0",
    ):
        assert word in section, word
    for name in SECTIONS:
        assert name in section
