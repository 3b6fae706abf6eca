"""Bench: the roadmap view on a 10,000-initiative / 30,000-step plan.

    .venv/bin/python bench/roadmap_paint.py [--rounds 5] [--initiatives 10000] [--json]

Each round runs in fresh processes (the plan is built as PlanView dataclasses by
bench/roadmap_synthetic.py before the clock starts):

* open — RoadmapView(plan) created, shown at 1920×1080 and painted for the first time
  (wall clock, and the process's CPU time: on a shared machine the two differ);
* repaint — full repaints (wall clock, and the painting thread's CPU time) of a 1920×1080
  chart viewport at 12 scroll positions through the plan: "cold" (first paint of rows not
  seen yet), "warm" (the same view again), and a bare QPainter loop drawing the same
  visible primitives (precomputed Qt geometry, one pen, brush and font set per item) into
  the same kind of image. Both paint into a QImage through ``QWidget.render`` so the
  window system's flush is not counted.

Targets (issue 4): open + first paint ≤ 500 ms; warm repaint < 16 ms and ≤ 2× bare.
Prints median/min/max in ms and the warm/bare ratio; ``--json`` adds one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.roadmap_synthetic import synthetic_plan
from planDesk.core.plan.view import PlanView

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
W, H = 1920, 1080
BareOp = tuple[str, Any, Any, Any]  # kind, geometry, pen (or pen and font), brush (or text)


def _plan(n: int) -> PlanView:
    return synthetic_plan(n, 3)


def child_open(n: int) -> dict[str, float]:
    from datetime import date

    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    plan = _plan(n)
    from planDesk.gui.roadmap.view import RoadmapView

    t0, c0 = time.perf_counter(), time.process_time()
    view = RoadmapView(plan, today=date(2025, 6, 1))
    view.resize(W, H)
    view.show()
    while view.canvas.last_paint_count == 0:
        app.processEvents()
    open_ms = (time.perf_counter() - t0) * 1000
    cpu_ms = (time.process_time() - c0) * 1000
    return {"open_ms": open_ms, "open_cpu_ms": cpu_ms, "rows_laid_out": view.roadmap_layout().row_count}


def child_repaint(n: int) -> dict[str, list[float]]:
    from datetime import date

    from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
    from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPolygonF
    from PySide6.QtWidgets import QApplication, QWidget

    from planDesk.core.roadmap.primitives import Primitive, arrow_polygon, baseline, diamond_polygon
    from planDesk.gui.roadmap.painter import QtRowCache
    from planDesk.gui.roadmap.view import RoadmapView

    app = QApplication(sys.argv[:1])
    plan = _plan(n)
    view = RoadmapView(plan, today=date(2025, 6, 1))
    view.resize(W, H)
    view.show()
    app.processEvents()
    canvas = view.canvas
    vp = canvas.viewport()
    view.resize(W + (W - vp.width()), H + (H - vp.height()))  # the chart viewport itself 1920×1080
    deadline = time.perf_counter() + 0.5
    while time.perf_counter() < deadline:  # let the view refit to its new width
        app.processEvents()
    layout = view.roadmap_layout()
    layout.finish()
    canvas._update_ranges()
    assert (vp.width(), vp.height()) == (W, H), (vp.width(), vp.height())
    k = canvas.k
    image = QImage(W, H, QImage.Format.Format_ARGB32_Premultiplied)
    styles = canvas._styles

    def visible_ops(sx: float, sy: float) -> list[BareOp]:
        """What the view shows at (sx, sy), as absolute Qt geometry for the bare loop."""
        vw, vh = W / k, H / k
        lw, hh = layout.label_width, layout.header_height
        out: list[BareOp] = []

        def add(p: Primitive, dx: float, dy: float) -> None:
            st = styles.get(p.style)
            if p.kind in ("rect", "bar"):
                out.append(("rect", QRectF(p.x + dx, p.y + dy, p.w, p.h), st.pen, st.brush))
            elif p.kind in ("arrow", "diamond"):
                pts = arrow_polygon(p) if p.kind == "arrow" else diamond_polygon(p)
                out.append(("poly", QPolygonF([QPointF(a + dx, b + dy) for a, b in pts]), st.pen, st.brush))
            elif p.kind == "line":
                y0, y1 = max(p.y, sy + hh), min(p.y + p.h, sy + vh)
                out.append(("line", QLineF(p.x + dx, y0 + dy, p.x + p.w + dx, y1 + dy), st.pen, None))
            elif p.text:
                out.append(("text", QPointF(p.x + dx, baseline(p, st.ascent, st.descent) + dy),
                            (st.text_pen, st.font), p.text))

        rows = layout.rows_in(sy + hh, sy + vh)
        for p in layout.overlay:
            if p.layer == "grid":
                add(p, -sx, -sy)
        for i in rows:
            for p in layout.row_primitives(i).body:
                if p.x + p.w >= sx + lw and p.x <= sx + vw:
                    add(p, -sx, -sy)
        for i in rows:
            for p in layout.row_primitives(i).label:
                add(p, 0, -sy)
        for p in layout.header:
            if p.layer == "corner" or (p.x + p.w >= sx + lw and p.x <= sx + vw):
                add(p, -sx if p.layer == "header" else 0, 0)
        return out

    class Bare(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.ops: list[BareOp] = []

        def paintEvent(self, event: QPaintEvent) -> None:
            painter = QPainter(self)
            painter.fillRect(self.rect(), Qt.GlobalColor.white)
            painter.scale(k, k)
            for kind, geom, a, b in self.ops:
                if kind == "text":
                    pen, font = a
                    painter.setFont(font)
                    painter.setPen(pen)
                    painter.drawText(geom, b)
                else:
                    painter.setPen(a)
                    if kind == "line":
                        painter.drawLine(geom)
                    else:
                        painter.setBrush(b)
                        if kind == "rect":
                            painter.drawRect(geom)
                        else:
                            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                            painter.drawPolygon(geom)
                            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
            painter.end()

    bare = Bare()
    bare.resize(W, H)
    vbar = canvas.verticalScrollBar()
    cold: list[float] = []
    warm: list[float] = []
    bare_ms: list[float] = []
    drawn: list[float] = []
    cold_cpu: list[float] = []
    warm_cpu: list[float] = []
    bare_cpu: list[float] = []
    for j in range(12):
        vbar.setValue(vbar.maximum() * j // 11)
        app.processEvents()
        canvas._cache = QtRowCache(layout, styles)  # forget the compiled rows
        t0, c0 = time.perf_counter(), time.thread_time()
        vp.render(image)
        cold.append((time.perf_counter() - t0) * 1000)
        cold_cpu.append((time.thread_time() - c0) * 1000)
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.thread_time()
            vp.render(image)
            warm.append((time.perf_counter() - t0) * 1000)
            warm_cpu.append((time.thread_time() - c0) * 1000)
        drawn.append(canvas.last_paint_count)
        bare.ops = visible_ops(canvas._scroll_x(), canvas._scroll_y())
        for _ in range(5):
            t0, c0 = time.perf_counter(), time.thread_time()
            bare.render(image)
            bare_ms.append((time.perf_counter() - t0) * 1000)
            bare_cpu.append((time.thread_time() - c0) * 1000)
    return {"cold_ms": cold, "warm_ms": warm, "bare_ms": bare_ms, "primitives_drawn": drawn,
            "cold_cpu_ms": cold_cpu, "warm_cpu_ms": warm_cpu, "bare_cpu_ms": bare_cpu}


def _run_child(mode: str, n: int) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--initiatives", str(n)],
                         check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _stats(values: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(values), "min_ms": min(values), "max_ms": max(values)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", choices=["open", "repaint"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child == "open":
        print(json.dumps(child_open(args.initiatives)))
        return 0
    if args.child == "repaint":
        print(json.dumps(child_repaint(args.initiatives)))
        return 0

    opens: list[float] = []
    opens_cpu: list[float] = []
    cold: list[float] = []
    warm: list[float] = []
    bare: list[float] = []
    drawn: list[float] = []
    cpu: dict[str, list[float]] = {"cold_cpu_ms": [], "warm_cpu_ms": [], "bare_cpu_ms": []}
    for _ in range(args.rounds):
        got = _run_child("open", args.initiatives)
        opens.append(float(got["open_ms"]))
        opens_cpu.append(float(got["open_cpu_ms"]))
        rep = _run_child("repaint", args.initiatives)
        cold += rep["cold_ms"]
        warm += rep["warm_ms"]
        bare += rep["bare_ms"]
        drawn += rep["primitives_drawn"]
        for key, values in cpu.items():
            values += rep[key]
    results = {"open": _stats(opens), "open_cpu": _stats(opens_cpu), "repaint_cold": _stats(cold),
               "repaint_warm": _stats(warm), "bare_qpainter": _stats(bare),
               "repaint_cold_cpu": _stats(cpu["cold_cpu_ms"]), "repaint_warm_cpu": _stats(cpu["warm_cpu_ms"]),
               "bare_qpainter_cpu": _stats(cpu["bare_cpu_ms"])}
    ratio = statistics.median(warm) / statistics.median(bare)
    cpu_ratio = statistics.median(cpu["warm_cpu_ms"]) / statistics.median(cpu["bare_cpu_ms"])
    print(f"roadmap view, {args.initiatives} initiatives × 3 steps, {args.rounds} rounds of fresh processes, "
          f"viewport {W}×{H}, ~{statistics.median(drawn):.0f} primitives visible")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (wall-clock figures include waiting for "
          "the CPU; open_cpu is this process's own CPU time)")
    print(f"{'scenario':<18}{'median':>10}{'min':>10}{'max':>10}  (ms)")
    for name, st in results.items():
        print(f"{name:<18}{st['median_ms']:>10.1f}{st['min_ms']:>10.1f}{st['max_ms']:>10.1f}")
    print(f"warm repaint / bare QPainter = {ratio:.2f} wall, {cpu_ratio:.2f} CPU  "
          "(target ≤ 2; open ≤ 500 ms; repaint < 16 ms)")
    if args.json:
        print(json.dumps({"bench": "roadmap_paint", "initiatives": args.initiatives, "results": results,
                          "ratio_warm_to_bare": ratio, "cpu_ratio_warm_to_bare": cpu_ratio}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
