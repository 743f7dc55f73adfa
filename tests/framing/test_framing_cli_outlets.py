"""``conflictlens framing`` and ``outlets`` as users run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictlens.cli import main
from conflictlens.framing.techniques import technique_names
from conflictlens.records import Document, Event, Framing, Hedge, Label, Technique
from conflictlens.store import Store

TEXT = (
    "Traitors Sell Out Our Nation Again\n\n"
    "The corrupt, treasonous elites have once again betrayed every patriotic citizen.\n"
    "These evil criminals want to destroy our great country and flood our cities with chaos!\n"
)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        main([str(a) for a in args])
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTLENS_DB", f"sqlite:///{tmp_path / 'default.sqlite'}")


def test_ptc_format_uses_article_digits_and_exact_offsets(tmp_path, capsys) -> None:
    article = tmp_path / "article424242.txt"
    article.write_bytes(("\ufeff" + TEXT).replace("\n", "\r\n").encode("utf-8"))
    code, out, err = run(capsys, "framing", article, "--format", "ptc")
    assert code == 0, err
    text = open(article, encoding="utf-8").read()  # noqa: SIM115 - Python text mode, as scorers read
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows and all(r[0] == "424242" and r[1] in technique_names() for r in rows)
    for _, _, start, end in rows:
        fragment = text[int(start) : int(end)]
        assert fragment.strip() == fragment and fragment[-1] not in ".,:;"


def test_spans_mode_classifies_exactly_the_given_spans(tmp_path, capsys) -> None:
    (tmp_path / "article7.txt").write_text(TEXT, encoding="utf-8")
    spans = tmp_path / "spans.tsv"
    spans.write_text("7\t?\t40\t47\n7\t?\t40\t47\n7\t?\t85\t99\n", encoding="utf-8")
    out_file = tmp_path / "pred.tsv"
    code, _, err = run(
        capsys,
        "framing",
        tmp_path / "article7.txt",
        "--format",
        "ptc",
        "--spans",
        spans,
        "--output",
        out_file,
    )
    assert code == 0, err
    rows = [line.split("\t") for line in out_file.read_text(encoding="utf-8").splitlines()]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("7", "40", "47"),
        ("7", "40", "47"),
        ("7", "85", "99"),
    ]
    assert rows[0][1] != rows[1][1]


def test_jsonl_carries_the_whole_framing(tmp_path, capsys) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(
        TEXT + "Officials reportedly said the toll is likely to rise.\n", encoding="utf-8"
    )
    code, out, _ = run(capsys, "framing", doc)
    record = json.loads(out)
    assert code == 0 and record["doc_id"] == "note"
    assert set(record["framing"]) == {"techniques", "hedges", "quotes", "labels"}
    assert record["framing"]["hedges"]


def test_bad_usage_and_bad_input_exit_codes(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert run(capsys, "framing", tmp_path / "a.txt", "--format", "xml")[0] == 2
    code, _, err = run(capsys, "framing", tmp_path / "missing.txt")
    assert code == 2 and "missing.txt" in err
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    code, out, err = run(capsys, "framing", tmp_path / "empty.txt", tmp_path / "a.txt")
    assert code == 1 and "empty.txt" in err and out.strip()  # the good input is still analysed
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n", encoding="utf-8")
    code, _, err = run(capsys, "framing", tmp_path / "a.txt", "--spans", bad)
    assert code == 1 and "bad.tsv:1" in err


def test_detector_option_picks_the_span_finder_and_classifier(tmp_path, capsys) -> None:
    from conflictlens.framing import span_classifier, span_tagger
    from conflictlens.framing.techniques import classify_spans, find_techniques

    article = tmp_path / "article9.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, _, err = run(capsys, "framing", article, "--detector", "magic")
    assert code == 2 and "--detector" in err and "auto, neural, linear" in err
    code, out, err = run(capsys, "framing", article, "--format", "ptc", "--detector", "linear")
    assert code == 0, err
    linear = [f"9\t{t.technique}\t{t.start}\t{t.end}" for t in find_techniques(TEXT)]
    assert out.splitlines() == linear
    code, out, err = run(capsys, "framing", article, "--format", "ptc", "--detector", "neural")
    if span_classifier.missing() is None:
        assert code == 0, err
        tagger = span_tagger.default_tagger()
        classifier = span_classifier.default_classifier()
        neural = find_techniques(TEXT, detector=tagger, classifier=classifier)
        assert out.splitlines() == [f"9\t{t.technique}\t{t.start}\t{t.end}" for t in neural]
        assert run(capsys, "framing", article, "--format", "ptc")[1] == out  # auto = neural
        # Given spans (the TC task) are labelled by the same classifier.
        spans = tmp_path / "spans.tsv"
        wanted = [(t.start, t.end) for t in neural]
        spans.write_text("".join(f"9\t?\t{s}\t{e}\n" for s, e in wanted), encoding="utf-8")
        code, out, err = run(capsys, "framing", article, "--format", "ptc", "--spans", spans)
        assert code == 0, err
        labels = classify_spans(TEXT, wanted, classifier=classifier)
        assert [line.split("\t")[1] for line in out.splitlines()] == labels
    else:
        assert code == 2 and "neural" in err


def test_without_the_neural_extra_auto_falls_back_and_neural_says_why(
    tmp_path, capsys, monkeypatch
) -> None:
    from conflictlens.framing import span_tagger
    from conflictlens.framing.techniques import find_techniques

    monkeypatch.setattr(span_tagger, "missing", lambda *_: "the `neural` extra is not installed")
    article = tmp_path / "article9.txt"
    article.write_text(TEXT, encoding="utf-8")
    code, out, err = run(capsys, "framing", article, "--format", "ptc")
    assert code == 0, err
    assert out.splitlines() == [
        f"9\t{t.technique}\t{t.start}\t{t.end}" for t in find_techniques(TEXT)
    ]
    code, _, err = run(capsys, "framing", article, "--detector", "neural")
    assert code == 2 and "extra is not installed" in err


def _document(
    doc_id: str, source: str, text: str, *, labels: list[Label], attributed: bool
) -> Document:
    return Document(
        doc_id=doc_id,
        source=source,
        events=[
            Event(
                event_id=f"{doc_id}-e1",
                event_date="2024-04-19",
                event_type="Battles",
                sub_event_type="Armed clash",
                actor1="Islamic State (Syria)",
                actor2="Liwa al-Quds",
                admin1="Homs",
                country="Syria",
                according_to=["one source"] if attributed else [],
                source=source,
            )
        ],
        framing=Framing(
            techniques=[Technique(technique="Loaded_Language", start=0, end=5)],
            hedges=[Hedge(cue="likely", start=6, end=12, scope=(6, 20))],
            labels=labels,
        ),
    )


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'outlets.sqlite'}"
    words = "word " * 100  # 100 words per document
    with Store(url) as store:
        store.save(
            _document(
                "a1",
                "Outlet A",
                words,
                labels=[Label(actor="Liwa al-Quds", label="resistance movement", start=0, end=5)],
                attributed=True,
            ),
            text=words,
            content_hash="a1",
        )
        store.save(
            _document(
                "b1",
                "Outlet B",
                words,
                labels=[
                    Label(actor="Liwa al-Quds", label="Militia", start=0, end=5),
                    Label(
                        actor="Liwa al-Quds", label="terrorists", start=0, end=5, voice="a general"
                    ),
                ],
                attributed=False,
            ),
            text=words,
            content_hash="b1",
        )
    return url


def test_outlets_reports_rates_labels_and_attribution(store_url, capsys) -> None:
    code, out, err = run(capsys, "outlets", "--db", store_url, "--format", "jsonl")
    assert code == 0, err
    profiles = {p["source"]: p for p in map(json.loads, out.splitlines())}
    a, b = profiles["Outlet A"], profiles["Outlet B"]
    assert a["techniques_per_1000_words"] == 10.0 and a["hedges_per_1000_words"] == 10.0
    assert a["unattributed_event_share"] == 0.0 and b["unattributed_event_share"] == 1.0
    assert a["labels"] == {"Liwa al-Quds": {"resistance movement": 1}}
    assert b["labels"] == {"Liwa al-Quds": {"militia": 1}}
    assert b["quoted_labels"] == {"Liwa al-Quds": {"terrorists": 1}}
    code, table, _ = run(capsys, "outlets", "--db", store_url)
    assert code == 0 and "Outlet A" in table and "resistance movement" in table


def test_outlets_compare_side_by_side(store_url, capsys) -> None:
    code, out, err = run(capsys, "outlets", "compare", "Outlet A", "outlet b", "--db", store_url)
    assert code == 0, err
    result = json.loads(out)
    assert result["outlets"] == ["Outlet A", "Outlet B"]
    assert result["measures"]["unattributed_event_share"] == [0.0, 1.0]
    (actor,) = result["actors"]
    assert actor["actor"] == "Liwa al-Quds"
    assert actor["labels"] == [{"resistance movement": 1}, {"militia": 1}]
    (event,) = result["events"]
    assert event["event_date"] == "2024-04-19"
    assert event["Outlet A"][0]["according_to"] == ["one source"]
    code, _, err = run(capsys, "outlets", "compare", "Outlet A", "Nobody", "--db", store_url)
    assert code == 2 and "Nobody" in err
