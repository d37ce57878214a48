"""Plots of ecosystems and their value accounting (the ``plot`` extra, matplotlib).

Importing this module is cheap and works without matplotlib: each function imports
matplotlib when it is called, and raises
[`MissingExtraError`][cocreation.errors.MissingExtraError] naming the ``plot`` extra
when it is missing. Every function draws on the axes it is given (or on a new
figure), returns those axes, and never shows the figure.

- [`ecosystem_graph`][cocreation.plot.ecosystem_graph]: who interacts with whom, by
  reference point or co-creation level;
- [`value_waterfall`][cocreation.plot.value_waterfall]: a customer's firm value line by
  line, beside its net benefit;
- [`opportunity_landscape`][cocreation.plot.opportunity_landscape]: every outcome's
  importance against satisfaction, in the zones of Ulwick's opportunity score;
- [`holdout_calibration`][cocreation.plot.holdout_calibration]: a fitted model of
  repeat buying's expected purchases in a holdout period against the actual ones;
- [`active_members`][cocreation.plot.active_members],
  [`value_streams`][cocreation.plot.value_streams] and
  [`cumulative_value`][cocreation.plot.cumulative_value]: a
  [simulation][cocreation.simulate] over the periods, with bands of its runs.
- [`win_win_scatter`][cocreation.plot.win_win_scatter]: each customer's net benefit
  against the firm value it brings, with the quadrant where both gain.
- [`sweep_lines`][cocreation.plot.sweep_lines]: a measure against a swept number, a
  line per actor, where everyone gains shaded;
- [`tornado_chart`][cocreation.plot.tornado_chart] and
  [`sensitivity_bars`][cocreation.plot.sensitivity_bars]: which inputs drive an
  output (one at a time; Sobol or Morris);
- [`uncertainty_intervals`][cocreation.plot.uncertainty_intervals]: every actor's
  figure over Monte Carlo runs, with how often it loses.

Examples:
    >>> import cocreation.plot
    >>> [name for name in cocreation.plot.__all__ if name.islower()]
    ['active_members', 'cumulative_value', 'ecosystem_graph', 'holdout_calibration', 'opportunity_landscape', 'sensitivity_bars', 'sweep_lines', 'tornado_chart', 'uncertainty_intervals', 'value_streams', 'value_waterfall', 'win_win_scatter']
"""

from cocreation.plot._calibration import holdout_calibration
from cocreation.plot._graph import EDGE_COLOURS, HARM, NODE_STYLES, ecosystem_graph
from cocreation.plot._opportunity import OPPORTUNITY_COLOURS, opportunity_landscape
from cocreation.plot._simulation import active_members, cumulative_value, value_streams
from cocreation.plot._waterfall import LINE_WORDS, value_waterfall
from cocreation.plot._whatif import (
    MEASURE_WORDS,
    sensitivity_bars,
    sweep_lines,
    tornado_chart,
    uncertainty_intervals,
)
from cocreation.plot._win_win import QUADRANT_WORDS, win_win_scatter

__all__ = [
    "EDGE_COLOURS",
    "HARM",
    "LINE_WORDS",
    "MEASURE_WORDS",
    "NODE_STYLES",
    "OPPORTUNITY_COLOURS",
    "QUADRANT_WORDS",
    "active_members",
    "cumulative_value",
    "ecosystem_graph",
    "holdout_calibration",
    "opportunity_landscape",
    "sensitivity_bars",
    "sweep_lines",
    "tornado_chart",
    "uncertainty_intervals",
    "value_streams",
    "value_waterfall",
    "win_win_scatter",
]
