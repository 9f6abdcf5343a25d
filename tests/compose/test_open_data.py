"""measures.csv is open data that describes itself: beside it, measures.csv-metadata.json (CSV
on the Web) gives every column's title, datatype and meaning, and the licence."""

from __future__ import annotations

import json
from decimal import Decimal

import csvw
import pytest

from reportgen.compose.manifest import MEASURE_COLUMNS
from reportgen.pipeline import build_set
from tests.conftest import build_samples, measure, write_set

SETS = ("childrens-services-2017-q2", "cabinet-2017-06")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_samples(tmp_path_factory.mktemp("open-data"), SETS)


def as_json(value):
    """A value read through the metadata, as the manifest writes it."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@pytest.mark.parametrize("name", SETS)
def test_measures_csv_reads_back_through_its_metadata_as_the_manifest_says(built, name):
    folder = built / name
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    table = csvw.Table.from_file(folder / "measures.csv-metadata.json")
    rows = list(table.iterdicts(strict=True))
    assert [c.name for c in table.tableSchema.columns] == [c for c, _, _ in MEASURE_COLUMNS]
    assert len(rows) == len(manifest["measures"]) == manifest["counts"]["measures_in"]
    for read, written in zip(rows, manifest["measures"]):
        assert list(read) == list(written)  # every manifest field is a described column
        assert {k: as_json(v) for k, v in read.items()} == written


def test_benchmarks_units_and_tolerance_targets_are_in_the_open_data(built):
    rows = {row["id"]: row for row in csvw.Table.from_file(
        built / "childrens-services-2017-q2" / "measures.csv-metadata.json").iterdicts()}
    # seed 000, table row 3: target 100% with an 18% tolerance; 82%, 72%, 77% published
    assert {k: rows["CSC03"][k] for k in ("unit", "target", "tolerance", "tolerance_target",
                                          "stat_neighbours", "region", "region_name",
                                          "england")} == {
        "unit": "%", "target": 100, "tolerance": 18, "tolerance_target": 82,
        "stat_neighbours": 82, "region": 72, "region_name": "South East", "england": 77}
    assert rows["CSC01"]["stat_neighbours"] is None and rows["CSC01"]["region_name"] is None


def test_every_column_is_described_and_the_licence_is_named(built):
    metadata = json.loads((built / "cabinet-2017-06" / "measures.csv-metadata.json").read_text(
        encoding="utf-8"))
    assert metadata["url"] == "measures.csv"
    assert metadata["dc:license"] == {
        "@id": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}
    columns = metadata["tableSchema"]["columns"]
    assert all(c["titles"] and c["datatype"] and len(c["dc:description"]) > 15 for c in columns)


@pytest.mark.parametrize(("typed", "said"), [
    ("https://creativecommons.org/licenses/by/4.0/",
     {"@id": "https://creativecommons.org/licenses/by/4.0/"}),
    ("For internal use only", "For internal use only"),
    ("open government licence V3.0",
     {"@id": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}),
])
def test_the_licence_setting_is_what_the_metadata_says(tmp_path, typed, said):
    folder = write_set(tmp_path / "set", [measure("M1", target=90)], {"M1": [91, 92]},
                       settings={"Licence": typed})
    assert build_set(folder, tmp_path / "out").ok
    metadata = json.loads((tmp_path / "out" / "set" / "measures.csv-metadata.json").read_text(
        encoding="utf-8"))
    assert metadata["dc:license"] == said
