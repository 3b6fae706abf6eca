"""What a test needs from outside the checkout (PostgreSQL, LibreOffice, the seed documents
in ../shared/seeds): missing, the test skips saying why — except under ``.ci/run``, which sets
``PLANDESK_TEST_STRICT=1``: there everything is present by construction, so a missing piece
fails the test instead of letting it pass unseen."""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def strict() -> bool:
    return os.environ.get("PLANDESK_TEST_STRICT") == "1" or bool(os.environ.get("CI"))


def unavailable(why: str) -> NoReturn:
    """Skip (a developer's machine) or fail (CI) a test whose outside piece is missing."""
    if strict():
        pytest.fail(f"required on CI (PLANDESK_TEST_STRICT=1): {why}")
    pytest.skip(why)
