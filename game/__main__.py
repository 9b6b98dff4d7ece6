"""``python -m game`` runs the ``sidra`` command."""

import sys

from game.entry import run

sys.exit(run())
