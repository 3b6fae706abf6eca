"""The journal of unsaved report input: what was typed survives a crash or kill -9.

Every edit in a report form writes the form's whole state here at once (a small JSON
file per database, replaced atomically: a crash leaves the previous or the new file,
never half of one). A successful save to the database removes the entry. On the next
start, entries left over are put back into their forms. No Qt here.

The file is not fsync'ed on every keystroke: ``os.replace`` already survives the process
being killed, and a power cut may only cost the last seconds, which autosave to the
database (durable, see docs/) covers every few seconds anyway.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from planDesk import paths

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DraftKey:
    plan_id: int
    initiative_id: int
    department_id: int
    fy: int
    half: int

    def text(self) -> str:
        return f"{self.plan_id}:{self.initiative_id}:{self.department_id}:{self.fy}:{self.half}"

    @classmethod
    def parse(cls, text: str) -> DraftKey:
        a, b, c, d, e = (int(x) for x in text.split(":"))
        return cls(a, b, c, d, e)


@dataclass
class Draft:
    """The state of one report form: what is typed, and what it was typed over."""

    values: dict[str, str]
    base_values: dict[str, str]
    base_version: int
    title: str = ""  # e.g. "①－１－１ 行政手続きのオンライン化／市民課" for the restore message
    saved_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


def journal_path(database_location: str) -> Path:
    digest = hashlib.sha256(database_location.encode("utf-8")).hexdigest()[:16]
    return paths.user_data_dir() / "drafts" / f"{digest}.json"


class DraftJournal:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._entries: dict[str, Draft] = self._read()

    def _read(self) -> dict[str, Draft]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return {key: Draft(**value) for key, value in raw.get("drafts", {}).items()}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError) as exc:
            # Keep the unreadable file for a person to look at; start a fresh journal.
            log.error("draft journal %s unreadable (%s); moved aside", self.path, exc)
            with contextlib.suppress(OSError):
                self.path.replace(self.path.with_suffix(".unreadable.json"))
            return {}

    def _write(self) -> None:
        data: dict[str, Any] = {"format": 1, "drafts": {k: asdict(v) for k, v in self._entries.items()}}
        text = json.dumps(data, ensure_ascii=False, indent=1)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".drafts.", suffix=".tmp", dir=self.path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            os.replace(tmp, self.path)
        except OSError:
            log.exception("could not write the draft journal %s", self.path)

    def get(self, key: DraftKey) -> Draft | None:
        return self._entries.get(key.text())

    def put(self, key: DraftKey, draft: Draft) -> None:
        self._entries[key.text()] = draft
        self._write()

    def remove(self, key: DraftKey) -> None:
        if self._entries.pop(key.text(), None) is not None:
            self._write()

    def entries(self, plan_id: int | None = None) -> list[tuple[DraftKey, Draft]]:
        out = [(DraftKey.parse(k), v) for k, v in self._entries.items()]
        return [(k, v) for k, v in out if plan_id is None or k.plan_id == plan_id]
