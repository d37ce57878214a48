"""The command line: ``cocreation report``, ``validate``, ``schema``, ``export`` and ``examples``.

``cocreation --help`` and ``cocreation COMMAND --help`` describe each command.

Examples:
    >>> from cocreation.cli import main
    >>> main(["report", "--help"])  # doctest: +ELLIPSIS
    usage: cocreation report ...
    0
"""

from cocreation.cli._main import main

__all__ = ["main"]
