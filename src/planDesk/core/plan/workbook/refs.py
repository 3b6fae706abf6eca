"""How a row of the plan workbook names a group or an initiative: by its code as displayed.

Codes are compared without width or hyphen differences (１－２ = 1-2); the numbers of a
group's path (1-2) name it too where no code is written so. A group's code
need only differ from its siblings' (two areas may each have an ア), so where a code
alone names several groups, the reference is the path of codes from the top joined by
／ (``1／ア``). The writer writes the shortest reference that is unique; the reader takes
either form (and the path form even where the code alone would do).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import jaconv

from planDesk.core.plan.workbook.layout import PATH_SEPARATOR


def ref_key(text: str) -> str:
    """A code as compared: half-width digits and letters, one kind of hyphen, no spaces."""
    text = jaconv.z2h(text, kana=False, ascii=True, digit=True)
    for dash in ("－", "ー", "‐", "−", "–"):
        text = text.replace(dash, "-")
    return text.replace(" ", "").replace("\u3000", "").strip()


@dataclass
class RefNode:
    """One group as references see it: its displayed code and its parent."""

    key: object                          # whatever the caller identifies the group by
    code: str
    top: bool                            # a group of depth 1 (no parent)
    parent: RefNode | None = None
    numbers: str = ""                    # its path's numbers, 1-2-3: also names it (①－２－３ written 1-2-3)
    children: list[RefNode] = field(default_factory=list)

    def path(self) -> list[RefNode]:
        out: list[RefNode] = []
        node: RefNode | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]


def references(nodes: Sequence[RefNode]) -> list[str]:
    """The reference the writer writes for each group (in the order given): its code when no
    other group has it, else its path of codes."""
    count: dict[str, int] = {}
    for n in nodes:
        count[ref_key(n.code)] = count.get(ref_key(n.code), 0) + 1
    return [n.code if count[ref_key(n.code)] == 1 else PATH_SEPARATOR.join(p.code for p in n.path())
            for n in nodes]


class Resolver:
    """Finds the group a reference names among ``nodes``; a miss says why, in Japanese."""

    def __init__(self, nodes: Iterable[RefNode]) -> None:
        self.nodes = list(nodes)
        self.by_code: dict[str, list[RefNode]] = {}
        self.by_numbers: dict[str, list[RefNode]] = {}
        for n in self.nodes:
            self.by_code.setdefault(ref_key(n.code), []).append(n)
            if n.numbers:
                self.by_numbers.setdefault(n.numbers, []).append(n)

    def find(self, reference: str) -> tuple[RefNode | None, str]:
        """(the group, "") or (None, why not)."""
        key = ref_key(reference)
        found = self.by_code.get(key, []) or self.by_numbers.get(key, [])
        if len(found) == 1:
            return found[0], ""
        parts = [ref_key(p) for p in reference.replace("/", PATH_SEPARATOR).split(PATH_SEPARATOR)]
        if len(parts) > 1 and all(parts):
            level = [n for n in self.nodes if n.top]
            node: RefNode | None = None
            for part in parts:
                hits = [n for n in level if ref_key(n.code) == part]
                if len(hits) != 1:
                    return None, f"「{reference}」の「{part}」に当たるグループが" + (
                        "ありません。" if not hits else "複数あります。")
                node = hits[0]
                level = node.children
            return node, ""
        if not found:
            return None, f"コード「{reference}」のグループが「グループ」シートにありません。"
        return None, (f"コード「{reference}」のグループが {len(found)} つあります。上の階層からのコードを"
                      f"「{PATH_SEPARATOR}」で区切って書いてください（例："
                      f"{PATH_SEPARATOR.join(p.code for p in found[0].path())}）。")
