"""Race-time equivalence, training paces, pacing splits and tapering.

Pure standard-library domain logic (no Flask/SQLAlchemy) so it can be unit
tested in isolation and reused by views, forms and background jobs.

Conventions: distances in metres, times in seconds, paces in seconds per km.
The VDOT model is the Daniels–Gilbert oxygen-power formula used to generate
the tables in "Daniels' Running Formula".
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass
from typing import Callable

MARATHON_M: float = 42195.0
HALF_MARATHON_M: float = 21097.5
MILE_M: float = 1609.344

RIEGEL_EXPONENT: float = 1.06
PERCENT_MAX: float = 20.0

# Fractions of VO2max (i.e. of VDOT) for the training zones. They were
# calibrated against the published Daniels training tables (VDOT 50: easy
# 5:07-5:37/km, threshold 4:15/km, interval 3:55/km) rather than taken
# from the looser textbook ranges, which give paces a few % off the tables.
EASY_SLOW_FRACTION: float = 0.62
EASY_FAST_FRACTION: float = 0.70
THRESHOLD_FRACTION: float = 0.88
INTERVAL_FRACTION: float = 0.975

ZONES: tuple[str, ...] = ("easy", "marathon", "threshold", "interval", "repetition")
MODELS: tuple[str, ...] = ("vdot", "riegel")
STRATEGIES: tuple[str, ...] = ("even", "negative", "conservative")

# "conservative" runs this share of the distance slower, then evens out.
CONSERVATIVE_SHARE: float = 1.0 / 3.0

# Volume as a fraction of peak weekly volume for the final weeks before an
# A race, last entry = race week. Mid-points of the Pfitzinger (Advanced
# Marathoning) ranges of roughly 80/60-70/35-50 %; 2 weeks suits races up to
# the half marathon.
_TAPER_FACTORS: dict[int, tuple[float, ...]] = {
    3: (0.80, 0.65, 0.45),
    2: (0.70, 0.50),
}

# Approximate men's world-best times (distance m, time s), rounded down a
# little. Only an envelope for sanity checks, so it needs no upkeep: the
# margin below leaves room for future records.
_WORLD_BEST: tuple[tuple[float, float], ...] = (
    (100.0, 9.5),
    (200.0, 19.1),
    (400.0, 43.0),
    (800.0, 100.0),
    (1000.0, 131.0),
    (1500.0, 205.0),
    (MILE_M, 223.0),
    (3000.0, 440.0),
    (5000.0, 755.0),
    (10000.0, 1570.0),
    (HALF_MARATHON_M, 3400.0),
    (MARATHON_M, 7200.0),
)
# A goal more than 5 % faster than the world-best envelope is impossible.
WORLD_BEST_MARGIN: float = 0.95
# 30 min/km is a slow walk (2 km/h); anything slower is not a race goal,
# while mountain ultras (UTMB cut-off ~16 min/km) stay accepted.
SLOWEST_PACE_S_PER_KM: float = 1800.0


# --------------------------------------------------------------------------
# Validation helpers
# --------------------------------------------------------------------------

def _require_positive(name: str, value: float) -> None:
    # NaN/inf would silently poison the numeric solvers, so reject them too.
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not math.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a positive finite number, got {value!r}")


# --------------------------------------------------------------------------
# Daniels–Gilbert VDOT model
# --------------------------------------------------------------------------

def _oxygen_cost(velocity_m_per_min: float) -> float:
    """VO2 (ml/kg/min) needed to run at the given speed."""
    v = velocity_m_per_min
    return -4.60 + 0.182258 * v + 0.000104 * v * v


def _sustainable_fraction(minutes: float) -> float:
    """Fraction of VO2max that can be held for a race lasting `minutes`."""
    return (
        0.8
        + 0.1894393 * math.exp(-0.012778 * minutes)
        + 0.2989558 * math.exp(-0.1932605 * minutes)
    )


def _velocity_for_oxygen_cost(vo2: float) -> float:
    """Invert the oxygen-cost quadratic: speed (m/min) costing `vo2`."""
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    # Positive root; the other root is a negative, meaningless speed.
    return (-b + math.sqrt(b * b - 4.0 * a * c)) / (2.0 * a)


def vdot(distance_m: float, time_s: float) -> float:
    """Daniels–Gilbert VDOT for a race performance."""
    _require_positive("distance_m", distance_m)
    _require_positive("time_s", time_s)
    minutes = time_s / 60.0
    return _oxygen_cost(distance_m / minutes) / _sustainable_fraction(minutes)


def _bisect(func: Callable[[float], float], lo: float, hi: float, tol: float) -> float:
    """Root of a monotone `func` with a sign change on [lo, hi]."""
    f_lo = func(lo)
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        f_mid = func(mid)
        if (f_mid > 0) == (f_lo > 0):
            lo, f_lo = mid, f_mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def time_for_vdot(vdot_value: float, distance_m: float) -> float:
    """Race time (s) over `distance_m` that corresponds to `vdot_value`.

    VDOT falls monotonically as time grows for a fixed distance, so a
    bracketed bisection is robust (Newton can overshoot into negative VO2).
    """
    _require_positive("vdot_value", vdot_value)
    _require_positive("distance_m", distance_m)

    def excess(time_s: float) -> float:
        return vdot(distance_m, time_s) - vdot_value

    # Bracket: start from a "VDOT-ish" speed guess and widen until the
    # sign changes; both ends stay positive so vdot() is always defined.
    guess = distance_m / _velocity_for_oxygen_cost(vdot_value) * 60.0
    lo, hi = guess / 2.0, guess * 2.0
    while excess(lo) < 0:
        lo /= 2.0
    while excess(hi) > 0:
        hi *= 2.0
    return _bisect(excess, lo, hi, tol=1e-6)


def equivalent_time(
    distance_m: float, time_s: float, target_distance_m: float, model: str = "vdot"
) -> float:
    """Predicted time (s) at `target_distance_m` from a known performance."""
    _require_positive("distance_m", distance_m)
    _require_positive("time_s", time_s)
    _require_positive("target_distance_m", target_distance_m)
    if model == "vdot":
        return time_for_vdot(vdot(distance_m, time_s), target_distance_m)
    if model == "riegel":
        return time_s * (target_distance_m / distance_m) ** RIEGEL_EXPONENT
    raise ValueError(f"unknown model {model!r}; expected one of {MODELS}")


# --------------------------------------------------------------------------
# Training paces
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class TrainingPaces:
    """Daniels training paces, all in seconds per km (lower = faster)."""

    vdot: float
    easy_slow_s_per_km: float
    easy_fast_s_per_km: float
    marathon_s_per_km: float
    threshold_s_per_km: float
    interval_s_per_km: float
    repetition_s_per_km: float

    @property
    def easy_s_per_km(self) -> float:
        """Middle of the easy range, for a single representative figure."""
        return (self.easy_slow_s_per_km + self.easy_fast_s_per_km) / 2.0


def _pace_at_fraction(vdot_value: float, fraction: float) -> float:
    """Seconds per km when running at `fraction` of VO2max."""
    velocity = _velocity_for_oxygen_cost(vdot_value * fraction)
    return 1000.0 / velocity * 60.0


def _race_pace(vdot_value: float, distance_m: float) -> float:
    """Seconds per km of the equivalent race over `distance_m`."""
    return time_for_vdot(vdot_value, distance_m) / distance_m * 1000.0


def training_paces(vdot_value: float) -> TrainingPaces:
    """Easy, marathon, threshold, interval and repetition paces for a VDOT."""
    _require_positive("vdot_value", vdot_value)
    return TrainingPaces(
        vdot=float(vdot_value),
        easy_slow_s_per_km=_pace_at_fraction(vdot_value, EASY_SLOW_FRACTION),
        easy_fast_s_per_km=_pace_at_fraction(vdot_value, EASY_FAST_FRACTION),
        # Marathon pace is by definition the equivalent marathon race pace.
        marathon_s_per_km=_race_pace(vdot_value, MARATHON_M),
        threshold_s_per_km=_pace_at_fraction(vdot_value, THRESHOLD_FRACTION),
        interval_s_per_km=_pace_at_fraction(vdot_value, INTERVAL_FRACTION),
        # Daniels sets R pace at current mile race pace.
        repetition_s_per_km=_race_pace(vdot_value, MILE_M),
    )


def zone_pace_s_per_km(vdot_value: float, zone: str) -> float:
    """Single pace (s/km) for a named zone; easy is the middle of its range."""
    if zone not in ZONES:
        raise ValueError(f"unknown zone {zone!r}; expected one of {ZONES}")
    paces = training_paces(vdot_value)
    by_zone = {
        "easy": paces.easy_s_per_km,
        "marathon": paces.marathon_s_per_km,
        "threshold": paces.threshold_s_per_km,
        "interval": paces.interval_s_per_km,
        "repetition": paces.repetition_s_per_km,
    }
    return by_zone[zone]


# --------------------------------------------------------------------------
# Pacing splits
# --------------------------------------------------------------------------

@dataclass(frozen=True)
class Split:
    """One split of a race plan; `distance_m` is cumulative at its end."""

    index: int
    distance_m: float
    split_distance_m: float
    split_s: int
    cumulative_s: int


# A pace profile is a list of (segment end in metres, relative pace weight).
_Profile = list[tuple[float, float]]


def _pace_profile(distance_m: float, strategy: str, percent: float) -> _Profile:
    """Relative pace per segment; absolute scale is fixed later by the goal."""
    q = percent / 100.0
    if strategy == "even":
        return [(distance_m, 1.0)]
    if strategy == "negative":
        # Second-half pace (time per km) is percent% lower than the first's.
        return [(distance_m / 2.0, 1.0), (distance_m, 1.0 - q)]
    if strategy == "conservative":
        # Opening share percent% slower, the rest a touch faster to compensate.
        return [(distance_m * CONSERVATIVE_SHARE, 1.0 + q), (distance_m, 1.0)]
    raise ValueError(f"unknown strategy {strategy!r}; expected one of {STRATEGIES}")


def _profile_time(profile: _Profile, at_m: float) -> float:
    """Integral of the relative pace from the start to `at_m`."""
    total, start = 0.0, 0.0
    for end, weight in profile:
        if at_m <= start:
            break
        total += (min(at_m, end) - start) * weight
        start = end
    return total


def _split_marks(distance_m: float, split_m: float) -> list[float]:
    """Cumulative distances at the end of each split, last one = distance."""
    # The tolerance avoids a ~0 m final split from float crumbs.
    count = int(distance_m // split_m) + 1
    marks = [i * split_m for i in range(1, count + 1) if i * split_m < distance_m - 1e-6]
    marks.append(distance_m)
    return marks


def _round_half_up(value: float) -> int:
    # Built-in round() is banker's rounding; runners expect 0.5 to round up.
    return math.floor(value + 0.5)


def splits(
    distance_m: float,
    goal_s: int,
    split_m: float,
    strategy: str = "even",
    percent: float = 0.0,
) -> list[Split]:
    """Per-split target times that add up exactly to `goal_s`.

    Cumulative times are rounded (not the individual splits), so rounding
    errors never accumulate and the last cumulative time equals the goal.
    """
    _require_positive("distance_m", distance_m)
    _require_positive("split_m", split_m)
    if isinstance(goal_s, bool) or not isinstance(goal_s, int):
        raise TypeError("goal_s must be an int number of seconds")
    if goal_s <= 0:
        raise ValueError(f"goal_s must be positive, got {goal_s}")
    if not isinstance(percent, (int, float)) or not 0.0 <= percent <= PERCENT_MAX:
        raise ValueError(f"percent must be within 0-{PERCENT_MAX:g}, got {percent!r}")

    profile = _pace_profile(distance_m, strategy, float(percent))
    # Scale relative pace so the whole race takes exactly goal_s seconds.
    scale = goal_s / _profile_time(profile, distance_m)

    result: list[Split] = []
    prev_m, prev_s = 0.0, 0
    marks = _split_marks(distance_m, split_m)
    for index, mark in enumerate(marks, start=1):
        is_last = index == len(marks)
        # Pin the final value so float noise can never move it off the goal.
        cumulative = goal_s if is_last else _round_half_up(scale * _profile_time(profile, mark))
        result.append(
            Split(
                index=index,
                distance_m=mark,
                split_distance_m=mark - prev_m,
                split_s=cumulative - prev_s,
                cumulative_s=cumulative,
            )
        )
        prev_m, prev_s = mark, cumulative
    return result


# --------------------------------------------------------------------------
# Taper
# --------------------------------------------------------------------------

def taper_factors(weeks: int = 3) -> list[float]:
    """Suggested volume fractions of peak for the last `weeks` (2 or 3) weeks."""
    if isinstance(weeks, bool) or weeks not in _TAPER_FACTORS:
        raise ValueError(f"weeks must be one of {sorted(_TAPER_FACTORS)}, got {weeks!r}")
    return list(_TAPER_FACTORS[weeks])


def taper_plan(weekly_volumes_m: list[float], weeks: int) -> list[float]:
    """Planned weekly volumes with the last `weeks` replaced by the suggestion.

    Taper fractions are relative to peak volume (not to whatever the plan
    already has in those weeks, which would taper twice), so the suggested
    volume is factor x the plan's peak week. Earlier weeks are unchanged.
    """
    factors = taper_factors(weeks)
    if len(weekly_volumes_m) < weeks:
        raise ValueError(f"need at least {weeks} weekly volumes, got {len(weekly_volumes_m)}")
    for volume in weekly_volumes_m:
        if not math.isfinite(volume) or volume < 0:
            raise ValueError(f"weekly volumes must be non-negative, got {volume!r}")
    peak = max(weekly_volumes_m)
    head = [float(v) for v in weekly_volumes_m[: len(weekly_volumes_m) - weeks]]
    return head + [peak * factor for factor in factors]


# --------------------------------------------------------------------------
# Plausibility
# --------------------------------------------------------------------------

def _world_best_time(distance_m: float) -> float:
    """World-best envelope time (s), log-log interpolated between records."""
    first_d, first_t = _WORLD_BEST[0]
    if distance_m <= first_d:
        # Shorter than 100 m: the 100 m average speed is already an upper bound.
        return first_t * distance_m / first_d
    last_d, last_t = _WORLD_BEST[-1]
    if distance_m >= last_d:
        # Beyond the marathon Riegel is optimistic, which is fine for a lower bound.
        return last_t * (distance_m / last_d) ** RIEGEL_EXPONENT
    distances = [d for d, _ in _WORLD_BEST]
    i = bisect_left(distances, distance_m)
    (d0, t0), (d1, t1) = _WORLD_BEST[i - 1], _WORLD_BEST[i]
    slope = math.log(t1 / t0) / math.log(d1 / d0)
    return t0 * (distance_m / d0) ** slope


def is_plausible_time(distance_m: float, time_s: float) -> bool:
    """False for performances no human could run (or a slow walk would beat)."""
    for value in (distance_m, time_s):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if not math.isfinite(value) or value <= 0:
            return False
    too_fast = time_s < WORLD_BEST_MARGIN * _world_best_time(distance_m)
    too_slow = time_s > SLOWEST_PACE_S_PER_KM * distance_m / 1000.0
    return not (too_fast or too_slow)
