"""The plan's tree as the editor walks it: every group (of any depth) and initiative by
key, its parent and its siblings, read from a ``PlanView`` (no Qt, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field

from planDesk.core.domain.workflow import GROUP, INITIATIVE, ITEM, POLICY
from planDesk.core.plan.view import GroupView, InitiativeView, PlanView

Key = tuple[str, int]  # (GROUP or INITIATIVE, id)
Node = GroupView | InitiativeView


def key_of(kind: str, node_id: int) -> Key:
    """A tree key; the kinds of the two-level tree ("policy", "item") name groups."""
    return (GROUP if kind in (POLICY, ITEM) else kind, node_id)


@dataclass
class Outline:
    plan: PlanView
    nodes: dict[Key, Node] = field(default_factory=dict)
    parents: dict[Key, int | None] = field(default_factory=dict)
    children: dict[int | None, list[Key]] = field(default_factory=dict)

    @classmethod
    def of(cls, plan: PlanView) -> Outline:
        out = cls(plan)
        out.children[None] = []
        for group in plan.groups:
            out._add(group, None)
        return out

    def _add(self, group: GroupView, parent: int | None) -> None:
        key = (GROUP, group.id)
        self.nodes[key], self.parents[key] = group, parent
        self.children[parent].append(key)
        self.children[group.id] = []
        for child in group.children:
            if isinstance(child, GroupView):
                self._add(child, group.id)
            else:
                ini_key = (INITIATIVE, child.id)
                self.nodes[ini_key], self.parents[ini_key] = child, group.id
                self.children[group.id].append(ini_key)

    def node(self, key: Key | None) -> Node | None:
        return None if key is None else self.nodes.get(key)

    def group(self, group_id: int | None) -> GroupView | None:
        node = None if group_id is None else self.nodes.get((GROUP, group_id))
        return node if isinstance(node, GroupView) else None

    def container(self, key: Key | None) -> GroupView | None:
        """The selected group, or the group an initiative sits in."""
        if key is None:
            return None
        if key[0] == GROUP:
            return self.group(key[1])
        return self.group(self.parents.get(key))

    def after(self, key: Key) -> tuple[int | None, int]:
        """(parent, index) just after ``key`` among its parent's children."""
        parent = self.parents[key]
        return parent, self.children[parent].index(key) + 1

    def height(self, group: GroupView) -> int:
        """How many group levels the subtree of ``group`` spans (1: no child groups)."""
        return 1 + max((self.height(g) for g in group.groups), default=0)

    def targets(self, key: Key) -> list[GroupView | None]:
        """Where a node may be moved: groups in plan order, None first for the top level
        (groups only); never a retired group, never a group's own subtree, never so deep
        that the subtree would pass the plan's deepest level."""
        node = self.nodes[key]
        out: list[GroupView | None] = []
        own: set[int] = set()
        room = self.plan.depth  # the deepest depth a new parent may have
        if isinstance(node, GroupView):
            out.append(None)
            own = {g.id for g in node.walk()}
            room -= self.height(node)
        for group in self.plan.walk_groups():
            if group.retired or any(g.retired for g in self._ancestors(group)):
                continue
            if group.id in own or group.depth > room:
                continue
            out.append(group)
        return out

    def _ancestors(self, group: GroupView) -> list[GroupView]:
        out = []
        parent = self.parents.get((GROUP, group.id))
        while parent is not None:
            g = self.group(parent)
            assert g is not None
            out.append(g)
            parent = self.parents.get((GROUP, parent))
        return out
