"""A catalogue of bad input: every entry point raises the library's error, naming field and value.

Each case feeds one bad value to one entry point (a constructor, a builder, the JSON
loader, the GraphML reader, CSV and Parquet ingest, the bulk path, an accounting
view) and states the error class, the field (for files, the JSON path) and the
value the error must name. The command line is checked the same way through its
exit status and what it prints.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

import pytest

import cocreation as cc
from cocreation import bulk
from cocreation.cli import main
from cocreation.errors import (
    CocreationError,
    DivergenceError,
    DuplicateIdError,
    FormatError,
    ReferencePointError,
    SchemaVersionError,
    UnknownFieldError,
    UnknownIdError,
    ValidationError,
)
from cocreation.io import (
    from_graphml,
    read_customers,
    read_interactions,
    to_graphml,
)
from cocreation.io._common import show

BUILTIN = {
    ValidationError: ValueError,
    ReferencePointError: ValueError,
    DivergenceError: ValueError,
    DuplicateIdError: ValueError,
    UnknownFieldError: TypeError,
    UnknownIdError: KeyError,
    FormatError: ValueError,
    SchemaVersionError: ValueError,
}


class Case(NamedTuple):
    """One bad input: how to feed it, and the error it must raise."""

    call: Callable[[Path], object]
    error: type[CocreationError]
    field: str  # the error's field, or for a FormatError its path
    value: Any  # the value the error names


EXAMPLE = cc.example_ecosystem()


def example_document() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(cc.dumps(EXAMPLE))
    return data


def broken(change: Callable[[dict[str, Any]], object]) -> str:
    data = example_document()
    change(data)
    return json.dumps(data)


def graphml(text: str) -> Callable[[Path], object]:
    return lambda _: from_graphml(text.encode("utf-8"))


def write_csv(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_parquet(folder: Path, columns: dict[str, list[Any]]) -> Path:
    import pandas as pd

    path = folder / "rows.parquet"
    pd.DataFrame(columns).to_parquet(path, engine="pyarrow", index=False)
    return path


def kiosks() -> cc.Ecosystem:
    return (
        cc.Ecosystem(name="Kiosks")
        .add_organisation("bank")
        .add_partner("kiosk-maker")
        .add_offering("kiosk", provider="bank", price=2.0, modules=[cc.Module("receipt", 0.1)])
        .add_customer("walk-ins", count=100)
        .add_customer("regulars", count=20)
        .add_job("withdraw", owner="walk-ins", outcomes=[cc.Outcome("queue-time", 9.0, 3.0)])
    )


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    '<graphml><graph edgedefault="directed"><node id="&b;"/></graph></graphml>'
)
EXTERNAL = (
    '<?xml version="1.0"?><!DOCTYPE g [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    '<graphml><graph edgedefault="directed"><node id="&x;"/></graph></graphml>'
)
UNDECLARED = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
    '<node id="a"><data key="d9">x</data></node></graph></graphml>'
)
UNDIRECTED = (
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    '<graph edgedefault="undirected"><node id="a"/></graph></graphml>'
)

CASES: dict[str, Case] = {
    # ---------------------------------------------------------------- constructors
    "customer count": Case(
        lambda _: cc.Customer("acme", count=0), ValidationError, "Customer.count", 0
    ),
    "customer retention": Case(
        lambda _: cc.Customer("acme", retention=1.5), ValidationError, "Customer.retention", 1.5
    ),
    "customer id with spaces": Case(
        lambda _: cc.Customer(" acme"), ValidationError, "Customer.id", " acme"
    ),
    "customer refers itself": Case(
        lambda _: cc.Customer("acme", referred_by="acme"),
        ValidationError,
        "Customer.referred_by",
        "acme",
    ),
    "customer kind mistyped": Case(
        lambda _: cc.Customer("acme", kind="bussiness"),
        ValidationError,
        "Customer.kind",
        "bussiness",
    ),
    "customer value of time NaN": Case(
        lambda _: cc.Customer("acme", value_of_time=float("nan")),
        ValidationError,
        "Customer.value_of_time",
        pytest.approx(float("nan"), nan_ok=True),
    ),
    "outcome importance": Case(
        lambda _: cc.Outcome("uptime", importance=11, satisfaction=2),
        ValidationError,
        "Outcome.importance",
        11,
    ),
    "DART score": Case(lambda _: cc.DART(1.5, 0, 0, 0), ValidationError, "DART.dialogue", 1.5),
    "negative money": Case(
        lambda _: cc.Transfer("a", "b", -3.0), ValidationError, "Transfer.amount", -3.0
    ),
    "revenue share": Case(
        lambda _: cc.RevenueShare("cloud", 1.5), ValidationError, "RevenueShare.share", 1.5
    ),
    "shares over one": Case(
        lambda _: cc.Offering(
            "o", provider="t", partners=[cc.RevenueShare("a", 0.6), cc.RevenueShare("b", 0.6)]
        ),
        ValidationError,
        "Offering.partners",
        1.2,
    ),
    "interaction level mistyped": Case(
        lambda _: cc.Interaction("i", customer="a", level="suport"),
        ValidationError,
        "Interaction.level",
        "suport",
    ),
    "interaction with itself": Case(
        lambda _: cc.Interaction("i", customer="a", counterpart="a"),
        ValidationError,
        "Interaction.counterpart",
        "a",
    ),
    "achievement level": Case(
        lambda _: cc.Achievement("uptime", 1.5), ValidationError, "Achievement.level", 1.5
    ),
    "repeated partner": Case(
        lambda _: cc.Organisation("t", partners=["a", "a"]),
        ValidationError,
        "Organisation.partners[1]",
        "a",
    ),
    "a relationship that is a string": Case(
        lambda _: cc.Customer("acme", relationships=["telco"]),
        ValidationError,
        "Customer.relationships[0]",
        "telco",
    ),
    # ---------------------------------------------------------------- builders and the ecosystem
    "unknown customer": Case(
        lambda _: kiosks().add_interaction("i", customer="walkins"),
        UnknownIdError,
        "Ecosystem.interactions[0].customer",
        "walkins",
    ),
    "unknown counterpart": Case(
        lambda _: kiosks().add_interaction("i", customer="walk-ins", counterpart="bnak"),
        UnknownIdError,
        "Ecosystem.interactions[0].counterpart",
        "bnak",
    ),
    "unknown module": Case(
        lambda _: kiosks().add_interaction(
            "i", customer="walk-ins", offering="kiosk", modules=["reciept"]
        ),
        UnknownIdError,
        "Ecosystem.interactions[0].modules[0]",
        "reciept",
    ),
    "unknown outcome": Case(
        lambda _: kiosks().add_interaction(
            "i", customer="walk-ins", job="withdraw", achievement=[cc.Achievement("queue", 0.5)]
        ),
        UnknownIdError,
        "Ecosystem.interactions[0].achievement[0].outcome",
        "queue",
    ),
    "another customer's job": Case(
        lambda _: kiosks().add_interaction("i", customer="regulars", job="withdraw"),
        ValidationError,
        "Ecosystem.interactions[0].job",
        "withdraw",
    ),
    "unknown provider": Case(
        lambda _: kiosks().add_offering("atm", provider="bnk"),
        UnknownIdError,
        "Ecosystem.offerings[1].provider",
        "bnk",
    ),
    "duplicate id": Case(
        lambda _: kiosks().add_topic("kiosk"), DuplicateIdError, "Ecosystem.topics[0].id", "kiosk"
    ),
    "contradictory reference point": Case(
        lambda _: kiosks().add_interaction(
            "i", customer="walk-ins", counterpart="bank", reference_point="network"
        ),
        ReferencePointError,
        "Ecosystem.interactions[0].reference_point",
        cc.ReferencePoint.NETWORK,
    ),
    "referral cycle": Case(
        lambda _: cc.Ecosystem(
            actors=[cc.Customer("a", referred_by="b"), cc.Customer("b", referred_by="a")]
        ),
        ValidationError,
        "Customer.referred_by of 'a'",
        "a -> b -> a",
    ),
    "builder field mistyped": Case(
        lambda _: kiosks().add_customer("fleet", retension=0.9),
        UnknownFieldError,
        "Customer.retension",
        0.9,
    ),
    "builder enum mistyped": Case(
        lambda _: kiosks().add_partner("p", role="platfrom"),
        ValidationError,
        "NetworkPartner.role",
        "platfrom",
    ),
    "not an entity": Case(
        lambda _: kiosks().add(3),  # type: ignore[arg-type]
        ValidationError,
        "Ecosystem.add(entities[0])",
        3,
    ),
    "collection of the wrong kind": Case(
        lambda _: cc.Ecosystem(actors="acme"),  # type: ignore[arg-type]
        ValidationError,
        "Ecosystem.actors",
        "acme",
    ),
    "removing what is not there": Case(
        lambda _: kiosks().remove("ghost"), UnknownIdError, "Ecosystem", "ghost"
    ),
    # ---------------------------------------------------------------- accounting and measures
    "CLV that diverges": Case(
        lambda _: cc.clv(100.0, 1.0, 0.0, timing="end"), DivergenceError, "retention", 1.0
    ),
    "CLV timing": Case(
        lambda _: cc.clv(100.0, 0.8, 0.1, timing="yearly"),  # type: ignore[arg-type]
        ValidationError,
        "timing",
        "yearly",
    ),
    "unknown organisation": Case(
        lambda _: cc.firm_value(EXAMPLE, timing="end", organisation="nobody"),
        UnknownIdError,
        "Ecosystem.organisation",
        "nobody",
    ),
    "result key mistyped": Case(
        lambda _: cc.net_benefit(EXAMPLE)["alpen-logistic"],
        UnknownIdError,
        "NetBenefits",
        "alpen-logistic",
    ),
    "price range of no offering": Case(
        lambda _: cc.price_range(EXAMPLE, "nothing"),
        UnknownIdError,
        "Ecosystem.offering",
        "nothing",
    ),
    "opportunity importance": Case(
        lambda _: cc.opportunity_score(11, 3), ValidationError, "importance", 11
    ),
    "promoter score": Case(lambda _: cc.net_promoter_score([11]), ValidationError, "scores[0]", 11),
    "value stick NaN": Case(
        lambda _: cc.value_stick(float("inf"), 1.0, 1.0),
        ValidationError,
        "willingness_to_pay",
        float("inf"),
    ),
    # ---------------------------------------------------------------- JSON
    "JSON unknown key": Case(
        lambda _: cc.loads(broken(lambda d: d["actors"][4].__setitem__("retension", 0.5))),
        FormatError,
        "$.actors[4].retension",
        "retension",
    ),
    "JSON wrong type": Case(
        lambda _: cc.loads(broken(lambda d: d["actors"][6].__setitem__("count", "400"))),
        FormatError,
        "$.actors[6].count",
        "400",
    ),
    "JSON model error": Case(
        lambda _: cc.loads(broken(lambda d: d["actors"][6].__setitem__("count", -4))),
        FormatError,
        "$.actors[6].count",
        -4,
    ),
    "JSON enum mistyped": Case(
        lambda _: cc.loads(broken(lambda d: d["interactions"][0].__setitem__("level", "desing"))),
        FormatError,
        "$.interactions[0].level",
        "desing",
    ),
    "JSON unknown actor kind": Case(
        lambda _: cc.loads(broken(lambda d: d["actors"][1].__setitem__("kind", "robot"))),
        FormatError,
        "$.actors[1].kind",
        "robot",
    ),
    "JSON NaN": Case(
        lambda _: cc.loads(
            cc.dumps(EXAMPLE).replace('"value_of_time": 120.0', '"value_of_time": NaN', 1)
        ),
        FormatError,
        "$.actors[4].value_of_time",
        "NaN",
    ),
    "JSON unknown reference": Case(
        lambda _: cc.loads(broken(lambda d: d["interactions"][3].__setitem__("customer", "x"))),
        FormatError,
        "$.interactions[3].customer",
        "x",
    ),
    "JSON duplicate id": Case(
        lambda _: cc.loads(broken(lambda d: d["topics"][0].__setitem__("id", "cloud"))),
        FormatError,
        "$.topics[0].id",
        "cloud",
    ),
    "JSON missing id": Case(
        lambda _: cc.loads(broken(lambda d: d["topics"][0].pop("id"))),
        FormatError,
        "$.topics[0].id",
        "missing required key",
    ),
    "JSON array expected": Case(
        lambda _: cc.loads(broken(lambda d: d.__setitem__("jobs", {}))),
        FormatError,
        "$.jobs",
        "an object",
    ),
    "JSON newer version": Case(
        lambda _: cc.loads(broken(lambda d: d.__setitem__("version", 2))),
        SchemaVersionError,
        "$.version",
        2,
    ),
    "JSON other format": Case(
        lambda _: cc.loads(broken(lambda d: d.__setitem__("format", "graph"))),
        FormatError,
        "$.format",
        "graph",
    ),
    "JSON duplicate key": Case(
        lambda _: cc.loads('{"format": "cocreation.ecosystem", "version": 1, "version": 1}'),
        FormatError,
        "$",
        "version",
    ),
    "JSON truncated": Case(
        lambda _: cc.loads(cc.dumps(EXAMPLE)[:500]), FormatError, "$", "truncated"
    ),
    "JSON not an object": Case(lambda _: cc.loads("[1, 2]"), FormatError, "$", "an array"),
    # ---------------------------------------------------------------- GraphML
    "GraphML entity expansion": Case(graphml(LAUGHS), FormatError, "$", "<!DOCTYPE>"),
    "GraphML external entity": Case(graphml(EXTERNAL), FormatError, "$", "<!DOCTYPE>"),
    "GraphML broken XML": Case(graphml("<graphml><graph>"), FormatError, "$", "line 1, column 16"),
    "GraphML undirected": Case(graphml(UNDIRECTED), FormatError, "$", "edgedefault='directed'"),
    "GraphML undeclared key": Case(graphml(UNDECLARED), FormatError, "$", "d9"),
    "GraphML without its ecosystem": Case(
        lambda _: cc.loads(to_graphml(EXAMPLE)),
        FormatError,
        "$.graph.cocreation_document",
        "document=True",
    ),
    "GraphML broken ecosystem inside": Case(
        lambda _: cc.loads(to_graphml(EXAMPLE, document=True).replace('"count":400', '"count":0')),
        FormatError,
        "$.graph.cocreation_document: $.actors[6].count",
        0,
    ),
    # ---------------------------------------------------------------- CSV and Parquet ingest
    "CSV negative effort": Case(
        lambda folder: read_interactions(
            write_csv(folder, "i.csv", "customer,effort\nwalk-ins,-2\n"), strict=True
        ),
        ValidationError,
        "interactions[0].effort",
        "-2",  # a CSV cell is named as its text
    ),
    "CSV unknown customer": Case(
        lambda folder: read_interactions(
            write_csv(folder, "i.csv", "customer,counterpart\nwalk-ins,bank\nwalkins,bank\n"),
            ecosystem=kiosks(),
            strict=True,
        ),
        UnknownIdError,
        "interactions[1].customer",
        "walkins",
    ),
    "CSV unknown column": Case(
        lambda folder: read_interactions(write_csv(folder, "i.csv", "customer,colour\na,red\n")),
        ValidationError,
        "interactions.columns",
        "colour",
    ),
    "CSV missing column": Case(
        lambda folder: read_interactions(write_csv(folder, "i.csv", "counterpart\nbank\n")),
        ValidationError,
        "interactions.customer",
        None,
    ),
    "CSV customer count": Case(
        lambda folder: read_customers(
            write_csv(folder, "c.csv", "id,count\nfleet,0\n"), strict=True
        ),
        ValidationError,
        "customers[0].count",
        0,
    ),
    "Parquet probability": Case(
        lambda folder: read_interactions(
            write_parquet(folder, {"customer": ["walk-ins"], "risk_probability": [1.7]}),
            strict=True,
        ),
        ValidationError,
        "interactions[0].risk_probability",
        1.7,
    ),
    "Parquet unknown offering": Case(
        lambda folder: read_interactions(
            write_parquet(folder, {"customer": ["walk-ins"], "offering": ["atm"]}),
            ecosystem=kiosks(),
            strict=True,
        ),
        UnknownIdError,
        "interactions[0].offering",
        "atm",
    ),
    # ---------------------------------------------------------------- the bulk path
    "bulk unknown customer": Case(
        lambda _: bulk.account(EXAMPLE, {"customer": ["nobody"]}),
        UnknownIdError,
        "interactions[0].customer",
        "nobody",
    ),
    "bulk negative units": Case(
        lambda _: bulk.account(EXAMPLE, {"customer": ["alpen-logistik"], "units": [-1.0]}),
        ValidationError,
        "interactions[0].units",
        -1.0,
    ),
    "bulk level mistyped": Case(
        lambda _: bulk.account(EXAMPLE, {"customer": ["alpen-logistik"], "level": ["suport"]}),
        ValidationError,
        "interactions[0].level",
        "suport",
    ),
    "bulk transfers column": Case(
        lambda _: bulk.account(
            EXAMPLE, {"customer": ["alpen-logistik"]}, transfers={"id": ["x"], "amount": [1.0]}
        ),
        ValidationError,
        "transfers.columns",
        "id",
    ),
    "bulk ledger of the wrong kind": Case(
        lambda _: bulk.net_benefit(EXAMPLE, ledger="ledger"),  # type: ignore[arg-type]
        ValidationError,
        "ledger",
        "ledger",
    ),
    "bulk CLV retention": Case(
        lambda _: bulk.clv([100.0], [1.5], [0.1], timing="end"),
        ValidationError,
        "retention[0]",
        1.5,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_bad_input_raises_the_library_error_naming_field_and_value(
    name: str, tmp_path: Path
) -> None:
    case = CASES[name]
    with pytest.raises(CocreationError) as caught:
        case.call(tmp_path)
    error = caught.value
    assert type(error) is case.error, repr(error)
    assert isinstance(error, BUILTIN[case.error])
    if isinstance(error, FormatError):
        assert error.path == case.field
        assert (
            show(case.value) in error.reason
            if not isinstance(case.value, str)
            else case.value in error.reason
        )
        assert error.__cause__ is None  # nothing chained: the traceback shows this error
    else:
        assert getattr(error, "field") == case.field  # noqa: B009
        assert getattr(error, "value") == case.value  # noqa: B009
        assert case.field in str(error)


# ---------------------------------------------------------------- the command line


class CliCase(NamedTuple):
    arguments: tuple[str, ...]
    stdin: bytes
    words: tuple[str, ...]  # what the output names: the field or path, and the value


def cli_broken(change: Callable[[dict[str, Any]], object]) -> bytes:
    return broken(change).encode("utf-8")


CLI_CASES: dict[str, CliCase] = {
    "report of a bad count": CliCase(
        ("report", "-"),
        cli_broken(lambda d: d["actors"][6].__setitem__("count", 0)),
        ("$.actors[6].count", "got 0"),
    ),
    "report of a mistyped reference": CliCase(
        ("report", "-"),
        cli_broken(lambda d: d["interactions"][3].__setitem__("customer", "alpen-logistic")),
        ("$.interactions[3].customer", "'alpen-logistic'", "did you mean 'alpen-logistik'?"),
    ),
    "validate of an unknown key": CliCase(
        ("validate", "-"),
        cli_broken(lambda d: d["actors"][5].__setitem__("retension", 0.5)),
        ("$.actors[5].retension", "'retension'", "did you mean 'retention'?"),
    ),
    "validate of a mistyped level": CliCase(
        ("validate", "-"),
        cli_broken(lambda d: d["interactions"][0].__setitem__("level", "desing")),
        ("$.interactions[0].level", "'desing'", "did you mean 'design'?"),
    ),
    "export of malformed JSON": CliCase(
        ("export", "-", "--to", "graphml"),
        b'{"format": "cocreation.ecosystem", "version": 1, "actors": [',
        ("$: malformed JSON", "line 1, column 61"),
    ),
    "report of hostile GraphML": CliCase(("report", "-"), LAUGHS.encode(), ("$:", "<!DOCTYPE>")),
    "export of a newer version": CliCase(
        ("export", "-", "--to", "node-link"),
        cli_broken(lambda d: d.__setitem__("version", 7)),
        ("$.version", "got 7"),
    ),
}


@pytest.mark.parametrize("name", list(CLI_CASES))
def test_the_command_line_exits_with_1_naming_field_and_value(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    case = CLI_CASES[name]
    out = io.StringIO()
    status = main(list(case.arguments), out=out, stdin=io.BytesIO(case.stdin))
    assert status == 1
    printed = out.getvalue() + capsys.readouterr().err
    for word in case.words:
        assert word in printed
    assert "Traceback" not in printed


def test_the_catalogue_holds_at_least_sixty_bad_inputs() -> None:
    assert len(CASES) + len(CLI_CASES) >= 60
    kinds = {case.error for case in CASES.values()}
    assert set(BUILTIN) == kinds  # every kind of error is exercised
