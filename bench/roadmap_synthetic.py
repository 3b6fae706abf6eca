"""A synthetic large plan for the roadmap benchmarks, built directly as PlanView dataclasses.

``synthetic_plan(10_000, 3)`` gives 10,000 initiatives with 30,000 roadmap steps over
令和5〜9年度, labels and titles in the style of the Hitachinaka plan, and progress reports
(two departments each) for about half of the initiatives so the steps are coloured.
Deterministic (fixed random seed).
"""

from __future__ import annotations

import random

from planDesk.core.domain import codes
from planDesk.core.plan.view import (
    DepartmentView,
    GoalView,
    GroupRef,
    GroupView,
    InitiativeView,
    PlanView,
    ReportView,
    StepView,
)

_TITLES = [
    "行政手続きのオンライン化", "マイナンバーカードの普及促進", "キャッシュレス決済の普及促進",
    "「書かない窓口」の導入", "ウェブサイトの充実", "SNS等を活用した情報発信の充実",
    "オープンデータの推進", "テレワークの推進", "ペーパーレス化の推進", "RPA・AIの活用",
    "電子契約の導入", "公共施設予約システムの改善", "GIGAスクール構想の推進",
    "防災情報のデジタル化", "地域のデジタル人材の育成",
]
_STEPS = [
    "調査・検討", "導入・順次拡大", "対象手続きの拡充，普及促進", "普及促進（安全性や利便性の周知）",
    "実施", "継続", "職員研修（CMS，ウェブアクセシビリティ）", "掲載内容の充実",
    "一部デザインリニューアルや機能追加等の検討", "試行運用", "本格運用", "効果検証・見直し",
]
_DEPTS = [f"{name}課" for name in (
    "市民", "情報政策", "人事", "財政", "税務", "収納", "福祉", "子育て支援", "高齢福祉", "健康推進",
    "環境", "農政", "商工振興", "観光", "都市計画", "道路", "下水道", "建築", "防災", "学校教育",
    "生涯学習", "スポーツ振興", "文化", "会計", "議会事務", "選挙管理", "監査", "秘書", "広報", "企画")]
_STATES = ["not_started", "in_progress", "done", "delayed"]


def synthetic_plan(initiatives: int = 10_000, steps_each: int = 3, *, start_fy: int = 2023,
                   years: int = 5, seed: int = 4) -> PlanView:
    rnd = random.Random(seed)
    depts = tuple(DepartmentView(i + 1, n, None) for i, n in enumerate(_DEPTS))
    per_item = 50
    items_per_policy = 20
    policies: list[GroupView] = []
    ini_id = step_id = report_id = 0
    n_policies = -(-initiatives // (per_item * items_per_policy))
    made = 0
    for pn in range(1, n_policies + 1):
        items: list[GroupView] = []
        for itn in range(1, items_per_policy + 1):
            inis: list[InitiativeView] = []
            for num in range(1, per_item + 1):
                if made == initiatives:
                    break
                made += 1
                ini_id += 1
                goals = tuple(GoalView(ini_id * 10 + g, codes.circled(g), f"目標{g}の文章です", None, None)
                              for g in (1, 2))
                steps = []
                for _ in range(steps_each):
                    step_id += 1
                    s = start_fy + rnd.randrange(years)
                    e = min(start_fy + years - 1, s + rnd.randrange(3))
                    kind = rnd.choice(["one-off", "one-off", "continuing", "milestone"])
                    month = rnd.randrange(1, 13) if kind == "milestone" else None
                    g = rnd.choice((1, 2))
                    label = f"{codes.circled(g)}{rnd.choice(_STEPS)}（{step_id}）"
                    steps.append(StepView(step_id, label, s, None, month,
                                          s if kind == "milestone" else e, None, month, kind, False,
                                          (codes.circled(g),)))
                ini_depts = tuple(rnd.sample(depts, rnd.randrange(1, 4)))
                reports = []
                if rnd.random() < 0.5:
                    for d in ini_depts[:2]:
                        report_id += 1
                        reports.append(ReportView(
                            report_id, ini_id, d.name, d.id, start_fy + 1, 0, "submitted", "B", "", "",
                            None, "", "", (), tuple((st.id, rnd.choice(_STATES)) for st in steps), (),
                            "bench", None, None, 1))
                inis.append(InitiativeView(
                    id=ini_id, uid=f"syn{ini_id}", code=codes.initiative_code("maru", pn, itn, num),
                    number=num, title=rnd.choice(_TITLES) + f"（その{ini_id}）",
                    path=(GroupRef(pn, 1, pn, codes.policy_code("maru", pn), f"基本方針{pn}"),
                          GroupRef(pn * 100 + itn, 2, itn, codes.item_code("maru", pn, itn), f"推進事項{itn}")),
                    departments=ini_depts, departments_more=False, priority=rnd.random() < 0.05,
                    new_in_fy=start_fy if rnd.random() < 0.1 else None, overview="", status="",
                    status_heading="取組状況", goals=goals, kpis=(), steps=tuple(steps),
                    reports=tuple(reports), retired=False, version=1))
            if inis:
                items.append(GroupView(pn * 100 + itn, 2, itn, codes.item_code("maru", pn, itn),
                                       f"推進事項 {pn}-{itn}", False, (), tuple(inis), tuple(inis)))
        policies.append(GroupView(pn, 1, pn, codes.policy_code("maru", pn), f"基本方針 その{pn}", False,
                                  tuple(items), (), tuple(items)))
    return PlanView(
        id=1, key="synthetic", name="合成計画（ベンチマーク用）", municipality="ベンチ市", vision="",
        purpose="", period_note="", start_fy=start_fy, end_fy=start_fy + years - 1, revision="合成版",
        revision_fy=start_fy, level_labels=("基本方針", "推進事項", "取組事項"), numbering="maru",
        is_current=True, evaluation_scale=(("A", "順調"), ("B", "概ね順調"), ("C", "遅れ"), ("D", "未着手")),
        directions=("拡充", "継続", "見直し", "完了", "廃止"), departments=depts, groups=tuple(policies),
        glossary=(), priority_notes=())
