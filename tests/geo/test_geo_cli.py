"""``conflictlens geoparse`` (CONTRACT shape) and ``conflictlens gazetteer import-geonames``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictlens.cli import main


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        main([str(a) for a in args])
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    else:
        code = 0
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(autouse=True)
def _no_user_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTLENS_GAZETTEER", str(tmp_path / "none.sqlite"))
    monkeypatch.delenv("CONFLICTLENS_PROGRESS", raising=False)


def test_cli_geoparse_writes_the_contract_shape(capsys, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    texts = {"a": "Shelling hit Idlib and Saraqib in Syria.", "b": "Nothing here."}
    source.write_text(
        "".join(json.dumps({"doc_id": k, "text": v}) + "\n" for k, v in texts.items())
    )
    out = tmp_path / "out.jsonl"
    code, _, err = _run(capsys, "geoparse", source, "--output", out)
    assert code == 0, err
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["doc_id"] for line in lines] == ["a", "b"]
    assert lines[1]["toponyms"] == []
    for toponym in lines[0]["toponyms"]:
        assert texts["a"][toponym["start"] : toponym["end"]] == toponym["name"]
        assert {"start", "end", "name", "lat", "lon", "country", "feature"} <= toponym.keys()
    assert [t["name"] for t in lines[0]["toponyms"]] == ["Idlib", "Saraqib", "Syria"]


def test_cli_geoparse_places_a_district_without_a_point_at_its_province(capsys, tmp_path) -> None:
    from conflictlens.knowledge import Gazetteer

    source = tmp_path / "in.jsonl"
    text = "Gunmen attacked a post in Shighnan District of Badakhshan, Afghanistan."
    source.write_text(json.dumps({"doc_id": "a", "text": text}) + "\n")
    code, out, err = _run(capsys, "geoparse", source)
    assert code == 0, err
    district = next(t for t in json.loads(out)["toponyms"] if t["name"] == "Shighnan District")
    badakhshan = next(p for p in Gazetteer.default().lookup("Badakhshan") if p.kind == "admin1")
    assert (district["lat"], district["lon"]) == (badakhshan.lat, badakhshan.lon)
    assert district["geo_precision"] == 3  # the point stands for the whole province


def test_cli_geoparse_bad_line_is_reported_the_rest_parsed(capsys, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"doc_id": "a", "text": "In Aleppo."}\n{"doc_id": "b", "te\n')
    code, out, err = _run(capsys, "geoparse", source)
    assert code == 1
    assert "in.jsonl:2: malformed JSON" in err
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == ["a"]


def test_cli_geoparse_missing_input_is_a_usage_error(capsys, tmp_path: Path) -> None:
    code, _, err = _run(capsys, "geoparse", tmp_path / "missing.jsonl")
    assert code == 2 and "no such file" in err


def test_cli_import_then_geoparse_finds_the_village(
    capsys, tmp_path: Path, geonames_files: list[Path]
) -> None:
    target = tmp_path / "gaz.sqlite"
    code, _, err = _run(
        capsys, "gazetteer", "import-geonames", *geonames_files, "--gazetteer", target
    )
    assert code == 0, err
    assert "4 geoname rows" in err and target.is_file()
    source = tmp_path / "in.jsonl"
    # Jabal Zawiya is in the dump only (Kafr Zayta is also a packaged town, with its own id)
    text = "Jets struck Jabal Zawiya in Idlib."
    source.write_text(json.dumps({"doc_id": "x", "text": text}) + "\n")
    code, out, err = _run(capsys, "geoparse", source, "--gazetteer", target)
    assert code == 0, err
    (mountains, idlib) = json.loads(out)["toponyms"]
    assert mountains["name"] == "Jabal Zawiya" and mountains["geonameid"] == "9000003"
    assert mountains["admin1"] == "Idleb" and idlib["name"] == "Idlib"  # ACLED's spelling


def test_cli_import_wrong_file_exits_2_and_keeps_nothing(capsys, tmp_path: Path) -> None:
    wrong = tmp_path / "notes.txt"
    wrong.write_text("hello\tworld\n")
    target = tmp_path / "gaz.sqlite"
    code, _, err = _run(capsys, "gazetteer", "import-geonames", wrong, "--gazetteer", target)
    assert code == 2 and "not a GeoNames dump file" in err
    assert not target.exists()


def test_cli_import_progress_bar_on_stderr(
    capsys, tmp_path: Path, geonames_files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CONFLICTLENS_PROGRESS", "1")
    target = tmp_path / "gaz.sqlite"
    code, out, err = _run(
        capsys, "gazetteer", "import-geonames", *geonames_files, "--gazetteer", target
    )
    assert code == 0 and out == ""
    assert "SY.zip" in err and "━" in err
