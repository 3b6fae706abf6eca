"""Entry point of the frozen program (both executables): the same as ``plandesk``."""

import sys

from planDesk.cli.main import main

sys.exit(main())
