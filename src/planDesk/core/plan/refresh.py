"""A plan view brought up to date after a change that kept its shape, without reading it all.

After a rename, a text edit or a goal/KPI/step edit (``Change.structural`` is False) the
screens read back only what the change names — the changed initiatives, the renamed
policies and items — and splice them into the ``PlanView`` they hold. On a plan of
10,000 initiatives that is a few milliseconds instead of the seconds ``load_plan`` takes.
A structural change (add, move, renumber, remove …) still reads the whole plan.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from planDesk.core.domain.model import Plan, Policy, PromotionItem
from planDesk.core.domain.workflow import INITIATIVE, ITEM, POLICY
from planDesk.core.errors import NotFoundError
from planDesk.core.persistence.store import Change
from planDesk.core.plan.view import InitiativeView, PlanView, _InitiativeParts


@dataclass(frozen=True)
class PlanPatch:
    """What changed in a plan, read back: initiatives by id, policy and item titles, the
    touched policies' slogans."""

    initiatives: Mapping[int, InitiativeView]
    policy_titles: Mapping[int, str]
    item_titles: Mapping[int, str]
    policy_slogans: Mapping[int, str] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not (self.initiatives or self.policy_titles or self.item_titles)


def read_patch(session: Session, plan_id: int, change: Change) -> PlanPatch:
    """Read back what a non-structural ``change`` touched in plan ``plan_id``: the
    initiatives whose own text or details it changed (an initiative only reported on is
    not read: its reports are read apart, ``load_reports_of``), renamed policies and items."""
    ids = change.ids(INITIATIVE)
    policy_ids = change.ids(POLICY)
    slogans: dict[int, str] = {}
    if policy_ids:
        slogans = {row_id: slogan or "" for row_id, slogan in session.execute(
            select(Policy.id, Policy.slogan).where(Policy.id.in_(list(policy_ids)), Policy.plan_id == plan_id))}
    return PlanPatch(
        load_initiatives(session, plan_id, ids) if ids else {},
        _titles(session, Policy, plan_id, policy_ids),
        _titles(session, PromotionItem, plan_id, change.ids(ITEM)),
        slogans,
    )


def _titles(session: Session, model: type[Policy] | type[PromotionItem], plan_id: int,
            ids: Collection[int]) -> dict[int, str]:
    if not ids:
        return {}
    stmt = select(model.id, model.title).where(model.id.in_(list(ids)))
    if model is Policy:
        stmt = stmt.where(Policy.plan_id == plan_id)
    else:
        stmt = stmt.join(Policy, PromotionItem.policy_id == Policy.id).where(Policy.plan_id == plan_id)
    return {row_id: title for row_id, title in session.execute(stmt)}


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
    groups = session.execute(
        select(PromotionItem.id, PromotionItem.number, PromotionItem.title, Policy.id, Policy.number, Policy.title)
        .join(Policy, PromotionItem.policy_id == Policy.id)
        .where(PromotionItem.id.in_(list(parts.initiatives))))
    out: dict[int, InitiativeView] = {}
    for item_id, item_number, item_title, pol_id, pol_number, pol_title in groups:
        for row in parts.initiatives[item_id]:
            view = parts.view(row, pol_id, pol_number, pol_title, item_id, item_number, item_title,
                              plan.numbering, [])
            out[view.id] = view
    return out


def apply_patch(plan: PlanView, patch: PlanPatch) -> PlanView:
    """``plan`` with the patched initiatives and titles; every other view is the same
    object as before (reports are kept from the old views)."""
    if patch.empty:
        return plan
    touched_items = {ini.item_id for ini in patch.initiatives.values()}
    touched_policies = {ini.policy_id for ini in patch.initiatives.values()}
    policies = []
    for pol in plan.policies:
        pol_title = patch.policy_titles.get(pol.id, pol.title)
        slogan = patch.policy_slogans.get(pol.id, pol.slogan)
        if pol_title == pol.title and pol.id not in touched_policies \
                and not any(item.id in patch.item_titles for item in pol.items):
            # nothing below it changed: the same object (or its slogan alone replaced)
            policies.append(pol if slogan == pol.slogan else replace(pol, slogan=slogan))
            continue
        items = []
        for item in pol.items:
            item_title = patch.item_titles.get(item.id, item.title)
            renamed = pol_title != pol.title or item_title != item.title
            if not renamed and item.id not in touched_items:
                items.append(item)
                continue
            inis = []
            for ini in item.initiatives:
                new = patch.initiatives.get(ini.id)
                new = replace(new, reports=ini.reports) if new is not None else ini
                if renamed:
                    new = replace(new, policy_title=pol_title, item_title=item_title)
                inis.append(new)
            items.append(replace(item, title=item_title, initiatives=tuple(inis)))
        policies.append(replace(pol, title=pol_title, slogan=slogan, items=tuple(items)))
    return replace(plan, policies=tuple(policies))
