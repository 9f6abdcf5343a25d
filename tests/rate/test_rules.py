"""The rating rules of DOMAIN.md: tolerance target, amber band (boundaries Amber), precedence."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportgen.model import Measure, Number, Observation, Polarity
from reportgen.render import TEMPLATES
from reportgen.rate.rules import (
    AMBER, GREEN, MONITOR, RED, UNAVAILABLE, Context, compare, rate_measure, rate_value,
    tolerance_target,
)
from reportgen.schemes import builtin_schemes, load_palette

DEFAULT = builtin_schemes(load_palette(TEMPLATES))["default"]

HIGH, LOW = Polarity.HIGH, Polarity.LOW


@pytest.mark.parametrize("value, target, tolerance, polarity, band, expected", [
    # seed 000 note: "95-100% = Green, less than 95% = Amber, less than 85.5% = Red"
    ("95", "100", "5", HIGH, "0.1", GREEN),
    ("94.99", "100", "5", HIGH, "0.1", AMBER),
    ("85.5", "100", "5", HIGH, "0.1", AMBER),
    ("85.49", "100", "5", HIGH, "0.1", RED),
    # seed 000: 14% tolerance, "less than 77.4% = Red"
    ("77.4", "100", "14", HIGH, "0.1", AMBER),
    ("75", "100", "14", HIGH, "0.1", RED),
    # Low is good: tolerance added, amber up to tt x (1 + b)
    ("20", "20", "0", LOW, "0.1", GREEN),
    ("22", "20", "0", LOW, "0.1", AMBER),
    ("22.01", "20", "0", LOW, "0.1", RED),
    ("35", "20", "0", LOW, "0.1", RED),
    # seed 002, band 5%: 28% target Low, 30% -> Red; 60% target, 57% -> Amber (boundary)
    ("30", "28", "0", LOW, "0.05", RED),
    ("57", "60", "0", HIGH, "0.05", AMBER),
    ("56.99", "60", "0", HIGH, "0.05", RED),
    ("13.7", "19", "0", LOW, "0.05", GREEN),
])
def test_rate_value_boundaries(value, target, tolerance, polarity, band, expected):
    assert rate_value(D(value), D(target), D(tolerance), polarity, D(band)) == expected


@pytest.mark.parametrize("target, tolerance, polarity, expected", [
    ("100", "5", HIGH, "95"), ("20", "2", LOW, "22"), ("2", "0", LOW, "2"),
])
def test_tolerance_target_is_on_the_bad_side(target, tolerance, polarity, expected):
    assert tolerance_target(D(target), D(tolerance), polarity) == D(expected)


SCORE = {GREEN: 1, AMBER: 2, RED: 3}
decimals = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False)
bands = st.decimals(min_value=0, max_value=D("0.5"), places=2)


@given(decimals, decimals, decimals, decimals, bands, st.sampled_from([HIGH, LOW]))
def test_better_value_never_gets_worse_status(a, b, target, tolerance, band, polarity):
    better, worse = (max(a, b), min(a, b)) if polarity is HIGH else (min(a, b), max(a, b))
    assert SCORE[rate_value(better, target, tolerance, polarity, band)] <= \
        SCORE[rate_value(worse, target, tolerance, polarity, band)]


@given(decimals, decimals, decimals, bands)
def test_high_and_low_mirror_each_other(value, target, tolerance, band):
    """Reflecting values about zero turns a High measure into the Low one with the same status."""
    high = rate_value(value, target, tolerance, HIGH, band)
    low = rate_value(-value, -target, tolerance, LOW, band)
    # the relative band is measured from the tolerance target, so mirror it only where tt > 0
    if tolerance_target(target, tolerance, HIGH) > 0:
        assert (high == GREEN) == (low == GREEN)


@given(decimals, decimals, decimals, bands, st.sampled_from([HIGH, LOW]))
def test_every_value_gets_exactly_one_rated_status(value, target, tolerance, band, polarity):
    assert rate_value(value, target, tolerance, polarity, band) in (GREEN, AMBER, RED)


def obs(period, value=None, unavailable=False, decimals=0):
    number = Number(D(str(value)), decimals) if value is not None else None
    return Observation(period, number, unavailable)


PERIODS = ["Q1", "Q2", "Q3"]


def make(values, target="90", polarity=HIGH):
    observations = [obs(p, v) if v != "n/a" else obs(p, unavailable=True)
                    for p, v in zip(PERIODS, values)]
    return Measure("M1", "m", polarity=polarity, unit="%",
                   target=Number(D(target)) if target else None, observations=observations)


@pytest.mark.parametrize("values, target, reporting, status, period", [
    ([80, 95, None], "90", "Q3", GREEN, "Q2"),          # latest earlier value
    ([80, 95, None], "90", "Q1", RED, "Q1"),            # the reporting period decides
    ([None, None, None], "90", None, UNAVAILABLE, None),  # no value at all
    ([80, "n/a", None], "90", "Q3", UNAVAILABLE, "Q2"),   # marked unavailable
    ([80, 85, None], None, "Q3", MONITOR, "Q2"),          # no target
    ([None, None, None], None, None, UNAVAILABLE, None),  # Unavailable beats Monitor
])
def test_precedence_and_current_position(values, target, reporting, status, period):
    rating = rate_measure(make(values, target), DEFAULT, Context(PERIODS, reporting, D("0.1")))
    assert (rating.status, rating.period) == (status, period)


@pytest.mark.parametrize("old, new, polarity, expected", [
    (80, 90, HIGH, "better"), (90, 80, HIGH, "worse"), (80, 80, HIGH, "same"),
    (30, 20, LOW, "better"), (20, 30, LOW, "worse"),
])
def test_direction_is_in_performance_terms(old, new, polarity, expected):
    assert compare(D(new), D(old), polarity) == expected


def test_direction_against_previous_period_and_none_without_one():
    ctx = Context(PERIODS, None, D("0.1"))
    assert rate_measure(make([80, 95, None]), DEFAULT, ctx).direction == "better"
    assert rate_measure(make([None, 95, None]), DEFAULT, ctx).direction is None
    assert rate_measure(make([30, 20, None], polarity=LOW), DEFAULT, ctx).direction == "better"
