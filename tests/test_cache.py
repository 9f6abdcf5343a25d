"""Unchanged rebuilds only verify: same inputs, templates, code and intact outputs."""

import json
import shutil

import pytest

from reportgen.cli import main
from tests.conftest import SAMPLES


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES / "childrens-services-2018-q2", tmp_path / "inputs" / "set")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_an_unchanged_rebuild_only_verifies(project, capsys):
    assert main(["build"]) == 0
    manifest = json.loads((project / "build" / "set" / "manifest.json").read_text())
    assert set(manifest["cache"]["outputs"]) >= {"measures.csv"}
    before = {p.name: p.stat().st_mtime_ns for p in (project / "build" / "set").iterdir()}
    capsys.readouterr()
    assert main(["build"]) == 0
    assert "set: unchanged since the last build" in capsys.readouterr().out
    after = {p.name: p.stat().st_mtime_ns for p in (project / "build" / "set").iterdir()}
    assert after == before


def test_a_changed_input_or_damaged_output_or_force_builds_again(project, capsys):
    assert main(["build"]) == 0
    pdf = next((project / "build" / "set").glob("*.pdf"))
    pdf.write_bytes(b"damaged")
    capsys.readouterr()
    assert main(["build"]) == 0
    assert "built" in capsys.readouterr().out and pdf.read_bytes().startswith(b"%PDF")
    assert main(["build", "--force"]) == 0
    assert "built" in capsys.readouterr().out
    commentary = project / "inputs" / "set" / "commentary.xlsx"
    commentary.write_bytes(commentary.read_bytes() + b"")  # same bytes: still unchanged
    assert main(["build"]) == 0
    assert "unchanged" in capsys.readouterr().out
    (project / "inputs" / "set" / "schemes.toml").write_text("[schemes.x]\nrule = \"none\"\n")
    assert main(["build"]) == 0
    assert "built" in capsys.readouterr().out
