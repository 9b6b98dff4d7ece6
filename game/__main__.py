"""``python -m game`` runs the ``sidra`` command."""

import sys

try:
    from game.cli import main
except KeyboardInterrupt:  # Ctrl+C while the command is still loading: no traceback
    sys.exit(130)

sys.exit(main())
