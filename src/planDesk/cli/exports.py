"""Imports every module that registers an export kind (see cmd_export.EXPORTERS)."""
from planDesk.cli import (
    export_printouts,  # noqa: F401  (booklet, results, summary)
    export_roadmap,  # noqa: F401
    export_workbooks,  # noqa: F401
)
