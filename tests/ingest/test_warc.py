from collections.abc import Callable
from pathlib import Path

from conflictlens.ingest import read_inputs
from conflictlens.ingest.meta import short_hash

from .conftest import split

ARTICLE = (
    b"<html><head><title>Raid on a village</title></head><body><nav>Home | World</nav>"
    b"<article><p>Security forces raided a village at dawn on Thursday and detained eleven "
    b"men, relatives said. The interior ministry said the operation targeted a weapons cache "
    b"and that no one was hurt.</p></article></body></html>"
)
DATED = ARTICLE.replace(
    b"<head>", b'<head><meta property="article:published_time" content="2024-04-18">'
)


def test_warc_html_responses_become_documents(
    tmp_path: Path, warc_writer: Callable[..., Path]
) -> None:
    path = warc_writer(
        tmp_path / "crawl.warc.gz",
        [
            ("https://www.example.org/raid", ARTICLE, "text/html; charset=utf-8"),
            ("https://www.example.org/logo.png", b"\x89PNG\r\n", "image/png"),
            ("https://www.example.org/dated", DATED, "text/html"),
        ],
    )
    documents, errors = split(list(read_inputs([str(path)])))
    assert errors == []
    assert [document.url for document in documents] == [
        "https://www.example.org/raid",
        "https://www.example.org/dated",
    ]
    raid, dated = documents
    assert raid.doc_id == short_hash("https://www.example.org/raid")
    assert "detained eleven men" in raid.text
    assert raid.title == "Raid on a village"
    assert raid.source == "example.org"
    assert dated.published == "2024-04-18" and dated.warnings == []


def test_warc_crawl_date_is_a_flagged_fallback(
    tmp_path: Path, warc_writer: Callable[..., Path]
) -> None:
    path = warc_writer(
        tmp_path / "crawl.warc", [("https://example.org/raid", ARTICLE, "text/html")]
    )
    (document,), _ = split(list(read_inputs([str(path)])))
    assert document.published == "2024-04-21"
    assert any("crawl date (WARC-Date)" in warning for warning in document.warnings)
    (given,), _ = split(list(read_inputs([str(path)], published="2024-04-19")))
    assert given.published == "2024-04-19" and given.warnings == []


def test_warc_error_pages_are_skipped(tmp_path: Path, warc_writer: Callable[..., Path]) -> None:
    path = warc_writer(
        tmp_path / "404.warc",
        [("https://example.org/x", ARTICLE, "text/html")],
        status="404 Not Found",
    )
    assert list(read_inputs([str(path)])) == []


def test_warc_not_a_warc_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.warc"
    path.write_text("this is not a web archive\n")
    (error,) = read_inputs([str(path)])
    assert str(error) == f"{path}: not a WARC file (no WARC/ARC header)"


def test_warc_truncated_archive_keeps_the_records_before_the_cut(
    tmp_path: Path, warc_writer: Callable[..., Path]
) -> None:
    pages = [(f"https://example.org/{n}", ARTICLE, "text/html") for n in range(3)]
    path = warc_writer(tmp_path / "cut.warc.gz", pages)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    documents, errors = split(list(read_inputs([str(path)])))
    assert len(documents) == 2
    assert len(errors) == 1 and errors[0].startswith(f"{path}:record 3: malformed WARC")
