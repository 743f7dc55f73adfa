"""The `conflictlens hedges` core: rows, input formats and the shared dev score."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictlens.framing.hedges_task import hedge_rows, read_hedge_input

DATA = Path(__file__).resolve().parents[2] / "../shared/data/hedges"


def test_hedges_task_rows_mark_uncertain_sentences_with_cue_offsets():
    rows = list(hedge_rows([("a", "These results suggest a role for NF-kB."), ("b", "It rained.")]))
    assert rows == [("a", 1, "14-21"), ("b", 0, "")]


def test_hedges_task_weasels_count_as_uncertain():
    [(_, uncertain, cues)] = hedge_rows([("w", "Some critics say the film was legendary.")])
    assert uncertain == 1 and cues


def test_hedges_task_reads_tsv_without_quoting(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text('id\tsource\ttext\ns1\twiki\tHe said "maybe" twice.\n', encoding="utf-8")
    assert list(read_hedge_input(path)) == [("s1", 'He said "maybe" twice.')]


def test_hedges_task_reads_jsonl_and_names_bad_lines(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": 7, "text": "It may rain."}) + "\n{oops\n", encoding="utf-8")
    reader = read_hedge_input(path)
    assert next(reader) == ("7", "It may rain.")
    with pytest.raises(ValueError, match=r"in\.jsonl:2"):
        next(reader)


def test_hedges_task_tsv_without_text_column_is_an_error(tmp_path):
    path = tmp_path / "in.tsv"
    path.write_text("id\tsentence_text\n1\tx\n", encoding="utf-8")
    with pytest.raises(ValueError, match="header"):
        list(read_hedge_input(path))


@pytest.mark.skipif(not (DATA / "dev.tsv").exists(), reason="shared hedges dev data not present")
def test_hedges_task_beats_the_word_list_baseline_on_dev(tmp_path):
    pred = tmp_path / "pred.tsv"
    with pred.open("w", encoding="utf-8") as handle:
        for row in hedge_rows(read_hedge_input(DATA / "dev.tsv")):
            handle.write("{}\t{}\t{}\n".format(*row))
    result = subprocess.run(
        [sys.executable, "score.py", "dev.tsv", str(pred), "--json"],
        cwd=DATA,
        capture_output=True,
        text=True,
        check=True,
    )
    scores = json.loads(result.stdout)
    assert scores["sentence"]["f1"] > 0.70  # README word-list baseline: 0.635
    assert scores["cue"]["exact"]["f1"] > 0.75
