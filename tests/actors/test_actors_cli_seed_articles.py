"""`conflictlens actors ...` after analysing the two seed articles (loads the spaCy model)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import pytest

from conflictlens.cli import main

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., tuple[int, str, str]]:
    def run(*args: object) -> tuple[int, str, str]:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 0
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Both seed articles analysed and stored once for the module (the model loads once)."""
    folder = tmp_path_factory.mktemp("actors")
    db = f"sqlite:///{folder / 'store.sqlite'}"
    for name, published, source in (
        ("000_6ca5efe176715221.txt", "2016-10-07", "Alwaght"),
        ("003_fa6d3bb78d6323a6.txt", "2024-04-21", "TMJ News"),
    ):
        args = [EXAMPLES / name, "--published", published, "--source", source, "--db", db]
        with pytest.raises(SystemExit) as done:
            main(["analyze", *map(str, args), "--output", str(folder / f"{name}.jsonl")])
        assert done.value.code == 0
    return db


@pytest.mark.slow
def test_show_lists_aliases_relations_with_sources_and_events(cli, seeded) -> None:  # type: ignore[no-untyped-def]
    code, out, err = cli("actors", "show", "Liwa al-Quds", "--db", seeded)
    assert code == 0, err
    aliases = out.split("Aliases")[1].split("Relations")[0]
    assert "Al-Quds Brigade — Alwaght 2016-10-07; knowledge base" in aliases
    assert "Syrian Arab Army Fedayeen — Alwaght 2016-10-07" in aliases
    assert "founded_in       2013  — 1 claim: Alwaght 2016-10-07 (reported)" in out
    assert "affiliated_with  Military Forces of Syria (2000-2024)  — 1 claim: TMJ News" in out
    events = out.split("Events (")[1]
    assert "2024-04-19  Armed clash  as actor2, against Islamic State (Syria)" in events
    assert "TMJ News" in events and "Alwaght" in events


@pytest.mark.slow
def test_graph_merge_split_and_errors_from_the_command_line(cli, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out_file = tmp_path / "quds.json"
    code, _, err = cli(
        "actors", "graph", "Liwa al-Quds", "--depth", "1", "--format", "json",
        "--output", out_file, "--db", seeded,
    )  # fmt: skip
    assert code == 0, err
    graph = nx.node_link_graph(json.loads(out_file.read_text()), edges="edges")
    assert graph.has_edge("liwa-al-quds", "hezbollah")

    code, out, _ = cli("actors", "merge", "Hezbollah", "Amal Movement", "--db", seeded)
    assert code == 0 and "Amal Movement [amal] → Hezbollah [hezbollah]" in out
    code, out, _ = cli("actors", "split", "Amal Movement", "--db", seeded)
    assert code == 0 and "undone" in out
    code, out, _ = cli("actors", "merges", "--db", seeded)
    assert out.count("Amal Movement") == 1

    code, _, err = cli("actors", "merge", "Liwa al-Quds", "Al-Quds Brigade", "--db", seeded)
    assert code == 1 and err.count("\n") == 1 and "self-loop" in err
    code, _, err = cli("actors", "show", "Nobody Brigade", "--db", seeded)
    assert code == 1 and "Nobody Brigade: no actor of that name" in err
    code, _, err = cli("actors", "graph", "Liwa al-Quds", "--format", "gexf", "--db", seeded)
    assert code == 2 and "--format" in err
