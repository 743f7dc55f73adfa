"""``classify`` and ``hedges``: the contract's TSV with a header, one line per input text,
and a one-line error for a malformed file."""

from __future__ import annotations

import csv
import io

import pytest

from conflictlens.classify.vocabulary import LABELS

pytestmark = pytest.mark.slow  # runs whole commands (most load the spaCy model)


def _tsv(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.mark.parametrize("name", ["classify.tsv", "classify.jsonl"])
def test_cli_classify_writes_id_label_tsv(cli, fixtures, name):
    result = cli("classify", fixtures / name)
    assert result.code == 0, result.err
    rows = _tsv(result.out)
    assert rows[0] == ["id", "label"]
    assert [r[0] for r in rows[1:]] == ["c1", "c2", "c3"][: len(rows) - 1]
    assert len(rows) - 1 == (3 if name.endswith(".tsv") else 2)
    assert all(len(r) == 2 and r[1] for r in rows[1:])


def test_cli_classify_labels_come_from_the_contract_label_set(cli, fixtures):
    rows = _tsv(cli("classify", fixtures / "classify.tsv").out)[1:]
    assert {label for _, label in rows} <= set(LABELS)


@pytest.mark.parametrize("name", ["hedges.tsv", "hedges.jsonl"])
def test_cli_hedges_writes_id_uncertain_cues_tsv(cli, fixtures, name):
    result = cli("hedges", fixtures / name)
    assert result.code == 0, result.err
    rows = _tsv(result.out)
    assert rows[0] == ["id", "uncertain", "cues"]
    by_id = {r[0]: r for r in rows[1:]}
    assert by_id["h1"][1] == "1", "'may have been' is a hedge"
    start, end = (int(x) for x in by_id["h1"][2].split(";")[0].split("-"))
    assert "The attack may have been carried out by rebels."[start:end] == "may"
    assert by_id["h2"][1:] == ["0", ""], "a plain statement is certain"


def test_cli_hedges_output_file(cli, tmp_path, fixtures):
    target = tmp_path / "hedges.tsv"
    result = cli("hedges", fixtures / "hedges.tsv", "--output", target)
    assert result.code == 0 and result.out == ""
    assert target.read_text(encoding="utf-8").startswith("id\tuncertain\tcues\n")


@pytest.mark.parametrize("command", ["classify", "hedges"])
@pytest.mark.parametrize(
    ("name", "where", "reason"),
    [
        ("short_row.tsv", "short_row.tsv:2", "tab-separated fields"),
        ("broken.jsonl", "broken.jsonl:2", "json"),
        ("no_header.tsv", "no_header.tsv", "header"),
        ("latin1.tsv", "latin1.tsv", "utf-8"),
    ],
)
def test_cli_classify_hedges_malformed_file_is_one_line_exit_1(
    cli, tmp_path, fixtures, command, name, where, reason
):
    path = fixtures / name
    if name == "no_header.tsv":
        path = tmp_path / name
        path.write_text("1\tThe army shelled the town.\n", encoding="utf-8")
    elif name == "latin1.tsv":
        path = tmp_path / name
        path.write_bytes("id\ttext\n1\tL'armée a bombardé Idleb.\n".encode("latin-1"))
    result = cli(command, path)
    assert result.code == 1
    lines = result.err_lines()
    assert len(lines) == 1, result.err
    assert where in lines[0] and reason in lines[0].lower(), lines[0]
    assert "internal error" not in lines[0]


@pytest.mark.parametrize("command", ["classify", "hedges"])
def test_cli_classify_hedges_missing_file_is_usage_error(cli, tmp_path, command):
    result = cli(command, tmp_path / "absent.tsv")
    assert result.code == 2
    assert result.err_lines() == [f"conflictlens: {tmp_path / 'absent.tsv'}: no such file"]


def test_cli_classify_linear_detector_gives_the_same_shape(cli, fixtures):
    result = cli("classify", fixtures / "classify.tsv", "--detector", "linear")
    assert result.code == 0, result.err
    rows = _tsv(result.out)
    assert rows[0] == ["id", "label"] and len(rows) == 4
    assert {label for _, label in rows[1:]} <= set(LABELS)


def test_cli_classify_unknown_detector_is_usage_error(cli, fixtures):
    result = cli("classify", fixtures / "classify.tsv", "--detector", "bert")
    assert result.code == 2
    assert "--detector" in result.err and "choose from auto, neural, linear" in result.err
