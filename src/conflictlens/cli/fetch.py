"""``conflictlens fetch``: feed lists and URL lists to articles (JSONL), politely; optionally
analysed and stored at once through ``conflictlens analyze``."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from conflictlens.cli._app import app, stderr_line
from conflictlens.errors import InputError, UsageError

_MB = 1024 * 1024


@app.command("fetch")
def fetch_cli(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            help="Files listing feed or article URLs (one per line, # comments), or OPML."
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Directory for fetched-<time>.jsonl (and the fetch state)."
        ),
    ] = None,
    analyze: Annotated[
        bool, typer.Option("--analyze", help="Analyse and store the new articles at once.")
    ] = False,
    db: Annotated[
        str | None, typer.Option(help="Store URL for --analyze (sqlite:///path, postgresql://...).")
    ] = None,
    state: Annotated[
        Path | None,
        typer.Option(help="Fetch state file (default: in --output, else in the user data dir)."),
    ] = None,
    user_agent: Annotated[
        str | None,
        typer.Option(
            help="User-Agent sent and matched in robots.txt; put your contact in it "
            "(default: $CONFLICTLENS_USER_AGENT or conflictlens/VERSION with a placeholder)."
        ),
    ] = None,
    rate: Annotated[
        float, typer.Option(min=0, help="Minimum seconds between requests to one host.")
    ] = 1.0,
    max_bytes: Annotated[
        int, typer.Option(min=1024, help="Largest response body accepted, in bytes.")
    ] = 10 * _MB,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds to wait for a connection or data.")
    ] = 20.0,
    retries: Annotated[
        int, typer.Option(min=0, help="Retries after 429, 5xx or a connection error.")
    ] = 3,
    workers: Annotated[int, typer.Option(min=1, help="Hosts fetched side by side.")] = 4,
    max_redirects: Annotated[int, typer.Option(min=0, help="Redirects followed per URL.")] = 5,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private",
            help="Also fetch hosts on private, loopback or link-local addresses (intranet feeds).",
        ),
    ] = False,
) -> None:
    """Fetch RSS/Atom feeds and article URLs: robots.txt, per-host rate limit, retries,
    conditional GET; only new or changed articles are written."""
    from conflictlens.fetch import (
        ArticleWriter,
        FetchSettings,
        FetchState,
        Source,
        collect,
        default_user_agent,
        read_source_file,
    )
    from conflictlens.fetch.settings import DEFAULT_USER_AGENT

    if output is None and not analyze:
        raise UsageError("fetch", "nothing to do: give --output DIR, --analyze, or both")
    if db is not None and not analyze:
        raise UsageError("--db", "is only used with --analyze")
    if output is not None and output.exists() and not output.is_dir():
        raise UsageError(str(output), "--output must be a directory")
    for path in inputs:
        if not path.is_file():
            raise UsageError(str(path), "no such file")
    agent = (user_agent or default_user_agent()).strip()
    if not agent:
        raise UsageError("--user-agent", "must not be empty")
    if agent == DEFAULT_USER_AGENT:
        stderr_line(
            "conflictlens fetch: note: the user agent has no contact; set --user-agent "
            "or $CONFLICTLENS_USER_AGENT so site operators can reach you"
        )
    settings = FetchSettings(
        user_agent=agent,
        rate=rate,
        max_bytes=max_bytes,
        timeout=timeout,
        retries=retries,
        workers=workers,
        max_redirects=max_redirects,
        allow_private=allow_private,
    )

    failures = 0
    sources: list[Source] = []
    for path in inputs:
        try:
            for item in read_source_file(path, str(path)):
                if isinstance(item, InputError):
                    failures += 1
                    stderr_line(str(item))
                else:
                    sources.append(item)
        except InputError as error:
            failures += 1
            stderr_line(str(error))

    state_path = state or _default_state(output, db)
    with tempfile.TemporaryDirectory(prefix="conflictlens-fetch-") as scratch:
        directory = output if output is not None else Path(scratch)
        with FetchState(state_path) as fetch_state:
            with ArticleWriter(directory) as writer:
                summary = collect(
                    sources,
                    settings,
                    fetch_state,
                    writer,
                    report=stderr_line,
                    defer_state=analyze,
                )
            failures += summary.failures
            where = f" -> {writer.path}" if output is not None and writer.path else ""
            stderr_line(f"fetch: {summary.line()}{where}")
            if analyze:
                if writer.path is not None:
                    failures += _analyze(writer.path, db)
                for record in summary.pending:  # stored: now the articles count as fetched
                    fetch_state.save(record)
    if failures:
        raise typer.Exit(1)


def _analyze(shard: Path, db: str | None) -> int:
    """Run ``conflictlens analyze`` on the shard (documents on stdout, stored); 1 if some
    documents failed. The same code path as the analyze command, not a copy of it."""
    from conflictlens.cli.analyze import analyze_cli

    try:
        analyze_cli(inputs=[str(shard)], db=db)
    except typer.Exit as done:
        return 1 if done.exit_code else 0
    return 0


def _default_state(output: Path | None, db: str | None) -> Path:
    """Beside the shards with --output; else one file per store in the user data dir, so
    fetching into a second store does not skip what only the first one holds."""
    if output is not None:
        return output / "fetch-state.sqlite"
    from platformdirs import user_data_dir

    from conflictlens.ingest.meta import short_hash
    from conflictlens.store.urls import default_db_url

    name = f"fetch-state-{short_hash(db or default_db_url())}.sqlite"
    return Path(user_data_dir("conflictlens")) / name
