#!/usr/bin/env python3
"""Regenerate docs/screens/: every window at 1366×768 and at 1920×1080 with 150 %, in
Japanese and English, under Xvfb with a window manager (openbox), as tests/screen_tour.py
opens them. Not run in CI (about a minute per configuration); run it after a change to a
screen and look at the pictures:

    .venv/bin/python scripts/screenshots.py [--out docs/screens] [--only ja-1366x768]

``tests/test_gui_screen_fit.py`` uses ``run_tour`` too (frames only, no pictures).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "tests" / "screen_tour.py"


@dataclass(frozen=True)
class Config:
    name: str  # e.g. ja-1366x768
    width: int
    height: int
    scale: float
    lang: str


CONFIGS = [Config(f"{lang}-{tag}", w, h, s, lang)
           for lang in ("ja", "en")
           for tag, w, h, s in (("1366x768", 1366, 768, 1.0), ("1920x1080-150", 1920, 1080, 1.5))]


def _free_display() -> int:
    for n in range(120, 200):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return n
    raise RuntimeError("no free X display number")


@contextlib.contextmanager
def display(width: int, height: int) -> Iterator[str]:
    """Xvfb of that size with openbox running on it; yields the DISPLAY value."""
    for tool in ("Xvfb", "openbox"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is missing: run ./scripts/bootstrap.sh as root (it installs xvfb and openbox)")
    n = _free_display()
    xvfb = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wm = None
    try:
        end = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if time.monotonic() > end or xvfb.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        env = dict(os.environ, DISPLAY=f":{n}")
        wm = subprocess.Popen(["openbox", "--sm-disable"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
        time.sleep(0.8)  # openbox takes the root window
        yield f":{n}"
    finally:
        for proc in (wm, xvfb):
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()


def run_tour(config: Config, work: Path, shots: Path | None = None, timeout: float = 240) -> dict[str, object]:
    """Run tests/screen_tour.py in a fresh data folder on a display of ``config``'s size."""
    work.mkdir(parents=True, exist_ok=True)
    report = work / f"{config.name}.json"
    with display(config.width, config.height) as disp:
        env = dict(os.environ, DISPLAY=disp, QT_QPA_PLATFORM="xcb", PLANDESK_DATA_DIR=str(work / "appdata"),
                   PLANDESK_DOCUMENTS_DIR=str(work / "Documents"), QT_SCALE_FACTOR=str(config.scale))
        for key in ("PLANDESK_DB", "QT_SCREEN_SCALE_FACTORS", "QT_AUTO_SCREEN_SCALE_FACTOR"):
            env.pop(key, None)
        cmd = [sys.executable, str(TOUR), "--db", str(work / "planDesk.sqlite3"), "--report", str(report),
               "--prefix", config.name, "--lang", config.lang]
        if shots is not None:
            cmd += ["--shots", str(shots)]
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0 or not report.exists():
        raise RuntimeError(f"the tour failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    result: dict[str, object] = json.loads(report.read_text(encoding="utf-8"))
    return result


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "screens")
    p.add_argument("--only", help="one configuration, e.g. ja-1366x768")
    args = p.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    bad = 0
    for config in CONFIGS:
        if args.only and config.name != args.only:
            continue
        for old in args.out.glob(f"{config.name}-*.png"):
            old.unlink()
        with tempfile.TemporaryDirectory(prefix="plandesk-screens-") as tmp:
            result = run_tour(config, Path(tmp), args.out)
        windows = result["windows"]
        assert isinstance(windows, list)
        for w in windows:
            flag = "ok " if w["fits"] else "OFF"
            bad += not w["fits"]
            print(f"{config.name:22} {flag} {w['name']:24} frame {w['frame']} in {w['available']}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
