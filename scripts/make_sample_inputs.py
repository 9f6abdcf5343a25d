"""Write the sample input workbooks transcribed from three published council reports.

Run from the repository root:

    .venv/bin/python scripts/make_sample_inputs.py

It (re)writes, deterministically (byte-identical on every run):

    inputs/childrens-services-2017-q2/outturns.xlsx, commentary.xlsx   (seed 000, Q2 2017/18)
    inputs/childrens-services-2018-q2/outturns.xlsx, commentary.xlsx   (seed 002, Q2 2018/19)
    inputs/cabinet-2017-06/outturns.xlsx, commentary.xlsx              (seed 001, scorecard;
                                                                        seed 004, the report)

Every value below is transcribed from the seed text extracts
(seeds/000_f628e559c3926787.txt, seeds/002_de4da5a3c7c4eb02.txt, seeds/001_edaf56b414dd380f.txt
and, for the third set's Report and Narrative sheets, the Report to Cabinet in
seeds/004_22cb04ffd9cea7fb.txt); nothing is invented. Percentages are written as the seed prints
them ("13.7%") and stored in Excel as fractions (0.137) with a number format that keeps the
published decimals ('0.0%'); other numbers keep theirs too ("45.0" is 45 with format '0.0', "93"
an integer).

Transcription conventions (see inputs/README.md):
- Measure names lose the extraction's row numbers, superscripts and <p> tags.
- Benchmarking and Commentary keep the seed's text verbatim, <p> tags included; only the
  final actions paragraph ("Actions: ..." in 000, "Improvement Actions ..." in 002) is moved,
  without its label, to Actions. Seed 002's singular "Improvement Action" is left in place.
- An earlier-period outturn is filled only where the seed states that value in words.
- Seed 001 (a scorecard table) is copied cell for cell: values without their direction arrows,
  Benchmarks to Benchmarking and Narrative to Commentary verbatim; nothing is moved to Actions.
- Seed 004 (the Report to Cabinet that seed 001 is the appendix to) gives the third set's Report
  fields and, in commentary.xlsx, a Narrative sheet holding its whole body in the light markup
  (see SEED_004_NARRATIVE).
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

# ---------------------------------------------------------------------------------------------
# Seed 004: the Report to Cabinet "Children's Services Update" (Monday 5 June 2017), whose
# appendix is seed 001. Its body, "A. National Context" to the end of "E. Conclusion", is the
# cabinet-2017-06 set's Narrative sheet, one row per block in document order:
#     (Section, Numbered, Heading, [Text lines])
# Section is the lettered heading as printed on a section's first row (None: the section goes
# on). Numbered "Yes" starts the seed's next numbered paragraph (1-24, numbered straight through
# the sections; the number itself is not typed); "No" is unnumbered text: the introductions of
# A, C and D, and E's conclusion. Heading is the numbered line as printed after its number: a
# wholly bold heading is written without `**` (the tool prints a heading bold unless it holds
# `**`), a partly bold one keeps `**` round its bold part. Paragraphs 6 and 7 run on after the
# bold title: "(July 2016) sets out ..." starts their Text.
# Text lines are joined with "\n" into the cell's light markup: a blank line between blocks,
# "- " / "  - " bullets, "1. " items, "### " sub-headings, **bold**, *italic*, [text](#) links
# (targets lost in the extract, kept as "#") and one pipe table (paragraph 14).
# Page-break splits in the extract are mended without changing a word: paragraph 3's bullet
# "... fail to comply with" / "restrictions on registration ..."; paragraph 19's "A new operating
# model ..." (a page-break line among "Educating our Children"'s second-level bullets);
# paragraph 23's Education bullet "Overall school" / "performance is ..."; and the blank lines
# that split the lists of paragraphs 3, 19, 23 and 24. In paragraph 24 each project's plain
# bullets are second-level bullets under its bold lead, followed by its plain paragraphs. The
# "### " sub-headings are the short stand-alone heading lines of paragraphs 22 and 23.
# ---------------------------------------------------------------------------------------------
NARRATIVE_HEADER = ["Section", "Numbered", "Heading", "Text"]

SEED_004_NARRATIVE = [
    # A's introduction (seed line 35)
    ("A. National Context", "No", None, [
        "The Government has a major legislative programme which will impact on children's "
            "services in Buckinghamshire. The following section gives an overview of the key "
            "developments; we regularly assess the implications of these for Buckinghamshire and "
            "proposals will be brought to Cabinet as appropriate.",
    ]),
    # 1 (seed line 37)
    (None, "Yes", "The Changing Landscape in Education", [
        "There has been a significant shift in national educational policy and funding which has "
            "occurred over the past few years, resulting in increased school autonomy and "
            "diversity of school provision (academies, free schools, UTCs, studio schools), "
            "raised Ofsted expectations and increasing development of school led system "
            "leadership to promote school improvement. A detailed paper on the changes in "
            "relation to policy and funding will be brought to Cabinet in June 2017.",
    ]),
    # 2 (seed line 41)
    (None, "Yes", "**Wood Report** (March 2016)", [
        "In December 2015, Alan Wood was commissioned by the Secretary of State for Education to "
            "lead a fundamental review of the role and functions of Local Safeguarding Children "
            "Boards (LSCBs). The outcome of the review was published in March 2016 (The Wood "
            "Report) and sets out a new framework for improving the organisation and delivery of "
            "multi-agency arrangements to protect and safeguard children. It contains "
            "recommendations for government to consider and suggests that appropriate steps "
            "should be taken to recast the statutory framework that underpins the model of Local "
            "Safeguarding Children Boards (LSCBs), Serious Case Reviews (SCRs) and Child Death "
            "Overview Panels (CDOPs).",
        "",
        "The government published its response to the report in May 2016 and confirmed that they "
            "will:",
        "",
        "- Introduce a stronger but more flexible statutory framework that will support local "
            "partners to work together more effectively to protect and safeguard children and "
            "young people including placing a new requirement on local authorities, the police "
            "and the health service to make arrangements for working together in a local area.",
        "- Replace the current system of Serious Case Reviews (SCRs) and miscellaneous local "
            "reviews with a system of national and local reviews including establishing a "
            "National Panel which will be responsible for commissioning and publishing national "
            "reviews and to investigate the most serious case and requiring LSCBs (and their "
            "successor arrangements) to carry out and publish lessons from local reviews.",
        "- Put in place arrangements to transfer national oversight of Child Death Overview "
            "Panels (CDOPs) from the Department for Education to the Department of Health, "
            "whilst ensuring that the keen focus on distilling and embedding learning is "
            "maintained within the necessary child protection agencies.",
        "",
        "The Buckinghamshire Safeguarding Children Board (BSCB) have already started discussions "
            "in relation to the impact of these changes in Buckinghamshire and there will be an "
            "extraordinary Board meeting in the next few months to discuss in more detail.",
    ]),
    # 3 (seed line 53)
    (None, "Yes", "**Children and Social Work Bill** (May 2016)", [
        "In May 2016, the government published the [Children and Social Work Bill](#) – a set of "
            "legislation it hopes will drive up standards in the social work profession. The "
            "legislation proposes five key changes for practitioners:",
        "",
        "- The bill allows the government to potentially directly regulate social workers, or "
            "set up a government-controlled body for social workers. This would replace the "
            "Health and Care Professions Council (HCPC).",
        "- The bill allows for a set of criminal offences to be introduced for social work "
            "misconduct. The offences could apply to practitioners who fail to comply with "
            "restrictions on registration or in cases where social workers facing "
            "fitness-to-practise cases fail to attend hearings or provide evidence in their "
            "defence",
        "- The bill allows the government to 'exempt' local authorities from legal duties under "
            "certain pieces of children's social care legislation, including some sections of "
            "the Children Act 1989 and the Children Act 2004.",
        "- Social workers will have to factor in the impact of harm a child has previously "
            "suffered, or are likely to suffer in future, as part of their permanency "
            "assessments and plans for care proceedings.",
        "- The potential for social work to become directly regulated by government could hand "
            "ministers control over the way social work education providers have to operate in "
            "order to be accredited.",
        "",
        "Following progression through the House of Commons, the Bill has been returned to the "
            "House of Lords to consider the Commons amendments prior to receiving Royal Assent. "
            "Further information about the implications will be presented to Cabinet in the next "
            "update report in October 2017.",
    ]),
    # 4 (seed line 68)
    (None, "Yes",
     "National Assessment and Accreditation of Child & Family Social Workers (NAAS)", [
        "The DfE proposal is to deliver a national assessment and accreditation system for child "
            "and family social workers as part of the wider reforms of children's social care. "
            "The government view is that the introduction of NAAS will offer, for the first "
            "time, a consistent way of providing assurance that child and family social workers, "
            "supervisors (first line managers) and practice leaders (directors) have the "
            "knowledge and skills required for effective practice. The initial expectation was "
            "that all social workers in the children's social care sector will be accredited by "
            "2020, however, the programme will not be mandatory, at least initially, and so this "
            "will be difficult to achieve. The DfE said in a briefing this week that they do not "
            "want staff put forward for the assessment unless they are likely to pass, so "
            "expectations around all social workers achieving this by 2020 are flexible.",
        "",
        "Workforce implications for BCC and other employers will be about assessing and "
            "accrediting the existing workforce at the various levels within timescales and "
            "understanding the implications for how this is done (time, cost, job rotation, "
            "supervision, assessment process etc).",
    ]),
    # 5 (seed line 74)
    (None, "Yes", "Reporting and Acting on Child Abuse and Neglect (July 2016)", [
        "The Home Office and Department for Education published a consultation which sets out "
            "the Government's wide-ranging programme of reform to provide better outcomes for "
            "vulnerable children. The consultation sought views on the possible introduction of "
            "one of two additional statutory measures:",
        "",
        "- A mandatory reporting duty, which would require certain practitioners or "
            "organisations to report child abuse or neglect if they knew or had reasonable cause "
            "to suspect it was taking place.",
        "- A duty to act, which would require certain practitioners or organisations to take "
            "appropriate action in relation to child abuse or neglect if they knew or had "
            "reasonable cause to suspect it was taking place.",
        "",
        "The consultation closed on 13th October 2016 and the Government is considering all "
            "responses before deciding on the next steps and publishing an outcome report.",
    ]),
    # 6 (seed line 83)
    (None, "Yes", "Keep on caring: supporting young people from care to independence", [
        "(July 2016) sets out the Government's vision for the further reform of support for care "
            "leavers based on innovation, system reform, and the embedding of corporate "
            "parenting responsibility across society. The Strategy identifies and describes how "
            "the Government will support care leavers to achieve five key outcomes:",
        "",
        "- Better prepared and supported to live independently.",
        "- Improved access to education, training and employment.",
        "- Experiencing stability and feeling safe and secure.",
        "- Improved Access to Health Support.",
        "- Achieving Financial Stability.",
        "",
        "Work is underway in Buckinghamshire to ensure that our services for care leavers are in "
            "line with the government's vision.",
    ]),
    # 7 (seed line 95)
    (None, "Yes", "**Putting children first: our vision for children's social care**", [
        "(July 2016) sets out fundamental reform of each of the three pillars on which the "
            "children's social care system stands; people and leadership, practice and systems, "
            "governance and accountability. By 2020, the Government wants to ensure that every "
            "local children's social care service across the country has a workforce, at all "
            "levels equipped with the knowledge and skills, verified through robust assessment "
            "and accreditation. The ambition is that, by 2020, over a third of all current local "
            "authorities will either be delivering their children's services through a new model "
            "or be actively working towards a different model.",
    ]),
    # 8 (seed line 97)
    (None, "Yes",
     "**Review of the Youth Justice System in England and Wales by Charlie Taylor** (December "
     "2016)", [
        "The Taylor Review makes recommendations for extensive reform of the youth justice "
            "system covering devolution, courts, sentencing and custody. The government's "
            "response supports many of the principles of The Taylor Review and sets out the "
            "intention to review the governance of the system, to improve the way youth "
            "offending is tackled and to put education and health at the heart of youth custody. "
            "Since the publication of the Review and Government Response further clarity has "
            "been sought regarding a timetable for implementation of the parts of the review "
            "which are agreed to.",
    ]),
    # 9 (seed line 101)
    (None, "Yes", "**New definition of CSE** (February 2017)", [
        "In February 2016 the government launched a consultation on revising the current "
            "definition of child sexual exploitation with the aim of agreeing a clear, common "
            "definition of child sexual exploitation which would be used by practitioners across "
            "all sectors. In February 2017, the government published the outcome of the "
            "consultation along with the final revised definition and supporting guidance for "
            "practitioners. The final revised definition will shortly be included in the "
            "'Working Together' statutory guidance:",
        "",
        "Child sexual exploitation is a form of child sexual abuse. It occurs where an "
            "individual or group takes advantage of an imbalance of power to coerce, manipulate "
            "or deceive a child or young person under the age of 18 into sexual activity (a) in "
            "exchange for something the victim needs or wants, and/or (b) for the financial "
            "advantage or increased status of the perpetrator or facilitator. The victim may "
            "have been sexually exploited even if the sexual activity appears consensual. Child "
            "sexual exploitation does not always involve physical contact; it can also occur "
            "through the use of technology.",
    ]),
    # 10 (seed line 107)
    (None, "Yes", "Tackling child sexual exploitation: progress report (March 2017)", [
        "In March 2017, the government published its Tackling Child Sexual Exploitation: "
            "Progress Report and announced a £40m package of measures to protect children and "
            "young people from sexual abuse, exploitation and trafficking, and to crack down on "
            "offenders. It includes:",
        "",
        "- £7.5m for a new Centre of Expertise which aims to be the authoritative source of "
            "research and best practice on tackling child sexual abuse and exploitation, led by "
            "Barnardo's",
        "- £20m for the National Crime Agency to tackle online child sexual exploitation",
        "- An additional £7m for organisations helping victims of sexual abuse, including "
            "children",
        "- £2.3m for the second phase of the successful Disrespect NoBody campaign, which raises "
            "young people's awareness of healthy relationships",
        "- £2.2m from the Child Trafficking Protection Fund will help protect vulnerable "
            "children in the UK and overseas who are at risk of trafficking",
        "- Independent Child Trafficking Advocates service launched in three early adopter sites "
            "across the country for which will provide specialist support to trafficked children.",
        "",
        "The Progress Report details delivery of the programme of work set out in the 2015 "
            "*Tackling Child Sexual Exploitation Report*.",
    ]),
    # 11 (seed line 120)
    (None, "Yes",
     "Independent Inquiry into Child Sexual Abuse - work programme for 2017/18 (March 2017)", [
        "The Governments Independent Inquiry into Child Sexual Abuse (IICSA) launched its plan "
            "for 2017/2018. The Inquiry's plan for the coming year reflects a greater focus on "
            "making recommendations that will keep children safer now and in the future. "
            "Alongside its investigations into a range of institutions in England and Wales, the "
            "Inquiry is leading an extensive programme of research and analysis, and will host "
            "seminars on a range of important topics. Seminars will be used to gather "
            "information and views to help the Inquiry to identify areas for further "
            "investigation and scrutiny.",
    ]),
    # 12 (seed line 124)
    (None, "Yes",
     "No Good Options: Report of the Inquiry into Children's Social Care in England (March "
     "2017)", [
        "The All Party Parliamentary Group for Children (APPGC) has published the findings of "
            "their latest Inquiry into children's social care services in England in March 2017. "
            "The report pulls together information obtained throughout the duration of the "
            "Inquiry which ran from February 2016 to January 2017.",
        "",
        "Headlines include:",
        "",
        "- LA's available resources are being disproportionately spent on children at most risk "
            "of harm meaning there is insufficient resource to help families earlier",
        "- 89% of DCSs surveyed as part of the inquiry said they are finding it increasingly "
            "difficult to meet their S17 duties",
        "- Substantial variations in local policies and outcomes across the country, the report "
            "hones in on CiC figures, ranging from 22 per 10,000 up to 164 per 10,000 asserting "
            "that this can't be solely attributed to deprivation",
        "- Calls for the government to address 'the funding crisis engulfing children's social "
            "care, and in particular the lack of resource for preventative and early "
            "intervention services'",
        "- Other key recommendation is more research to help the government to understand the "
            "difference in approaches / outcomes across the country.",
        "",
        "Key recommendations include a review of resourcing by the DfE and DCLG; the government "
            "should incentivise early intervention; and the DfE to develop a workforce strategy "
            "to reduce churn in the social work workforce.",
    ]),
    # 13 (seed line 140)
    ("B. Inspection Regimes/ Update", "Yes", "Future of social care inspection (February 2017)", [
        "In June 2016 Ofsted published a consultation seeking views on proposed changes across "
            "Ofsted's inspections of children's social care in four key areas:",
        "",
        "1. The principles of social care inspection",
        "2. Inspections of local authority children's services (ILACS)",
        "3. A social care common inspection framework (SCCIF) for all",
        "4. Specific changes to Ofsted's inspections of independent fostering agencies (IFAs)",
        "",
        "Ofsted published the outcome of the consultation and next steps (['Future of social "
            "care inspection'](#)) in February 2017:",
        "",
        "- They confirmed that they will be adopting the first two proposed principles for "
            "social care inspection: 'focus on the things that matter most to children's lives' "
            "and 'be consistent in our expectations of providers'. They have amended the third "
            "principle to be 'prioritise our work where improvement is needed most'. Details of "
            "how these inspection principles will be applied in practice will be fully explained "
            "in the SCCIF and ILACS when published later in 2017.",
        "- They will pilot the proposals in relation to inspections of local authority "
            "children's services (ILACS) throughout 2017. They will continue with their current "
            "approach to local authorities judged inadequate: quarterly monitoring visits "
            "followed by either a single inspection (SIF) or a post-monitoring SIF. They will "
            "publish the ILACS in the autumn of 2017 for implementation from January 2018.",
        "- They confirmed that they will be implementing the Social Care Common Inspection "
            "Framework (SCCIF) in children's home, independent fostering agencies, boarding "
            "schools and residential schools, voluntary adoption agencies, adoption support "
            "agencies, residential family centres, residential holiday schemes for disabled "
            "children and residential provision in further education colleges. The SCCIF will be "
            "published in February 2017 ahead of its implementation from April 2017.",
        "- They will be implementing the proposal to re-inspect independent fostering agencies "
            "judged as inadequate within six to 12 months and within 12 to 18 months for those "
            "judged as requiring improvement.",
    ]),
    # 14 (seed line 156)
    (None, "Yes", "Overview of SIF Inspection Outcomes", [
        "To date, 129 local authorities have had their children's safeguarding services "
            "inspected under the Single Inspection Framework. Overall Effectiveness grades are:",
        "",
        "| Judgement | Count | % |",
        "|---|---|---|",
        "| Outstanding | 2 | 2% |",
        "| Good | 35 | 27% |",
        "| Requires Improvement | 60 | 47% |",
        "| Inadequate | 32 | 25% |",
    ]),
    # 15 (seed line 166)
    (None, "Yes", "Joint Targeted Area Inspections (JTAI)", [
        "From February 2016, under the Joint Targeted Area Inspections (JTAI), Ofsted, the Care "
            "Quality Commission as well as Her Majesty's Inspectorate of Constabulary and Her "
            "Majesty's Inspectorate of Probation are jointly responsible for assessing how local "
            "authorities, the police, health, probation and youth offending services are working "
            "together in an area to identify, support and protect vulnerable children and young "
            "people. These short inspections allow inspectorates to be more responsive, "
            "targeting specific areas of interest and concern and also identify areas for "
            "improvement and highlight good practice from which others can learn.",
        "",
        "The inspection includes a 'deep dive' element, with the first five inspections focused "
            "on children at risk of sexual exploitation and those missing from home, school or "
            "care. The inspections were conducted in Central Bedfordshire, Croydon, Liverpool, "
            "Oxfordshire and South Tyneside and an [overview report](#) was published by Ofsted "
            "in September 2016. The second area of focus has been children living with domestic "
            "abuse. To date, Salford, Lincolnshire, Wiltshire and Hampshire have been inspected. "
            "No rating is given but a summary of strengths and weaknesses is provided.",
    ]),
    # 16 (seed line 172)
    (None, "Yes", "SEND Area Inspections", [
        "To date, 20 local authorities have had a Joint Local Area SEND inspection. These "
            "inspections focus on the effectiveness of the local area in identifying and meeting "
            "the needs of children and young people who have special educational needs and/ or "
            "disabilities. In Buckinghamshire, the SEND Board has led on the development of a "
            "multi-agency SEND Self-Evaluation in preparation for an SEND Area Inspection.",
    ]),
    # C's introduction (seed line 178)
    ("C. Regional Context", "No", None, [
        "We work closely with colleagues across the South East region on a range of policy, "
            "commissioning and service delivery issues. The following section sets out two "
            "current areas of focus.",
    ]),
    # 17 (seed line 180)
    (None, "Yes", "Adoption - A vision for change", [
        "On 27 March 2016 the Education Secretary unveiled a new 4 year strategy 'Adoption: a "
            "vision for change', which sets out how the Government plans to address challenges "
            "in the adoption system over the next four years. The strategy details how, by 2020, "
            "the Government will deliver a system where all children are matched with adoptive "
            "parents without delay and includes a new drive to boost the educational success of "
            "adopted children. To end delay in adoption for vulnerable children, larger local "
            "pools of approved adopters will be developed by making sure every single council is "
            "part of a regional adoption agency by 2020.",
        "",
        "Buckinghamshire County Council is working with a number of other local authorities and "
            "Coram to develop a Regional Adoption Agency in line with government expectations. A "
            "report will come back to Cabinet on this issue in due course.",
    ]),
    # 18 (seed line 186)
    (None, "Yes", "Cost of agency workers – Memorandum of Cooperation", [
        "Workforce developments have taken place across regions, to better manage agency pay "
            "rates and prevent the circulation of poor quality workers between Councils. "
            "Memorandums have been agreed to cover:",
        "",
        "- A standardised approach to references for agency staff",
        "- An agency pay cap to stop pay rates from escalating with agency recruitment",
        "- A six month 'cooling off' period for permanent staff moving to agency work",
    ]),
    # D's introduction (seed line 196)
    ("D. Local Context", "No", None, [
        "The following section focuses on how Buckinghamshire is responding to some of the "
            "national, regional and local issues affecting us at the moment.",
    ]),
    # 19 (seed line 198)
    (None, "Yes", "Change for Children Programme", [
        "This programme is in response to the changing national, regional and local picture and "
            "supports the implementation of the Buckinghamshire Children's Strategy 2016. Its "
            "stated mission is: *'To ensure Children's Social Care and Learning is financially "
            "stable and future proofed whilst continuing to support the most vulnerable children "
            "throughout Buckinghamshire'*. The programme will also deliver the majority of the "
            "required MTFP savings for the Business Unit over the next 5 years.",
        "",
        "The programme's Operating Principles are:",
        "",
        "- To ensure we have the **capacity to intervene where children are not safe**",
        "- To ensure that **there is a market** to meet the needs of children and young people – "
            "but **not necessarily to deliver everything ourselves**",
        "- To build on parents and families strengths and **help communities to be resilient**",
        "- To **actively manage the co-ordination of services** and deploy them in an effective "
            "way",
        "- To **manage demand** to reduce the needs on high cost intervention",
        "",
        "There are four main work-streams, which complement and sit alongside existing "
            "day-to-day operations and our Improvement Programme:",
        "",
        "- **Early Help for Children and Families**",
        "  - Development of a new delivery model for Early Help",
        "  - Services integrated at a local level around children and their families",
        "  - Financially sustainable services",
        "  - Reduction in demand on social care services",
        "  - Improved outcomes for children and families",
        "- **Support for Looked After Children**",
        "  - Strategic review of services for Looked After Children and Care Leavers, realigning "
            "placement provision whilst managing demand.",
        "  - More children placed within 20 miles of home",
        "  - More children placed within a family setting",
        "  - Increased internal residential capacity",
        "  - Placement costs in line with our statistical neighbours",
        "  - Services that are able to meet children's needs, in the right place, at the right "
            "time for the right cost",
        "  - Improved adoption timescales",
        "- **Educating our Children**",
        "  - Strategic review of Education services",
        "  - A new 0-25 education and skills strategy for Buckinghamshire",
        "  - A new operating model based on the team around the school methodology",
        "  - Procurement options finalised for the delivery of school improvement/ support "
            "services",
        "  - Spend in line with the Retained Duties Grant",
        "  - Income from services to schools optimised",
        "  - A new multi-agency education board established to support the project",
        "- **Special Educational Needs and Disabilities**",
        "  - Delivery of the Special Educational Needs and Disabilities reforms",
        "  - Spend per pupil in line with statistical neighbours",
        "  - A clear view developed of the future needs and demand of special educational needs "
            "and/or disabilities",
        "  - A comprehensive, joint agency strategy for Special Educational Needs and "
            "Disabilities",
        "  - A Capital investment strategy",
        "  - Greater confidence, competence and skills in mainstream settings developed",
        "  - A needs led, focused service, that supports families to care for their children",
        "  - Increased use of direct payments / personalisation",
        "",
        "Progress to date:",
        "",
        "- Programme Board established and overseeing delivery. Reports to One Council Board and "
            "the Children's Social Care and Learning Business Unit Board as appropriate",
        "- Programme team now in post, detailed project plans and milestones in place",
        "- Options for future operating models being developed",
        "- Validation of the level of savings that can be achieved",
    ]),
    # 20 (seed line 252)
    (None, "Yes", "Corporate Parenting", [
        "A review has been undertaken of corporate parenting across the Council in order to "
            "evaluate what is working well and areas that need to be improved and the refreshed "
            "Corporate Parenting Strategy will be published soon. Following this review a set of "
            "recommendations have been proposed for the Corporate Parenting Panel (CPP) to "
            "consider. As part of the corporate parenting review, a virtual team will be set up "
            "to deliver operationally against the plans the CPP have strategic responsibility "
            "for.",
    ]),
    # 21 (seed line 256)
    (None, "Yes", "Primary School Exclusions", [
        "Last academic year (2015/16) Buckinghamshire saw almost a 100% increase in the amount "
            "of permanent school exclusions across both the primary and secondary sectors. This "
            "was most notable in the primary sector where the rise was 400% rising from 6 "
            "permanent exclusions in 2014/15 to 24 in 2015/16. This has been identified as a key "
            "priority within the draft Education Strategy where there will be an increased focus "
            "on outcomes for vulnerable groups. It will also be supported through the activity "
            "supporting the SEND reforms where the introduction of a 'graduated response' to "
            "manage need will aim to build capacity across the school system to better identify "
            "the risk factors contributing to exclusion rates.",
        "",
        "National data is always 1 to 2 years behind and therefore does not include the recent "
            "rise in Buckinghamshire. In the academic year 2014/15 the national data showed that "
            "overall permanent exclusions from all schools have gone up from 0.06% to 0.07%, "
            "however mainstream primary school permanent exclusions have remained the same at "
            "0.02% of the population.",
        "",
        "Buckinghamshire is reported to have had 0.01% of permanent exclusions for the primary "
            "sector, equal to our statistical neighbours (below the national average of 0.02%) "
            "and 0.13% from secondary mainstream (below the national average of 0.15% but above "
            "our statistical neighbours which was 0.07%).",
    ]),
    # 22 (seed line 264)
    (None, "Yes", "Workforce", [
        "### Leadership",
        "",
        "Strong leadership impacts positively on attraction and retention of staff as does a "
            "work culture that reinforces the right values and behaviours to allow workers make "
            "a difference to children and families. Some initiatives that have been put in place "
            "to support a positive work culture include:",
        "",
        "- Reducing social worker case loads",
        "- Courageous conversations/Staff surveys",
        "- Production of an Employee charter",
        "- New starter engagement and induction programme",
        "- Roll out of the new Change for Children vision",
        "- Leadership training (50 middle managers to attend training over the next few months)",
        "",
        "### Recruitment & retention challenges in the Children's workforce",
        "",
        "The recruitment and retention of experienced social workers has been well documented. "
            "Social Worker turnover averaged 18% in December 2016 against a SE average of 14.5%. "
            "Teachers are also hard to recruit – particularly in Maths & Science and for roles "
            "in Schools Leadership. Educational Psychologists are hard roles to fill on a perm "
            "basis. These challenges have encouraged us to be creative in our approaches to "
            "filling roles. We have focused amongst other things, on our employment proposition, "
            "reward arrangements and in developing internal talent pipelines to grow our own "
            "workforce.",
        "",
        "### Attracting staff & development of our careers website",
        "",
        "Since 2015 there has been a continuous drive to recruit qualified social workers. We "
            "have moved from conventional advertising to on line promotion - the development of "
            "an innovative website, use of social media, and improving our 'search "
            "optimisation'. Most people, these days, will start looking for a job using google "
            "search – so BCC needs to invest in being at the top of the search results. An "
            "'always on' approach to recruitment allows us to continuously advertise and promote "
            "opportunities in Buckinghamshire.",
        "",
        "### Robust Assessment & Selection",
        "",
        "Robust recruitment methods are always important but even more so in the children's "
            "workforce where standards need to be as safe as they possibly can. In the last year "
            "we have ensured that all frontline staff in regulated activity has had 3 year DBS "
            "rechecks.",
        "",
        "Safer recruitment training and training to improve recruitment and retention has been "
            "delivered to Governors and Headteachers in evening and weekend workshops. "
            "Children's Social Care have also developed an exciting new digital methodology for "
            "recruiting social workers in collaboration with the University of Kent. This on "
            "line, interactive exercise invites applicants to step inside the shoes of a front "
            "line social worker on a visit to a fictional, but realistic, research-based at risk "
            "family - allowing them to demonstrate their skills, knowledge and understanding in "
            "a very tangible and practical way. Candidates also undertake a structured interview "
            "based on critical areas of competence from the social worker Professional "
            "Capabilities Framework. This process is now in place for all front line social "
            "worker recruitment and as a development tool for internal staff already in role.",
        "",
        "### Contingent Workforce",
        "",
        "There will always be a need to engage a certain proportion of contingency workers and "
            "for specialist skills to be called for at short notice. We have taken a number of "
            "measures to reduce our reliance on agency workers and better manage workforce "
            "stability with permanent recruitment strategies and make associated savings on "
            "agency spend. Annualised estimates for social worker agency costs were reduced from "
            "£3.9m in January 2016 to £2.9 m in December 2016 and agency workers as a percentage "
            "of the workforce reduced from 25% to 20% in the same period.",
        "",
        "### Employee engagement",
        "",
        "Colleagues who have a positive experience of working for BCC will want to stay with and "
            "develop their careers with the Council. They are also more likely to engage with "
            "the Council's strategies, general productivity and performance outcomes. BCC has an "
            "engagement score well above the national average – at 58% compared to 33% (Engage "
            "for Success data 2013). There is variation at local level and improving employee "
            "engagement is a key action in CSC&L as part of efforts to reduce turnover.",
        "",
        "We measure employee engagement through our Viewpoint survey. Following the last survey "
            "in May 2016 a number of key actions were developed to improve engagement. "
            "Questionnaires and focus groups allow us to gather data on staff engagement – "
            "including the views of new starters as well as people leaving the Council.",
        "",
        "### New Starters",
        "",
        "New starters are given access to their own new starter portal via email on acceptance "
            "of an offer of employment. This features a short interactive e-learning module "
            "introducing new starters to BCC; Welcome to Bucks film; the Employee Handbook, plus "
            "a range of useful resources and tips.",
        "",
        "### Newly Qualified Social Workers (NQSW) recruitment",
        "",
        "The majority of our permanent recruits into social worker positions are newly qualified "
            "workers. We find this group far easier to attract and the quality is good. Between "
            "April – December 2016 we recruited 45 Social Workers, 26 of whom were newly "
            "qualified. Since January 2016 we have also converted 16 temporary social workers to "
            "permanent employment.",
        "",
        "### Growing our own talent & developing internal pipelines to fill vacancies",
        "",
        "A number of social worker training programmes have been run in Bucks. The preferred "
            "programmes that seem to work best for us are Open University and the Step Up "
            "programme. Open University is especially liked because it focusses on developing "
            "our own junior workers who already understand what it is like to work with children "
            "and families.",
        "",
        "### Career Progression Arrangements",
        "",
        "A dedicated career pathway for Social Workers and social care workers was developed for "
            "Bucks in 2013 and sets out what is expected of staff when they start practising for "
            "the first time, and as they progress through their career. It has allowed staff to "
            "progress more readily through the grade structure as they become qualified and "
            "means we are not holding people back who are ready to take on additional "
            "responsibility. The Professional Capabilities Framework (PCF) developed by the "
            "College of Social Work acts as a framework for informing the career progression for "
            "individual staff. This works in conjunction with supervision and appraisal "
            "(Delivering Successful Performance).",
        "",
        "### Social Work Academy",
        "",
        "The Social Work Academy is a formal partnership between Bucks New University and "
            "Buckinghamshire County Council that aims to improve and support learning "
            "opportunities for experienced social workers and managers, embed the learning "
            "culture, encourage our social workers to continue to link theory with practice and "
            "build on the well-established ASYE programme for newly qualified social workers. "
            "Each year the academy provides a series of masterclasses for social workers, "
            "managers, BNU students and partners where appropriate. Pop up sessions on hot "
            "topics is a key feature and 200 staff will have access to social work research and "
            "journals via the university's online learning portal.",
        "",
        "### Reward & Recognition Arrangements",
        "",
        "Market data has allowed us to demonstrate that in some cases, special reward "
            "arrangements are necessary for us to attract and retain the best quality of people "
            "into the Children's workforce. New allowances have been signed off by SABPAC for "
            "Social Workers and Educational Psychologists in 2016. These will be reviewed "
            "annually.",
        "",
        "### Restructuring and Organisation Design",
        "",
        "Children's Social Care have recently reviewed their front line service structures and "
            "scaled things up to create slightly bigger, more resilient teams that allow more "
            "opportunity to train and support newly qualified staff and retain greater control "
            "over case- loads.",
        "",
        "The new Change for Children programme will shift the way services are delivered and "
            "present further opportunities for reviewing structures and roles across the whole "
            "service. This will include reviewing the number of management layers for decision "
            "making/accountability (DMA).",
    ]),
    # 23 (seed line 331)
    (None, "Yes", "Key Performance Summary", [
        "This section provides an overview of some of the current performance of the business "
            "unit.",
        "",
        "### Children's Social Care",
        "",
        "- Performance in relation to assessments is consistently high. 96% of assessments are "
            "completed within 45 days which is well above our Statistical Neighbours (86%), the "
            "South East (77%) and England (83%). 98% of children have also been seen during "
            "assessment. Data will continue to be used to improve practice and raise awareness "
            "with Social Workers in order to maintain performance in this area, avoiding delay "
            "and improving outcomes for children.",
        "- During 2016, a permanent Independent Reviewing Officer team and manager were "
            "established which has had a positive impact on the service's ability to increase "
            "consistency in both standards and timeliness of looked after children reviews. "
            "Latest performance reflects these improvements with 100% of reviews being completed "
            "on time. On average there has been a 10% improvement in performance across 2016/17 "
            "compared to 2015/16.",
        "- Repeat referrals are an area of concern and have been above the target of 25% since "
            "April 2016. Around 10% more repeats referrals are recorded in Bucks than our "
            "Statistical Neighbours (20%), the South East (24%) and England (22%). This includes "
            "a rise in the number of referrals linked to domestic abuse and addiction. A recent "
            "audit has taken place and identified the need for improvements to the recording "
            "system and staff training in relation to these issues. Further analysis is also "
            "currently being undertaken to better understand the problem.",
        "- The % of referrals received actioned within 3 days is slightly below target (100%) "
            "however performance is improving and currently stands at 92%. Positive improvement "
            "is due to a reduction in MASH enquiries and a full complement of managers being "
            "present during December 2016 enabling them to progress work in a timely manner.",
        "- 79% of children in need have been seen within 6 weeks and 96% of children subject to "
            "a child protection plan have been seen in 4 weeks. Pressures on the service in Q3 "
            "due to staff leaving, difficulties in recruiting and the CIN service restructure "
            "are thought to have impacted on performance in this area.",
        "- Performance for the timeliness of children in need reviews (76%) is currently below "
            "target (85%) however is expected to improve in the coming months following LCS "
            "improvements and the restructure of the CIN Service.",
        "- 77% of Initial Child Protection Conferences are held within 15 working days of the "
            "strategy discussion. Although below the target of 100%, there has been a notable "
            "improvement in the timeliness of ICPCs since March 2016 and therefore we are now in "
            "line with the national average (77%), performing above the South East (72%) and are "
            "in line with our Statistical Neighbours (82%). There has been a slight reduction in "
            "% child protection plans reviewed within timescales (91%) however on average during "
            "2016/17 96% are held on time against a target of 95%. These areas will continue to "
            "be monitored closely to ensure the timely booking of meetings.",
        "- The % of children placed within 20 miles from their home address (39%) is "
            "significantly below our Statistical Neighbours (62%), the South East (63%) and "
            "England (74%). A recent reduction in the performance of this KPI and an improvement "
            "in the % of children placed in county are likely to be due to a greater utilisation "
            "of in-house provision and targeted use of IFA (Independent Fostering Agency) "
            "placements in the area. Plans to create a strategic partnership with local IFAs to "
            "utilise their Bucks carers more effectively will positively impact on the "
            "performance in this area. One of the key change work streams for the business unit "
            "is to improve our sufficiency of placements.",
        "- The average time (in days) between placement order and matching a child to an "
            "adoptive family is currently 226 days in comparison to the recommended national "
            "target of 122 days. A steady reduction in the number of days throughout 2016/17 "
            "puts us in line with England average (223 days) and the South East (219 days) but "
            "we remain above our Statistical Neighbours (172.8 days). A small number of children "
            "with complex cases and delays have impacted significantly on adoption performance.",
        "- Since the local authority was rated 'Inadequate' in 2014, extensive activity linked "
            "to the Ofsted Improvement Programme has driven improvement across Children's "
            "Services in regards to compliance with statutory requirements and practice "
            "standards. During 2017, we have also embarked on a 5 year plan 'Change for "
            "Children' to ensure Children's Social Care and Learning is financially stable and "
            "future proofed whilst continuing to support the most vulnerable children throughout "
            "Buckinghamshire. These programmes are also key to maintaining areas of positive "
            "performance and improving areas of poorer performance, as outlined above, in order "
            "to provide the best service to children and families.",
        "",
        "### Education",
        "",
        "- 93% of state-funded schools in Buckinghamshire have been judged as good or "
            "outstanding by Ofsted, compared to a national average of 90%. Overall school "
            "performance is at least in line with or above national averages for most key "
            "measures. Exceptions are the percentage of pupils reaching the expected standard in "
            "mathematics by the end of KS1 (1% below national) and the KS2 progress measure for "
            "writing (significantly below national averages).",
        "- Results for some groups of pupils are lower than local or national averages. This is "
            "particularly the case for disadvantaged children. The difference between results "
            "for Buckinghamshire disadvantaged pupils and results for national non-disadvantaged "
            "pupils was 16% for pupils achieving the expected standard in the Yr1 Phonics Check, "
            "23% for pupils achieving the expected standard by the end of KS2 and 18.4 for the "
            "Attainment 8 measure at KS4. Assessments and accountability measures for KS2 and "
            "KS4 were new for 2016 so can't be compared to results from previous years, however "
            "improvements have been seen for the Year 1 Phonics Check results (2% improvement "
            "since 2015).",
    ]),
    # 24 (seed line 357)
    (None, "Yes", "Business Intelligence & Insight", [
        "This section highlights a number of projects currently being undertaken to provide in "
            "depth research and analysis which is then being used to inform service redesign and "
            "improvements.",
        "",
        "- **Early Help Needs Assessment**",
        "  - Analysis completed to understand and map need across Buckinghamshire",
        "  - Established where services will have most impact and informed proposal for Early "
            "Help hubs",
        "",
        "This needs assessment was undertaken to support the remodelling of Early Help across "
            "the council. The objective was to highlight the key needs of communities in "
            "Buckinghamshire to identify what and where the greatest need for supportive "
            "services are as well as establishing how current services are reaching the "
            "population. The assessment will be used to determine where hubs will be located and "
            "how we will reach different communities in Buckinghamshire.",
        "",
        "Further analysis is currently underway to support the project team with their proposal "
            "on specific locations for the Early Help hubs.",
        "",
        "- **Tipping points project**",
        "  - Exploratory analysis of children's records including demographic, episodic and "
            "detailed case-note information",
        "  - Developed understanding of trigger points and route causes for children coming into "
            "care in Buckinghamshire",
        "",
        "This project used data from LCS to explore reasons for why children and young people in "
            "Buckinghamshire become children who are looked after by the Local Authority. "
            "Following extraction of demographic and episodic data, in addition to a deep-dive "
            "into the rich information held in case notes, BI&I completed complex exploratory "
            "analysis of 140 children. The insight generated from this analysis enabled us to "
            "understand the journeys of children coming into care, the underlying drivers "
            "influencing this activity and the trigger points.",
        "",
        "In addition to furthering our understanding of this area, the resultant analysis has "
            "informed strategies and practice changes in Buckinghamshire, and highlighted areas "
            "for future research.",
        "",
        "- **Journeys through child protection**",
        "  - Range of analyses completed using latest dashboarding tools and innovative "
            "visualisation techniques",
        "  - Provided much deeper insight into Child Protection process and has informed "
            "development of the Children's 5 year plan",
        "",
        "The analysis completed for this project aimed to map out the journeys for children in "
            "Buckinghamshire through the Child Protection process from initial enquiry through "
            "to the termination of plans. There were already a number of indicators reported in "
            "the performance scorecard that provided oversight of the Child Protection process, "
            "but these did not provide the level of insight needed to fully understand practices "
            "and thresholds, or to identify improvements. Using interactive dashboarding tools, "
            "BI&I conducted a series of analyses that provided a level of information previously "
            "inaccessible to colleagues across CSCL.",
        "",
        "This insight has been used to support practice changes and training strategies, to "
            "inform the Children's 5 year plan and to inform how we work with key partners.",
        "",
        "- **Ethnographic research for families first**",
        "  - Exploratory analysis conducted utilising a wide range of analytical, quantitative "
            "and qualitative techniques",
        "  - Information used to remodel the Families First service",
        "",
        "To support the development of the Families First programme, BI&I undertook a series of "
            "exploratory analyses. These analyses were conducted using an ethnographic approach, "
            "encompassing data analysis, organisational research and focused workshops, which "
            "enabled us to develop a comprehensive understanding of the challenges faced "
            "families with complex needs in Buckinghamshire. This research included engaging "
            "with staff and families to understand their perspectives, concerns and "
            "recommendations for the future.",
        "",
        "Following this research, BI&I were able to inform senior managers and key stakeholders "
            "to support the co-design of a new model for Families First.",
        "",
        "- **SEND projections**",
        "  - Business Intelligence & Insight requested to develop model to understand current "
            "and future demand for SEND along with influencing factors",
        "  - Complex model developed allowing for scenario testing and simulation of impacts, to "
            "be presented to project board on 11th April",
        "",
        "To support the development and delivery of the 5 year plan, BI&I were asked to develop "
            "a complex model that would enable understanding of how demand and costs for "
            "services is likely to change over next 5 years based on past trends, service use "
            "and population growth. The model would need to be able to factor-in different "
            "scenarios, so that long-term impact of service changes on activity and cost could "
            "be understood to provide an evidence base for these changes. Resource was drawn "
            "from across all BI&I teams to support the development of this tool, and an external "
            "data science company was also engaged to provide consultancy and expert opinion.",
        "",
        "Following a short development period, we have successfully developed a framework using "
            "a Markov Cohort Model which enables us to simulate the 5 and 10 year impact of "
            "changes to key aspects of this service. This will be presented to the project group "
            "on 11th April.",
        "",
        "In addition, the model framework developed can be adapted for use across other areas as "
            "required.",
        "",
        "- **Attainment Gap project**",
        "  - Analysis in progress to facilitate better understanding of factors impacting on "
            "attainment gap in Buckinghamshire",
        "  - Resultant report will provide insight into how we can maximise use of resources to "
            "improve attainment for disadvantaged children",
        "",
        "There is a large gap in attainment between disadvantaged and non-disadvantaged children "
            "in Buckinghamshire. This issue has existed for a number of years and despite "
            "improvements recently following targeted work, this is not progressing as quickly "
            "as necessary to ensure that all children reach their full potential. To investigate "
            "this further, and to establish why there continues to be an attainment gap in "
            "Buckinghamshire, BI&I are undertaking detailed analysis of available information. "
            "This exploratory work aims to establish outcomes for disadvantaged children across "
            "Buckinghamshire and determine how these vary depending on school size and location, "
            "identify and evaluate combinations of factors that may be impacting on educational "
            "attainment and uses a cohort analysis approach to identify particular areas with a "
            "high proportion of disadvantaged children.",
        "",
        "The analysis for this project is largely complete and the draft report is being written "
            "which will ascertain how we make best use of the resources available.",
        "",
        "- **CLA short/ long term projections**",
        "  - Work being scoped to determine estimates of future demand and associated costs",
        "  - Analysis is expected to identify opportunities for improving outcomes",
        "",
        "This project is still in the scoping phase but it aims to help the service understand "
            "what the projected number and cost of looked after children may be in the future if "
            "no action is taken. It also aims to support decision in how to do things "
            "differently in order to improve outcomes for children as well as reducing the "
            "number of cost of children coming into care.",
    ]),
    # E, the conclusion (seed line 427)
    ("E. Conclusion", "No", None, [
        "This report is intended to provide a six monthly update on the full range of policy "
            "development and service transformation activity taking place within children's "
            "services in Buckinghamshire in response to national and local drivers. A separate "
            "report will be presented to Cabinet on the improvement journey for children's "
            "social care.",
    ]),
]

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
        # The rest from seed 004's cover and closing sections, as printed. Left blank for the
        # tool to compute: "Date can be implemented" (printed Tuesday 13 June 2017) and "Views
        # deadline" (printed 5.00pm on Friday 2 June 2017); "Background papers" is blank because
        # the seed's bracketed text there is the template's guidance, not content. The template
        # notes "[Guidance can be found ... Please contact Member Services.]" and "[Please number
        # paragraphs from here]" are left out. Confidential is "No": the seed prints only the
        # template's question ("Is the report confidential?"), and the report is published.
        "report": [
            ("Title", "Children's Services Update"),
            ("Committee", "Cabinet"),
            ("Meeting date", date(2017, 6, 5)),
            ("Portfolio holder", "Cllr. Lin Hazell"),
            ("Author", "Cabinet Member for Children's Services and Cabinet Member for Education"),
            ("Date can be implemented", None),
            ("Contact officer", "[Name and telephone number of officer directly involved]"),
            ("Local members affected", "(All Electoral Divisions);"),
            ("Portfolio areas affected", "[Portfolio areas]"),
            ("Confidential", "No"),
            ("Summary",
             "This report was written in March 2017 but was delayed to being presented to Cabinet "
             "due to the local elections."
             "\n\n"
             "The purpose of this report is to provide an update to Cabinet on the national, "
             "regional and local developments in relation to Children's Services (the Children's "
             "Social Care and Learning Business Unit). In addition, this report includes an "
             "overview of the inspection regimes which cover the business unit. A separate paper "
             "providing an update on the Children's Improvement Programme was presented to "
             "Cabinet in April 2017."),
            ("Recommendation",
             "Cabinet note the national, regional and local developments in relation to "
             "Children's Services."),
            ("Background papers", None),
            ("Views deadline", None),
            ("Press office phone", "01296 382444"),
            ("Member Services phone", "01296 382343"),
            ("Member Services email", "democracy@buckscc.gov.uk"),
        ],
        "measures": SEED_001,
        "narrative": SEED_004_NARRATIVE,
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

    if "narrative" in report_set:  # after Commentary, so the existing sheets keep their files
        ws = wb.create_sheet("Narrative")
        header(ws, NARRATIVE_HEADER)
        for row, (section, numbered, heading, lines) in enumerate(report_set["narrative"],
                                                                  start=2):
            text = "\n".join(lines)
            assert len(text) <= 32_767, (row, len(text))  # Excel's limit for one cell
            put(ws, row, 1, section)
            put(ws, row, 2, numbered)
            put(ws, row, 3, heading)
            put(ws, row, 4, text)
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
