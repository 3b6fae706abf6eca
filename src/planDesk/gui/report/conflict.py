"""Two people saved the same report: merge what can be merged, ask about the rest.

``three_way`` compares what the form started from (base), what was typed (mine) and what
is now in the database (theirs): a field changed on one side only takes that side; a
field changed on both sides to different values is a conflict. No Qt here.
"""

from __future__ import annotations


def three_way(base: dict[str, str], mine: dict[str, str],
              theirs: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """(merged values with mine kept for conflicts, keys in conflict)."""
    merged: dict[str, str] = {}
    conflicts: list[str] = []
    for key in dict.fromkeys([*mine, *theirs]):
        b, m, t = base.get(key, ""), mine.get(key, ""), theirs.get(key, "")
        if m == t or t == b:
            merged[key] = m
        elif m == b:
            merged[key] = t
        else:
            merged[key] = m
            conflicts.append(key)
    return merged, conflicts
