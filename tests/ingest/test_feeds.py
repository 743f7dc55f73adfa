from pathlib import Path

from conflictlens.ingest import IngestLimits, read_inputs
from conflictlens.ingest.meta import short_hash

from .conftest import split


def test_feeds_rss_gives_one_document_per_item(fixtures: Path) -> None:
    documents, errors = split(list(read_inputs([str(fixtures / "feed_rss.xml")])))
    assert errors == []
    assert [document.title for document in documents] == [
        "Shelling hits market town",
        "Protest over fuel prices",
    ]
    first, second = documents
    assert first.text == (
        "Artillery shells struck a market town on Friday evening, killing three people, "
        "residents said.\nThe army denied responsibility."
    )
    assert second.text.startswith("Hundreds of people gathered")  # content beats summary
    assert first.source == "Example Wire"
    assert first.url == "https://wire.example.net/2024/04/19/shelling-market-town"
    assert first.doc_id == short_hash("wire-2024-0419-001")


def test_feeds_rss_date_keeps_the_local_day(fixtures: Path) -> None:
    documents, _ = split(list(read_inputs([str(fixtures / "feed_rss.xml")])))
    # 23:30 at UTC-5 on the 19th is the 20th in UTC; the outlet's day is the 19th.
    assert [document.published for document in documents] == ["2024-04-19", "2024-04-20"]


def test_feeds_atom_entry(fixtures: Path) -> None:
    (document,), errors = split(list(read_inputs([str(fixtures / "feed_atom.xml")])))
    assert errors == []
    assert document.doc_id == short_hash("urn:example:entry:1")
    assert document.published == "2024-04-22"
    assert document.source == "Example Atom Desk"
    assert document.url == "https://atom.example.com/drone-strike"
    assert document.text.startswith("A drone struck a vehicle near the airport")


def test_feeds_xml_that_is_not_a_feed_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "config.xml"
    path.write_text("<config><option>1</option></config>")
    assert [str(item) for item in read_inputs([str(path)])] == [f"{path}: not an RSS/Atom feed"]


def test_feeds_entry_without_text_is_reported_and_others_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>W</title>'
        "<item><guid>1</guid><link>https://example.org/1</link></item>"
        "<item><title>T</title><guid>2</guid><description>Body text.</description></item>"
        "</channel></rss>"
    )
    documents, errors = split(list(read_inputs([str(path)])))
    assert errors == [f"{path}:entry 1: entry has no text"]
    assert [document.text for document in documents] == ["Body text."]


def test_feeds_a_headline_only_entry_is_its_headline_and_reports_its_event(
    tmp_path: Path,
) -> None:
    from conflictlens.pipeline import analyze_batch

    path = tmp_path / "feed.xml"
    path.write_text(
        '<rss version="2.0"><channel><title>Wire</title>'
        "<item><title>Gunmen kill three soldiers near Palmyra</title><guid>1</guid>"
        "<pubDate>Mon, 06 May 2024 10:00:00 GMT</pubDate></item>"
        "</channel></rss>"
    )
    documents, errors = split(list(read_inputs([str(path)])))
    assert errors == []
    assert [(d.title, d.text) for d in documents] == [
        ("Gunmen kill three soldiers near Palmyra", "Gunmen kill three soldiers near Palmyra")
    ]
    (analysed,) = analyze_batch(documents)
    (event,) = analysed.events
    assert event.fatalities == 3
    assert event.admin1 == "Homs"


def test_feeds_too_large_file_is_refused_before_parsing(fixtures: Path) -> None:
    name = str(fixtures / "feed_rss.xml")
    (error,) = read_inputs([name], limits=IngestLimits(100, 200))
    assert str(error).startswith(f"{name}: too large (")


def test_feeds_utf16_feed_with_bom_reads(fixtures: Path, tmp_path: Path) -> None:
    path = tmp_path / "wide.xml"
    xml = (fixtures / "feed_atom.xml").read_text(encoding="utf-8")
    path.write_bytes(xml.replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16"))
    (document,), errors = split(list(read_inputs([str(path)])))
    assert errors == [] and document.title == "Drone strike reported near airport"


def test_feeds_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "blob.xml"
    path.write_bytes(b"\x00\x01\x02\x03" * 100)
    assert [str(item) for item in read_inputs([str(path)])] == [f"{path}: binary file, not text"]
