"""The two bundled seed articles through the CLI as ``make demo`` runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from .conftest import stored

pytestmark = pytest.mark.slow  # runs whole commands (most load the spaCy model)

#: How the outlets characterise actors; never acceptable as a canonical actor name.
OUTLET_LABELS = {"terrorists", "terrorist", "resistance", "militants", "takfiri", "rebels"}


@pytest.fixture
def demo_store(cli, db, examples_dir, tmp_path):
    outputs = []
    for name, published, source in (
        ("000_6ca5efe176715221", "2016-10-07", "Alwaght"),
        ("003_fa6d3bb78d6323a6", "2024-04-21", "TMJ News"),
    ):
        target = tmp_path / f"{name}.jsonl"
        result = cli(
            "analyze",
            examples_dir / f"{name}.txt",
            "--published",
            published,
            "--source",
            source,
            "--db",
            db,
            "--output",
            target,
            "--include-text",
        )
        assert result.code == 0, result.err
        outputs.append(json.loads(target.read_text(encoding="utf-8")))
    return db, outputs


def test_cli_examples_are_stored_with_their_events(demo_store):
    db, documents = demo_store
    found = stored(db)
    assert set(found) == {d["doc_id"] for d in documents}
    for document in documents:
        assert sorted(found[document["doc_id"]]) == sorted(
            e["event_id"] for e in document["events"]
        )
    assert documents[1]["events"], "the Homs ambush article reports an event"


def test_cli_examples_evidence_spans_index_the_text(demo_store):
    _, documents = demo_store
    for document in documents:
        text = document["text"]
        for event in document["events"]:
            for field, spans in event["evidence"].items():
                for start, end in spans:
                    assert 0 <= start < end <= len(text), (field, start, end)
        for actor in document["actors"]:
            assert text[actor["start"] : actor["end"]] == actor["surface"]


def test_cli_examples_never_use_outlet_labels_as_actor_names(demo_store):
    _, documents = demo_store
    for document in documents:
        names = {a["name"].lower() for a in document["actors"]}
        names |= {e[k].lower() for e in document["events"] for k in ("actor1", "actor2")}
        assert not names & OUTLET_LABELS


def test_cli_examples_export_matches_the_store(cli, demo_store):
    db, documents = demo_store
    rows = list(csv.DictReader(io.StringIO(cli("export", "--db", db).out)))
    assert len(rows) == sum(len(d["events"]) for d in documents)
    homs = cli("export", "--db", db, "--source", "TMJ News", "--format", "jsonl").out
    assert {json.loads(line)["doc_id"] for line in homs.splitlines()} == {"003_fa6d3bb78d6323a6"}
