"""How results and the ecosystem show themselves: reprs, HTML tables for notebooks, frames."""

from __future__ import annotations

import html.parser
from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

import cocreation as cc
from cocreation import bulk
from cocreation._display import ROWS_SHOWN, cell, html_table, tidy

EXAMPLE = cc.example_ecosystem()


def example_results() -> dict[str, Callable[[], Any]]:
    """Every kind of result the library returns, computed on the bundled example."""
    ledger = bulk.account(
        EXAMPLE,
        {
            "customer": ["small-businesses"],
            "counterpart": ["alpine-telecom"],
            "offering": ["business-internet"],
            "units": [1.0],
        },
    )
    return {
        "NetBenefits": lambda: cc.net_benefit(EXAMPLE),
        "NetBenefit": lambda: cc.net_benefit(EXAMPLE)["alpen-logistik"],
        "FirmValues": lambda: cc.firm_value(EXAMPLE, timing="retained"),
        "FirmValue": lambda: cc.firm_value(EXAMPLE, timing="retained")["alpen-logistik"],
        "NetValueFlows": lambda: cc.net_value_flows(EXAMPLE),
        "NetValueFlow": lambda: cc.net_value_flows(EXAMPLE)["alpine-telecom", 0],
        "WinWin": lambda: cc.win_win(EXAMPLE),
        "PriceRange": lambda: cc.price_range(EXAMPLE, "business-internet"),
        "ValueStick": lambda: cc.value_stick(100.0, 70.0, 40.0, 25.0),
        "OpportunityScore": lambda: cc.opportunity_score(8.1, 2.8),
        "NetPromoterScore": lambda: cc.net_promoter_score([10, 9, 8, 6]),
        "Centrality": lambda: cc.central_integrator(EXAMPLE),
        "NetBenefitColumns": lambda: bulk.net_benefit(EXAMPLE, ledger=ledger),
        "FirmValueColumns": lambda: bulk.firm_value(EXAMPLE, ledger=ledger, timing="end"),
        "NetValueFlowColumns": lambda: bulk.net_value_flows(EXAMPLE, ledger=ledger),
    }


RESULTS = example_results()


class _Cells(html.parser.HTMLParser):
    """The text of every table cell and caption of an HTML fragment, and its tags."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag in {"td", "th", "caption"}:
            self._open = True
            self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"td", "th", "caption"}:
            self._open = False

    def handle_data(self, data: str) -> None:
        if self._open:
            self.cells[-1] += data


def cells(fragment: str) -> _Cells:
    parser = _Cells()
    parser.feed(fragment)
    parser.close()
    return parser


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_every_result_shows_a_table_in_a_notebook(name: str) -> None:
    result = RESULTS[name]()
    assert type(result).__name__ == name
    fragment = result._repr_html_()
    parsed = cells(fragment)
    assert parsed.tags[0] == "table"
    assert "caption" in parsed.tags
    assert name in parsed.cells[0]  # the caption names the result
    assert len(parsed.cells) > 2


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_every_result_has_a_tidy_frame(name: str) -> None:
    result = RESULTS[name]()
    frame = result.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) >= 1


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_no_repr_shows_the_noise_of_binary_floating_point(name: str) -> None:
    text = repr(RESULTS[name]())
    assert "99999999" not in text
    assert "00000000" not in text


def test_a_noisy_sum_reads_as_the_number_a_person_would_write() -> None:
    value = cc.FirmValue("acme", "telco", 1, "end", lifetime_value=40874.99999999998)
    assert repr(value).startswith(
        "FirmValue(customer='acme', organisation='telco', count=1, timing='end', "
        "lifetime_value=40875.0, "
    )
    assert value.lifetime_value == 40874.99999999998  # only the repr is tidied
    assert "40,875.00" in value._repr_html_()


def test_the_ecosystem_shows_its_kinds_counts_and_first_ids() -> None:
    parsed = cells(EXAMPLE._repr_html_())
    assert "Co-selling at Alpine Telecom" in parsed.cells[0]
    assert "402 customer members" in parsed.cells[0]
    rows = parsed.cells[4:]  # after the caption and the three headers
    by_kind = {rows[i]: (rows[i + 1], rows[i + 2]) for i in range(0, len(rows), 3)}
    assert by_kind["customers"] == ("3", "alpen-logistik, seeland-kliniken, small-businesses")
    assert by_kind["interactions"][0] == str(len(EXAMPLE.interactions))
    assert by_kind["interactions"][1].endswith(f"({len(EXAMPLE.interactions) - 5} more)")


def test_win_win_frame_has_each_actor_net_and_whether_it_gains() -> None:
    verdict = cc.win_win(EXAMPLE)
    frame = verdict.to_frame()
    assert list(frame.columns) == ["actor", "net", "gains"]
    assert dict(zip(frame["actor"], frame["net"], strict=True)) == verdict.nets
    assert frame["gains"].tolist() == [actor not in verdict.losers for actor in verdict.nets]


def test_win_win_html_lists_the_price_ranges() -> None:
    verdict = cc.win_win(EXAMPLE)
    parsed = cells(verdict._repr_html_())
    for offering in verdict.price_ranges:
        assert offering in parsed.cells


def test_a_price_range_frame_holds_its_bounds() -> None:
    found = cc.PriceRange("connect", 80.0, None)
    assert found.to_frame().to_dict("records") == [
        {"offering": "connect", "low": 80.0, "high": None}
    ]


def test_value_stick_frame_holds_its_inputs_and_shares() -> None:
    row = cc.value_stick(100.0, 70.0, 40.0, 25.0).to_frame().to_dict("records")[0]
    assert row == {
        "willingness_to_pay": 100.0,
        "price": 70.0,
        "cost": 40.0,
        "opportunity_cost": 25.0,
        "customer_share": 30.0,
        "firm_share": 30.0,
        "supplier_share": 15.0,
        "total": 75.0,
    }


def test_opportunity_and_promoter_frames_hold_their_scores() -> None:
    opportunity = cc.opportunity_score(9.0, 3.0).to_frame().to_dict("records")[0]
    assert opportunity == {
        "importance": 9.0,
        "satisfaction": 3.0,
        "score": 15.0,
        "opportunity": "strong",
    }
    promoters = cc.net_promoter_score([10, 9, 8, 6]).to_frame().to_dict("records")[0]
    assert promoters["score"] == 25.0
    assert promoters["respondents"] == 4


def test_centrality_frame_has_every_actor_highest_first() -> None:
    centrality = cc.central_integrator(EXAMPLE)
    frame = centrality.to_frame()
    assert list(zip(frame["actor"], frame["score"], strict=True)) == list(centrality.scores)
    assert frame["actor"].iloc[0] == centrality.integrator


def test_a_long_table_shows_its_first_rows_and_says_how_many_more() -> None:
    rows = [[f"customer-{number}", float(number)] for number in range(ROWS_SHOWN + 7)]
    parsed = cells(html_table("Many", ["customer", "net"], rows))
    assert "customer-0" in parsed.cells
    assert f"customer-{ROWS_SHOWN - 1}" in parsed.cells
    assert f"customer-{ROWS_SHOWN}" not in parsed.cells
    assert f"... 7 more rows ({ROWS_SHOWN + 7} in all)" in parsed.cells


def test_html_escapes_every_text() -> None:
    fragment = html_table("<b>", ["<i>"], [["<script>alert(1)</script>"]])
    assert "<script>" not in fragment
    assert "&lt;script&gt;" in fragment
    assert "<b>" not in fragment


@pytest.mark.parametrize(
    ("value", "text"),
    [(-0.0, "0.00"), (-0.004, "0.00"), (-0.005, "-0.01"), (1234.5, "1,234.50"), (7, "7")],
)
def test_cells_never_show_minus_zero(value: float, text: str) -> None:
    assert cell(value) == text


def test_tidy_keeps_twelve_significant_digits() -> None:
    assert tidy(0.1 + 0.2) == 0.3
    assert tidy(123456.789012345) == 123456.789012
    assert tidy(["a", 1.0000000000001]) == ["a", 1.0]


def test_fitted_models_show_their_parameters_and_standard_errors() -> None:
    from cocreation.estimate import shifted_beta_geometric

    # Fader & Hardie (2007), the "regular" cohort: alpha 0.668, beta 3.806.
    fit = shifted_beta_geometric([1000, 869, 743, 653, 593, 551, 517, 491], unit="year")
    frame = fit.to_frame()
    assert frame["parameter"].tolist() == ["alpha", "beta"]
    assert frame["estimate"].tolist() == [fit.alpha, fit.beta]
    assert frame["standard_error"].tolist() == [
        fit.standard_errors["alpha"],
        fit.standard_errors["beta"],
    ]
    parsed = cells(fit._repr_html_())
    assert "converged" in parsed.cells[0]
    assert "0.6681" in parsed.cells
    assert "3.806" in parsed.cells
    assert "99999" not in repr(fit)
    assert "Convergence(converged=True" in repr(fit)
