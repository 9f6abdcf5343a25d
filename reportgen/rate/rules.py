"""Rate measures: the current position, its status under the measure's scheme, the
direction of travel, and any officer's override.

The built-in rules (`schemes.RULES`) each return a rank into the scheme's statuses, best
first. Arithmetic is exact (`Decimal`), so a value exactly on a boundary cannot change
status through float noise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from reportgen.model import Measure, Number, Observation, Polarity
from reportgen.schemes import Scheme

GREEN, AMBER, RED = "Green", "Amber", "Red"
MONITOR, UNAVAILABLE = "Monitor", "Unavailable"
STATUSES = (GREEN, AMBER, RED, MONITOR, UNAVAILABLE)


@dataclass(frozen=True)
class Rating:
    """The outcome of rating one measure; `status` is a name from the measure's scheme."""

    status: str
    section: str | None = None
    period: str | None = None  # the period of the current position
    value: Number | None = None  # the current position
    direction: str | None = None  # vs the previous period: "better", "worse", "same"
    direction_long: str | None = None  # vs the same period last year
    tolerance_target: Decimal | None = None
    amber_band: Decimal | None = None
    scheme: str = "default"
    computed_status: str | None = None  # before an override; None when not overridden
    override_reason: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def is_rated(self) -> bool:
        return self.status not in (MONITOR, UNAVAILABLE)


@dataclass(frozen=True)
class Context:
    """What rating needs from the set: its periods and the settings that apply."""

    periods: list[str]
    reporting_period: str | None = None
    band: Decimal = Decimal("0.1")
    margin: Decimal = Decimal(0)  # a change no bigger than this is "same"


# --- the built-in rules: each returns a rank, 0 = best ----------------------------------

def tolerance_target(target: Decimal, tolerance: Decimal, polarity: Polarity) -> Decimal:
    """Return the value from which a measure is Green: the target less its tolerance, on the bad side."""
    return target - tolerance if polarity is Polarity.HIGH else target + tolerance


def rank_tolerance(value: Decimal, target: Decimal, tolerance: Decimal, polarity: Polarity,
                   band: Decimal) -> int:
    """Rank `value` against the tolerance target and a relative amber `band`.

    Seed 000: "95-100% = Green, less than 95% = Amber, less than 85.5% = Red", so 95 is
    Green and 85.5 (95 x 0.9) is still Amber: both boundaries belong to the better status.
    """
    tt = tolerance_target(target, tolerance, polarity)
    if polarity is Polarity.HIGH:
        return 0 if value >= tt else 1 if value >= tt * (1 - band) else 2
    return 0 if value <= tt else 1 if value <= tt * (1 + band) else 2


def rank_compound(value: Decimal, target: Decimal, tolerance: Decimal, polarity: Polarity,
                  band: Decimal, earlier: Decimal | None, margin: Decimal = Decimal(0)
                  ) -> tuple[int, str | None]:
    """Rank by distance from target, then by direction: within the band of the tolerance
    target is the best; further off is the middle status if improved or maintained on the
    comparison value, else the worst (also when there is nothing to compare with)."""
    if rank_tolerance(value, target, tolerance, polarity, band) <= 1:
        return 0, None
    if earlier is None:
        return 2, "no comparison was possible (no value for the comparison period)"
    return (1 if compare(value, earlier, polarity, margin) in ("better", "same") else 2), None


def rank_thresholds(value: Decimal, polarity: Polarity, green_from: Decimal,
                    amber_from: Decimal) -> int:
    """Rank against absolute thresholds: High is good, best from `green_from`, middle from
    `amber_from`; Low is good, the same numbers read as "up to"."""
    if polarity is Polarity.HIGH:
        return 0 if value >= green_from else 1 if value >= amber_from else 2
    return 0 if value <= green_from else 1 if value <= amber_from else 2


def rank_around_target(value: Decimal, target: Decimal, tolerance: Decimal,
                       polarity: Polarity) -> int:
    """Rank as above / on / below target, "on" meaning within the tolerance either side."""
    better, worse = (target + tolerance, target - tolerance)
    if polarity is Polarity.HIGH:
        return 0 if value > better else 1 if value >= worse else 2
    low_better, low_worse = target - tolerance, target + tolerance
    return 0 if value < low_better else 1 if value <= low_worse else 2


def rate_value(value: Decimal, target: Decimal, tolerance: Decimal, polarity: Polarity,
               band: Decimal) -> str:
    """Return Green, Amber or Red under the default (tolerance) rule."""
    return (GREEN, AMBER, RED)[rank_tolerance(value, target, tolerance, polarity, band)]


# --- periods and direction of travel -----------------------------------------------------

_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"), 1)}


def period_key(label: str) -> tuple | None:
    """Return (kind, year, part) for labels like "Mar 2016", "Q2 2017/18", "2016/17", "2018"."""
    text = label.strip().casefold()
    if m := re.fullmatch(r"([a-z]{3})[a-z]*\.?\s+(\d{4})", text):
        return ("month", int(m.group(2)), _MONTHS.get(m.group(1))) if m.group(1) in _MONTHS \
            else None
    if m := re.fullmatch(r"q([1-4])\s+(\d{4})(/\d{2,4})?", text):
        return ("quarter", int(m.group(2)), int(m.group(1)))
    if m := re.fullmatch(r"(\d{4})(/\d{2,4})?", text):
        return ("year", int(m.group(1)), 0)
    return None


def next_period(label: str, step: int = 1) -> str | None:
    """Return the period `step` periods after `label`, written the same way: "Q4 2017/18" ->
    "Q1 2018/19", "Dec 2016" -> "Jan 2017" (or "Mar 2017" three months on), "2016/17" ->
    "2017/18", "2018" -> "2019"."""
    key = period_key(label)
    if key is None:
        return None
    kind, year, part = key
    if kind == "year":
        year += step
    else:
        per_year = 4 if kind == "quarter" else 12
        year, part = year + (part - 1 + step) // per_year, (part - 1 + step) % per_year + 1
    span = re.search(r"/(\d{2,4})$", label.strip())
    years = f"{year}/{str(year + 1)[-len(span.group(1)):]}" if span else str(year)
    if kind == "quarter":
        return f"Q{part} {years}"
    if kind == "month":
        return f"{list(_MONTHS)[part - 1].title()} {year}"
    return years


def period_step(periods: list[str]) -> int:
    """How many months, quarters or years apart the last two of `periods` are (1 when they
    cannot be read): quarter-end months "Sep 2016", "Dec 2016" are 3 apart."""
    keys = [period_key(p) for p in periods[-2:]]
    if len(keys) < 2 or None in keys or keys[0][0] != keys[1][0]:
        return 1
    (kind, year0, part0), (_, year1, part1) = keys
    per_year = {"quarter": 4, "month": 12}.get(kind, 1)
    return max(1, (year1 - year0) * per_year + (part1 - part0))


def same_period_last_year(label: str, periods: list[str]) -> str | None:
    """Return the label in `periods` for the same period a year before `label`, if any."""
    key = period_key(label)
    if key is None:
        return None
    wanted = (key[0], key[1] - 1, key[2])
    return next((p for p in periods if period_key(p) == wanted), None)


def compare(new: Decimal, old: Decimal, polarity: Polarity | None,
            margin: Decimal = Decimal(0)) -> str | None:
    """Return "better", "worse" or "same" for a move from `old` to `new`, in performance terms.

    A falling value of a Low-is-good measure is better; a move no bigger than `margin` is
    the same. Without a polarity (a Monitor measure) better and worse mean nothing: None.
    """
    if polarity is None:
        return None
    if abs(new - old) <= margin:
        return "same"
    rising = new > old
    good = rising if polarity is Polarity.HIGH else not rising
    return "better" if good else "worse"


def directions(measure: Measure, margin: Decimal = Decimal(0)) -> list[str | None]:
    """Return each observation's direction against the value just before it in the
    workbook: the latest earlier period with a value (periods not reported are passed over).

    Seed 001 shows quarter-end columns but compares each with the month before ("97% → 97%"
    is printed ↑), so the period compared with need not be a column the scorecard shows."""
    found: list[str | None] = []
    earlier = None
    for obs in measure.observations:
        if obs.number is None:
            found.append(None)
            continue
        found.append(None if earlier is None else
                     compare(obs.number.value, earlier, measure.polarity, margin))
        earlier = obs.number.value
    return found


def value_at(measure: Measure, period: str | None) -> Decimal | None:
    obs = next((o for o in measure.observations if o.period == period), None)
    return obs.number.value if obs and obs.number else None


def long_direction(measure: Measure, position: Observation, periods: list[str],
                   margin: Decimal) -> str | None:
    """Return the direction against the same period last year, or None without one."""
    earlier = value_at(measure, same_period_last_year(position.period, periods))
    if earlier is None or position.number is None:
        return None
    return compare(position.number.value, earlier, measure.polarity, margin)


def current_position(observations: list[Observation], periods: list[str],
                     reporting_period: str | None) -> Observation | None:
    """Return the observation at `reporting_period`, else the latest earlier non-blank one."""
    last = periods.index(reporting_period) if reporting_period in periods else len(periods) - 1
    for obs in reversed(observations[: last + 1]):
        if obs.number is not None or obs.unavailable:
            return obs
    return None


# --- rating a measure --------------------------------------------------------------------

def _rank(measure: Measure, scheme: Scheme, position: Observation, ctx: Context,
          band: Decimal) -> tuple[int, str | None]:
    value, polarity = position.number.value, measure.polarity
    if scheme.rule == "thresholds":
        return rank_thresholds(value, polarity, scheme.green_from, scheme.amber_from), None
    target, tolerance = measure.target.value, measure.tolerance.value
    if scheme.rule == "tolerance":
        return rank_tolerance(value, target, tolerance, polarity, band), None
    if scheme.rule == "compound":
        index = next(i for i, o in enumerate(measure.observations) if o is position)
        if scheme.comparator == "Previous period":
            before = measure.observations[index - 1] if index else None
            earlier = before.number.value if before and before.number else None
        else:
            earlier = value_at(measure, same_period_last_year(position.period, ctx.periods))
        return rank_compound(value, target, tolerance, polarity, band, earlier, ctx.margin)
    return rank_around_target(value, target, tolerance, polarity), None


def rate_measure(measure: Measure, scheme: Scheme, ctx: Context) -> Rating:
    """Return the `Rating` of `measure`: Unavailable > Monitor > rated (the contract's precedence).

    A thresholds scheme rates without a target; every other rule needs one.
    """
    position = current_position(measure.observations, ctx.periods, ctx.reporting_period)
    if position is None or position.unavailable:
        return Rating(UNAVAILABLE, period=position.period if position else None,
                      scheme=scheme.name)
    short = directions(measure, ctx.margin)[measure.observations.index(position)]
    long = long_direction(measure, position, ctx.periods, ctx.margin)
    needs_target = scheme.rule not in ("thresholds", "none")
    if scheme.rule == "none" or measure.polarity is None or (needs_target and
                                                            measure.target is None):
        return Rating(MONITOR, None, position.period, position.number, short, long,
                      scheme=scheme.name)
    band = measure.amber_band if measure.amber_band is not None else (
        scheme.band if scheme.band is not None else ctx.band)
    rank, warning = _rank(measure, scheme, position, ctx, band)
    status = scheme.rank_status(rank)
    tt = (tolerance_target(measure.target.value, measure.tolerance.value, measure.polarity)
          if measure.target is not None else None)
    return Rating(status.name, status.section, position.period, position.number, short, long,
                  tt, band, scheme.name, warnings=(warning,) if warning else ())


def override(rating: Rating, scheme: Scheme, status_name: str, reason: str) -> Rating:
    """Return `rating` with the officer's status applied; the computed one is kept."""
    status = scheme.find(status_name)
    return Rating(status.name, status.section, rating.period, rating.value, rating.direction,
                  rating.direction_long, rating.tolerance_target, rating.amber_band,
                  rating.scheme, computed_status=rating.status, override_reason=reason,
                  warnings=rating.warnings)


def roll_up(orders: list[int | None], method: str = "Mean") -> int | None:
    """Return a group's status order (1 = best) from its members' orders; None if none rated.

    DOMAIN.md (seed 001): score Green 1, Amber 2, Red 3; the mean rounded half up, so
    Voice of the child (A, R, R, A) = 2.5 is Red. "Worst" takes the worst status instead.
    """
    scores = [o for o in orders if o is not None]
    if not scores:
        return None
    if method == "Worst":
        return max(scores)
    mean = Decimal(sum(scores)) / Decimal(len(scores))
    return int(mean.quantize(Decimal(1), rounding=ROUND_HALF_UP))
