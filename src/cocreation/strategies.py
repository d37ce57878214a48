"""Hypothesis strategies (placeholder)."""


def _hypothesis_setup_hook() -> None:
    """Register strategies."""
