"""How long questions are kept before a purge deletes them.

Questions are what people typed, so they may name people or places in their
own lives; keeping them only as long as curating the knowledge base needs them
(reading what the bot could not answer) is the privacy promise.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

DEFAULT_RETENTION_DAYS = 180
RETENTION_VARIABLE = "QUESTION_RETENTION_DAYS"


def retention_days(environ: Mapping[str, str] | None = None) -> int:
    """QUESTION_RETENTION_DAYS from the environment, or 180 days when unset or blank."""
    raw = (os.environ if environ is None else environ).get(RETENTION_VARIABLE, "").strip()
    if not raw:
        return DEFAULT_RETENTION_DAYS
    if not raw.isdigit() or int(raw) < 1:
        raise ValueError(
            f"{RETENTION_VARIABLE}: phải là số ngày nguyên dương (mặc định {DEFAULT_RETENTION_DAYS}), "
            f"không phải «{raw}»"
        )
    return int(raw)
