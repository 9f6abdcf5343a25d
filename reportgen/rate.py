"""Rate measures: the current position, its status and the direction of travel.

The rules are DOMAIN.md's, read back from the seeds: a tolerance target (target minus the
tolerance when High is good, plus it when Low is good) and a relative amber band around it
whose boundaries belong to Amber. Arithmetic is exact (`Decimal`), so a value exactly on a
boundary cannot change colour through float noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

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


def compare(new: Decimal, old: Decimal, polarity: Polarity | None) -> str:
    """Return "better", "worse" or "same" for a move from `old` to `new`, in performance terms.

    A falling value of a Low-is-good measure is better. Without a polarity (a Monitor
    measure) a rise counts as "better" only in the arrow's sense, so callers show plain
    up/down arrows for those.
    """
    if new == old:
        return "same"
    rising = new > old
    good = rising if polarity is not Polarity.LOW else not rising
    return "better" if good else "worse"


def direction_of_travel(measure: Measure, position: Observation) -> str | None:
    """Return the direction from the period before `position` to it, or None without one."""
    index = next(i for i, o in enumerate(measure.observations) if o is position)
    if index == 0 or position.number is None:
        return None
    previous = measure.observations[index - 1]
    if previous.number is None:
        return None
    return compare(position.number.value, previous.number.value, measure.polarity)


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
