"""Keys of a report's fields, and the stable keys of an initiative's KPIs and steps.

A report field is named by a ``FieldKey``: a plain field (``"activities"``,
``"evaluation"`` …) or a KPI actual / a step state with its identifier (``"kpi:12"``,
``"step:3"``; in a submission workbook the identifier is the KPI's or step's stable key
instead of a database id). ``FieldKey`` is a ``str``, so dictionaries, JSON and the
workbook's metadata keep the text form; its parts are read in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

KPI = "kpi"
STEP = "step"
TEXT_FIELDS = ("activities", "issues", "next_steps")
CHOICE_FIELDS = ("evaluation", "direction")


class FieldKey(str):
    """``kind`` or ``kind:ident``: a report field's name."""

    __slots__ = ()

    @classmethod
    def kpi(cls, ident: int | str) -> FieldKey:
        return cls(f"{KPI}:{ident}")

    @classmethod
    def step(cls, ident: int | str) -> FieldKey:
        return cls(f"{STEP}:{ident}")

    @property
    def kind(self) -> str:
        """``"kpi"``, ``"step"`` or the plain field's own name."""
        return self.partition(":")[0]

    @property
    def ident(self) -> str:
        """The KPI's or step's identifier ("" for a plain field)."""
        return self.partition(":")[2]

    @property
    def item_id(self) -> int:
        """The identifier as a database id (for keys made with an id)."""
        return int(self.ident)


def kpi_keys(names: Sequence[str]) -> list[str]:
    """Stable keys for the KPIs of one initiative: the name, or ``name#2`` for a repeat.

    Database ids differ between a department's copy and the division's database; the
    name (within its initiative) is what both share.
    """
    seen: dict[str, int] = {}
    keys = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        keys.append(name if seen[name] == 1 else f"{name}#{seen[name]}")
    return keys


step_keys = kpi_keys  # roadmap steps are keyed by their label the same way
