"""Property tests: the invariants of DOMAIN.md, asserted with Hypothesis."""
