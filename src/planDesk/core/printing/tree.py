"""The plan's tree as the printouts walk it: live groups of any depth and their initiatives.

A printout leaves out retired groups (with everything under them), retired initiatives
and groups that hold no live initiative anywhere below. What remains is walked in the
plan's order (child groups and initiatives of one group share one order), one leaf per
initiative with the live groups from the top level down to its own group.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from planDesk.core.plan.view import GroupView, InitiativeView, PlanView


@dataclass(frozen=True, slots=True)
class Leaf:
    """One initiative with its groups, depth 1 first (``groups[-1]`` holds it)."""

    groups: tuple[GroupView, ...]
    initiative: InitiativeView

    def starts(self, previous: Leaf | None) -> int:
        """The index in ``groups`` of the first group that begins at this leaf (``len(groups)``:
        none, the leaf continues its group)."""
        if previous is None:
            return 0
        for k, (mine, theirs) in enumerate(zip(self.groups, previous.groups, strict=False)):
            if mine.id != theirs.id:
                return k
        return min(len(self.groups), len(previous.groups))


def has_live(group: GroupView) -> bool:
    """Whether a live initiative sits anywhere under ``group`` (retired groups pruned)."""
    return next(_leaves(group, ()), None) is not None


def live_groups(plan: PlanView) -> list[GroupView]:
    """The top-level groups a printout shows."""
    return [g for g in plan.groups if not g.retired and has_live(g)]


def leaves(plan: PlanView) -> Iterator[Leaf]:
    """Every live initiative in plan order with its live groups."""
    for group in plan.groups:
        yield from _leaves(group, ())


def group_leaves(group: GroupView) -> Iterator[Leaf]:
    """The live initiatives under one (live) group, their groups from ``group`` down."""
    return _leaves(group, ())


def printed_initiatives(plan: PlanView) -> Iterator[InitiativeView]:
    """The initiatives a printout shows (``PlanView.initiatives`` also yields those under a
    retired group)."""
    return (leaf.initiative for leaf in leaves(plan))


def _leaves(group: GroupView, above: tuple[GroupView, ...]) -> Iterator[Leaf]:
    if group.retired:
        return
    path = (*above, group)
    for child in group.children:
        if isinstance(child, GroupView):
            yield from _leaves(child, path)
        elif not child.retired:
            yield Leaf(path, child)


def group_ends(rows: list[Leaf]) -> list[int]:
    """Per leaf: the index of the outermost group that ends with it (``len(groups)``: none
    does; the next leaf stays in every group of this one)."""
    return [_end_index(leaf, rows[n + 1] if n + 1 < len(rows) else None) for n, leaf in enumerate(rows)]


def _end_index(leaf: Leaf, nxt: Leaf | None) -> int:
    if nxt is None:
        return 0
    for k, mine in enumerate(leaf.groups):
        if k >= len(nxt.groups) or nxt.groups[k].id != mine.id:
            return k
    return len(leaf.groups)
