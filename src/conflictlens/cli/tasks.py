"""``conflictlens classify`` and ``hedges``: the snippet- and sentence-level tasks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from conflictlens.cli._app import app, open_output
from conflictlens.errors import InputError, UsageError


@app.command("classify")
def classify_cli(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help=".tsv (id, text columns) or .jsonl")
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    detector: Annotated[
        str,
        typer.Option(
            help="neural (the linear classifier mixed with a regression over MiniLM sentence "
            "embeddings; the `neural` extra), linear (the lexicon and TF-IDF classifier alone, "
            "what `analyze` uses), auto (neural when installed)"
        ),
    ] = "auto",
) -> None:
    """One CASE 2021 / ACLED sub-event label per text: TSV ``id<TAB>label``."""
    from conflictlens.classify import classify_rows, read_classify_input
    from conflictlens.classify.embedding import for_detector

    if not input_path.exists():
        raise UsageError(str(input_path), "no such file")
    rows = list(read_classify_input(input_path))
    try:  # after the input is read: loading the encoder takes seconds
        classifier = for_detector(detector)
    except ValueError as error:
        raise UsageError("--detector", str(error)) from error
    with open_output(output) as out:
        out.write("id\tlabel\n")
        for doc_id, label in classify_rows(rows, classifier):
            out.write(f"{doc_id}\t{label}\n")


@app.command("hedges")
def hedges_cli(
    input_path: Annotated[
        Path, typer.Argument(metavar="INPUT", help=".tsv (id, text columns) or .jsonl")
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    detector: Annotated[
        str,
        typer.Option(
            help="neural (the linear models, and a fine-tuned MiniLM sentence encoder that "
            "can add uncertainty they missed; the `neural` extra), linear (the linear models "
            "alone, ~16x faster), auto (neural when installed)"
        ),
    ] = "auto",
) -> None:
    """Sentence-level certainty: TSV ``id<TAB>uncertain<TAB>cues``."""
    from conflictlens.framing.hedge_encoder import for_detector
    from conflictlens.framing.hedges_task import hedge_rows, read_hedge_input

    if not input_path.exists():
        raise UsageError(str(input_path), "no such file")
    try:
        rows = list(read_hedge_input(input_path))
    except ValueError as error:  # the reader names "path:line: reason" in a ValueError
        where, _, reason = str(error).partition(": ")
        if isinstance(error, UnicodeDecodeError):
            where, reason = str(input_path), "not UTF-8 text"
        raise InputError(where, reason or "malformed input") from error
    except OSError as error:
        raise InputError(str(input_path), f"cannot read: {error.strerror or error}") from error
    try:  # after the input is read: loading the encoder takes seconds
        encoder = for_detector(detector)
    except ValueError as error:
        raise UsageError("--detector", str(error)) from error
    with open_output(output) as out:
        out.write("id\tuncertain\tcues\n")
        for doc_id, uncertain, cues in hedge_rows(rows, encoder):
            out.write(f"{doc_id}\t{uncertain}\t{cues}\n")
