"""Zone paces filled from a runner's bests (pure, no app)."""
from __future__ import annotations

import pytest

from coachsite.domain import pacing
from coachsite.domain.plan_paces import best_vdot, zone_pace

FIVE_K, TEN_K, HALF, MARATHON = 5000.0, 10000.0, 21097.5, 42195.0


def test_best_vdot_picks_the_strongest_of_several_bests():
    # A quick 10 km (VDOT ~50) is worth more than a slow 5 km and a slow marathon.
    bests = [(FIVE_K, 25 * 60), (TEN_K, 41 * 60 + 21), (HALF, None), (MARATHON, 4 * 3600)]
    assert best_vdot(bests) == pytest.approx(pacing.vdot(TEN_K, 41 * 60 + 21))
    assert best_vdot(bests) == max(pacing.vdot(m, s) for m, s in bests if s)


def test_order_of_bests_does_not_matter():
    bests = [(FIVE_K, 20 * 60), (MARATHON, 3 * 3600 + 30 * 60)]
    assert best_vdot(bests) == best_vdot(list(reversed(bests)))


@pytest.mark.parametrize("bests", [[], [(FIVE_K, None), (TEN_K, None)], [(FIVE_K, 0)]])
def test_no_recorded_best_gives_no_vdot(bests):
    assert best_vdot(bests) is None


def test_zone_paces_get_faster_from_easy_to_repetition():
    vdot = pacing.vdot(FIVE_K, 22 * 60)
    paces = [zone_pace(vdot, zone) for zone in ("easy", "marathon", "threshold", "interval", "repetition")]
    assert all(isinstance(p, int) for p in paces)
    assert paces == sorted(paces, reverse=True) and len(set(paces)) == 5


def test_zone_pace_is_the_rounded_pacing_model_pace():
    vdot = 50.0
    assert zone_pace(vdot, "threshold") == round(pacing.zone_pace_s_per_km(vdot, "threshold"))
    assert 250 <= zone_pace(vdot, "threshold") <= 260  # Daniels' table: 4:15 /km at VDOT 50


def test_no_bests_leaves_the_zone_without_a_pace():
    assert zone_pace(None, "threshold") is None


@pytest.mark.parametrize("zone", ["tempo", "", None, "Threshold"])
def test_unknown_or_missing_zone_gives_no_pace(zone):
    assert zone_pace(50.0, zone) is None
