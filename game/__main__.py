"""``python -m game`` runs the ``sidra`` command."""

import sys

from game.cli import main

sys.exit(main())
