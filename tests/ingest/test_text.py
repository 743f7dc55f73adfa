from pathlib import Path

from conflictlens.ingest import read_inputs
from conflictlens.ingest.text import guess_title

from .conftest import split


def test_text_file_id_is_stem_and_text_is_kept_exactly(fixtures: Path) -> None:
    path = fixtures / "headline.txt"
    (document,), errors = split(list(read_inputs([str(path)])))
    assert errors == []
    assert document.doc_id == "headline"
    assert document.text == path.read_text(encoding="utf-8")
    assert document.title == "Clashes reported in northern district"
    assert document.origin == str(path)


def test_text_crlf_becomes_lf_without_shifting_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Headline here\r\n\r\nBody one.\r\nBody two.\r\n")
    (document,), _ = split(list(read_inputs([str(path)])))
    assert document.text == "Headline here\n\nBody one.\nBody two.\n"
    assert document.text[document.text.index("Body two") :].startswith("Body two.")


def test_text_title_needs_a_headline_shape() -> None:
    assert guess_title("Short headline\n\nBody text follows.") == "Short headline"
    assert guess_title("Two-line headline\nwith a subtitle\n\nBody.") == (
        "Two-line headline with a subtitle"
    )
    assert guess_title("Army retakes hill town\nThe army said on Monday it had retaken.") == (
        "Army retakes hill town"
    )
    assert guess_title("The army said on Monday it had won.\nIt gave no details.") is None
    assert guess_title("Only one line, no body") is None
    assert guess_title("x" * 250 + "\n\nbody") is None


def test_text_not_utf8_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    sentence = "Les forces de sécurité ont arrêté trois suspects à Alep, a déclaré le ministère."
    path.write_bytes(sentence.encode("cp1252"))
    (document,), errors = split(list(read_inputs([str(path)])))
    assert errors == []
    assert "sécurité" in document.text and "arrêté" in document.text
    assert any("not valid UTF-8" in warning for warning in document.warnings)


def test_text_utf16_with_bom_reads(tmp_path: Path) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes("Headline\n\nTwo soldiers were wounded.".encode("utf-16"))
    (document,), errors = split(list(read_inputs([str(path)])))
    assert errors == [] and document.text.endswith("Two soldiers were wounded.")


def test_text_utf8_bom_is_not_part_of_the_text(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbfGunfire in the night.")
    (document,), _ = split(list(read_inputs([str(path)])))
    assert document.text == "Gunfire in the night."


def test_text_non_english_is_read_normally(tmp_path: Path) -> None:
    path = tmp_path / "ar.txt"
    path.write_text("قتل ثلاثة مدنيين في قصف على بلدة في ريف حلب", encoding="utf-8")
    (document,), errors = split(list(read_inputs([str(path)])))
    assert errors == [] and document.text.startswith("قتل")
