"""Write a synthetic report set of N measures in the workbook contract, for benchmarks.

    .venv/bin/python benchmarks/generate.py N OUTDIR [--seed S] [--themes]

OUTDIR receives `outturns.xlsx` (Measures, Outturns, Settings) and `commentary.xlsx` (Report,
Commentary), shaped like the sample sets in inputs/ and the seed papers in shared/seeds:
portfolios and service areas of a county council, five period columns, percentages stored
as fractions with percent number formats ('0%', '0.0%'), counts, rates per 10,000 and days,
targets with tolerances, a Green/Amber/Red/Monitor/Unavailable mix, ~800 characters of
commentary in pasted <p> paragraphs (sometimes a list or bold), actions, benchmark figures and
benchmarking text. `--themes` adds an Outcome and a Theme to every measure, so the set also
gets the Appendix 1 scorecard. The same N, seed and flags give byte-identical workbooks.

This is a benchmark fixture, not a test fixture: it uses openpyxl, not reportgen's reader or
renderers (from reportgen only the contract's names, reportgen.read.contract, and small helpers), so
it keeps writing the contract even while the library changes.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from openpyxl import Workbook

from reportgen.read.contract import (
    COMMENTARY, COMMENTARY_COLUMNS, COMMENTARY_SHEET, ID, MEASURE_COLUMNS, MEASURES_SHEET,
    NARRATIVE_COLUMNS, NARRATIVE_SHEET, OUTTURNS, OUTTURNS_SHEET, REPORT_COLUMNS, REPORT_SHEET,
    SETTING_COLUMNS, SETTINGS_SHEET,
)
from reportgen.reproducible import save_workbook

FIXED_TIME = datetime(2000, 1, 1)
AMBER_BAND = Decimal("0.10")
QUARTERS = ["Q3 2023/24", "Q4 2023/24", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25"]
# A scorecard heads its period columns with dates (seed 001: "Mar 2016" ... "Mar 2017").
MONTHS = [datetime(2024, 3, 1), datetime(2024, 6, 1), datetime(2024, 9, 1),
          datetime(2024, 12, 1), datetime(2025, 3, 1)]
PERIOD_END = {"Q3 2023/24": "December 2023", "Q4 2023/24": "March 2024",
              "Q1 2024/25": "June 2024", "Q2 2024/25": "September 2024",
              "Q3 2024/25": "December 2024"}
STATUS_WEIGHTS = {"Green": 45, "Amber": 17, "Red": 30, "Unavailable": 8}

# The contract's columns less those the generator never fills: Scheme (one scheme for the set),
# RAG override and Override reason. The code below writes them by position.
MEASURES_HEADER = [c for c in MEASURE_COLUMNS if c != "Scheme"]
COMMENTARY_HEADER = [c for c in COMMENTARY_COLUMNS if c not in ("RAG override", "Override reason")]

# Measure kinds: pct (whole percent), pct1 (one decimal), count, rate (per 10,000, one decimal),
# days. Polarity None: a Monitor measure (no target, no RAG), as seed 001's Demand theme.
# portfolio -> (service area, ID prefix, [(measure name, kind, polarity)])
CATALOGUE = {
    "Children's Services": [
        ("Children's Social Care", "CSC", [
            ("% of children subject to a Child Protection Plan seen in the last 4 weeks",
             "pct", "High"),
            ("% of Children Looked After who have their reviews completed on time", "pct", "High"),
            ("% ICPC held within 15 working days of the strategy discussion", "pct", "High"),
            ("% repeat referrals within 12 months", "pct1", "Low"),
            ("% assessments completed in 45 working days", "pct", "High"),
            ("% of children subject to a Child Protection Plan lasting 2 years or more",
             "pct", "Low"),
            ("% of children who became the subject of a Child Protection Plan for a second or "
             "subsequent time", "pct1", "Low"),
            ("% of Children Looked After placed more than 20 miles from home", "pct", "Low"),
            ("Rate per 10,000 children subject to a Child Protection Plan", "rate", None),
            ("Number of new referrals", "count", None),
            ("Average time (in days) between Placement Order and matching to an adoptive family",
             "days", "Low"),
        ]),
        ("Education", "EDU", [
            ("% of pupils achieving the expected standard in reading, writing and maths at Key "
             "Stage 2", "pct", "High"),
            ("% of schools judged good or outstanding by Ofsted", "pct", "High"),
            ("% of Education, Health and Care Plans issued within 20 weeks", "pct", "High"),
            ("Permanent exclusion rate - secondary", "pct2", "Low"),
            ("% of 16-17 year olds not in education, employment or training", "pct1", "Low"),
            ("Persistent absence rate - primary", "pct1", "Low"),
            ("Number of children electively home educated", "count", None),
        ]),
        ("Early Help", "EH", [
            ("% of Early Help Panel referrals that meet the level 3 threshold", "pct", "High"),
            ("% of families whose Early Help plan closed with outcomes achieved", "pct", "High"),
            ("Number of families supported by the Family Support Service", "count", None),
            ("% of children's centre registrations from priority groups", "pct", "High"),
        ]),
    ],
    "Health and Wellbeing": [
        ("Adult Social Care", "ASC", [
            ("% of adults with a learning disability in paid employment", "pct1", "High"),
            ("% of older people still at home 91 days after discharge into reablement",
             "pct", "High"),
            ("Permanent admissions to residential and nursing care (65+) per 100,000",
             "rate", "Low"),
            ("% of care assessments completed within 28 days", "pct", "High"),
            ("Delayed transfers of care attributable to social care per 100,000", "rate", "Low"),
            ("Number of people receiving long-term support", "count", None),
            ("% of service users who receive a direct payment", "pct", "High"),
        ]),
        ("Safeguarding Adults", "SAF", [
            ("% of safeguarding enquiries where the person's desired outcomes were met",
             "pct", "High"),
            ("% of Deprivation of Liberty Safeguards applications completed in 21 days",
             "pct", "High"),
            ("Number of safeguarding concerns received", "count", None),
        ]),
        ("Public Health", "PH", [
            ("% of eligible population offered an NHS Health Check", "pct1", "High"),
            ("% of opiate users who successfully completed drug treatment", "pct1", "High"),
            ("% of mothers smoking at the time of delivery", "pct1", "Low"),
            ("Uptake of the MMR2 vaccination at age 5", "pct1", "High"),
            ("Number of smoking quitters at four weeks", "count", "High"),
        ]),
    ],
    "Communities": [
        ("Libraries and Culture", "LIB", [
            ("Number of library visits", "count", None),
            ("Number of e-book and e-audio loans", "count", "High"),
            ("% of library customers satisfied with the service", "pct", "High"),
        ]),
        ("Community Safety", "CS", [
            ("Rate of anti-social behaviour incidents per 10,000 population", "rate", "Low"),
            ("% of domestic abuse cases reviewed at MARAC that are repeat cases", "pct", "Low"),
            ("Number of Trading Standards interventions", "count", None),
        ]),
        ("Customer Services", "CUS", [
            ("% of calls answered within 60 seconds", "pct", "High"),
            ("% of complaints responded to within 10 working days", "pct", "High"),
            ("% of Freedom of Information requests answered within 20 working days",
             "pct", "High"),
            ("Average call waiting time (seconds)", "days", "Low"),
        ]),
    ],
    "Transport, Environment and Climate Change": [
        ("Highways and Transport", "HT", [
            ("% of category 1 defects repaired within 2 hours", "pct", "High"),
            ("% of principal roads where maintenance should be considered", "pct", "Low"),
            ("Number of potholes repaired", "count", None),
            ("% of bus services running on time", "pct", "High"),
            ("Number of people killed or seriously injured in road traffic collisions",
             "count", "Low"),
        ]),
        ("Waste and Recycling", "WR", [
            ("% of household waste sent for reuse, recycling or composting", "pct1", "High"),
            ("% of municipal waste sent to landfill", "pct1", "Low"),
            ("Residual household waste per household (kg)", "count", "Low"),
            ("Number of fly-tipping incidents", "count", None),
        ]),
        ("Planning and Environment", "PE", [
            ("% of major planning applications determined within 13 weeks", "pct", "High"),
            ("% of minerals and waste applications determined within time", "pct", "High"),
            ("Council carbon emissions (tonnes CO2e)", "count", "Low"),
        ]),
    ],
    "Resources": [
        ("Finance", "FIN", [
            ("% of undisputed invoices paid within 30 days", "pct", "High"),
            ("% of council tax collected", "pct1", "High"),
            ("% of business rates collected", "pct1", "High"),
            ("Average days to process new Housing Benefit claims", "days", "Low"),
        ]),
        ("Human Resources", "HR", [
            ("Average working days lost to sickness per FTE", "rate", "Low"),
            ("% staff turnover (voluntary)", "pct1", "Low"),
            ("% of posts filled by agency staff", "pct", "Low"),
            ("% of staff who completed mandatory training", "pct", "High"),
            ("Number of apprenticeship starts", "count", "High"),
        ]),
        ("ICT", "ICT", [
            ("% of ICT incidents resolved within target time", "pct", "High"),
            ("% availability of critical systems", "pct1", "High"),
            ("Number of transactions completed online", "count", None),
        ]),
    ],
}
QUALIFIERS = ["", " - North", " - South", " - Central", " (under 5s)", " (care leavers)",
              " (looked after children)", " - Aylesbury Vale", " - Wycombe", " - Chiltern",
              " (year to date)", " (rolling 12 months)"]
HOLDERS = {"Children's Services": "Cllr. Anita Cranmer",
           "Health and Wellbeing": "Cllr. Angela Macpherson",
           "Communities": "Cllr. Clive Harriss",
           "Transport, Environment and Climate Change": "Cllr. Steven Broadbent",
           "Resources": "Cllr. John Chilver"}
OUTCOMES = {"Children's Services": "Vulnerable children are safe and protected from harm",
            "Health and Wellbeing": "Residents live longer, healthier and independent lives",
            "Communities": "Communities are safe, connected and resilient",
            "Transport, Environment and Climate Change":
                "A clean, green and well-connected county",
            "Resources": "A council that is efficient, effective and well run"}
THEMES = ["Quality", "Timeliness", "Demand", "Voice of the customer", "Sufficiency",
          "Value for money", "Workforce"]
DATA_PERIODS = ["Quarter only", "Month only (not quarterly data)", "Cumulative (year to date)",
                "Average, rolling year", None]

CONTEXT = [
    "Close management oversight in the service means that the reasons for every exception are "
    "recorded and reported each week to the Head of Service.",
    "There has been an increase in demand, particularly in September, and staffing issues, "
    "which are being addressed, have reduced performance against target this quarter.",
    "Performance has been sustained at or above the target over the quarter, and the changes "
    "in monitoring processes have contributed to the improvement.",
    "This is still a relatively small number of cases and has been affected by two large "
    "family groups; a very small change would bring performance in line with comparators.",
    "The service is continuing to perform well in ensuring that residents receive a timely "
    "response, and the quality of practice is regularly audited.",
    "There is ongoing audit and analysis of this measure. Emerging themes relate to the volume "
    "of referrals from partner agencies and the recording of outcomes on the case system.",
    "Data quality has improved following the move to the new case management system, so some "
    "of the change since last year reflects better recording rather than a change in practice.",
    "Recruitment to vacant posts has been difficult in a competitive regional market; three "
    "experienced practitioners joined the team in the quarter.",
    "The seasonal pattern seen in previous years has repeated, with a dip over the summer "
    "holidays and a recovery expected in the next quarter.",
    "Benchmarking against statistical neighbours suggests that our thresholds are applied "
    "consistently, although the mix of cases differs between localities.",
    "The Improvement Board reviewed this measure in November and agreed the recovery plan "
    "described below, with progress reported monthly to the Cabinet Member.",
    "Partners have been asked to confirm their data returns earlier so that the measure can be "
    "reported within the quarter rather than one month in arrears.",
]
LIST_ITEMS = [
    "weekly performance clinics with team managers",
    "a refreshed audit programme focused on timeliness",
    "additional capacity from the locality teams",
    "clearer guidance for partners on what information a referral needs",
    "monthly reporting to the Improvement Board",
]
ACTIONS = [
    "Agency staff have been appointed to cover absence, and systems are in place to transfer "
    "cases at an earlier point so that residents get the help they need as quickly as possible.",
    "A refreshed multi-agency strategy will address these issues, and further analysis is "
    "underway to explore other potential causes.",
    "Robust action plans are in place with management oversight to improve this performance "
    "and ensure that work is completed within timeframes.",
    "We have conducted an improvement review and are working closely with partners to develop "
    "a joint action plan, which will be completed by March 2025.",
    "We are tightening up data quality and recording processes to strengthen management "
    "oversight, with exception reports reviewed weekly by service managers.",
    "The service will pilot a new triage model in two localities from January and report its "
    "impact to the Select Committee in the summer.",
]
VALUE_NOTES = ["This result is for the academic year 2023/24 because the data runs one year "
               "behind.", "Provisional figure; the validated return is due in February."]


@dataclass
class Spec:
    """One generated measure: its Measures row, its five outturns and its commentary."""

    id: str
    portfolio: str
    service_area: str
    name: str
    kind: str
    polarity: str | None
    status: str
    outcome: str | None = None
    theme: str | None = None
    data_period: str | None = None
    target: Decimal | None = None
    tolerance: Decimal | None = None
    tolerance_note: str | None = None
    decimals: int = 0
    values: list = field(default_factory=list)  # Decimal, None (blank) or unavailable text
    benchmarks: list = field(default_factory=list)  # [SN, SE, England] Decimals or None
    benchmark_note: str | None = None
    benchmarking: str | None = None
    commentary: str | None = None
    actions: str | None = None
    value_note: str | None = None

    @property
    def unit(self) -> str | None:
        if self.kind.startswith("pct"):
            return "%"
        return "days" if self.kind == "days" else None


# --- rating (the contract's rule, repeated so the generator does not import reportgen) -------

def rule_status(value: Decimal, target: Decimal, tolerance: Decimal, polarity: str) -> str:
    tt = target - tolerance if polarity == "High" else target + tolerance
    if polarity == "High":
        return "Green" if value >= tt else "Amber" if value >= tt * (1 - AMBER_BAND) else "Red"
    return "Green" if value <= tt else "Amber" if value <= tt * (1 + AMBER_BAND) else "Red"


def rounded(value: float, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def show(value: Decimal, unit: str | None) -> str:
    return f"{value:f}%" if unit == "%" else f"{value:f} {unit}" if unit else f"{value:f}"


# --- values ------------------------------------------------------------------------------

def scale_for(kind: str, rng: random.Random) -> tuple[float, float, int]:
    """Return (low, high, decimals) of plausible values for a measure kind."""
    if kind == "pct":
        return 0, 100, 0
    if kind == "pct1":
        return 0, 100, 1
    if kind == "pct2":
        return 0, 1, 2
    if kind == "rate":
        return 0, rng.choice([60, 150, 800]), 1
    if kind == "days":
        return 1, rng.choice([30, 120, 250]), 0
    return 0, rng.choice([200, 1500, 12000]), 0


def choose_target(spec: Spec, rng: random.Random, low: float, high: float) -> None:
    """Set the target, and for some percentages a tolerance ("100% (5% tolerance)", seed 000)."""
    if spec.kind in ("pct", "pct1") and spec.polarity == "High" and rng.random() < 0.4:
        spec.target = Decimal(100)
        spec.tolerance = Decimal(rng.choice([5, 5, 10, 14, 15, 18]))
        spec.tolerance_note = rng.choice([
            "to allow for exceptions where a case cannot be completed for legitimate reasons",
            "to align with Statistical Neighbour performance", "to allow for exceptions"])
        return
    span = high - low
    fraction = rng.uniform(0.55, 0.9) if spec.polarity == "High" else rng.uniform(0.1, 0.45)
    spec.target = rounded(low + span * fraction, spec.decimals)
    if spec.target == 0:
        spec.target = Decimal(1).scaleb(-spec.decimals)


def current_value(spec: Spec, rng: random.Random, low: float, high: float) -> Decimal:
    """Return a value that the contract's rule rates as `spec.status` (50 tries, then any)."""
    tt = float(spec.target - spec.tolerance if spec.polarity == "High"
               else spec.target + spec.tolerance)
    band = float(AMBER_BAND)
    sign = 1 if spec.polarity == "High" else -1
    value = Decimal(0)
    for _ in range(50):
        if spec.status == "Green":
            room = (high - tt) if sign > 0 else (tt - low)
            raw = tt + sign * rng.uniform(0, max(room, 0) * 0.6)
        elif spec.status == "Amber":
            raw = tt - sign * tt * band * rng.uniform(0.05, 0.95)
        else:
            raw = tt - sign * tt * band * rng.uniform(1.2, 4.0)
        value = rounded(min(max(raw, low), high), spec.decimals)
        if rule_status(value, spec.target, spec.tolerance, spec.polarity) == spec.status:
            return value
    return value


def history(current: Decimal, spec: Spec, rng: random.Random, low: float, high: float) -> list:
    """Return five period values ending at `current`, a random walk back in time."""
    values = [current]
    span = (high - low) or 1
    for _ in range(4):
        step = rng.gauss(0, span * 0.04)
        values.insert(0, rounded(min(max(float(values[0]) + step, low), high), spec.decimals))
    return values


# --- text --------------------------------------------------------------------------------

def describe(name: str) -> str:
    text = re.sub(r"^% (of )?", "the proportion of ", name)
    return text[0].lower() + text[1:] if not text.startswith(("ICPC", "MMR", "NHS")) else text


def commentary_text(spec: Spec, rng: random.Random, periods: list[str]) -> str:
    """Return ~800 characters (400-1400) of pasted <p> paragraphs like seeds 000 and 002."""
    unit = spec.unit
    current = next((v for v in reversed(spec.values) if isinstance(v, Decimal)), None)
    paragraphs = [f"This indicator measures {describe(spec.name)}."]
    if current is not None:
        previous = [v for v in spec.values[:-1] if isinstance(v, Decimal)]
        end = PERIOD_END.get(periods[-1], periods[-1])
        sentence = f"At the end of {end} the outturn was {show(current, unit)}"
        if spec.target is not None:
            tolerance = f" ({show(spec.tolerance, unit)} tolerance)" if spec.tolerance else ""
            sentence += f", against a target of {show(spec.target, unit)}{tolerance}"
        sentence += "."
        if previous:
            change = "an improvement on" if (current > previous[-1]) == (spec.polarity != "Low") \
                else "a change from"
            sentence += f" This is {change} the previous period ({show(previous[-1], unit)})."
        paragraphs.append(sentence)
    else:
        paragraphs.append("Data for this period is not yet available from the national "
                          "collection; it will be reported at the next quarter.")
    length = rng.gauss(750, 170)
    length = min(max(length, 400), 1400)
    pool = rng.sample(CONTEXT, len(CONTEXT))
    # Stop about half a paragraph short of `length`, so the lengths centre on it.
    while sum(len(p) + 8 for p in paragraphs) < length - 110 and pool:
        take = [pool.pop() for _ in range(min(rng.choice([1, 2]), len(pool)))]
        paragraphs.append(" ".join(take))
    html = " ".join(f"<p>{p}</p>" for p in paragraphs)
    if rng.random() < 0.15:  # pasted lists and emphasis, kept by the allow-list
        items = "".join(f"<li>{item}</li>" for item in rng.sample(LIST_ITEMS, 3))
        html += f" <p>The recovery plan includes:</p><ul>{items}</ul>"
    if rng.random() < 0.1:
        html += " <p><b>Note:</b> figures for the latest month are <i>provisional</i>.</p>"
    return html


def benchmarking_text(spec: Spec) -> str:
    """Return the formulaic Benchmarking cell of DOMAIN.md ("... is performing below our ...")."""
    unit = spec.unit
    sn, se, en = spec.benchmarks
    current = next((v for v in reversed(spec.values) if isinstance(v, Decimal)), None)
    named = [f"{label} ({show(v, unit)})" for label, v in
             (("our Statistical Neighbours", sn), ("the South East", se), ("England", en))
             if v is not None]
    figures = " and ".join([", ".join(named[:-1]), named[-1]] if len(named) > 1 else named)
    if current is None or not figures:
        return "<p>Benchmarking information is not currently available.</p>"
    mean = sum(v for v in spec.benchmarks if v is not None) / len(
        [v for v in spec.benchmarks if v is not None])
    side = "above" if current >= mean else "below"
    text = f"<p>The outturn of {show(current, unit)} is performing {side} {figures}.</p>"
    if spec.tolerance:
        tt = spec.target - spec.tolerance
        red = (tt * (1 - AMBER_BAND)).normalize()
        text += (f" <p>Note: There is a {show(spec.tolerance, unit)} tolerance against the "
                 f"target of {show(spec.target, unit)} {spec.tolerance_note} "
                 f"({show(tt, unit)}-{show(spec.target, unit)} = Green, less than "
                 f"{show(tt, unit)} = Amber, less than {show(red, unit)} "
                 "= Red).</p>")
    return text


# --- the set -----------------------------------------------------------------------------

def plan_measures(n: int, rng: random.Random, themes: bool) -> list[Spec]:
    """Return `n` measures spread over the catalogue's service areas, in workbook order."""
    areas = [(portfolio, area, prefix, entries) for portfolio, rows in CATALOGUE.items()
             for area, prefix, entries in rows]
    # Small sets cover a few service areas (a portfolio report); large ones all of them.
    used = areas[: max(1, min(len(areas), round(n / 15)))]
    shares = [rng.uniform(0.6, 1.4) for _ in used]
    counts = [max(1, int(n * s / sum(shares))) for s in shares]
    counts[0] += n - sum(counts)
    while counts[0] < 1:  # more areas than measures left for the first one
        biggest = counts.index(max(counts))
        counts[biggest] -= 1
        counts[0] += 1
    width = max(2, len(str(max(counts))))
    specs = []
    for (portfolio, area, prefix, entries), count in zip(used, counts):
        for index in range(count):
            name, kind, polarity = entries[index % len(entries)]
            cycle = index // len(entries)
            name += QUALIFIERS[cycle % len(QUALIFIERS)]
            if cycle >= len(QUALIFIERS):
                name += f" (cohort {cycle // len(QUALIFIERS) + 1})"
            if polarity is None:
                status = "Monitor"
            else:
                status = rng.choices(list(STATUS_WEIGHTS), weights=STATUS_WEIGHTS.values())[0]
            spec = Spec(f"{prefix}{index + 1:0{width}d}", portfolio, area, name, kind, polarity,
                        status)
            if themes:
                spec.outcome = OUTCOMES[portfolio]
                spec.theme = rng.choice(THEMES)
            specs.append(spec)
    if themes:  # the scorecard groups by outcome then theme, in workbook order
        order = {t: i for i, t in enumerate(THEMES)}
        specs.sort(key=lambda s: (list(OUTCOMES).index(s.portfolio), order[s.theme]))
    return specs


def fill_measure(spec: Spec, rng: random.Random, periods: list[str]) -> None:
    """Give `spec` a target, five values matching its status, benchmarks and its words."""
    low, high, spec.decimals = scale_for(spec.kind, rng)
    if spec.kind == "pct" and rng.random() < 0.15:
        spec.decimals += 1  # published with one more decimal ('0.0%'), as 55.0% in seed 001
    spec.data_period = rng.choice(DATA_PERIODS)
    spec.tolerance = Decimal(0)
    if spec.status == "Monitor":
        current = rounded(rng.uniform(low + (high - low) * 0.2, high * 0.9), spec.decimals)
    else:
        choose_target(spec, rng, low, high)
        rated_as = spec.status if spec.status != "Unavailable" else "Green"
        spec.status, status = rated_as, spec.status
        current = current_value(spec, rng, low, high)
        spec.status = status
    spec.values = history(current, spec, rng, low, high)
    if rng.random() < 0.15:  # a new measure: no values in the first periods
        for i in range(rng.choice([1, 2])):
            spec.values[i] = None
    if spec.status == "Unavailable":
        spec.values[-1] = rng.choice(["Data currently unavailable", "n/a", "n/a"])
    elif spec.status != "Monitor" and rng.random() < 0.04:
        spec.values[-1], spec.values[-2] = None, spec.values[-1]  # latest available: previous
    if rng.random() < 0.6:
        def near():
            return rounded(min(max(float(current) * rng.uniform(0.8, 1.2), low), high),
                           spec.decimals)
        spec.benchmarks = [near(), near(), near()]
        if rng.random() < 0.2:
            spec.benchmarks[rng.randrange(3)] = None
        spec.benchmark_note = rng.choice(["(2023/24 figures)", "(2023)", None])
    else:
        spec.benchmarks = [None, None, None]
    if any(spec.benchmarks) and rng.random() < 0.5:
        spec.benchmarking = benchmarking_text(spec)
    spec.commentary = commentary_text(spec, rng, periods)
    if spec.status in ("Red", "Amber") or rng.random() < 0.2:
        spec.actions = " ".join(rng.sample(ACTIONS, rng.choice([1, 2])))
    if rng.random() < 0.05:
        spec.value_note = rng.choice(VALUE_NOTES)


def put(ws, row: int, column: int, value, number_format: str | None = None) -> None:
    if value is None:
        return
    cell = ws.cell(row=row, column=column, value=value)
    if number_format:
        cell.number_format = number_format


def put_number(ws, row: int, column: int, value: Decimal | None, spec: Spec) -> None:
    """Write `value` as Excel holds it: a fraction with a percent format for a percentage."""
    if value is None:
        return
    if spec.unit == "%":
        fmt = "0." + "0" * spec.decimals + "%" if spec.decimals else "0%"
        put(ws, row, column, float(value / 100), fmt)
    elif spec.decimals:
        put(ws, row, column, float(value), "0." + "0" * spec.decimals)
    else:
        put(ws, row, column, int(value), "#,##0" if value >= 1000 else None)


def outturns_workbook(specs: list[Spec], headers: list) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = MEASURES_SHEET
    for column, name in enumerate(MEASURES_HEADER, start=1):
        put(ws, 1, column, name)
    for row, s in enumerate(specs, start=2):
        for column, value in enumerate([s.id, s.portfolio, s.service_area, s.outcome, s.theme,
                                        s.name, s.polarity, s.unit, s.data_period], start=1):
            put(ws, row, column, value)
        if s.target is None:
            put(ws, row, 10, "Monitor")
        else:
            put_number(ws, row, 10, s.target, s)
        if s.tolerance:
            put(ws, row, 11, int(s.tolerance))
        put(ws, row, 12, s.tolerance_note)
        for column, value in zip((14, 15, 16), s.benchmarks):
            put_number(ws, row, column, value, s)
        put(ws, row, 17, s.benchmark_note if any(s.benchmarks) else None)
    ws = wb.create_sheet(OUTTURNS_SHEET)
    put(ws, 1, 1, ID)
    for column, label in enumerate(headers, start=2):
        put(ws, 1, column, label, "mmm yyyy" if isinstance(label, datetime) else None)
    for row, s in enumerate(specs, start=2):
        put(ws, row, 1, s.id)
        for column, value in enumerate(s.values, start=2):
            if isinstance(value, str):
                put(ws, row, column, value)
            else:
                put_number(ws, row, column, value, s)
    ws = wb.create_sheet(SETTINGS_SHEET)
    last = headers[-1]
    for row, pair in enumerate([SETTING_COLUMNS, ("Amber band", "10%"),
                                ("Reporting period", last.strftime("%b %Y")
                                 if isinstance(last, datetime) else last),
                                ("Actions label", "Actions:"), ("Roll-up", "Mean"),
                                ("Period columns", 5)], start=1):
        put(ws, row, 1, pair[0])
        put(ws, row, 2, pair[1])
    return wb


def commentary_workbook(specs: list[Spec], n: int, themes: bool) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = REPORT_SHEET
    portfolio = specs[0].portfolio
    single = all(s.portfolio == portfolio for s in specs)
    title = ("Appendix 1 - Council scorecard" if themes else
             f"{portfolio} performance report, Q3 2024/25" if single else
             "Corporate performance report, Q3 2024/25")
    fields = [REPORT_COLUMNS, ("Title", title), ("Committee", "Cabinet"),
              ("Meeting date", datetime(2025, 2, 10)),
              ("Portfolio holder", HOLDERS[portfolio] if single else "Cllr. Martin Tett"),
              ("Author", "Head of Business Intelligence")]
    for row, (name, value) in enumerate(fields, start=1):
        put(ws, row, 1, name)
        put(ws, row, 2, value, "d mmmm yyyy" if isinstance(value, datetime) else None)
    ws = wb.create_sheet(COMMENTARY_SHEET)
    for column, name in enumerate(COMMENTARY_HEADER, start=1):
        put(ws, 1, column, name)
    for row, s in enumerate(specs, start=2):
        for column, value in enumerate([s.id, s.benchmarking, s.commentary, s.actions,
                                        s.value_note], start=1):
            put(ws, row, column, value)
    return wb


# A Report to Cabinet in seed 004's shape (sections A-E, numbered paragraphs, bullets, a
# sub-heading, a pipe table), with words that are plainly synthetic. `--pack` adds it.
NARRATIVE_SECTIONS = [
    ("A. National Context", ["the national picture", "changes in regulation", "funding"]),
    ("B. Local Performance", ["demand", "timeliness", "quality of practice", "workforce"]),
    ("C. Improvement Programme", ["governance", "the improvement board", "partnerships",
                                  "digital services"]),
    ("D. Financial Position", ["the revenue budget", "the capital programme"]),
    ("E. Conclusion", ["next steps"]),
]


def narrative_rows() -> list[tuple[str | None, str, str | None, str]]:
    """Return (Section, Numbered, Heading, Text) rows: about 16 numbered paragraphs."""
    rows = []
    for section, topics in NARRATIVE_SECTIONS:
        rows.append((section, "No", None, f"This section reports on {', '.join(topics)}."))
        for number, topic in enumerate(topics):
            text = (f"This paragraph sets out {topic} for the quarter. Officers have reviewed "
                    f"the position with partners and the portfolio holder, and the measures in "
                    f"the appendix show where performance on {topic} has moved since the last "
                    "report.\n\nThe main points are:\n- what changed this quarter\n- what "
                    "the service will do next\n  - with partners\n  - within the budget")
            if number == 1:
                text += ("\n\n### Figures\n| Measure group | Green | Amber | Red |\n|---|---|---|"
                         "---|\n| This quarter | 12 | 4 | 3 |\n| Last quarter | 10 | 5 | 4 |")
            rows.append((None, "Yes", topic[0].upper() + topic[1:], text))
    return rows


def add_narrative(wb: Workbook) -> None:
    """Add the Report sheet's cover fields and a Narrative sheet: the set gets a Report to
    Cabinet and the pack of every document."""
    ws = wb[REPORT_SHEET]
    for row in range(1, ws.max_row + 1):  # the meeting item's title, which names every file
        if ws.cell(row, 1).value == "Title":
            ws.cell(row, 2).value = "Council performance, Q3 2024/25"
    for name, value in [("Summary", "This report updates Cabinet on performance in the "
                         "quarter.\n\nIt covers every portfolio."),
                        ("Recommendation", "Cabinet is asked to note the report."),
                        ("Contact officer", "Head of Business Intelligence, 01234 567890")]:
        row = ws.max_row + 1
        put(ws, row, 1, name)
        put(ws, row, 2, value)
    ws = wb.create_sheet(NARRATIVE_SHEET)
    for column, name in enumerate(NARRATIVE_COLUMNS, start=1):
        put(ws, 1, column, name)
    for row, values in enumerate(narrative_rows(), start=2):
        for column, value in enumerate(values, start=1):
            put(ws, row, column, value)


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save `wb` with fixed timestamps, so the same data give the same bytes."""
    save_workbook(wb, path, FIXED_TIME, "reportgen benchmarks/generate.py")


def generate(n: int, outdir: Path, seed: int = 0, themes: bool = False,
             pack: bool = False) -> dict[str, int]:
    """Write a report set of `n` measures into `outdir`; return how many have each status.
    With `pack`, the set also has a Report to Cabinet (so a pack); the workbooks are
    otherwise the same bytes as without."""
    if n < 1:
        raise ValueError("N must be at least 1")
    rng = random.Random(f"{seed}:{n}:{themes}")
    headers = MONTHS if themes else QUARTERS
    periods = [h.strftime("%b %Y") if isinstance(h, datetime) else h for h in headers]
    specs = plan_measures(n, rng, themes)
    for spec in specs:
        fill_measure(spec, rng, periods)
    save_deterministic(outturns_workbook(specs, headers), outdir / OUTTURNS)
    commentary = commentary_workbook(specs, n, themes)
    if pack:
        add_narrative(commentary)
    save_deterministic(commentary, outdir / COMMENTARY)
    mix: dict[str, int] = {}
    for spec in specs:
        mix[spec.status] = mix.get(spec.status, 0) + 1
    return mix


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, metavar="N", help="number of measures")
    parser.add_argument("outdir", type=Path, metavar="OUTDIR", help="report set folder to write")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument("--themes", action="store_true",
                        help="give measures an Outcome and Theme (the set gets a scorecard too)")
    parser.add_argument("--pack", action="store_true",
                        help="add a Report to Cabinet narrative (the set gets the pack too)")
    args = parser.parse_args(argv)
    mix = generate(args.n, args.outdir, args.seed, args.themes, args.pack)
    print(f"wrote {args.n} measures to {args.outdir}: "
          + ", ".join(f"{k} {v}" for k, v in sorted(mix.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
