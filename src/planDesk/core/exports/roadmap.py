"""``plandesk export roadmap --out FILE.pdf|.png``: the 工程表 of the plan as a Gantt chart.

``--department NAME`` keeps that department's initiatives (and those assigned to every
department, 全部署, or to the relevant ones, 関係部署…); ``--fy YEAR`` picks the reports
whose step states colour the steps (default: the latest year with reports). The PDF is
A3 landscape (``--paper A4``), tiled over as many pages as needed with the header and
row labels on each; ``--zoom quarter|month`` adds quarter or month columns.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from planDesk.core.domain.fiscal import format_fy
from planDesk.core.errors import UsageError, UserError
from planDesk.core.exports.registry import ExportOptions, exporter
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id
from planDesk.core.reports.assignment import assigned
from planDesk.core.roadmap.layout import ZOOMS
from planDesk.core.roadmap.pages import PAPERS


def department_initiatives(plan: PlanView, name: str) -> tuple[set[int], str]:
    """Ids of the initiatives a department reports on, and its name as in the plan."""
    wanted = name.strip()
    dept = next((d for d in plan.departments if d.name == wanted), None)
    if dept is None:
        near = [d.name for d in plan.departments if wanted and (wanted in d.name or d.name in wanted)]
        hint = f"似た名前：{'、'.join(near[:8])}" if near else "plandesk show で部署名を確認してください。"
        raise UserError(f"部署「{name}」はこの計画にありません（--department）。", hint=hint)
    ids = {ini.id for ini in plan.initiatives() if assigned(((d.id, d.pseudo) for d in ini.departments), dept.id)}
    return ids, dept.name


@exporter("roadmap", (".pdf", ".png"), "工程表（ガントチャート、A3 横）")
def export_roadmap(store: Store, opts: ExportOptions, out: Path) -> str:
    paper = str(opts.extra.get("paper") or "A3")
    if paper not in PAPERS:
        raise UsageError(f"用紙は {'、'.join(PAPERS)} のどれかにしてください（指定：{paper}）。")
    zoom = next((z for z in ZOOMS if z == opts.extra.get("zoom", "year")), None)
    if zoom is None:
        raise UsageError(f"目盛りは {'、'.join(ZOOMS)} のどれかにしてください（指定：{opts.extra['zoom']}）。")
    with store.read() as session:
        plan = load_plan(session, resolve_plan_id(session, opts.plan))
    ids: set[int] | None = None
    scope = ""
    if opts.department:
        ids, dept = department_initiatives(plan, opts.department)
        scope = f"部署：{dept}"
    today = date.today()
    if out.suffix.lower() == ".png":
        from planDesk.core.exports.registry import image_writer
        from planDesk.core.roadmap.layout import layout_roadmap
        from planDesk.core.roadmap.measure import FontMeasurer

        write_image = image_writer(".png")
        if write_image is None:
            raise UserError("この環境では工程表を PNG 画像にできません（画面の描画部品が読み込まれていません）。",
                            hint="PDF（--out 工程表.pdf）で出力してください。")
        if opts.extra.get("paper"):  # the sheet as wide as that paper (landscape), as tall as needed
            from planDesk.core.roadmap.pdf import layout_for_paper

            layout = layout_for_paper(plan, paper=paper, today=today, zoom=zoom, initiative_ids=ids,
                                      cycle_fy=opts.fy)
        else:
            layout = layout_roadmap(plan, measurer=FontMeasurer(), today=today, initiative_ids=ids, zoom=zoom,
                                    cycle_fy=opts.fy, group_markers=False)
        width, height = write_image(out, layout, scope)
        what = f"{width}×{height} ピクセル"
    else:
        from planDesk.core.roadmap.pdf import layout_for_paper, write_roadmap_pdf

        layout = layout_for_paper(plan, paper=paper, today=today, zoom=zoom, initiative_ids=ids,
                                  cycle_fy=opts.fy)
        pages = write_roadmap_pdf(out, layout, paper=paper, scope=scope)
        what = f"{paper} 横 {pages} ページ"
    count = sum(1 for r in layout.rows if r.kind == "initiative")
    fy = layout.cycle_fy
    reported = fy is not None and any(r.fy == fy for i in plan.initiatives() if ids is None or i.id in ids
                                      for r in i.reports)
    colour = f"{format_fy(fy)}の報告で色分け" if reported and fy is not None else (
        f"{format_fy(fy)}の報告はまだないため色分けなし" if fy is not None else "報告がないため色分けなし")
    return f"工程表を書き出しました：{out}（{plan.initiative_label} {count} 件、{what}、{colour}）"
