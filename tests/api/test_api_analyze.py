"""``analyze()`` as a notebook user calls it: contract fields, empty and foreign input, dates."""

from __future__ import annotations

import datetime
import re

import pytest

from conflictlens import Document, RawDocument

pytestmark = pytest.mark.slow

KABUL = "Gunmen killed three people at a checkpoint in Kabul on Monday, police said."
SPANISH = (
    "La policía dispersó a cientos de manifestantes en Caracas el lunes, según testigos. Los "
    "manifestantes exigían la renuncia del gobierno y la liberación de los presos políticos "
    "detenidos durante las protestas de la semana pasada en la capital venezolana."
)
DOCUMENT_FIELDS = [
    "doc_id", "title", "source", "published", "url", "language",
    "events", "actors", "relations", "places", "framing", "warnings",
]  # fmt: skip
EVENT_FIELDS = [
    "event_id", "event_date", "date_start", "date_end", "time_precision",
    "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "country", "iso", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision",
    "fatalities", "fatalities_low", "fatalities_high", "injuries",
    "certainty", "according_to", "source", "notes", "evidence",
]  # fmt: skip
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _analyze(text, **kwargs):
    from conflictlens import analyze

    return analyze(text, **kwargs)


def test_api_analyze_returns_a_document_with_the_contract_fields():
    document = _analyze(KABUL, published="2024-03-08", source="Test Wire")
    assert isinstance(document, Document)
    data = document.to_json_dict()
    assert list(data)[: len(DOCUMENT_FIELDS)] == DOCUMENT_FIELDS
    assert "text" not in data
    assert document.source == "Test Wire" and document.published == "2024-03-08"
    (event,) = document.events
    assert list(event.model_dump())[: len(EVENT_FIELDS)] == EVENT_FIELDS
    assert event.source == "Test Wire"
    assert event.sub_event_type == "Attack" and event.fatalities == 3
    assert event.event_date == "2024-03-04"  # the Monday before publication


def test_api_analyze_text_without_event_gives_no_events():
    document = _analyze("The weather in Beirut was mild on Sunday and markets were busy.")
    assert document.events == []


def test_api_analyze_non_english_text_gives_no_events_and_a_warning():
    document = _analyze(SPANISH, published="2024-03-08")
    assert document.language == "es"
    assert document.events == []
    assert any("language" in warning for warning in document.warnings)


@pytest.mark.parametrize("text", ["", "   \n\n\t ", "\x00\x01\x02", "."])
def test_api_analyze_empty_or_blank_text_does_not_crash(text):
    document = _analyze(text, published="2024-03-08")
    assert document.events == [] and document.doc_id


def test_api_analyze_published_accepts_a_date():
    as_date = _analyze(KABUL, published=datetime.date(2024, 3, 8))
    as_text = _analyze(KABUL, published="2024-03-08")
    assert as_date.published == "2024-03-08"
    assert as_date.model_dump() == as_text.model_dump()


def test_api_analyze_without_published_warns_and_leaves_relative_dates_open():
    document = _analyze(KABUL)
    assert document.published is None
    assert any("publication date" in warning for warning in document.warnings)
    assert all(event.event_date is None for event in document.events)


@pytest.mark.parametrize(
    "published",
    [datetime.datetime(2024, 3, 8, 10, 30), "8 March 2024", "not a date"],
    ids=["datetime", "prose-date", "garbage"],
)
def test_api_analyze_published_is_always_an_iso_date_or_none(published):
    document = _analyze(KABUL, published=published)
    assert document.published is None or ISO_DATE.fullmatch(document.published)


def test_api_analyze_same_input_gives_the_same_ids():
    first = _analyze(KABUL, published="2024-03-08")
    again = _analyze(KABUL, published="2024-03-08")
    assert first.doc_id == again.doc_id
    assert [e.event_id for e in first.events] == [e.event_id for e in again.events]
    assert _analyze(KABUL + " ").doc_id != first.doc_id


def test_api_analyze_accepts_a_raw_document_and_keeps_its_metadata():
    raw = RawDocument(
        doc_id="kabul-1", text=KABUL, title="Checkpoint attack", published="2024-03-08",
        source="Test Wire", url="https://example.org/kabul",
    )  # fmt: skip
    document = _analyze(raw)
    assert (document.doc_id, document.title, document.url) == (
        "kabul-1", "Checkpoint attack", "https://example.org/kabul",
    )  # fmt: skip
    assert document.events and document.events[0].event_date == "2024-03-04"


def test_api_analyze_lone_surrogate_does_not_crash():
    document = _analyze("Gunmen killed 3 people in Kabul on Monday. \ud800", published="2024-03-08")
    assert isinstance(document, Document)


def test_api_analyze_huge_number_is_never_rewritten():
    text = "A bombing in Aleppo killed 99999999999999999999999 people on Monday."
    document = _analyze(text, published="2024-03-08")
    for event in document.events:
        spans = event.evidence.get("fatalities", [])
        if spans:
            assert str(event.fatalities) in " ".join(text[s:e] for s, e in spans)
        else:  # an implausible figure is not coded at all: never a rewritten number
            assert event.fatalities == 0
