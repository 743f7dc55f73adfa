import json

import pytest

from conflictlens.classify import classify_rows, read_classify_input
from conflictlens.errors import InputError


def test_reader_tsv_without_quote_handling(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text(
        'id\ttext\n1\tHe said "stop" twice\n\n2\tRockets hit Sderot\n', encoding="utf-8"
    )
    assert list(read_classify_input(path)) == [
        ("1", 'He said "stop" twice'),
        ("2", "Rockets hit Sderot"),
    ]


def test_reader_tsv_extra_columns_in_any_order(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text("text\tlabel\tid\nA riot\tVIOL_DEMONSTR\t7\n", encoding="utf-8")
    assert list(read_classify_input(path)) == [("7", "A riot")]


def test_reader_jsonl(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 3, "text": "A riot"}) + "\n\n", encoding="utf-8")
    assert list(read_classify_input(path)) == [("3", "A riot")]


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("bad.tsv", "id\tbody\n1\tx\n", "bad.tsv:1"),
        ("short.tsv", "id\ttext\n1\tok\n2\n", "short.tsv:3"),
        ("bad.jsonl", '{"id": 1, "text": "ok"}\n{"id": 2,\n', "bad.jsonl:2"),
        ("notext.jsonl", '{"id": 1}\n', "notext.jsonl:1"),
        ("empty.tsv", "", "empty.tsv:1"),
    ],
)
def test_reader_malformed_input_names_path_and_line(tmp_path, name, content, where):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        list(read_classify_input(path))
    assert where in str(caught.value)


def test_reader_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        list(read_classify_input(tmp_path / "absent.tsv"))


def test_reader_classify_rows_keeps_ids_and_order():
    rows = [(str(i), "Police arrested an opposition leader in Harare.") for i in range(300)]
    out = list(classify_rows(rows))
    assert [record_id for record_id, _ in out] == [str(i) for i in range(300)]
    assert {label for _, label in out} == {"ARREST"}
