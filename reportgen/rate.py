"""Rate measures: the current position, its status and the direction of travel.

The rules are DOMAIN.md's, read back from the seeds: a tolerance target (target minus the
tolerance when High is good, plus it when Low is good) and a relative amber band around it
whose boundaries belong to Amber. Arithmetic is exact (`Decimal`), so a value exactly on a
boundary cannot change colour through float noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reportgen.model import Measure, Number, Observation, Polarity

GREEN, AMBER, RED = "Green", "Amber", "Red"
MONITOR, UNAVAILABLE = "Monitor", "Unavailable"
STATUSES = (GREEN, AMBER, RED, MONITOR, UNAVAILABLE)
SECTION = {GREEN: "good", AMBER: "lower", RED: "lower"}


@dataclass(frozen=True)
class Rating:
    """The outcome of rating one measure."""

    status: str
    period: str | None = None  # the period of the current position
    value: Number | None = None  # the current position
    direction: str | None = None  # "better", "worse", "same" or None, vs the previous period
    tolerance_target: Decimal | None = None
    amber_band: Decimal | None = None

    @property
    def section(self) -> str | None:
        return SECTION.get(self.status)

    @property
    def is_rated(self) -> bool:
        return self.status in SECTION


def tolerance_target(target: Decimal, tolerance: Decimal, polarity: Polarity) -> Decimal:
    """Return the value from which a measure is Green: the target less its tolerance, on the bad side."""
    return target - tolerance if polarity is Polarity.HIGH else target + tolerance


def rate_value(value: Decimal, target: Decimal, tolerance: Decimal, polarity: Polarity,
               band: Decimal) -> str:
    """Return Green, Amber or Red for `value` against `target` with `tolerance` and amber `band`.

    Seed 000: "95-100% = Green, less than 95% = Amber, less than 85.5% = Red", so 95 is Green
    and 85.5 (95 x 0.9) is still Amber: both boundaries belong to the better status.
    """
    tt = tolerance_target(target, tolerance, polarity)
    if polarity is Polarity.HIGH:
        if value >= tt:
            return GREEN
        return AMBER if value >= tt * (1 - band) else RED
    if value <= tt:
        return GREEN
    return AMBER if value <= tt * (1 + band) else RED


def current_position(observations: list[Observation], periods: list[str],
                     reporting_period: str | None) -> Observation | None:
    """Return the observation at `reporting_period`, else the latest earlier non-blank one."""
    last = periods.index(reporting_period) if reporting_period in periods else len(periods) - 1
    for obs in reversed(observations[: last + 1]):
        if obs.number is not None or obs.unavailable:
            return obs
    return None


def compare(new: Decimal, old: Decimal, polarity: Polarity | None) -> str | None:
    """Return "better", "worse" or "same" for a move from `old` to `new`, in performance terms.

    A falling value of a Low-is-good measure is better. Without a polarity (a Monitor
    measure) better and worse mean nothing, so the answer is None.
    """
    if polarity is None:
        return None
    if new == old:
        return "same"
    rising = new > old
    good = rising if polarity is Polarity.HIGH else not rising
    return "better" if good else "worse"


def directions(measure: Measure) -> list[str | None]:
    """Return each observation's direction against the period before it in the workbook."""
    found: list[str | None] = [None]
    for previous, current in zip(measure.observations, measure.observations[1:]):
        if previous.number is None or current.number is None:
            found.append(None)
        else:
            found.append(compare(current.number.value, previous.number.value, measure.polarity))
    return found[: len(measure.observations)]


def direction_of_travel(measure: Measure, position: Observation) -> str | None:
    """Return the direction from the period before `position` to it, or None without one."""
    index = next(i for i, o in enumerate(measure.observations) if o is position)
    return directions(measure)[index]


SCORES = {GREEN: 1, AMBER: 2, RED: 3}


def roll_up(statuses: list[str | None], method: str = "Mean") -> str | None:
    """Return the status of a group from its members' statuses; None when none is rated.

    DOMAIN.md (seed 001): score Green 1, Amber 2, Red 3; the mean rounded half up, so
    Voice of the child (A, R, R, A) = 2.5 is Red. "Worst" takes the worst status instead.
    """
    scores = [SCORES[s] for s in statuses if s in SCORES]
    if not scores:
        return None
    if method == "Worst":
        score = max(scores)
    else:
        mean = Decimal(sum(scores)) / Decimal(len(scores))
        score = int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return {v: k for k, v in SCORES.items()}[score]


def rate_measure(measure: Measure, periods: list[str], reporting_period: str | None,
                 default_band: Decimal) -> Rating:
    """Return the `Rating` of `measure`: Unavailable > Monitor > rated (the contract's precedence)."""
    position = current_position(measure.observations, periods, reporting_period)
    if position is None or position.unavailable:
        period = position.period if position else None
        return Rating(UNAVAILABLE, period=period)
    direction = direction_of_travel(measure, position)
    if measure.target is None or measure.polarity is None:
        return Rating(MONITOR, position.period, position.number, direction)
    band = measure.amber_band if measure.amber_band is not None else default_band
    status = rate_value(position.number.value, measure.target.value, measure.tolerance.value,
                        measure.polarity, band)
    tt = tolerance_target(measure.target.value, measure.tolerance.value, measure.polarity)
    return Rating(status, position.period, position.number, direction, tt, band)
