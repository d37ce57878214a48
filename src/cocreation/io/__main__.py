"""Write the JSON Schema of the exchange format to standard output.

Regenerate the schema shipped with the package, from the root of a source checkout::

    python -m cocreation.io > src/cocreation/io/ecosystem.schema.json

Examples:
    >>> import io
    >>> out = io.StringIO()
    >>> main(out)
    0
    >>> '"title": "cocreation ecosystem"' in out.getvalue()
    True
"""

from __future__ import annotations

import sys
from typing import TextIO

from cocreation.io._schema import json_schema, schema_text

__all__ = ["main"]


def main(out: TextIO | None = None) -> int:
    """Write the schema to ``out`` (standard output by default) and return the exit status 0.

    Examples:
        >>> import io
        >>> main(io.StringIO())
        0
    """
    (sys.stdout if out is None else out).write(schema_text(json_schema()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
