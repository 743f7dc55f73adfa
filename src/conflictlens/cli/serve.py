"""``conflictlens serve``: the REST API and web UI over the store (FastAPI + uvicorn)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from conflictlens.cli._app import app, stderr_line
from conflictlens.errors import UsageError

TOKEN_ENV = "CONFLICTLENS_API_TOKEN"
#: Shorter tokens are guessable; the server still starts, with a warning.
_SHORT_TOKEN = 16


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_token(token_env: str, token_file: Path | None) -> str | None:
    """The write token: from ``token_file`` if given, else from ``$token_env``; None if unset.

    Never a command-line value: those show in ``ps`` and shell history.
    """
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(str(token_file), f"cannot read the token file ({exc})") from exc
        if not token:
            raise UsageError(str(token_file), "the token file is empty")
        return token
    return os.environ.get(token_env, "").strip() or None


@app.command("serve")
def serve_cli(
    db: Annotated[str | None, typer.Option(help="Store URL.")] = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on; other than loopback exposes all reads.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token_env: Annotated[
        str, typer.Option("--token-env", help="Environment variable holding the write token.")
    ] = TOKEN_ENV,
    token_file: Annotated[
        Path | None, typer.Option("--token-file", help="File holding the write token.")
    ] = None,
) -> None:
    """Serve the REST API (/api) and the web UI (/) over the store; writes need a token."""
    import uvicorn

    from conflictlens.api import create_app
    from conflictlens.api.security import LOOPBACK_HOSTS

    token = read_token(token_env, token_file)
    loopback = _is_loopback(host)
    application = create_app(db, token, allowed_hosts=LOOPBACK_HOSTS if loopback else None)
    if not loopback:
        stderr_line(
            f"serve: warning: listening on {host}: anyone who can reach it reads the whole store"
        )
    if token is None:
        stderr_line(f"serve: writes disabled (set {token_env} or --token-file to enable them)")
    elif len(token) < _SHORT_TOKEN:
        stderr_line(f"serve: warning: the write token is short (< {_SHORT_TOKEN} characters)")
    shown = f"[{host}]" if ":" in host else host
    stderr_line(f"serve: http://{shown}:{port}/ (API under /api, schema /api/openapi.json)")
    uvicorn.run(application, host=host, port=port, log_level="warning", server_header=False)
