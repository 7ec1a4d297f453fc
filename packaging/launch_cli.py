"""The frozen command line's entry point: the same ``main`` as ``apology-composer-cli``."""

import sys

from composer.cli import main

if __name__ == "__main__":
    sys.exit(main())
