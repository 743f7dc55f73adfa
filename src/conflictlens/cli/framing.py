"""``conflictlens framing`` (techniques per text) and ``outlets`` (framing per source)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from conflictlens.cli._app import app, open_output, open_store, stderr_line
from conflictlens.errors import InputError, UsageError

FRAMING_FORMATS = ("jsonl", "ptc")


@app.command("framing")
def framing_cli(
    inputs: Annotated[
        list[str], typer.Argument(metavar="INPUT...", help=".txt files, directories, .jsonl, -")
    ],
    fmt: Annotated[str, typer.Option("--format", help="jsonl | ptc")] = "jsonl",
    spans: Annotated[
        Path | None,
        typer.Option("--spans", help="TSV article_id, ?, start, end: classify these spans only"),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    detector: Annotated[
        str,
        typer.Option(
            help="What finds and labels the fragments: neural (MiniLM span tagger, and span "
            "embeddings beside the linear classifier; the `neural` extra), linear (the fast "
            "models `analyze` uses), auto (neural when installed)"
        ),
    ] = "auto",
) -> None:
    """Persuasion techniques (SemEval-2020 Task 11), hedges, quotes and actor labels per text."""
    from conflictlens.framing.framing_task import framing_record, read_framing_inputs, read_spans
    from conflictlens.framing.techniques import classify_spans, find_techniques
    from conflictlens.ingest.reader import check_paths
    from conflictlens.records import Technique

    if fmt not in FRAMING_FORMATS:
        raise UsageError("--format", f"unknown format '{fmt}' (choose from jsonl, ptc)")
    tagger, classifier = _neural_models(detector, find=spans is None)
    check_paths(inputs)
    if spans is not None and not spans.is_file():
        raise UsageError(str(spans), "no such file")
    given = read_spans(spans) if spans is not None else None
    failed = 0
    seen: set[str] = set()
    with open_output(output) as out:
        for item in read_framing_inputs(inputs):
            if isinstance(item, InputError):
                stderr_line(f"conflictlens: {item}")
                failed += 1
                continue
            if given is not None:
                wanted = given.get(item.article_id, [])
                beyond = [s for s in wanted if s[1] > len(item.text)]
                if beyond:
                    raise InputError(
                        f"{spans}",
                        f"span {beyond[0][0]}-{beyond[0][1]} ends beyond article "
                        f"{item.article_id} ({len(item.text)} characters)",
                    )
                labels = classify_spans(item.text, wanted, classifier=classifier)
                techniques = [
                    Technique(technique=label, start=s, end=e)
                    for label, (s, e) in zip(labels, wanted, strict=True)
                ]
                seen.add(item.article_id)
            else:
                techniques = find_techniques(item.text, detector=tagger, classifier=classifier)
            if fmt == "ptc":
                for t in techniques:
                    out.write(f"{item.article_id}\t{t.technique}\t{t.start}\t{t.end}\n")
            else:
                out.write(json.dumps(framing_record(item, techniques), ensure_ascii=False) + "\n")
    if given is not None:
        missing = sorted(set(given) - seen)
        if missing:
            stderr_line(
                f"conflictlens: {spans}: {len(missing)} article id(s) not among the inputs, "
                f"e.g. {', '.join(missing[:3])}"
            )
            failed += 1
    if failed:
        raise typer.Exit(1)


def _neural_models(name: str, find: bool) -> tuple[Any, Any]:
    """The neural span tagger (if fragments are to be found, ``find``) and technique
    classifier, or None for each linear model."""
    from conflictlens.framing import span_classifier, span_tagger
    from conflictlens.nlp.encoder import wants_neural

    try:
        neural = wants_neural(
            name, span_tagger.missing() or span_classifier.missing(), "neural models"
        )
    except ValueError as error:
        raise UsageError("--detector", str(error)) from error
    if not neural:
        return None, None
    tagger = span_tagger.default_tagger() if find else None
    return tagger, span_classifier.default_classifier()


outlets_app = typer.Typer(
    help="How each stored source frames what it reports.", invoke_without_command=True
)
app.add_typer(outlets_app, name="outlets")


@outlets_app.callback()
def outlets_cli(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option(help="Store URL.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | jsonl")] = "table",
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Per source: labels per actor, techniques and hedges per 1,000 words, unattributed share."""
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db, "format": fmt, "output": output}
        return
    from conflictlens.framing.outlets import outlet_profiles, top_labels

    if fmt not in ("table", "jsonl"):
        raise UsageError("--format", f"unknown format '{fmt}' (choose from table, jsonl)")
    store = open_store(db)
    try:
        profiles = outlet_profiles(store)
    finally:
        store.close()
    with open_output(output) as out:
        if fmt == "jsonl":
            for profile in profiles:
                out.write(json.dumps(profile.to_dict(), ensure_ascii=False) + "\n")
            return
        from rich.console import Console
        from rich.table import Table

        console = Console(file=out, width=None if out is sys.stdout and out.isatty() else 150)
        table = Table(title="conflictlens: outlets")
        for column in ("source", "docs", "words", "tech./1k", "hedges/1k", "unattr.", "labels"):
            table.add_column(column, overflow="fold")
        for p in profiles:
            share = p.unattributed_share
            table.add_row(
                p.source,
                str(p.documents),
                str(p.words),
                f"{p.technique_rate:.1f}",
                f"{p.hedge_rate:.1f}",
                "-" if share is None else f"{share:.0%}",
                "; ".join(top_labels(p)),
            )
        console.print(table)


@outlets_app.command("compare")
def compare_cli(
    ctx: typer.Context,
    first: Annotated[str, typer.Argument(metavar="A", help="Source name (as stored).")],
    second: Annotated[str, typer.Argument(metavar="B", help="Source name (as stored).")],
    db: Annotated[str | None, typer.Option(help="Store URL.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Two sources side by side on the actors and events both report (JSON)."""
    from conflictlens.framing.outlets import compare_outlets

    options = ctx.obj or {}
    store = open_store(db or options.get("db"))
    try:
        result = compare_outlets(store, first, second)
    finally:
        store.close()
    with open_output(output or options.get("output")) as out:
        out.write(json.dumps(result, ensure_ascii=False, indent=1) + "\n")
