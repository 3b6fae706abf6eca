"""The reporting round (報告の受付): the cycle the division is collecting now.

One row per plan lineage (``plan_key``): the division opens a round for a cycle
(``core/submissions/rounds.py``); a submission workbook for another cycle is then refused unless
the division names that cycle explicitly. Kept apart from core/domain/model.py (which imports
this module at its end); created by migration 0003.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from planDesk.core.domain.base import Base, UtcDateTime


class ReportingRound(Base):
    """The open round of a plan: which cycle (fy, half) is being collected, since when, by whom."""

    __tablename__ = "reporting_round"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The plan's lineage key, not its id: a 年度見直し makes a new plan row, the round stays.
    plan_key: Mapped[str] = mapped_column(String(64), unique=True)
    fy: Mapped[int] = mapped_column(Integer)
    half: Mapped[int] = mapped_column(Integer, default=0)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    opened_by: Mapped[str] = mapped_column(String(100), default="")
