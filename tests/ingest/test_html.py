from pathlib import Path

import pytest

from conflictlens.errors import InputError
from conflictlens.ingest import fragment_to_text, read_inputs
from conflictlens.ingest.html import decode_html, extract_page

from .conftest import split


def test_html_extracts_article_without_boilerplate(fixtures: Path) -> None:
    (document,), errors = split(list(read_inputs([str(fixtures / "article.html")])))
    assert errors == []
    assert document.doc_id == "article"
    assert "Six fighters were killed on Saturday" in document.text
    assert "Local officials did not respond" in document.text
    for boilerplate in ("Subscribe to our newsletter", "Football results", "All rights reserved"):
        assert boilerplate not in document.text


def test_html_metadata_fills_title_date_url_and_source(fixtures: Path) -> None:
    (document,), _ = split(list(read_inputs([str(fixtures / "article.html")])))
    assert document.title == "Clashes near Deir ez-Zor leave six dead"
    assert document.published == "2024-04-21"
    assert document.url == "https://news.example.org/syria/clashes-deir-ez-zor"
    assert document.source == "Example Monitor"


def test_html_malformed_markup_still_gives_the_text(fixtures: Path) -> None:
    (document,), errors = split(list(read_inputs([str(fixtures / "malformed.html")])))
    assert errors == []
    assert "Gunmen attacked a police post" in document.text
    assert "No group has claimed responsibility" in document.text
    assert document.title == "Unclosed page"


def test_html_without_any_text_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "shell.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body><div></div></body>")
    items = list(read_inputs([str(path)]))
    assert [str(item) for item in items] == [f"{path}: malformed HTML or no text in the page"]


def test_html_short_page_falls_back_to_visible_text() -> None:
    page = extract_page("<html><body><p>Two killed.</p></body></html>", "short.html")
    assert page.text == "Two killed."


def test_html_declared_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1256"></head><body><p>حلب</p></body></html>'
    markup, warnings = decode_html(page.encode("cp1256"), "ar.html")
    assert "حلب" in markup and warnings == []


def test_html_fragment_keeps_block_boundaries() -> None:
    fragment = "<p>Clashes in <b>Idlib</b>.</p><p>Three dead &amp; five hurt.</p>line<br>two"
    assert fragment_to_text(fragment) == "Clashes in Idlib.\nThree dead & five hurt.\nline\ntwo"
    assert fragment_to_text("Plain &amp; simple") == "Plain & simple"
    assert fragment_to_text("<script>alert(1)</script><p>Kept</p>") == "Kept"


def test_html_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (error,) = read_inputs([str(path)])
    assert isinstance(error, InputError)
    assert str(error) == f"{path}: binary file, not text"


def test_html_extract_page_raises_for_empty_markup() -> None:
    with pytest.raises(InputError, match="no text"):
        extract_page("<html></html>", "empty.html")
