"""The frozen app's entry point: the same ``main`` as the installed ``apology-composer``."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
