"""Allow ``python -m cocreation``."""

import sys

from cocreation.cli import main

if __name__ == "__main__":
    sys.exit(main())
