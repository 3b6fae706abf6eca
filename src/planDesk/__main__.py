"""``python -m planDesk``: the same as the ``plandesk`` command."""

import sys

from planDesk.cli.main import main

sys.exit(main())
