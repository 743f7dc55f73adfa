"""``conflictlens fetch`` end to end against the local server: files, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictlens.cli import main
from conflictlens.ingest import read_inputs
from conflictlens.records import RawDocument

from .conftest import AGENT, Reply, Seen, article_html, html_reply, url_list


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never the user's store or user agent."""
    monkeypatch.setenv("CONFLICTLENS_DB", f"sqlite:///{tmp_path / 'default.sqlite'}")
    monkeypatch.delenv("CONFLICTLENS_USER_AGENT", raising=False)


def cli(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, list[str]]:
    capsys.readouterr()
    try:
        # The fixture server is on 127.0.0.1, which fetch refuses unless told otherwise.
        extra = ["--allow-private"] if args and args[0] == "fetch" else []
        main([str(a) for a in args] + extra)
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else 0
    else:
        code = 0
    captured = capsys.readouterr()
    return code, captured.out, [line for line in captured.err.splitlines() if line.strip()]


def etag_page(title: str, etag: str):
    def answer(seen: Seen) -> Reply:
        if seen.headers.get("if-none-match") == etag:
            return Reply(304)
        return html_reply(title, ETag=etag)

    return answer


def test_fetch_cli_writes_articles_that_analyze_reads(server, tmp_path, capsys):
    server.routes["/one.html"] = etag_page("First report", '"1"')
    server.routes["/two.html"] = etag_page("Second report", '"2"')
    urls = url_list(tmp_path, server.url("/one.html"), server.url("/two.html"))
    out = tmp_path / "out"
    options = ("-o", out, "--user-agent", AGENT, "--rate", "0")

    code, stdout, err = cli(capsys, "fetch", urls, *options)
    assert code == 0 and stdout == ""
    (shard,) = out.glob("fetched-*.jsonl")
    assert err == [f"fetch: 2 new -> {shard}"]
    documents = [d for d in read_inputs([str(shard)]) if isinstance(d, RawDocument)]
    assert sorted(d.title or "" for d in documents) == ["First report", "Second report"]
    assert {d.url for d in documents} == {server.url("/one.html"), server.url("/two.html")}
    assert (out / "fetch-state.sqlite").is_file()

    code, _, err = cli(capsys, "fetch", urls, *options)
    assert code == 0 and err == ["fetch: 2 not-modified"]
    assert list(out.glob("fetched-*.jsonl")) == [shard]


def test_fetch_cli_reports_each_failure_and_exits_1(server, tmp_path, capsys):
    server.route("/ok.html", html_reply("Fine"))
    server.route("/doc.pdf", Reply(200, b"%PDF-1.4", {"Content-Type": "application/pdf"}))
    urls = url_list(tmp_path, server.url("/ok.html"), server.url("/doc.pdf"), "file:///etc/passwd")
    code, _, err = cli(capsys, "fetch", urls, "-o", tmp_path / "out", "--rate", "0")
    assert code == 1
    assert err[0].startswith("conflictlens fetch: note: the user agent has no contact")
    assert err[1:3] == [
        f"{urls}:5: only http and https URLs are fetched (scheme 'file:')",
        f"{server.url('/doc.pdf')}: unsupported content type 'application/pdf'",
    ]
    assert err[3].startswith("fetch: 1 new, 1 failed -> ")
    assert server.requests[0].headers["user-agent"].startswith("conflictlens/")
    assert "Traceback" not in "\n".join(err)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "fetch: nothing to do: give --output DIR, --analyze, or both"),
        (("-o", "OUT", "--db", "sqlite:///x.sqlite"), "--db: is only used with --analyze"),
    ],
)
def test_fetch_cli_usage_errors(tmp_path, capsys, args, message):
    urls = url_list(tmp_path, "https://example.org/a")
    args = tuple(tmp_path / "out" if a == "OUT" else a for a in args)
    code, _, err = cli(capsys, "fetch", urls, *args)
    assert code == 2 and err == [f"conflictlens: {message}"]


def test_fetch_cli_missing_list_is_a_usage_error(tmp_path, capsys):
    code, _, err = cli(capsys, "fetch", tmp_path / "nope.txt", "-o", tmp_path / "out")
    assert code == 2 and err == [f"conflictlens: {tmp_path / 'nope.txt'}: no such file"]


@pytest.mark.slow
def test_fetch_cli_analyze_stores_new_articles_once(server, tmp_path, capsys):
    from conflictlens.store import Store

    text = (
        "<p>Two soldiers were killed on Monday when gunmen attacked a checkpoint near Aleppo, "
        "Syria, local officials said.</p><p>Officials said the attackers fled the area.</p>"
    )
    page = article_html("Checkpoint attack").replace(b"<article>", f"<article>{text}".encode())
    server.routes["/attack.html"] = lambda seen: (
        Reply(304)
        if seen.headers.get("if-none-match") == '"x"'
        else Reply(200, page, {"Content-Type": "text/html", "ETag": '"x"'})
    )
    urls = url_list(tmp_path, server.url("/attack.html"))
    db = f"sqlite:///{tmp_path / 'store.sqlite'}"
    state = tmp_path / "state.sqlite"
    options = ("--analyze", "--db", db, "--state", state, "--user-agent", AGENT, "--rate", "0")

    code, stdout, err = cli(capsys, "fetch", urls, *options)
    assert code == 0, err
    (document,) = [json.loads(line) for line in stdout.splitlines()]
    store = Store(db)
    try:
        stored = list(store.documents())
    finally:
        store.close()
    assert [d.doc_id for d in stored] == [document["doc_id"]]

    code, stdout, err = cli(capsys, "fetch", urls, *options)
    assert code == 0 and stdout == "" and err == ["fetch: 1 not-modified"]
