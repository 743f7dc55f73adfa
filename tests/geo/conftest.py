"""Tiny GeoNames dump files written for the tests (same columns as the official files)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conflictlens.knowledge.gazetteer import Gazetteer

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, cc2,
# admin1, admin2, admin3, admin4, population, elevation, dem, timezone, modified
_ROWS = [
    "9000001\tKafr Zayta\tKafr Zayta\tKafr Zeita,Kfar Zeita\t35.37\t36.60\tP\tPPL\tSY\t\t10"
    "\t9000101\t\t\t8000\t\t300\tAsia/Damascus\t2024-01-01",
    "9000002\tHandarat\tHandarat\tHindarat\t36.27\t37.18\tP\tPPL\tSY\t\t09\t\t\t\t0\t\t400"
    "\tAsia/Damascus\t2024-01-01",
    "9000003\tJabal Zawiya\tJabal Zawiya\tJebel Zawiya,Jabal al-Zawiya\t35.65\t36.50\tT\tMTS\tSY"
    "\t\t12\t\t\t\t0\t\t700\tAsia/Damascus\t2024-01-01",
    "9000004\tQalamun Prison\tQalamun Prison\t\t33.9\t36.5\tS\tPRN\tSY\t\t08\t\t\t\t0\t\t0"
    "\tAsia/Damascus\t2024-01-01",
]
_ADMIN1 = [
    "SY.09\tAleppo\tAleppo\t170062",
    "SY.10\tHama\tHama\t170015",
    "SY.12\tIdlib\tIdlib\t169387",
]
_ADMIN2 = ["SY.10.9000101\tMuhradah District\tMuhradah District\t9000101"]


@pytest.fixture
def geonames_dir(tmp_path: Path) -> Path:
    """SY.txt, SY.zip, admin1CodesASCII.txt and admin2Codes.txt in a folder of their own."""
    folder = tmp_path / "dumps"
    folder.mkdir()
    text = "\n".join(_ROWS) + "\n"
    (folder / "SY.txt").write_text(text, encoding="utf-8")
    with zipfile.ZipFile(folder / "SY.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("SY.txt", text)
        archive.writestr("readme.txt", "GeoNames readme")
    (folder / "admin1CodesASCII.txt").write_text("\n".join(_ADMIN1) + "\n", encoding="utf-8")
    (folder / "admin2Codes.txt").write_text("\n".join(_ADMIN2) + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def geonames_files(geonames_dir: Path) -> list[Path]:
    return [
        geonames_dir / "admin1CodesASCII.txt",
        geonames_dir / "admin2Codes.txt",
        geonames_dir / "SY.zip",
    ]


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    """The default gazetteer (`Gazetteer.default()`, itself loaded once per process)."""
    return Gazetteer.default()
