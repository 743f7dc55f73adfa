"""End to end: the bundled examples analysed into PostgreSQL give what SQLite gives, command by
command (export, summary, corroborate, actors)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictlens.cli import main

pytestmark = pytest.mark.slow  # loads the spaCy model and runs whole commands

EXAMPLES = (
    ("000_6ca5efe176715221.txt", "2016-10-07", "Alwaght"),
    ("003_fa6d3bb78d6323a6.txt", "2024-04-21", "TMJ News"),
)


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> str:
    capsys.readouterr()
    try:
        main([str(arg) for arg in args])
    except SystemExit as done:
        out, err = capsys.readouterr()
        assert done.code in (0, None), err
        return out
    return capsys.readouterr().out


def test_store_cli_postgres_gives_the_same_results_as_sqlite(
    pg_url: str, tmp_path: Path, examples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sqlite_url = f"sqlite:///{tmp_path / 'same.sqlite'}"
    outputs: dict[str, dict[str, str]] = {}
    for url in (sqlite_url, pg_url):
        for name, published, source in EXAMPLES:
            _run(capsys, "analyze", examples_dir / name, "--published", published,
                 "--source", source, "--db", url)  # fmt: skip
        csv_path = tmp_path / "events.csv"
        _run(capsys, "export", "--db", url, "--format", "acled-csv", "--output", csv_path)
        outputs[url] = {
            "csv": csv_path.read_text(encoding="utf-8"),
            "jsonl": _run(capsys, "export", "--db", url, "--format", "jsonl"),
            "summary": _run(capsys, "summary", "--db", url).replace(url, "URL"),
            "corroborate": _run(capsys, "corroborate", "--db", url),
            "actors": _run(capsys, "actors", "list", "--db", url),
        }
        # A second run changes nothing (idempotent upserts on both backends).
        name, published, source = EXAMPLES[1]
        _run(capsys, "analyze", examples_dir / name, "--published", published,
             "--source", source, "--db", url)  # fmt: skip
        assert _run(capsys, "export", "--db", url, "--format", "jsonl") == outputs[url]["jsonl"]
    on_sqlite, on_postgres = outputs[sqlite_url], outputs[pg_url]
    assert on_sqlite["csv"].count("\n") > 1, "the examples give events"
    for what in on_sqlite:
        assert on_postgres[what] == on_sqlite[what], what
