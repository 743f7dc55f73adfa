import io
from pathlib import Path

import pytest

from conflictlens.errors import InputError, UsageError
from conflictlens.ingest import IngestLimits, check_paths, count_documents, read_inputs
from conflictlens.ingest.text import text_id

from .conftest import split


def test_reader_check_paths_rejects_a_missing_path(tmp_path: Path) -> None:
    check_paths(["-", str(tmp_path)])
    missing = str(tmp_path / "nope.txt")
    with pytest.raises(UsageError) as caught:
        check_paths([str(tmp_path), missing])
    assert str(caught.value) == f"{missing}: no such file or directory"
    assert caught.value.exit_code == 2


def test_reader_directory_is_sorted_recursive_and_filtered(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed body.")
    (tmp_path / "a.txt").write_text("Ay body.")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden" / "h.txt").write_text("hidden")
    (tmp_path / "notes.md").write_text("not an input")
    documents, errors = split(list(read_inputs([str(tmp_path)])))
    assert errors == []
    assert [document.doc_id for document in documents] == ["a", "z"]


def test_reader_explicit_unsupported_extension_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert [str(item) for item in read_inputs([str(path)])] == [f"{path}: unsupported format .pdf"]


def test_reader_bad_input_does_not_stop_the_next(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02junk\x00" * 100)
    good = tmp_path / "good.txt"
    good.write_text("Headline\n\nBody.")
    missing = str(tmp_path / "gone.txt")
    items = list(read_inputs([str(empty), str(binary), missing, str(good)]))
    assert [str(item) for item in items[:3]] == [
        f"{empty}: empty file",
        f"{binary}: binary file, not text",
        f"{missing}: no such file or directory",
    ]
    assert all(isinstance(item, InputError) for item in items[:3])
    assert items[3].doc_id == "good"


def test_reader_refuses_a_50mb_text_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    (error,) = read_inputs([str(path)])
    assert str(error) == f"{path}: too large (50 MB > 20 MB limit)"


def test_reader_limits_are_configurable(fixtures: Path) -> None:
    name = str(fixtures / "headline.txt")
    (error,) = read_inputs([name], limits=IngestLimits(max_document_bytes=50))
    assert str(error) == f"{name}: too large (138 bytes > 50 bytes limit)"


def test_reader_html_file_over_the_document_limit_is_refused(tmp_path: Path) -> None:
    # One page is one document: the page is held to the 20 MB document limit before parsing.
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    (error,) = read_inputs([str(path)])
    assert str(error) == f"{path}: too large (21 MB > 20 MB limit)"


def test_reader_fills_published_and_source_only_when_missing(fixtures: Path) -> None:
    items = list(
        read_inputs([str(fixtures / "mixed.jsonl")], published="2024-05-01", source="My Desk")
    )
    documents, _ = split(items)
    assert (documents[0].published, documents[0].source) == ("2024-04-15", "Example Daily")
    assert (documents[1].published, documents[1].source) == ("2024-05-01", "My Desk")
    bad_date = next(document for document in documents if document.doc_id == "bad-date")
    assert bad_date.published == "2024-05-01" and bad_date.warnings


def test_reader_invalid_published_option_is_a_usage_error(fixtures: Path) -> None:
    with pytest.raises(UsageError, match="--published"):
        list(read_inputs([str(fixtures / "headline.txt")], published="2024-13-01"))


def test_reader_stdin_plain_text(tmp_path: Path) -> None:
    text = "Clashes in the north\n\nFighting resumed on Monday.\r\n"
    (document,) = read_inputs(["-"], stdin=io.BytesIO(text.encode()))
    assert document.text == "Clashes in the north\n\nFighting resumed on Monday.\n"
    assert document.doc_id == text_id(document.text) and len(document.doc_id) == 16
    assert document.title == "Clashes in the north"
    assert document.origin == "stdin"


def test_reader_stdin_jsonl_is_sniffed() -> None:
    data = b'{"id": "s1", "text": "One."}\n\n{"id": "s2", "text": "Two."}\n{"id": "s3", "te'
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    documents, errors = split(items)
    assert [document.doc_id for document in documents] == ["s1", "s2"]
    assert errors == ["stdin:4: truncated JSON line (Unterminated string starting at column 14)"]


def test_reader_stdin_text_that_only_starts_with_a_brace_is_text() -> None:
    data = b"{Editor's note} Two were killed.\nMore text here."
    (document,) = read_inputs(["-"], stdin=io.BytesIO(data))
    assert document.text.startswith("{Editor's note}")


def test_reader_empty_stdin_is_an_error() -> None:
    assert [str(item) for item in read_inputs(["-"], stdin=io.BytesIO(b" \n"))] == [
        "stdin: empty input"
    ]


def test_reader_count_documents_estimates(fixtures: Path, tmp_path: Path) -> None:
    assert count_documents([str(fixtures / "headline.txt")]) == 1
    assert count_documents([str(fixtures / "feed_rss.xml"), str(fixtures / "feed_atom.xml")]) == 3
    assert count_documents([str(fixtures / "mixed.jsonl")]) == 7
    assert count_documents(["-"]) is None
    (tmp_path / "x.warc").write_bytes(b"")
    assert count_documents([str(tmp_path)]) is None


def test_reader_same_input_same_ids(fixtures: Path) -> None:
    def ids() -> list[str]:
        documents, _ = split(list(read_inputs([str(fixtures)])))
        return [document.doc_id for document in documents]

    assert ids() == ids()
