"""The issue's "Bad input" list: one stderr line naming the input and the reason, the
contract's exit code (2 usage, 1 data), no traceback, and nothing already stored is lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import assert_one_line_error, dump_store, stored

pytestmark = pytest.mark.slow  # runs whole commands (most load the spaCy model)


def _empty(tmp: Path) -> Path:
    path = tmp / "empty.txt"
    path.write_bytes(b"")
    return path


def _binary(tmp: Path) -> Path:
    path = tmp / "junk.txt"
    path.write_bytes(bytes(range(256)) * 16 + b"\x00\x01\x02PK\x03\x04")
    return path


def _unknown_encoding(tmp: Path) -> Path:
    # A UTF-16 byte-order mark followed by an unpaired surrogate: no encoding makes text of it.
    path = tmp / "mystery.txt"
    path.write_bytes(b"\xff\xfe\x00\xd8\x81\x9d\x8f\x90\x81\x8d\x9d")
    return path


def _fifty_megabytes(tmp: Path) -> Path:
    path = tmp / "huge.txt"
    with path.open("wb") as handle:
        handle.write(b"Gunmen killed five civilians in Idlib province on Monday.\n")
        handle.truncate(50 * 1024 * 1024)  # sparse: costs no disk, reads as 50 MB
    return path


BAD_FILES = {
    "empty file": (_empty, "empty"),
    "binary junk": (_binary, "binary"),
    "unknown encoding": (_unknown_encoding, "encoding"),
    "50 MB page": (_fifty_megabytes, "too large"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_cli_analyze_bad_file_gives_one_line_and_exit_1(cli, tmp_path, case):
    make, reason = BAD_FILES[case]
    path = make(tmp_path)
    result = cli("analyze", path, "--no-store")
    assert result.code == 1
    assert result.out == ""
    assert_one_line_error(result, path.name, reason)


def test_cli_analyze_50mb_error_names_size_and_limit(cli, tmp_path):
    path = _fifty_megabytes(tmp_path)
    result = cli("analyze", path, "--no-store")
    assert "50 MB" in result.err and "20 MB limit" in result.err


def test_cli_analyze_50mb_html_page_is_refused_in_one_line_before_parsing(cli, tmp_path):
    # One page is one document: a 50 MB page is refused on its size, before trafilatura spends
    # most of a minute on it.
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.write(b"<html><body><p>Gunmen killed five civilians in Idlib.</p>")
        handle.truncate(50 * 1024 * 1024)
    result = cli("analyze", path, "--no-store")
    assert result.code == 1
    assert result.out == ""
    assert_one_line_error(result, "huge.html", "too large")


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_cli_analyze_bad_file_prints_no_traceback_in_a_real_process(cli_proc, tmp_path, case):
    make, reason = BAD_FILES[case]
    path = make(tmp_path)
    result = cli_proc("analyze", path, "--no-store")
    assert result.code == 1
    assert_one_line_error(result, path.name, reason)


def test_cli_analyze_truncated_jsonl_keeps_the_good_lines(cli, tmp_path, db, fixtures):
    lines = (fixtures / "three_documents.jsonl").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "cut.jsonl"
    path.write_text(lines[0] + "\n" + lines[1] + "\n" + lines[2][:60], encoding="utf-8")
    result = cli("analyze", path, "--db", db)
    assert result.code == 1
    assert [doc["doc_id"] for doc in result.lines()] == ["idlib-1", "aleppo-1"]
    assert_one_line_error(result, "cut.jsonl:3", "truncated")
    assert set(stored(db)) == {"idlib-1", "aleppo-1"}


def test_cli_analyze_malformed_html_still_gives_its_text(cli, fixtures):
    result = cli("analyze", fixtures / "malformed.html", "--no-store", "--include-text")
    assert result.code == 0, result.err
    (document,) = result.lines()
    assert document["title"] == "Clashes in Daraa"
    assert "clashed with rebels in the city of Daraa" in document["text"]
    assert "<p>" not in document["text"] and "<b>" not in document["text"]
    assert document["events"], "the clash in the readable part of the page is still found"


def test_cli_analyze_non_english_is_reported_not_guessed(cli, fixtures, db):
    result = cli("analyze", fixtures / "french_article.txt", "--db", db)
    assert result.code == 1
    assert_one_line_error(result, "french_article.txt", "language 'fr'")
    (document,) = result.lines()
    assert document["language"] == "fr"
    assert document["events"] == [] and document["actors"] == []


def test_cli_analyze_arabic_text_is_reported(cli, tmp_path):
    path = tmp_path / "arabic.txt"
    path.write_text(
        "قال المرصد السوري لحقوق الإنسان إن مسلحين قتلوا خمسة مدنيين في قرية بريف إدلب يوم "
        "الاثنين، وإن المهاجمين وصلوا على دراجات نارية قبل الفجر وأطلقوا النار على منزل. "
        "ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، ووعدت السلطات المحلية بفتح تحقيق.",
        encoding="utf-8",
    )
    result = cli("analyze", path, "--no-store")
    assert result.code == 1
    assert_one_line_error(result, "arabic.txt", "language 'ar'")
    assert result.lines()[0]["events"] == []


def test_cli_analyze_missing_path_is_a_usage_error(cli, tmp_path, fixtures):
    missing = tmp_path / "no-such-article.txt"
    result = cli("analyze", fixtures / "idlib_attack.txt", missing, "--no-store")
    assert result.code == 2
    assert result.out == "", "a usage error stops the run before any work"
    assert_one_line_error(result, "no-such-article.txt", "no such file")


@pytest.mark.parametrize("value", ["2024-13-45", "yesterday", "12/03/2024"])
def test_cli_analyze_bad_published_is_a_usage_error(cli, fixtures, value):
    result = cli("analyze", fixtures / "idlib_attack.txt", "--published", value, "--no-store")
    assert result.code == 2
    assert result.out == ""
    assert_one_line_error(result, "--published", value)


def test_cli_analyze_unknown_format_is_a_usage_error(cli, fixtures):
    result = cli("analyze", fixtures / "idlib_attack.txt", "--format", "xml", "--no-store")
    assert result.code == 2
    assert_one_line_error(result, "--format", "'xml'")
    assert "acled-csv" in result.err, "the message lists the formats there are"


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        ((), "missing argument"),
        (("--frobnicate",), "no such option"),
        (("--n-process", "0"), "--n-process"),
    ],
)
def test_cli_analyze_typer_usage_errors_are_one_line_exit_2(cli_proc, fixtures, args, reason):
    inputs = () if not args else (fixtures / "idlib_attack.txt",)
    result = cli_proc("analyze", *inputs, *args, "--no-store")
    assert result.code == 2
    assert_one_line_error(result, "conflictlens analyze", reason)


def test_cli_unknown_command_is_one_line_exit_2(cli_proc):
    result = cli_proc("analyse-everything")
    assert result.code == 2
    assert_one_line_error(result, "conflictlens", "no such command")


@pytest.mark.parametrize("case", ["empty file", "binary junk", "50 MB page", "missing", "date"])
def test_cli_analyze_bad_input_loses_nothing_stored(cli, tmp_path, db, fixtures, case):
    good = cli("analyze", fixtures / "idlib_attack.txt", "--published", "2024-03-12", "--db", db)
    assert good.code == 0, good.err
    before = dump_store(db)
    assert stored(db)["idlib_attack"], "the good article's events are stored"

    if case == "missing":
        bad = cli("analyze", tmp_path / "gone.txt", "--db", db)
    elif case == "date":
        bad = cli("analyze", fixtures / "aleppo_airstrike.txt", "--published", "soon", "--db", db)
    else:
        bad = cli("analyze", BAD_FILES[case][0](tmp_path), "--db", db)
    assert bad.code in (1, 2)
    assert dump_store(db) == before


def test_cli_analyze_mixed_run_stores_both_good_inputs_and_exits_1(cli, tmp_path, db, fixtures):
    junk = _binary(tmp_path)
    result = cli(
        "analyze",
        fixtures / "idlib_attack.txt",
        junk,
        fixtures / "aleppo_airstrike.txt",
        "--published",
        "2024-03-12",
        "--db",
        db,
    )
    assert result.code == 1
    assert [doc["doc_id"] for doc in result.lines()] == ["idlib_attack", "aleppo_airstrike"]
    assert_one_line_error(result, "junk.txt", "binary")
    found = stored(db)
    assert set(found) == {"idlib_attack", "aleppo_airstrike"}
    assert all(found.values()), "each good article keeps its events"


def test_cli_analyze_bad_db_url_is_one_line(cli, fixtures):
    result = cli("analyze", fixtures / "idlib_attack.txt", "--db", "nosuchdb://here")
    assert result.code in (1, 2)
    assert result.out == ""
    assert_one_line_error(result, "nosuchdb://here", "database")
