"""Data stamps (see coachsite.stamps): random numbers that change with the data they stand for."""
from __future__ import annotations

import secrets

STAMP_BITS = 31


def new_stamp() -> int:
    """Random, so never one an older state had (a counter would start again after a restore)."""
    return secrets.randbits(STAMP_BITS)
