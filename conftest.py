"""Hypothesis profiles for everything pytest runs: tests, doctests in src, and the docs.

- ``dev`` (the default): few examples, for a fast edit-test loop.
- ``thorough``: many examples and longer stateful runs, before a release.
- ``ci``: Hypothesis's own profile (derandomised, no database, no deadline), which
  Hypothesis loads by itself whenever ``CI`` (or another CI variable) is set; this file
  leaves it in place.

``HYPOTHESIS_PROFILE=<name>`` (or ``pytest --hypothesis-profile=<name>``) picks one
explicitly. No profile sets a deadline: on a busy machine a first import of a graph
algorithm's dependencies can take longer than any sensible one, and speed is measured
by the benchmarks, not by the tests.
"""

from __future__ import annotations

import os

from hypothesis import settings

# Built on Hypothesis's defaults, so they are the same whether or not CI is set.
_defaults = settings.get_profile("default")
settings.register_profile("dev", _defaults, max_examples=30, stateful_step_count=20, deadline=None)
settings.register_profile(
    "thorough", _defaults, max_examples=1000, stateful_step_count=100, deadline=None
)

_chosen = os.environ.get("HYPOTHESIS_PROFILE")
if _chosen:
    settings.load_profile(_chosen)
elif settings.get_current_profile_name() != "ci":
    settings.load_profile("dev")
