"""``plandesk show --json``: the plan and its reports as one JSON object.

The schema is documented in docs/json-schema.md; keep the two in step.
"""

from __future__ import annotations

from typing import Any

from planDesk.core.domain.fiscal import format_fy
from planDesk.core.plan.view import GroupView, InitiativeView, PlanView, ReportView

SCHEMA_VERSION = 1


def plan_to_json(plan: PlanView) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "plan": {
            "id": plan.id,
            "key": plan.key,
            "name": plan.name,
            "municipality": plan.municipality,
            "vision": plan.vision,
            "period": {
                "start_fy": plan.start_fy,
                "end_fy": plan.end_fy,
                "label": f"{format_fy(plan.start_fy)}〜{format_fy(plan.end_fy)}",
            },
            "revision": plan.revision,
            "revision_fy": plan.revision_fy,
            "level_labels": list(plan.level_labels),
            "numbering": plan.numbering,
            "evaluation_scale": [{"code": c, "label": lab} for c, lab in plan.evaluation_scale],
            "directions": list(plan.directions),
            "departments": [
                {"name": d.name, "pseudo": d.pseudo} for d in plan.departments if not d.retired
            ],
            "groups": [group_to_json(g) for g in plan.groups if not g.retired],
            # The first two depths as schema 1 named them, kept for existing scripts.
            "policies": [
                {
                    "code": top.code,
                    "title": top.title,
                    "slogan": top.slogan,
                    "promotion_items": [{"code": g.code, "title": g.title} for g in top.groups
                                        if not g.retired],
                }
                for top in plan.groups
                if not top.retired
            ],
            "glossary": [{"term": g.term, "text": g.text} for g in plan.glossary],
        },
        "initiatives": [initiative_to_json(ini) for ini in plan.initiatives()],
    }


def group_to_json(group: GroupView) -> dict[str, Any]:
    """A group and the groups below it (retired ones left out); initiatives are listed apart."""
    return {
        "depth": group.depth,
        "code": group.code,
        "title": group.title,
        "slogan": group.slogan,
        "groups": [group_to_json(g) for g in group.groups if not g.retired],
    }


def initiative_to_json(ini: InitiativeView) -> dict[str, Any]:
    goal_marks = {g.id: g.mark for g in ini.goals}
    kpi_names = {k.id: k.name for k in ini.kpis}
    step_labels = {s.id: s.label for s in ini.steps}
    return {
        "uid": ini.uid,
        "code": ini.code,
        "title": ini.title,
        "groups": [{"depth": g.depth, "code": g.code, "title": g.title} for g in ini.path],
        # schema 1's names, kept for existing scripts: the top group and the initiative's own.
        "policy": ini.top.title,
        "promotion_item": ini.parent.title,
        "departments": list(ini.department_names),
        "departments_more": ini.departments_more,
        "priority": ini.priority,
        "new_in_fy": ini.new_in_fy,
        "overview": ini.overview,
        "status": ini.status,
        "status_heading": ini.status_heading,
        "goals": [
            {"mark": g.mark, "text": g.text, "target_start_fy": g.target_start_fy,
             "target_end_fy": g.target_end_fy}
            for g in ini.goals
        ],
        "kpis": [
            {
                "name": k.name, "unit": k.unit, "direction": k.direction,
                "baseline": k.baseline,
                "baseline_as_of": k.baseline_as_of.isoformat() if k.baseline_as_of else None,
                "baseline_as_of_fy": k.baseline_as_of_fy,
                "target": k.target, "target_fy": k.target_fy, "goal": k.goal_mark,
            }
            for k in ini.kpis
        ],
        "roadmap": [
            {
                "label": s.label, "goals": list(s.goal_marks),
                "start_fy": s.start_fy, "start_quarter": s.start_quarter,
                "start_month": s.start_month,
                "end_fy": s.end_fy, "end_quarter": s.end_quarter, "end_month": s.end_month,
                "kind": s.kind, "inferred": s.inferred,
            }
            for s in ini.steps
        ],
        "reports": [report_to_json(r, goal_marks, kpi_names, step_labels) for r in ini.reports],
    }


def report_to_json(r: ReportView, _goals: dict[int, str], kpi_names: dict[int, str],
                   step_labels: dict[int, str]) -> dict[str, Any]:
    return {
        "fy": r.fy,
        "half": r.half,
        "department": r.department,
        "status": r.status,
        "evaluation": r.evaluation,
        "activities": r.activities,
        "issues": r.issues,
        "direction": r.direction,
        "next_steps": r.next_steps,
        "kpi_actuals": [{"kpi": kpi_names.get(k, str(k)), "value": v} for k, v in r.kpi_actuals],
        "step_states": [{"step": step_labels.get(s, str(s)), "state": st}
                        for s, st in r.step_states],
        "results": [
            {"heading": res.heading, "text": res.text,
             "figures": [{"label": f.label, "value": f.value, "unit": f.unit}
                         for f in res.figures]}
            for res in r.results
        ],
        "updated_by": r.updated_by,
        "updated_at": r.updated_at.isoformat() if r.updated_at else None,
        "version": r.version,
    }
