"""Write the sample input workbooks transcribed from three published council reports.

Run from the repository root:

    .venv/bin/python scripts/make_sample_inputs.py

It (re)writes, deterministically (byte-identical on every run):

    inputs/childrens-services-2017-q2/outturns.xlsx, commentary.xlsx   (seed 000, Q2 2017/18)
    inputs/childrens-services-2018-q2/outturns.xlsx, commentary.xlsx   (seed 002, Q2 2018/19)
    inputs/cabinet-2017-06/outturns.xlsx, commentary.xlsx              (seed 001, scorecard)

Every value below is transcribed from the seed text extracts
(seeds/000_f628e559c3926787.txt, seeds/002_de4da5a3c7c4eb02.txt, seeds/001_edaf56b414dd380f.txt
and, for the third set's Report sheet, the cover of seeds/004_22cb04ffd9cea7fb.txt); nothing is
invented. Percentages are written as the seed prints them ("13.7%") and stored in Excel as
fractions (0.137) with a number format that keeps the published decimals ('0.0%'); other numbers
keep theirs too ("45.0" is 45 with format '0.0', "93" an integer).

Transcription conventions (see inputs/README.md):
- Measure names lose the extraction's row numbers, superscripts and <p> tags.
- Benchmarking and Commentary keep the seed's text verbatim, <p> tags included; only the
  final actions paragraph ("Actions: ..." in 000, "Improvement Actions ..." in 002) is moved,
  without its label, to Actions. Seed 002's singular "Improvement Action" is left in place.
- An earlier-period outturn is filled only where the seed states that value in words.
- Seed 001 (a scorecard table) is copied cell for cell: values without their direction arrows,
  Benchmarks to Benchmarking and Narrative to Commentary verbatim; nothing is moved to Actions.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"

# ---------------------------------------------------------------------------------------------
# Seed 000: Children's Services portfolio performance report, Q2 2017/18.
# The seed prints no portfolio or service-area heading, so both are left blank.
# Amber band 10% ("95-100% = Green, less than 95% = Amber, less than 85.5% = Red").
# ---------------------------------------------------------------------------------------------
SEED_000 = [
    {  # seed 000, good-performance table row 1
        # printed target '100% (5% tolerance)', current position '95%', RAG 'Green'
        "id": "CSC01",
        "portfolio": None,
        "service_area": None,
        "measure": (
            "% of children subject to a Child Protection (CP) Plan seen in the last 4 weeks"
        ),
        "good_to_be": "High",
        "target": "100%",
        "tolerance": 5,
        "tolerance_note": (
            "to allow for exceptions for this indicator where a child cannot be seen for legitimate"
            " reasons"
        ),
        "stat_neighbours": None,
        "south_east": None,
        "england": None,
        "benchmark_note": None,
        "outturns": {"Q1 2017/18": None, "Q2 2017/18": "95%"},
        "benchmarking": (
            "<p>The % of children on a CP plan seen in the last 4 weeks is on the tolerance target "
            "of 95%. The positive performance in Q1 has continued in to Q2. Benchmarking "
            "information is not available.</p> "
            "<p>Note: There is a 5% tolerance against the target of 100% to allow for exceptions "
            "for this indicator where a child cannot be seen for legitimate reasons (95-100% = "
            "Green, less than 95% = Amber, less than 85.5% = Red).</p>"
        ),
        "commentary": (
            "<p>95% of children on a Child Protection plans seen in the last 4 weeks is on the "
            "tolerance target of 95%.</p> "
            "<p>Performance is on target and has further improved in October. The current outturn "
            "in October for visits in the last 4 weeks is 97%, which is very good.</p> "
            "<p>Close management oversight in the service means that the reasons why some children "
            "have not been seen in 20 days are recorded and reported on each week to the Head of "
            "Service.</p>"
        ),
        "actions": None,
        "value_note": None,
    },
    {  # seed 000, good-performance table row 2
        # printed target '100% (5% tolerance)', current position '97%', RAG 'Green'
        "id": "CSC02",
        "portfolio": None,
        "service_area": None,
        "measure": "% of CLA (Children Looked After) have their reviews completed on time",
        "good_to_be": "High",
        "target": "100%",
        "tolerance": 5,
        "tolerance_note": "to allow for exceptions",
        "stat_neighbours": None,
        "south_east": None,
        "england": None,
        "benchmark_note": None,
        "outturns": {"Q1 2017/18": None, "Q2 2017/18": "97%"},
        "benchmarking": (
            "<p>The % of looked after children reviewed in timescale is above the tolerance target "
            "of 95%. Performance has improved by 10% since Q1. Benchmarking information is not "
            "currently available.</p> "
            "<p>Note: There is a 5% tolerance against the target of 100% to allow for exceptions "
            "(95-100% = Green, less than 95% = Amber, less than 85.5% = Red).</p>"
        ),
        "commentary": (
            "<p>The % of children looked after reviewed in timescale is above the tolerance target "
            "of 95%. Performance has improved by 10% since Q1. Benchmarking information is not "
            "currently available.</p> "
            "<p>The Independent Reviewing Service is continuing to perform well in ensuring that "
            "children who are looked after by Buckinghamshire County Council have their reviews "
            "held on time. This means that the suitability of a child's placement is regularly "
            "considered and they are able to frequently express their views about being in "
            "care.</p>"
        ),
        "actions": None,
        "value_note": None,
    },
    {  # seed 000, good-performance table row 3
        # printed target '100% (18% tolerance)', current position '89%', RAG 'Green'
        "id": "CSC03",
        "portfolio": None,
        "service_area": None,
        "measure": (
            "% ICPC (Initial Child Protection Conference) held within 15 working days of the "
            "strategy discussion"
        ),
        "good_to_be": "High",
        "target": "100%",
        "tolerance": 18,
        "tolerance_note": "to align with Statistical Neighbour performance",
        "stat_neighbours": "82%",
        "south_east": "72%",
        "england": "77%",
        "benchmark_note": None,
        # Q1: "This has been a marked improvement from Q1 when the outturn was 56%."
        "outturns": {"Q1 2017/18": "56%", "Q2 2017/18": "89%"},
        "benchmarking": (
            "<p>The % of ICPCs held within the 15 day statutory timescale from the Strategy "
            "Discussion is above the tolerance target of 82% and is performing above our "
            "Statistical Neighbours (82%), the South East (72%) and England (77%).</p> "
            "<p>Note: There is a 18% tolerance against the target of 100% to align with Statistical"
            " Neighbour performance (82%-100% = Green, less than 82% = Amber, less than 73.8% = "
            "Red).</p>"
        ),
        "commentary": (
            "<p>89% of ICPCs held within the 15 day statutory timescale from the Strategy "
            "Discussion is above the tolerance target of 82% and is performing above our "
            "Statistical Neighbours (82%), the South East (72%) and England (77%). This has been a "
            "marked improvement from Q1 when the outturn was 56%.</p> "
            "<p>The timeliness of holding initial child protection conferences has been sustained "
            "at or above the target of 82% over the quarter. The changes in monitoring processes "
            "have contributed to the improvements in this area.</p>"
        ),
        "actions": None,
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 1
        # printed target '20%', current position '35%', RAG 'Red'
        "id": "CSC04",
        "portfolio": None,
        "service_area": None,
        "measure": "% repeat referrals",
        "good_to_be": "Low",
        "target": "20%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "20%",
        "south_east": "24%",
        "england": "22%",
        "benchmark_note": None,
        # Q1: "from 30% in Q1 to 35% in Q2"
        "outturns": {"Q1 2017/18": "30%", "Q2 2017/18": "35%"},
        "benchmarking": (
            "<p>There has been a further increase in repeat referrals from 30% in Q1 to 35% in "
            "Q2.</p> "
            "<p>The % of repeat referrals is over target (good to be low) and is higher than our "
            "Statistical Neighbours (20%), the South East (24%) and England (22%).</p>"
        ),
        "commentary": (
            "<p>There has been a further increase in repeat referrals from 30% in Q1 to 35% in "
            "Q2.</p> "
            "<p>The % of repeat referrals is over target (good to be low) and is higher than our "
            "Statistical Neighbours (20%), the South East (24%) and England (22%).</p> "
            "<p>There is ongoing audit and analysis surrounding this measure. Emerging themes are "
            "in relation to improvements required in targeted early help, the volume of domestic "
            "abuse referrals and repeat incidents which lead to re-referrals and further work "
            "required to support victims of domestic abuse.</p>"
        ),
        "actions": (
            "A refreshed multi-agency domestic abuse strategy will assist in addressing these "
            "issues. Additionally, Early Help services are being remodelled to better support "
            "families and avoid the need for escalation of concerns leading to repeat referrals. "
            "Further analysis is underway to explore other potential issues."
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 2
        # printed target '100% (14% tolerance)', current position '75%', RAG 'Red'
        "id": "CSC05",
        "portfolio": None,
        "service_area": None,
        "measure": "% assessments completed in 45 working days",
        "good_to_be": "High",
        "target": "100%",
        "tolerance": 14,
        "tolerance_note": "to align with Statistical Neighbour performance",
        "stat_neighbours": "86%",
        "south_east": "83%",
        "england": "83%",
        "benchmark_note": None,
        "outturns": {"Q1 2017/18": None, "Q2 2017/18": "75%"},
        "benchmarking": (
            "<p>The % of assessments completed within the 45 day statutory timescale is 11% below "
            "the tolerance target of 86% and is performing below our Statistical Neighbours (86%), "
            "the South East (83%) and England (83%).</p> "
            "<p>Note: There is a 14% tolerance against the target of 100% to align with Statistical"
            " Neighbour performance (86%-100% = Green, less than 86% = Amber, less than 77.4% = "
            "Red).</p>"
        ),
        "commentary": (
            "<p>The 75% of assessments completed within the 45 day statutory timescale is 11% below"
            " the tolerance target of 86% and is performing below our Statistical Neighbours (86%),"
            " the South East (83%) and England (83%).</p> "
            "<p>There has been an increase in the number of new assessments, particularly in "
            "September. Staffing issues, which are being addressed, have led to a reduction in "
            "performance against target this quarter.</p>"
        ),
        "actions": (
            "Agency staff have been appointed to cover staff absence. In further response to the "
            "increased workload and staffing shortages, systems are in place to assist in "
            "transferring Children in Need at an earlier point in the assessment to reduce "
            "timescales but more importantly to get children the support and help they need as "
            "quickly as possible"
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 3
        # printed target '2%', current position '3%', RAG 'Red'
        "id": "CSC06",
        "portfolio": None,
        "service_area": None,
        "measure": (
            "% of children subject to a Child Protection Plan lasting 2 years or more"
        ),
        "good_to_be": "Low",
        "target": "2%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "2%",
        "south_east": "2%",
        "england": "2%",
        "benchmark_note": None,
        # Q1: "The rise from 1% to 3% in Q2"
        "outturns": {"Q1 2017/18": "1%", "Q2 2017/18": "3%"},
        "benchmarking": (
            "<p>The % of children subject to a CP Plan with a duration of 2yrs+ is above target and"
            " slightly above Statistical Neighbours (2%), the South East (2%) and England (2%).</p>"
            " "
            "<p>The rise from 1% to 3% in Q2 equates to 12 further children in September remaining "
            "on a plan for over 2yrs.</p>"
        ),
        "commentary": (
            "<p>3% of children subject to a CP Plan with a duration of 2yrs+ is above target (2%) "
            "and slightly above Statistical Neighbours (2%), the South East (2%) and England "
            "(2%).</p> "
            "<p>This is still a relatively low number of children - representing 16 (in total) out "
            "of 579 children and has been affected by 2 large sibling groups (one group of 6 "
            "siblings and another group of 3 siblings).</p> "
            "<p>A very small reduction in the number of children (less than 5) would lead to "
            "Buckinghamshire being in line with its Statistical Neighbours, South East and England "
            "averages of 2%</p>"
        ),
        "actions": (
            "All children on a child protection plan for 9 months or more were audited by the child"
            " protection conference chairs during quarter two. The impact of this is that as of the"
            " beginning of November there had been a reduction to 8 children on a child protection "
            "plan for two years or more, which represents 1% of the total number of children on a "
            "plan."
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 4
        # printed target '18%', current position '23%', RAG 'Red'
        "id": "CSC07",
        "portfolio": None,
        "service_area": None,
        "measure": (
            "% of children who became the subject of a child protection plan for a second or "
            "subsequent time"
        ),
        "good_to_be": "Low",
        "target": "18%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "18%",
        "south_east": "21%",
        "england": "18%",
        "benchmark_note": None,
        "outturns": {"Q1 2017/18": None, "Q2 2017/18": "23%"},
        "benchmarking": (
            "<p>The % of children who became the subject of a child protection plan for a second or"
            " subsequent time was 23% compared to a target of 18%, Performance for England and "
            "Statistical Neighbours is 18% and 21% in the South East.</p>"
        ),
        "commentary": (
            "<p>23% compared to a target of 18%, performance for England and Statistical Neighbours"
            " is 18% and 21% in the South East. Buckinghamshire is performing slightly worse "
            "compared to the South East average.</p> "
            "<p>There were an additional 24 children between April and September 2017 who became "
            "the subject of a child protection plan for a second or subsequent time. The age "
            "profile of these children is predominantly between 5 and 14 years. This supports the "
            "development of the Local Neglect Strategy, highlighting that there needs to be a "
            "better recognition of and response to neglect at an earlier stage.</p>"
        ),
        "actions": (
            "The Safeguarding Children Board has a plan of action in place to introduce resources "
            "and training to support frontline practitioners in their work with children and "
            "families. This underpins the recently launched multi-agency Neglect Strategy."
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 5
        # printed target '24%', current position '16%', RAG 'Red'
        "id": "CSC08",
        "portfolio": None,
        "service_area": None,
        "measure": "% of children in care placed with own provision",
        "good_to_be": "High",
        "target": "24%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": None,
        "england": None,
        # CIPFA neighbours are not the statistical-neighbour group, so the figure stays out of
        # the Stat neighbours column and is kept, as printed, in the note.
        "benchmark_note": (
            "Comparative CIPFA neighbours (44%) - Source: Children Looked After CIPFA report 2016"
        ),
        "outturns": {"Q1 2017/18": None, "Q2 2017/18": "16%"},
        "benchmarking": (
            "<p>The % of looked after children placed with an in-house foster carer is 8% below "
            "target and 28% below our comparative CIPFA neighbours (44%) - Source: Children Looked "
            "After CIPFA report 2016</p>"
        ),
        "commentary": (
            "<p>16% of CLA placed with an in-house foster carer is 8% below target of 24% and 28% "
            "below our comparative CIPFA neighbours (44%) - Source: Children Looked After CIPFA "
            "report 2016.</p> "
            "<p>There are 68 mainstream carers. Not all placements are used at any one time for "
            "reasons such as: changes in carer's circumstances (including health issues), other "
            "children's needs in placement, pending resignation or retirement.</p> "
            "<p>Recent recruitment activity has identified the need to increase the sufficiency of "
            "foster carers as well as carers who can meet the needs of children with disabilities "
            "and black and minority ethnic children. In 2017/18 Bucks has engaged in a number of "
            "recruitment events and we are confident we can continue to improve the capacity of our"
            " in-house fostering service.</p>"
        ),
        "actions": (
            "Under the Change for Children programme, four new Children's Homes will be opening. "
            "The service is working at developing our cohort of foster carers through "
            "training/information evenings and looking at additional support for carers to enable "
            "them to think more creatively about the placements they are willing to consider. This "
            "year to date we have recruited 8 new foster carers, which equates to a net gain of 5 "
            "following deregistrations."
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 6
        # printed target '10%', current position '12%', RAG 'Red'
        "id": "CSC09",
        "portfolio": None,
        "service_area": None,
        "measure": "% of Children Looked After (CLA) in residential care",
        "good_to_be": "Low",
        "target": "10%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": None,
        "england": None,
        # CIPFA comparator, not statistical neighbours: kept in the note (see CSC08).
        "benchmark_note": "Comparative CIPFA neighbours (9%) - Source: CLA CIPFA report 2016",
        "outturns": {"Q1 2017/18": None, "Q2 2017/18": "12%"},
        "benchmarking": (
            "<p>The % of looked after children placed in residential care is above target and our "
            "comparative CIPFA neighbours (9%) - Source: CLA CIPFA report 2016. The rise of 2% in "
            "Q2 related to 10 further children now residing in residential placements.</p>"
        ),
        "commentary": (
            "<p>12% of CLA placed in residential care is above target of 10%, and our comparative "
            "CIPFA neighbours (9%) - Source: CLA CIPFA report 2016. The rise of 2% in Q2 related to"
            " 10 further children now residing in residential placements.</p> "
            "<p>We have a large proportion of children with highly complex disabilities in "
            "residential care. All children in residential care are reviewed regularly to ensure "
            "the placement is appropriate and, where their needs have changed, that alternative "
            "arrangements are made.</p> "
            "<p>Foster carers currently with vacancies are registered for younger children and not "
            "available for adolescent children.</p>"
        ),
        "actions": (
            "We are training our current foster carer cohort to support them to have adolescent "
            "children placed with them. Two of the Council's new Children's Homes will open in 2018"
            " and will enable children to live closer to their homes and professionals who can "
            "support them whilst in care. This will enable the council to direct work and improve "
            "the transition for these children into family placements."
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 7
        # printed target '100%', current position '50%', RAG 'Red'
        "id": "CSC10",
        "portfolio": None,
        "service_area": None,
        "measure": (
            "% of children waiting <14 months between entering care and moving in with their "
            "adoptive family"
        ),
        "good_to_be": "High",
        "target": "100%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "47%",
        "south_east": None,
        "england": "47%",
        "benchmark_note": None,
        # Q1: "which has reduced in Q2 (from 67% in Q1)"
        "outturns": {"Q1 2017/18": "67%", "Q2 2017/18": "50%"},
        "benchmarking": (
            "The % of children waiting under 14 months between entering care and moving in with "
            "their adoptive family reduced in Q2 to 50%. Although below target, this measure is "
            "performing similarly to our Statistical Neighbours (47%) and England (47%)."
        ),
        "commentary": (
            "50% of children have waited less than 14 months between entering care and moving in "
            "with their adoptive family during 2017/18, which has reduced in Q2 (from 67% in Q1), "
            "against a target of 100%. It should be noted that this indicator covers a very small "
            "number of children (3 in Q1 and an additional 5 in Q2), which does not include those "
            "placed on Special Guardianship Orders (SGO's). Our performance compares favourably to "
            "both our statistical neighbours and nationally. Children with more complex needs often"
            " take longer to find an appropriate family. The needs of children we are finding "
            "families for at the moment include two sibling groups of three; a child where location"
            " is an issue and two sets of twins with additional needs."
        ),
        "actions": (
            "For children with more complex needs who we are attempting to place at present, we "
            "have concentrated on planned recruitment and increased family-finding activities which"
            " have succeeded in identifying placements for most of our children whose final care "
            "plan is adoption."
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 8
        # printed target '100% (15% tolerance)', current position '81%', RAG 'Amber'
        "id": "CSC11",
        "portfolio": None,
        "service_area": None,
        "measure": (
            "% of Children in Need (CIN) reviewed in time (not including Child Protection, Children"
            " Looked After)"
        ),
        "good_to_be": "High",
        "target": "100%",
        "tolerance": 15,
        "tolerance_note": "to allow for exceptions",
        "stat_neighbours": None,
        "south_east": None,
        "england": None,
        "benchmark_note": None,
        "outturns": {"Q1 2017/18": None, "Q2 2017/18": "81%"},
        "benchmarking": (
            "The % of children in need reviewed in timescale is 4% below the tolerance target of "
            "85% and there has been a drop in performance (-5%) since Q1 when it was above the "
            "target tolerance. Benchmarking information is not currently available. Note: There is "
            "a 15% tolerance against the target of 100% to allow for exceptions (85-100% = Green, "
            "less than 85% = Amber, less than 76.5% = Red)."
        ),
        "commentary": (
            "The % of children in need reviewed in timescale is 4% below the tolerance target of "
            "85% and there has been a drop in performance (-5%) since Q1 when it was above the "
            "target tolerance. Benchmarking information is not currently available. Issues "
            "impacting on performance include a number of unexpected staff absences and staff "
            "vacancies across some teams."
        ),
        "actions": (
            "Duty workers in some teams will be covering for staff absence if necessary. An "
            "additional 5 Social Workers have been agreed for a period of 3 months in order to "
            "bring some stability to the service."
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 9
        # printed target '100% (5% tolerance)', current position '88%', RAG 'Amber'
        "id": "CSC12",
        "portfolio": None,
        "service_area": None,
        "measure": (
            "% of Children in Need (not including CP, CLA) seen in the last 6 weeks"
        ),
        "good_to_be": "High",
        "target": "100%",
        "tolerance": 5,
        "tolerance_note": (
            "to allow for exceptions for this indicator where a child cannot be seen for legitimate"
            " reasons"
        ),
        "stat_neighbours": None,
        "south_east": None,
        "england": None,
        "benchmark_note": None,
        "outturns": {"Q1 2017/18": None, "Q2 2017/18": "88%"},
        "benchmarking": (
            "<p>The % of Children in Need seen in the last 6 weeks is 7% below the tolerance target"
            " of 95% and there has been a slight dip in performance in Q2. Benchmarking information"
            " is not available.</p> "
            "<p>Note: There is a 5% tolerance against the target of 100% to allow for exceptions "
            "for this indicator where a child cannot be seen for legitimate reasons (95-100% = "
            "Green, less than 95% = Amber, less than 85.5% = Red).</p>"
        ),
        "commentary": (
            "<p>88% of Children in Need seen in the last 6 weeks is 7% below the tolerance target "
            "of 95% and there has been a slight dip in performance in Q2. Benchmarking information "
            "is not available. There has been an increase of 94 children in need in the service "
            "over the past 3 months. Total numbers have risen from 1,311 in June to 1,407 in "
            "September. The service has maintained a high standard of intervention to children.</p>"
            " "
            "<p>Staff capacity and system issues have impacted on performance and these are being "
            "addressed. There are a number of large sibling groups being transferred – these "
            "increase the percentage of children not being seen. In particular there are large "
            "groups of children that are allocated to the workers who are currently on sick leave. "
            "Families not engaging with the CIN plan/one family out of the country which are "
            "highlighted on the visits report twice a week.</p>"
        ),
        "actions": (
            "Duty workers in Aylesbury covering for workers on sick leave is expediting children "
            "being allocated. An additional 5 Social Workers have been agreed for a period of 3 "
            "months in order to bring some stability to the service."
        ),
        "value_note": None,
    },
    {  # seed 000, lower-performance table row 10
        # printed target '100% (5% tolerance)', current position '93%', RAG 'Amber'
        "id": "CSC13",
        "portfolio": None,
        "service_area": None,
        "measure": "% Children Looked After (CLA) seen in the last 6 weeks",
        "good_to_be": "High",
        "target": "100%",
        "tolerance": 5,
        "tolerance_note": (
            "to allow for exceptions for this indicator where a child cannot be seen for legitimate"
            " reasons"
        ),
        "stat_neighbours": None,
        "south_east": None,
        "england": None,
        "benchmark_note": None,
        # Q1: "is level with the Q1 performance" (93%)
        "outturns": {"Q1 2017/18": "93%", "Q2 2017/18": "93%"},
        "benchmarking": (
            "<p>The % of looked after children seen in the last 6 weeks is 2% below the tolerance "
            "target of 95% and is level with the Q1 performance. Benchmarking information is not "
            "available.</p> "
            "<p>Note: There is a 5% tolerance against the target of 100% to allow for exceptions "
            "for this indicator where a child cannot be seen for legitimate reasons (95-100% = "
            "Green, less than 95% = Amber, less than 85.5% = Red).</p>"
        ),
        "commentary": (
            "<p>93% of CLA seen in the last 6 weeks is 2% below the tolerance target of 95% and is "
            "level with the Q1 performance.</p>"
        ),
        "actions": (
            "Heads of Service, Practice Improvement Managers, Team Managers & Social Workers are "
            "regularly monitoring performance and taking action to effect improvement. Managers use"
            " the information available to prioritise the children dependent on the time elapsed "
            "since they were last seen. Practitioners have been supported to proactively monitor "
            "this and plan their time appropriately, forward plan to ensure that visits are made on"
            " time and contingencies are built in to accommodate cancellations."
        ),
        "value_note": None,
    },
]

# ---------------------------------------------------------------------------------------------
# Seed 002: "Children's Services Portfolio - Cllr. Warren Whyte", Q2 2018/19.
# Children's social care (CSC01-CSC08), then education (EDU01-EDU06).
# Amber band 5% (28% target, Low is good, 30% -> Red; 60% target, 57% -> Amber).
# ---------------------------------------------------------------------------------------------
SEED_002 = [
    {  # seed 002, good-performance table row 1
        # printed target '19%', current position '13.7%', RAG 'GREEN'
        "id": "CSC01",
        "portfolio": "Children's Services",
        "service_area": "Children's Social Care",
        "measure": (
            "% of Children who became the subject of a Child Protection Plan for a second or "
            "subsequent time"
        ),
        "good_to_be": "Low",
        "target": "19%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "23%",
        "south_east": "22%",
        "england": "19%",
        "benchmark_note": None,
        "outturns": {"Q2 2018/19": "13.7%"},
        "benchmarking": "Statistical Neighbours 23%, South East 22%, England 19%",
        "commentary": (
            "<p>This indicator measures the proportion of children who have become subject to a "
            "child protection plan for a second or subsequent time.</p> "
            "<p>Of the children who became subject to a child protection plan between 1 April 2018 "
            "and 30 September 2018, 13.7% were subject to a second or subsequent child protection "
            "plan. Buckinghamshire's performance is lower than England, South East and statistical "
            "neighbour averages.</p>"
        ),
        "actions": (
            "Child Protection Advisors and Social Work teams to meet regularly to ensure that child"
            " protection plans achieve sustainable and positive change."
        ),
        "value_note": None,
    },
    {  # seed 002, lower-performance table row 1
        # printed target '82%', current position '51%', RAG 'RED'
        "id": "CSC02",
        "portfolio": "Children's Services",
        "service_area": "Children's Social Care",
        "measure": "% assessments completed in 45 working days",
        "good_to_be": "High",
        "target": "82%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "81%",
        "south_east": "84%",
        "england": "83%",
        "benchmark_note": None,
        "outturns": {"Q2 2018/19": "51%"},
        "benchmarking": "Statistical Neighbours 81%, South East 84%, England 83%",
        "commentary": (
            "<p>This indicator measures the proportion of assessments that are completed within 45 "
            "working days.</p> "
            "<p>At the end of September 2018, 51% of assessments had been completed within the 45 "
            "working day timescale, which is below England, South East and statistical neighbour "
            "averages.</p>"
        ),
        "actions": (
            "Robust action plans are in place with management oversight to improve this performance"
            " and ensure that assessments are completed within timeframes."
        ),
        "value_note": None,
    },
    {  # seed 002, lower-performance table row 2
        # printed target '80%', current position '68%', RAG 'RED'
        "id": "CSC03",
        "portfolio": "Children's Services",
        "service_area": "Children's Social Care",
        "measure": (
            "% ICPC (Initial Child Protection Conference) held within 15 working days of the "
            "strategy discussion"
        ),
        "good_to_be": "High",
        "target": "80%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "82%",
        "south_east": "75%",
        "england": "77%",
        "benchmark_note": None,
        "outturns": {"Q2 2018/19": "68%"},
        "benchmarking": "Statistical Neighbours 82%, South East 75%, England 77%",
        "commentary": (
            "<p>This indicator measures the proportion of Initial Child Protection Conferences "
            "(ICPC's) that are held within 15 working days from the Strategy Discussion.</p> "
            "<p>At the end of September 2018, 68% of ICPC's were held within required timescales. "
            "This performance is currently below the 80% target and below the England, South East "
            "and statistical neighbour averages.</p>"
        ),
        "actions": (
            "To address this we are developing Safety Plans for all instances where Initial Child "
            "Protection Conferences are delayed and working closely with schools to ensure there "
            "are no delays during holiday periods."
        ),
        "value_note": None,
    },
    {  # seed 002, lower-performance table row 3
        # printed target '28%', current position '30%', RAG 'RED'
        "id": "CSC04",
        "portfolio": "Children's Services",
        "service_area": "Children's Social Care",
        "measure": "% repeat referrals within 12 months",
        "good_to_be": "Low",
        "target": "28%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "21%",
        "south_east": "26%",
        "england": "22%",
        "benchmark_note": None,
        "outturns": {"Q2 2018/19": "30%"},
        "benchmarking": "Statistical Neighbours 21%, South East 26%, England 22%",
        "commentary": (
            "<p>This indicator measures the proportion of repeat referrals we receive within 12 "
            "months.</p> "
            "<p>At the end of September 2018 our performance is 30%. This is higher than England, "
            "South East and statistical neighbour averages.</p>"
        ),
        "actions": (
            "We have conducted an improvement review and are working closely with partners to "
            "develop a joint action plan to improve this performance. The action plan will be "
            "completed in December 2018."
        ),
        "value_note": None,
    },
    {  # seed 002, lower-performance table row 4
        # printed target '91%', current position '80%', RAG 'RED'
        "id": "CSC05",
        "portfolio": "Children's Services",
        "service_area": "Children's Social Care",
        "measure": "% Children Looked After (CLA) seen in the last 6 weeks",
        "good_to_be": "High",
        "target": "91%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": None,
        "england": None,
        "benchmark_note": None,
        "outturns": {"Q2 2018/19": "80%"},
        "benchmarking": "Benchmarking information not currently available.",
        "commentary": (
            "<p>This indicator measures the proportion of children looked after who are seen at "
            "least once every 6 weeks.</p> "
            "<p>At the end of September 2018, 80% of children looked after had been seen within "
            "required timescales. No benchmarking information is available for this indicator.</p>"
        ),
        "actions": (
            "We are tightening up data quality and recording processes to strengthen management "
            "oversight of when children have been seen."
        ),
        "value_note": None,
    },
    {  # seed 002, lower-performance table row 5
        # printed target '47%', current position '55%', RAG 'RED'
        "id": "CSC06",
        "portfolio": "Children's Services",
        "service_area": "Children's Social Care",
        "measure": "% of CLA living more than 20 miles from home",
        "good_to_be": "Low",
        "target": "47%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "24%",
        "south_east": "16%",
        "england": "14%",
        "benchmark_note": None,
        "outturns": {"Q2 2018/19": "55%"},
        "benchmarking": "Statistical Neighbours 24%, South East 16%, England 14%",
        "commentary": (
            "<p>This indicator measures the proportion of children looked after who are placed more"
            " than 20 miles from their home.</p> "
            "<p>At the end of September 2018, 55% of children looked after were placed more than 20"
            " miles from their home. This performance is higher than England, South East and "
            "statistical neighbour averages.</p> "
            "<p>It is important to note that placements within the geographical boundary of "
            "Buckinghamshire may exceed 20 miles in some cases. However, this is still accessible "
            "compared to other areas of the country where placements are within 20 miles but less "
            "accessible.</p>"
        ),
        "actions": (
            "To improve performance we have opened Buckinghamshire County Council's first new "
            "children's home and will be opening another local in-house provision in March 2019."
        ),
        "value_note": None,
    },
    {  # seed 002, lower-performance table row 6
        # printed target '75%', current position '39%', RAG 'RED'
        "id": "CSC07",
        "portfolio": "Children's Services",
        "service_area": "Children's Social Care",
        "measure": (
            "% of children waiting less than 14 months between entering care and moving in with "
            "their adoptive family"
        ),
        "good_to_be": "High",
        "target": "75%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "43%",
        "south_east": "46%",
        "england": "47%",
        "benchmark_note": None,
        "outturns": {"Q2 2018/19": "39%"},
        "benchmarking": "Statistical Neighbours 43%, South East 46%, England 47%",
        "commentary": (
            "<p>This indicator measures the proportion of children who wait for less than 14 months"
            " between entering care and moving in with their adoptive family.</p> "
            "<p>At the end of September 2018, 39% of children had moved in with their adoptive "
            "family within required timescales. This performance is lower than the England, South "
            "East and statistical neighbour averages.</p>"
        ),
        "actions": (
            "The adoption team continue to robustly implement planned recruitment for those "
            "children with complex needs for whom adoption is in their best interests. We have "
            "delivered a targeted campaign for National Adoption Week alongside further development"
            " of the relevant pages on the BCC website to encourage interest from prospective "
            "adopters."
        ),
        "value_note": None,
    },
    {  # seed 002, lower-performance table row 7
        # printed target '60%', current position '57%', RAG 'AMBER'
        "id": "CSC08",
        "portfolio": "Children's Services",
        "service_area": "Children's Social Care",
        "measure": "% of care leavers in employment, education, or training (EET)",
        "good_to_be": "High",
        "target": "60%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": "52%",
        "south_east": "50%",
        "england": "50%",
        "benchmark_note": None,
        "outturns": {"Q2 2018/19": "57%"},
        "benchmarking": "Statistical Neighbours 52%, South East 50%, England 50%",
        "commentary": (
            "<p>This indicator measures the proportion of care leavers who are in employment, "
            "education and/or training (EET).</p> "
            "<p>At the end of September 2018, 57% of care leavers were in EET. Buckinghamshire's "
            "performance is higher than the England, South East and statistical neighbour "
            "averages.</p>"
        ),
        "actions": (
            "We are developing a skills database to match care leavers with local opportunities and"
            " working closely with the University to deliver taster days in partnership with the "
            "Virtual School."
        ),
        "value_note": None,
    },
    {  # seed 002, good-performance table row 1
        # printed target '79%', current position '79%', RAG 'GREEN'
        "id": "EDU01",
        # England is printed as "England (state-funded schools)" for EDU01-EDU04; that
        # qualifier stays in the verbatim Benchmarking text.
        "portfolio": "Children's Services",
        "service_area": "Education",
        "measure": "Key Stage 1 - % of pupils reaching the expected standard in reading",
        "good_to_be": "High",
        "target": "79%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": "78%",
        "england": "75%",
        "benchmark_note": "(2018 figures)",
        "outturns": {"Q2 2018/19": "79%"},
        "benchmarking": "England (state-funded schools) = 75% South East = 78% (2018 figures)",
        "commentary": (
            "<p>This indicator measures the proportion of pupils who have reached an expected "
            "academic standard.</p> "
            "<p>In 2018, 79% of Buckinghamshire pupils achieved at least the expected standard in "
            "Key Stage 1 Reading. Results have remained the same as in 2016, but remain above both "
            "regional and national averages.</p> "
            "<p>These results have been released as provisional figures by the Department for "
            "Education, the validated results will be available in early 2019.</p>"
        ),
        "actions": (
            "Within the Side by Side partnership model there is a focus on achieving more ambitious"
            " outcomes for all children and young people."
        ),
        "value_note": None,
    },
    {  # seed 002, good-performance table row 2
        # printed target '69%', current position '72%', RAG 'GREEN'
        "id": "EDU02",
        "portfolio": "Children's Services",
        "service_area": "Education",
        "measure": "Key Stage 1 - % of pupils reaching the expected standard in writing",
        "good_to_be": "High",
        "target": "69%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": "71%",
        "england": "70%",
        "benchmark_note": "(2018 figures)",
        "outturns": {"Q2 2018/19": "72%"},
        "benchmarking": "England (state-funded schools) = 70% South East = 71% (2018 figures)",
        "commentary": (
            "<p>This indicator measures the proportion of pupils who have reached an expected "
            "academic standard.</p> "
            "<p>In 2018, 72% of Buckinghamshire pupils achieved at least the expected standard in "
            "Key Stage 1 Writing. This is a 3 percentage point increase from 2017. Buckinghamshire "
            "results are above both regional and national averages.</p> "
            "<p>These results have been released as provisional figures by the Department for "
            "Education, the validated results will be available in early 2019.</p>"
        ),
        "actions": (
            "Within the Side by Side partnership model there is a focus on achieving more ambitious"
            " outcomes for all children and young people."
        ),
        "value_note": None,
    },
    {  # seed 002, good-performance table row 3
        # printed target '76%', current position '78%', RAG 'GREEN'
        "id": "EDU03",
        "portfolio": "Children's Services",
        "service_area": "Education",
        "measure": (
            "Key Stage 1 - % of pupils reaching the expected standard in mathematics"
        ),
        "good_to_be": "High",
        "target": "76%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": "78%",
        "england": "76%",
        "benchmark_note": "(2018 figures)",
        "outturns": {"Q2 2018/19": "78%"},
        "benchmarking": "England (state-funded schools) = 76% South East = 78% (2018 figures)",
        "commentary": (
            "<p>This indicator measures the proportion of pupils who have reached an expected "
            "academic standard.</p> "
            "<p>In 2018, Buckinghamshire results for pupils achieving at least the expected "
            "standard in KS1 maths increased by 2 percentage points to 78%. Buckinghamshire results"
            " are above the national average, and in line with the regional average.</p> "
            "<p>These results have been released as provisional figures by the Department for "
            "Education, the validated results will be available in early 2019.</p> "
            "<p>Improvement Action Within the Side by Side partnership model there is a focus on "
            "achieving more ambitious outcomes for all children and young people.</p>"
        ),
        "actions": None,
        "value_note": None,
    },
    {  # seed 002, good-performance table row 4
        # printed target '64%', current position '66%', RAG 'GREEN'
        "id": "EDU04",
        "portfolio": "Children's Services",
        "service_area": "Education",
        "measure": (
            "Key Stage 2 - % of pupils reaching the expected standard in reading, writing and "
            "mathematics"
        ),
        "good_to_be": "High",
        "target": "64%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": "65%",
        "england": "64%",
        "benchmark_note": "(2018 figures)",
        "outturns": {"Q2 2018/19": "66%"},
        "benchmarking": "England (state-funded) = 64% South East= 65% (2018 figures)",
        "commentary": (
            "<p>This indicator measures the proportion of pupils who have reached an expected "
            "academic standard.</p> "
            "<p>In Buckinghamshire 66% of pupils achieved at least the expected standard in all of "
            "reading, writing and maths at Key Stage 2. Buckinghamshire results have increased by 2"
            " percentage points since last year, and are above both regional and national "
            "averages.</p> "
            "<p>These results have been released as provisional figures by the Department for "
            "Education, the validated results will be available in early 2019.</p> "
            "<p>Improvement Action Within the Side by Side partnership model there is a focus on "
            "achieving more ambitious outcomes for all children and young people.</p>"
        ),
        "actions": None,
        "value_note": None,
    },
    {  # seed 002, lower-performance table row 1
        # printed target '0.03%', current position '0.04%', RAG 'RED'
        "id": "EDU05",
        # The seed prints these benchmarks as "England = 0.03 South East = 0.02" with no % sign;
        # they are rates in the target's unit (%), so they are written as percentages.
        "portfolio": "Children's Services",
        "service_area": "Education",
        "measure": "Permanent exclusion rate - primary",
        "good_to_be": "Low",
        "target": "0.03%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": "0.02%",
        "england": "0.03%",
        "benchmark_note": "(2016/17 figures)",
        "outturns": {"Q2 2018/19": "0.04%"},
        "benchmarking": "England = 0.03 South East = 0.02 (2016/17 figures)",
        "commentary": (
            "<p>This measure shows the proportion of permanent exclusions in primary schools and is"
            " reported in arrears due to national data collection and publication.</p> "
            "<p>In the 2016-17 academic year the permanent exclusions rate for primary schools in "
            "Buckinghamshire was 0.04%, which was above both national and regional averages. This "
            "is an improvement from 2015-16, with exclusions in primary schools falling from a rate"
            " of 0.05% in 2015-16.</p>"
        ),
        "actions": (
            "We are implementing recommendations from the Education Select Committee report in "
            "July, including conducting a targeted Side by Side project to reduce exclusions, "
            "improving websites and promoting uptake of Educational Psychology services."
        ),
        "value_note": (
            "This result is for the academic year 2016/17 because the data runs one year behind."
        ),
    },
    {  # seed 002, lower-performance table row 2
        # printed target '0.17%', current position '0.25%', RAG 'RED'
        "id": "EDU06",
        "portfolio": "Children's Services",
        "service_area": "Education",
        "measure": "Permanent exclusion rate - secondary",
        "good_to_be": "Low",
        "target": "0.17%",
        "tolerance": None,
        "tolerance_note": None,
        "stat_neighbours": None,
        "south_east": "0.13%",
        "england": "0.20%",
        "benchmark_note": "(2016/17 figures)",
        "outturns": {"Q2 2018/19": "0.25%"},
        "benchmarking": "England = 0.20 South East = 0.13 (2016/17 figures)",
        "commentary": (
            "<p>This measure shows the proportion of permanent exclusions in secondary schools and "
            "is reported in arrears due to national data collection and publication.</p> "
            "<p>In the 2016-17 academic year the permanent exclusions rate for secondary schools in"
            " Buckinghamshire was 0.25%, which was above both national and regional averages. The "
            "rate is slightly higher than in 2015-16, but the rate of increase has slowed "
            "significantly.</p>"
        ),
        "actions": (
            "We are implementing recommendations from the Education Select Committee report in "
            "July, including conducting a targeted Side by Side project to reduce exclusions, "
            "improving websites and promoting uptake of Educational Psychology services."
        ),
        "value_note": (
            "This result is for the academic year 2016/17 because the data runs one year behind."
        ),
    },
]

# ---------------------------------------------------------------------------------------------
# Seed 001: "Appendix 1", the Children's Services scorecard (37 measures, Mar 2016 - Mar 2017).
# It is the appendix to the Report to Cabinet of Monday 5 June 2017 whose cover is in seed 004
# (Title, Date, Author). One outcome, seven themes, headed as printed; the Dec 2016 and Mar 2017
# columns are printed empty. Values are as printed without their direction arrows
# (→ ↑ ↓ ↘ ↔). No tolerances are printed. Each row's comment gives the printed RAG.
# ---------------------------------------------------------------------------------------------
SEED_001_OUTCOME = "Vulnerable children are safe and protected from harm"
SEED_001_PERIODS = ["Mar 2016", "Jun 2016", "Sep 2016", "Dec 2016", "Mar 2017"]
MONTH = "Month only (not quarterly data)"
UNAVAILABLE = "Data currently unavailable"
UNDER_DEVELOPMENT = "This measure is currently under development"
SEE_SUMMARY = "See summary report for commentary"
SEE_FURTHER = "See further commentary in summary report"

# (theme as printed, [measures in the seed's order]). Per measure: "values" are the printed
# Mar 2016, Jun 2016 and Sep 2016 cells; "benchmarks" and "narrative" are the Benchmarks and
# Narrative cells verbatim; "stat_neighbours"/"south_east"/"england"/"benchmark_note" are the
# figures that Benchmarks cell states (absent = blank).
SEED_001_THEMES = [
    ("Quality", [
        {  # 1, printed '★ Green'
            "measure": "% of case audits with a good or outstanding rating",
            "good_to_be": "High", "data_period": MONTH, "target": "60%",
            "values": ["71%", "83%", "61%"],
        },
        {  # 2, printed '■ Red'
            "measure": "% of social work staff supervisions completed",
            "good_to_be": "High", "data_period": MONTH, "target": "89%",
            "values": ["67%", "69%", "57%"],
            "narrative": SEE_SUMMARY,
        },
        {  # 3, printed '★ Green'
            "measure": "% of EH Panel referrals that meet level 3 threshold",
            "good_to_be": "High", "data_period": MONTH, "target": "85%",
            "values": ["96%", "82%", "94%"],
        },
        {  # 4, printed 'Data currently unavailable' (no polarity, period, target or RAG)
            "measure": "% children who have management oversight on their journey 4 weekly",
            "good_to_be": None, "data_period": None, "target": None,
            "values": [None, None, UNAVAILABLE],
            "narrative": UNDER_DEVELOPMENT,
        },
        {  # 5, printed '■ Red'
            "measure": "% repeat referrals",
            "good_to_be": "Low", "data_period": MONTH, "target": "25%",
            "values": ["25%", "33%", "36%"],
            "benchmarks": (
                "Statistical Neighbour Average (2015): 23% National Average (2015): 24%"
            ),
            "stat_neighbours": "23%", "england": "24%", "benchmark_note": "(2015)",
            "narrative": SEE_SUMMARY,
        },
        {  # 6, printed '□ Monitor'
            "measure": "Number of children with a repeat Child Protection Plan",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["93", "104", "109"],
            "narrative": (
                "21% of overall coming in are repeat compared to 24% last year (15/16). However "
                "the number of children starting on a repeat is on a downward trend, suggesting a "
                "legacy of children who have had repeat plans. 2014/15 CIN Census % repeats in "
                "line with England and South East. 2015/16 data published this month."
            ),
        },
    ]),
    ("Voice of the child", [
        {  # 7, printed 'Data currently unavailable' (no polarity, period, target or RAG)
            "measure": (
                "Children seen as part of assessment within 5 working days from point of referral"
            ),
            "good_to_be": None, "data_period": None, "target": None,
            "values": [None, None, UNAVAILABLE],
            "narrative": UNDER_DEVELOPMENT,
        },
        {  # 8, printed '● Amber'
            "measure": "% children seen during assessment",
            "good_to_be": "High", "data_period": MONTH, "target": "100%",
            "values": ["91%", "99%", "95%"],
            "narrative": SEE_SUMMARY,
        },
        {  # 9, printed '■ Red'
            "measure": "% of children in need (not including CP, CLA) seen in the last 4 weeks",
            "good_to_be": "High", "data_period": MONTH, "target": "100%",
            "values": ["72%", "70%", "73%"],
            "narrative": SEE_SUMMARY,
        },
        {  # 10, printed 'Red' (no symbol). The extract has one cell fewer in this row; the text
            # after the RAG is read as the Narrative, as in rows 8, 9 and 11.
            "measure": "% of children subject to a Child Protection Plan seen in the last 2 weeks",
            "good_to_be": "High", "data_period": MONTH, "target": "98%",
            "values": ["90%", "85%", "83%"],
            "narrative": SEE_SUMMARY,
        },
        {  # 11, printed 'Amber' (no symbol); the same short row as 10
            "measure": "% Children Looked After seen in the last 6 weeks",
            "good_to_be": "High", "data_period": MONTH, "target": "100%",
            "values": ["93%", "90%", "98%"],
            "narrative": SEE_SUMMARY,
        },
    ]),
    ("Demand", [  # every measure printed 'Monitor'; counts and rates, no polarity
        {  # 12
            "measure": "Number of families coming through the Early Help Panel",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["47", "56", "32"],
        },
        {  # 13
            "measure": "Number of new contacts",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["1241", "1349", "1429"],
        },
        {  # 14
            "measure": "Number of new referrals",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["737", "722", "657"],
        },
        {  # 15
            "measure": "Number of new assessments",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["387", "455", "441"],
        },
        {  # 16 ("CP,CLA" without a space, as printed)
            "measure": "Number of children in need (not including CP,CLA)",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["1756", "1711", "1695"],
        },
        {  # 17
            "measure": "Rate per 10,000 children in need (not including CP, CLA)",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["147.7", "143.9", "142.6"],
        },
        {  # 18
            "measure": "Number of children subject to a Child Protection Plan",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["446", "502", "535"],
        },
        {  # 19
            "measure": "Rate per 10,000 children subject to a Child Protection Plan",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["37.5", "42.2", "45.0"],
            "benchmarks": (
                "Statistical Neighbour Average (2015): 52.1 S East Average (2015): 49.0 "
                "National Average (2015): 42.9"
            ),
            "stat_neighbours": "52.1", "south_east": "49.0", "england": "42.9",
            "benchmark_note": "(2015)",
        },
        {  # 20
            "measure": "Total number of CLA",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["463", "435", "442"],
        },
        {  # 21
            "measure": "Rate per 10,000 children looked after",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["38.9", "36.6", "37.2"],
            "benchmarks": (
                "Statistical Neighbour Average (2015): 69.1 S East Average (2015): 49.0 "
                "National Average (2015): 60.0"
            ),
            "stat_neighbours": "69.1", "south_east": "49.0", "england": "60.0",
            "benchmark_note": "(2015)",
        },
        {  # 22 (no Mar 2016 value printed; counts printed with one decimal)
            "measure": "Number of Care Proceedings",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": [None, "89.0", "82.0"],
        },
        {  # 23 (no Mar 2016 value printed)
            "measure": "Number of new Care Proceedings",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": [None, "7.0", "7.0"],
        },
    ]),
    ("Reviewing children's Plans", [
        {  # 24, printed '■ Red'
            "measure": (
                "% of children in need reviewed in last 3 months (not including Child Protection,"
                " Children Looked After)"
            ),
            "good_to_be": "High", "data_period": MONTH, "target": "85%",
            "values": ["64%", "60%", "55%"],
            "narrative": (
                "Detailed action plan in place to ensure that both number of plans and their "
                "quality are improved. (Ofsted Improvement Plan)"
            ),
        },
        {  # 25, printed '★ Green'
            "measure": "% of Child Protection Plans reviewed in timescales",
            "good_to_be": "High", "data_period": MONTH, "target": "95%",
            "values": ["94%", "97%", "97%"],
        },
        {  # 26, printed '★ Green'
            "measure": "% of CLA have their reviews completed on time",
            "good_to_be": "High", "data_period": MONTH, "target": "95%",
            "values": ["95%", "94%", "97%"],
        },
    ]),
    ("Timeliness of the journey of the child", [
        {  # 27, printed '■ Red'
            "measure": "% of contacts received actioned within 24 hours (1 working day)",
            "good_to_be": "High", "data_period": MONTH, "target": "90%",
            "values": ["71%", "76%", "62%"],
            "narrative": SEE_FURTHER,
        },
        {  # 28, printed '■ Red'
            "measure": "% referrals completed within 3 working days",
            "good_to_be": "High", "data_period": MONTH, "target": "100%",
            "values": ["74%", "74%", "85%"],
            "narrative": SEE_FURTHER,
        },
        {  # 29, printed '● Amber'. "Bucks 83%" is the council's own 2014/15 figure, not a
            # benchmark column, so it stays only in the Benchmarking text.
            "measure": "% assessments completed in 45 working days",
            "good_to_be": "High", "data_period": MONTH, "target": "100%",
            "values": ["92%", "93%", "93%"],
            "benchmarks": "2014/15 England 82% S East 81% Bucks 83%",
            "south_east": "81%", "england": "82%", "benchmark_note": "(2014/15)",
            "narrative": SEE_FURTHER,
        },
        {  # 30, printed '■ Red'
            "measure": "% ICPC held within 15 working days of the strategy discussion",
            "good_to_be": "High", "data_period": MONTH, "target": "100%",
            "values": ["56%", "79%", "80%"],
            "narrative": SEE_FURTHER,
        },
    ]),
    ("Sufficiency of children's placements", [
        {  # 31, printed '■ Red'
            "measure": "% of CLA placed in county",
            "good_to_be": "High", "data_period": MONTH, "target": "55.0%",
            "values": ["48%", "47%", "49%"],
            "benchmarks": "S East Average (2015): 65% National Average (2015): 61%",
            "south_east": "65%", "england": "61%", "benchmark_note": "(2015)",
            "narrative": SEE_FURTHER,
        },
        {  # 32, printed '■ Red'
            "measure": "% of CLA are placed no more than 20 miles away from home",
            "good_to_be": "High", "data_period": MONTH, "target": "50.0%",
            "values": ["43%", "39%", "41%"],
            "benchmarks": "S East Average (2015): 69% National Average (2015): 77%",
            "south_east": "69%", "england": "77%", "benchmark_note": "(2015)",
            "narrative": SEE_FURTHER,
        },
        {  # 33, printed '□ Monitor'
            "measure": "% of children in foster care placed with a BCC carer",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["30%", "30%", "29%"],
        },
        {  # 34, printed '□ Monitor' (a count printed with one decimal)
            "measure": "Number of children in residential placements",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["83.0", "73.0", "52.0"],
        },
        {  # 35, printed '□ Monitor'
            "measure": "% of children in residential placements",
            "good_to_be": None, "data_period": MONTH, "target": "Monitor",
            "values": ["18%", "17%", "12%"],
        },
    ]),
    ("Permanency for children", [
        {  # 36, printed '▫ Monitor' (days; the seed prints no unit)
            "measure": (
                "Average time (in days) between Placement Order and matching to an adoptive family"
            ),
            "good_to_be": None, "data_period": "Average, rolling year", "target": "Monitor",
            "values": ["192", "181", "145"],
        },
        {  # 37, printed '▫ Monitor'
            "measure": "Number of adoptions (financial year)",
            "good_to_be": None, "data_period": "Cumulative (year to date)", "target": "Monitor",
            "values": ["38", "13", "20"],
        },
    ]),
]


def scorecard_measures(themes: list, prefix: str, portfolio: str, outcome: str,
                       periods: list[str]) -> list[dict]:
    """Expand a scorecard's themes into the measure rows used above, IDs numbered in order.

    Unit is "%" where the measure's name starts with "%" or a value is printed with "%", else
    blank (counts, rates per 10,000 and the average in days). Periods after the printed values
    are blank.
    """
    measures = []
    for theme, rows in themes:
        for row in rows:
            values = row["values"] + [None] * (len(periods) - len(row["values"]))
            percent = row["measure"].startswith("%") or any(
                v is not None and v.endswith("%") for v in values)
            measures.append({
                "id": f"{prefix}{len(measures) + 1:02d}",
                "portfolio": portfolio,
                "service_area": None,
                "outcome": outcome,
                "theme": theme,
                "measure": row["measure"],
                "good_to_be": row["good_to_be"],
                "unit": "%" if percent else None,
                "data_period": row["data_period"],
                "target": row["target"],
                "tolerance": None,
                "tolerance_note": None,
                "stat_neighbours": row.get("stat_neighbours"),
                "south_east": row.get("south_east"),
                "england": row.get("england"),
                "benchmark_note": row.get("benchmark_note"),
                "outturns": dict(zip(periods, values)),
                "benchmarking": row.get("benchmarks"),
                "commentary": row.get("narrative"),
                "actions": None,
                "value_note": None,
            })
    return measures


SEED_001 = scorecard_measures(SEED_001_THEMES, "AP", "Children's Services", SEED_001_OUTCOME,
                              SEED_001_PERIODS)

REPORT_SETS = [
    {
        "folder": "childrens-services-2017-q2",
        "periods": ["Q1 2017/18", "Q2 2017/18"],
        "settings": [
            ("Amber band", "10%"),
            ("Reporting period", "Q2 2017/18"),
        ],
        "report": [
            ("Title", None),
            ("Committee", None),
            ("Meeting date", None),
            ("Portfolio holder", None),
            ("Author", None),
        ],
        "measures": SEED_000,
    },
    {
        "folder": "childrens-services-2018-q2",
        "periods": ["Q2 2018/19"],
        "settings": [
            ("Amber band", "5%"),
            ("Reporting period", "Q2 2018/19"),
            ("Actions label", "Improvement Actions"),
        ],
        "report": [
            ("Title", None),
            ("Committee", None),
            ("Meeting date", None),
            ("Portfolio holder", "Cllr. Warren Whyte"),
            ("Author", None),
        ],
        "measures": SEED_002,
    },
    {
        "folder": "cabinet-2017-06",
        "periods": SEED_001_PERIODS,
        # No "Reporting period": the default, the last period holding a value, is Sep 2016.
        "settings": [
            ("Amber band", "10%"),
            ("Roll-up", "Mean"),
            ("Period columns", 5),
        ],
        # Title, Date and Author from the Report to Cabinet cover in seed 004 ("Report to
        # Cabinet", "Date: Monday 5 June 2017"); the portfolio holder from seed 001's heading.
        "report": [
            ("Title", "Children's Services Update"),
            ("Committee", "Cabinet"),
            ("Meeting date", date(2017, 6, 5)),
            ("Portfolio holder", "Cllr. Lin Hazell"),
            ("Author", "Cabinet Member for Children's Services and Cabinet Member for Education"),
        ],
        "measures": SEED_001,
    },
]

MEASURES_HEADER = [
    "ID", "Portfolio", "Service area", "Outcome", "Theme", "Measure", "Good to be", "Unit",
    "Data period", "Target", "Tolerance", "Tolerance note", "Amber band", "Stat neighbours",
    "South East", "England", "Benchmark note",
]
COMMENTARY_HEADER = ["ID", "Benchmarking", "Commentary", "Actions", "Value note"]

# A fixed timestamp for the workbook properties and zip entries, so reruns are byte-identical.
FIXED_TIME = datetime(2000, 1, 1, 0, 0, 0)


def pct(text: str | None) -> tuple[float | None, str | None]:
    """Return (fraction, number format) for a percentage as printed: "13.7%" -> (0.137, '0.0%')."""
    if text is None:
        return None, None
    digits = text.removesuffix("%")
    decimals = len(digits.partition(".")[2])
    fraction = Decimal(digits) / 100  # exact: Decimal("13.7") / 100 == Decimal("0.137")
    number_format = "0." + "0" * decimals + "%" if decimals else "0%"
    return float(fraction), number_format


def put(ws, row: int, column: int, value, number_format: str | None = None) -> None:
    """Write one cell; None leaves it blank. Text stays text (IDs like "CSC01")."""
    if value is None:
        return
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if number_format:
        cell.number_format = number_format


def put_pct(ws, row: int, column: int, text: str | None) -> None:
    value, number_format = pct(text)
    put(ws, row, column, value, number_format)


def put_printed(ws, row: int, column: int, text: str | None) -> None:
    """Write a value as printed: "71%" as a percentage, "93" as an integer, "45.0" as 45 with
    format '0.0' (the published decimals), and words ("Monitor") as text."""
    if text is not None and text.endswith("%"):
        put_pct(ws, row, column, text)
    elif text is not None and re.fullmatch(r"\d+", text):
        put(ws, row, column, int(text))
    elif text is not None and re.fullmatch(r"\d+\.\d+", text):
        decimals = len(text.partition(".")[2])
        put(ws, row, column, float(Decimal(text)), "0." + "0" * decimals)
    else:
        put(ws, row, column, text)


def header(ws, names: list[str]) -> None:
    for column, name in enumerate(names, start=1):
        put(ws, 1, column, name)


def outturns_workbook(report_set: dict) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Measures"
    header(ws, MEASURES_HEADER)
    for row, m in enumerate(report_set["measures"], start=2):
        put(ws, row, 1, m["id"])
        put(ws, row, 2, m["portfolio"])
        put(ws, row, 3, m["service_area"])
        # Outcome, Theme, Unit and Data period: only seed 001 has them; seeds 000 and 002 leave
        # Outcome, Theme and Data period blank and are all percentages.
        put(ws, row, 4, m.get("outcome"))
        put(ws, row, 5, m.get("theme"))
        put(ws, row, 6, m["measure"])
        put(ws, row, 7, m["good_to_be"])
        put(ws, row, 8, m.get("unit", "%"))
        put(ws, row, 9, m.get("data_period"))
        put_printed(ws, row, 10, m["target"])
        put(ws, row, 11, m["tolerance"])
        put(ws, row, 12, m["tolerance_note"])
        # 13 Amber band: blank (the set's default is in Settings)
        put_printed(ws, row, 14, m["stat_neighbours"])
        put_printed(ws, row, 15, m["south_east"])
        put_printed(ws, row, 16, m["england"])
        put(ws, row, 17, m["benchmark_note"])

    ws = wb.create_sheet("Outturns")
    periods = report_set["periods"]
    header(ws, ["ID", *periods])
    for row, m in enumerate(report_set["measures"], start=2):
        assert list(m["outturns"]) == periods, m["id"]
        put(ws, row, 1, m["id"])
        for column, period in enumerate(periods, start=2):
            put_printed(ws, row, column, m["outturns"][period])

    ws = wb.create_sheet("Settings")
    header(ws, ["Setting", "Value"])
    for row, (name, value) in enumerate(report_set["settings"], start=2):
        put(ws, row, 1, name)
        put(ws, row, 2, value)
    return wb


def commentary_workbook(report_set: dict) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = "Report"
    header(ws, ["Field", "Value"])
    for row, (name, value) in enumerate(report_set["report"], start=2):
        put(ws, row, 1, name)
        put(ws, row, 2, value)

    ws = wb.create_sheet("Commentary")
    header(ws, COMMENTARY_HEADER)
    for row, m in enumerate(report_set["measures"], start=2):
        put(ws, row, 1, m["id"])
        put(ws, row, 2, m["benchmarking"])
        put(ws, row, 3, m["commentary"])
        put(ws, row, 4, m["actions"])
        put(ws, row, 5, m["value_note"])
    return wb


def save_deterministic(wb: Workbook, path: Path) -> None:
    """Save `wb` with fixed timestamps so an unchanged transcription gives identical bytes."""
    wb.properties.creator = "reportgen scripts/make_sample_inputs.py"
    wb.properties.created = FIXED_TIME
    buffer = io.BytesIO()
    wb.save(buffer)  # openpyxl stamps `modified` with the current time; reset it below
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def main() -> None:
    for report_set in REPORT_SETS:
        folder = INPUTS / report_set["folder"]
        for name, build in (("outturns.xlsx", outturns_workbook),
                            ("commentary.xlsx", commentary_workbook)):
            path = folder / name
            save_deterministic(build(report_set), path)
            print(f"wrote {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
