"""``import_geonames``: indexed lookup, idempotent re-import, a failed import changes nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from conflictlens.errors import InputError
from conflictlens.geo.database import GeonamesDB, import_geonames
from conflictlens.knowledge.normalize import name_key


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as connection:
        return {
            table: connection.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("places", "names", "admin1", "admin2")
        }


def test_import_then_lookup_with_admin_names(geonames_files: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "gazetteer.sqlite"
    report = import_geonames(geonames_files, target)
    assert [kind for _, kind, _ in report.files] == ["admin1", "admin2", "geoname"]
    db = GeonamesDB(target)
    found = db.lookup([name_key("Kfar Zeita"), name_key("Jebel Zawiya")])
    (village,) = found[name_key("Kfar Zeita")]
    assert village.name == "Kafr Zayta" and village.admin1 == "Hama"
    assert village.admin2 == "Muhradah District" and village.kind == "city"
    (mountain,) = found[name_key("Jebel Zawiya")]
    assert mountain.kind == "mountain" and mountain.admin1 == "Idlib"
    db.close()


def test_import_has_the_indexes_lookups_need(geonames_files: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "gazetteer.sqlite"
    import_geonames(geonames_files, target)
    with sqlite3.connect(target) as connection:
        indexes = {
            row[0]
            for row in connection.execute("select name from sqlite_master where type='index'")
        }
    assert {
        "ix_names_key",
        "ix_places_feature",
        "ix_places_admin",
        "ix_places_population",
    } <= indexes


def test_import_twice_changes_nothing(geonames_files: list[Path], tmp_path: Path) -> None:
    target = tmp_path / "gazetteer.sqlite"
    import_geonames(geonames_files, target)
    first = _counts(target)
    import_geonames(geonames_files, target)
    assert _counts(target) == first


def test_failed_import_leaves_the_gazetteer_usable(
    geonames_files: list[Path], tmp_path: Path
) -> None:
    target = tmp_path / "gazetteer.sqlite"
    import_geonames(geonames_files, target)
    before = _digest(target)
    bad = tmp_path / "ZZ.txt"
    good_row = (geonames_files[-1].parent / "SY.txt").read_text(encoding="utf-8").splitlines()[0]
    bad.write_text(good_row.replace("9000001", "9000009") + "\n9000010\tCut off\n", "utf-8")
    with pytest.raises(InputError, match=r"ZZ\.txt:2"):
        import_geonames([bad], target)
    assert _digest(target) == before, "the existing gazetteer is untouched"
    assert not list(tmp_path.glob(".*.importing")), "no work copy left behind"
    assert GeonamesDB(target).lookup([name_key("Handarat")])


def test_import_real_andorra_and_cities15000(shared_data: Path, tmp_path: Path) -> None:
    folder = shared_data / "geonames"
    target = tmp_path / "gazetteer.sqlite"
    report = import_geonames(
        [folder / "admin1CodesASCII.txt", folder / "AD.txt", folder / "cities15000.zip"], target
    )
    rows = {Path(name).name: n for name, _, n in report.files}
    assert rows == {"admin1CodesASCII.txt": 3865, "AD.txt": 3268, "cities15000.zip": 32847}
    found = GeonamesDB(target).lookup([name_key("Pic de Coma Pedrosa"), name_key("Homs")])
    assert found[name_key("Pic de Coma Pedrosa")][0].admin1 == "La Massana"
    homs = next(r for r in found[name_key("Homs")] if r.country_code == "SY")
    assert homs.geonameid == 169577 and homs.admin1 == "Homs"
