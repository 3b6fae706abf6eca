"""Every export kind: importing this module imports each module that registers kinds."""

from planDesk.core.exports import (
    printouts,  # noqa: F401  (booklet, results, summary)
    roadmap,  # noqa: F401
    workbooks,  # noqa: F401
)
from planDesk.core.exports.registry import EXPORTERS, Exporter


def load_kinds() -> dict[str, Exporter]:
    """Every registered export kind."""
    return EXPORTERS
