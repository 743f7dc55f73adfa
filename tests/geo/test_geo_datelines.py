"""A dateline opens a wire story with its place in capitals ("MOSUL, Iraq (AP) —"): that word is
the place, not an acronym, while "WHO said" and "The SAA (Syrian army)" stay acronyms."""

from __future__ import annotations

from conflictlens.geo.geoparser import geoparse


def _names(text: str) -> list[tuple[str, str]]:
    return [(t.name, t.place.country if t.place else "") for t in geoparse(text)]


def test_a_dateline_in_capitals_is_a_place() -> None:
    assert _names("MOSUL, Iraq (AP) — Fighting resumed on Monday.")[0] == ("MOSUL", "Iraq")
    assert _names("ATLANTA — A man was shot.") == [("ATLANTA", "United States")]
    assert ("ALEPPO", "Syria") in _names("Army advances\n\nALEPPO (SANA) - Units moved.")


def test_capitals_elsewhere_stay_acronyms() -> None:
    # "NATO" and "SAA" are also names of villages (Nato, Saa) in the gazetteer
    assert _names("Ministers met.\nNATO said the talks were over.") == []
    assert _names("Fighters of the SAA (Syrian army) - advanced.") == []
