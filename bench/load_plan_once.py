"""Subject of the ``load-plan`` scenario: open the database and read its current plan whole.

    python bench/load_plan_once.py PLAN.sqlite3

What the GUI's loader does (gui/app.py): ``Store.open``, then ``load_plan`` of the first
current plan. Prints the number of initiatives read.
"""

from __future__ import annotations

import sys


def main(db: str) -> int:
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.view import load_plan, resolve_plan_id

    store = Store.open(db, create=False, actor="bench")
    try:
        with store.read() as session:
            plan = load_plan(session, resolve_plan_id(session, None))
    finally:
        store.close()
    print(sum(1 for _ in plan.initiatives(include_retired=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
