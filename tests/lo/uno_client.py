"""Drive a running headless LibreOffice through UNO, as a person would use Calc.

Run with Debian's system Python (``/usr/bin/python3``: the UNO bridge, python3-uno, is
built for it), never with planDesk's venv. One JSON job on stdin, one JSON answer on
stdout::

    {"pipe": NAME, "action": "ping"}
    {"pipe": NAME, "action": "terminate"}
    {"pipe": NAME, "action": "edit", "src": PATH, "out": PATH,
     "type": [[sheet, cell, text], ...],        # typed into the cell (Calc's input parsing)
     "meta": [[sheet, cell, text], ...]}        # unhide a hidden sheet and overwrite a cell

``type`` goes through Calc's own input line (the .uno:EnterString command on the selected
cell), so "76.4%" becomes a percentage and "１，２３４" stays text in a text cell, exactly as
typing would. The answer lists what each typed cell now holds (value, string, format).
"""

from __future__ import annotations

import contextlib
import json
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe, timeout=60.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:  # NoConnectException while soffice starts
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def edit(ctx, desktop, job):
    url = uno.systemPathToFileUrl(job["src"])
    doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
    try:
        controller = doc.getCurrentController()
        frame = controller.getFrame()
        dispatcher = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        seen = []
        for sheet_name, ref, text in job.get("type", []):
            sheet = doc.Sheets.getByName(sheet_name)
            controller.setActiveSheet(sheet)
            cell = sheet.getCellRangeByName(ref)
            controller.select(cell)
            dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", text),))
            fmt = doc.NumberFormats.getByKey(cell.NumberFormat).FormatString if cell.NumberFormat else ""
            seen.append({"sheet": sheet_name, "cell": ref, "value": cell.getValue(), "string": cell.getString(),
                         "format": fmt})
        for sheet_name, ref, text in job.get("meta", []):
            sheet = doc.Sheets.getByName(sheet_name)
            sheet.IsVisible = True  # what a curious clerk does: Format > Sheet > Show
            if sheet.isProtected():
                sheet.unprotect("")
            sheet.getCellRangeByName(ref).setString(text)
        hidden = {name: doc.Sheets.getByName(name).IsVisible for name in doc.Sheets.ElementNames}
        out = uno.systemPathToFileUrl(job["out"])
        doc.storeToURL(out, (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
        return {"typed": seen, "visible": hidden}
    finally:
        doc.close(True)


def main() -> int:
    job = json.loads(sys.stdin.read())
    ctx, desktop = connect(job["pipe"], float(job.get("timeout", 60)))
    if job["action"] == "ping":
        answer = {"ok": True}
    elif job["action"] == "terminate":
        with contextlib.suppress(Exception):  # the bridge goes away while terminating
            desktop.terminate()
        answer = {"ok": True}
    else:
        answer = edit(ctx, desktop, job)
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
