"""A plan view brought up to date after a change that kept its shape, without reading it all.

After a rename, a text edit or a goal/KPI/step edit (``Change.structural`` is False) the
screens read back only what the change names — the changed initiatives, the renamed
groups — and splice them into the ``PlanView`` they hold. On a plan of
10,000 initiatives that is a few milliseconds instead of the seconds ``load_plan`` takes.
A structural change (add, move, renumber, remove …) still reads the whole plan.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain.model import Plan, PlanGroup
from planDesk.core.domain.workflow import GROUP, INITIATIVE
from planDesk.core.errors import NotFoundError
from planDesk.core.persistence.store import Change
from planDesk.core.plan.view import GroupRef, GroupView, InitiativeView, PlanView, _GroupTree, _InitiativeParts


@dataclass(frozen=True)
class PlanPatch:
    """What changed in a plan, read back: initiatives by id, the touched groups' titles,
    slogans and row versions by id."""

    initiatives: Mapping[int, InitiativeView]
    group_titles: Mapping[int, str]
    group_slogans: Mapping[int, str] = field(default_factory=dict)
    group_versions: Mapping[int, int] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.initiatives or self.group_titles or self.group_slogans)


def read_patch(session: Session, plan_id: int, change: Change) -> PlanPatch:
    """Read back what a non-structural ``change`` touched in plan ``plan_id``: the
    initiatives whose own text or details it changed (an initiative only reported on is
    not read: its reports are read apart, ``load_reports_of``), renamed groups."""
    ids = change.ids(INITIATIVE)
    group_ids = change.ids(GROUP)
    titles: dict[int, str] = {}
    slogans: dict[int, str] = {}
    versions: dict[int, int] = {}
    if group_ids:
        for row_id, title, slogan, version in session.execute(
                select(PlanGroup.id, PlanGroup.title, PlanGroup.slogan, PlanGroup.version)
                .where(PlanGroup.id.in_(sorted(group_ids)), PlanGroup.plan_id == plan_id)):
            titles[row_id] = title
            slogans[row_id] = slogan or ""
            versions[row_id] = version
    return PlanPatch(load_initiatives(session, plan_id, ids) if ids else {}, titles, slogans, versions)


def load_initiatives(session: Session, plan_id: int, ids: Collection[int]) -> dict[int, InitiativeView]:
    """These initiatives of the plan as ``load_plan`` would show them, without their
    reports (the GUI keeps reports apart: gui/plan/report_index.py). Ids not in the plan
    are left out."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFoundError(f"計画（ID {plan_id}）はデータベースにありません。")
    parts = _InitiativeParts.load(session, plan_id, only=ids)
    if not parts.initiatives:
        return {}
    paths = _GroupTree.load(session, plan_id).paths(plan.numbering)
    out: dict[int, InitiativeView] = {}
    for group_id, rows in parts.initiatives.items():
        path, numbers = paths[group_id]
        for row in rows:
            view = parts.view(row, path, numbers, plan.numbering, [])
            out[view.id] = view
    return out


def apply_patch(plan: PlanView, patch: PlanPatch) -> PlanView:
    """``plan`` with the patched initiatives and group titles; every view nothing changed
    under is the same object as before (reports are kept from the old views)."""
    if patch.empty:
        return plan
    touched = {ref.id for ini in patch.initiatives.values() for ref in ini.path}
    renamed = {g for g, title in patch.group_titles.items() if title}

    def patched(group: GroupView, path: tuple[GroupRef, ...], path_renamed: bool) -> GroupView:
        title = patch.group_titles.get(group.id, group.title)
        slogan = patch.group_slogans.get(group.id, group.slogan)
        version = patch.group_versions.get(group.id, group.version)
        now_renamed = path_renamed or title != group.title
        ref = GroupRef(group.id, group.depth, group.number, group.code, title)
        own = (*path, ref)
        if not now_renamed and group.id not in touched and not any(
                g.id in renamed for g in group.walk()):
            # nothing below it changed: the same object (or its slogan and version replaced)
            return group if (slogan, version) == (group.slogan, group.version) else replace(
                group, slogan=slogan, version=version)
        subgroups = {g.id: patched(g, own, now_renamed) for g in group.groups}
        inis = {}
        for ini in group.initiatives:
            new = patch.initiatives.get(ini.id)
            new = replace(new, reports=ini.reports) if new is not None else ini
            if now_renamed:
                new = replace(new, path=own)
            inis[ini.id] = new
        children = tuple(subgroups[c.id] if isinstance(c, GroupView) else inis[c.id] for c in group.children)
        return replace(group, title=title, slogan=slogan, version=version, groups=tuple(subgroups.values()),
                       initiatives=tuple(inis.values()), children=children)

    return replace(plan, groups=tuple(patched(g, (), False) for g in plan.groups))
