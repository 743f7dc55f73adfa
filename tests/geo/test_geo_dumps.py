"""Reading GeoNames dumps: every table recognised, every bad file a clear one-line error."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conflictlens.errors import InputError, UsageError
from conflictlens.geo.dumps import GeonameRow, detect, read_rows


def test_dumps_detect_each_table(geonames_dir: Path) -> None:
    kinds = {p.name: detect(p).kind for p in sorted(geonames_dir.iterdir())}
    assert kinds == {
        "SY.txt": "geoname",
        "SY.zip": "geoname",
        "admin1CodesASCII.txt": "admin1",
        "admin2Codes.txt": "admin2",
    }
    assert detect(geonames_dir / "SY.zip").member == "SY.txt"  # not readme.txt


def test_dumps_rows_are_typed(geonames_dir: Path) -> None:
    rows = list(read_rows(detect(geonames_dir / "SY.zip")))
    first = rows[0]
    assert isinstance(first, GeonameRow)
    assert first.name == "Kafr Zayta" and first.population == 8000
    assert first.alternatenames == ("Kafr Zeita", "Kfar Zeita")
    assert (first.feature_class, first.feature_code, first.admin2_code) == ("P", "PPL", "9000101")


def test_dumps_truncated_file_names_the_line(geonames_dir: Path, tmp_path: Path) -> None:
    text = (geonames_dir / "SY.txt").read_text(encoding="utf-8")
    cut = tmp_path / "SY.txt"
    cut.write_text(text[: len(text) - 60], encoding="utf-8")  # the last row loses columns
    with pytest.raises(InputError, match=r"SY\.txt:4: expected 19 columns"):
        list(read_rows(detect(cut)))


def test_dumps_corrupt_zip_is_an_input_error(geonames_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / "SY.zip"
    broken.write_bytes((geonames_dir / "SY.zip").read_bytes()[:100])
    with pytest.raises(InputError, match="corrupt or truncated zip"):
        detect(broken)


def test_dumps_wrong_file_is_a_usage_error(tmp_path: Path) -> None:
    wrong = tmp_path / "events.csv"
    wrong.write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not a GeoNames dump file"):
        detect(wrong)
    with pytest.raises(UsageError, match="no such file"):
        detect(tmp_path / "missing.zip")


def test_dumps_empty_zip_says_so(tmp_path: Path) -> None:
    empty = tmp_path / "XX.zip"
    with zipfile.ZipFile(empty, "w"):
        pass
    with pytest.raises(InputError, match=r"holds no \.txt"):
        detect(empty)
