"""Paces for a plan template's zones, filled from one runner's current bests.

Pure: plain numbers in, plain numbers out. Distances in metres, times in seconds,
paces in whole seconds per km.
"""
from __future__ import annotations

from collections.abc import Sequence

from coachsite.domain import pacing


def best_vdot(bests: Sequence[tuple[float, int | None]]) -> float | None:
    """The highest VDOT among the recorded bests (metres, seconds); None when none is recorded."""
    values = [pacing.vdot(metres, seconds) for metres, seconds in bests if seconds is not None and seconds > 0]
    return max(values, default=None)


def zone_pace(vdot: float | None, zone: str | None) -> int | None:
    """Rounded seconds per km for a zone at this VDOT.

    None when there is nothing to fill from: no bests (no VDOT), no zone, or a zone name the
    pacing model does not know. The session then keeps its zone name as the target.
    """
    if vdot is None or zone not in pacing.ZONES:
        return None
    return round(pacing.zone_pace_s_per_km(vdot, zone))
