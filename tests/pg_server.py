"""A throwaway PostgreSQL server for the tests: its own cluster in a temp dir, stopped after.

The server binaries come from the Debian ``postgresql`` package (``apt-get install -y
postgresql``); they are found through ``$CONFLICTLENS_PG_BINDIR``, ``pg_config --bindir``,
``/usr/lib/postgresql/*/bin`` or ``PATH``. Tests that need the server skip, with that reason,
only when no binaries are found. ``initdb`` refuses to run as root, so under root the cluster
belongs to the package's ``postgres`` user and the commands run through ``runuser``.

The server listens on a Unix socket inside the temp dir only (no TCP), with fsync off: nothing
else on the machine can reach it, and it is fast. Import the fixtures into a conftest.py
(``from pg_server import pg_server, pg_url  # noqa: F401``) to use them in another folder.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

BINDIR_ENV = "CONFLICTLENS_PG_BINDIR"
SUPERUSER = "postgres"
_NEEDED = ("initdb", "pg_ctl", "postgres")


def find_bindir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or ``None`` when not installed."""
    candidates: list[str] = []
    if os.environ.get(BINDIR_ENV):
        candidates.append(os.environ[BINDIR_ENV])
    if shutil.which("pg_config"):
        done = subprocess.run(
            ["pg_config", "--bindir"], capture_output=True, text=True, check=False
        )
        candidates.append(done.stdout.strip())

    def version(path: str) -> tuple[int, ...]:
        name = Path(path).parent.name
        return tuple(int(part) for part in name.split(".") if part.isdigit())

    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb") or "").parent))
    for candidate in candidates:
        if candidate and all((Path(candidate) / name).is_file() for name in _NEEDED):
            return Path(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class PostgresServer:
    """One cluster: ``start()`` it, ``create_database()`` per test, ``stop()`` at the end."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.port = _free_port()
        self.root = Path(tempfile.mkdtemp(prefix="conflictlens-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self._as_owner: list[str] = []
        self._names = itertools.count(1)
        self._running = False

    def _run(self, *args: str) -> None:
        done = subprocess.run(
            [*self._as_owner, *args], capture_output=True, text=True, check=False, cwd=self.root
        )
        if done.returncode != 0:
            raise RuntimeError(
                f"{Path(args[0]).name} failed: {(done.stderr or done.stdout)[-2000:]}"
            )

    def start(self) -> None:
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                raise RuntimeError("running as root, and runuser is missing")
            shutil.chown(self.root, user=SUPERUSER)
            self._as_owner = ["runuser", "-u", SUPERUSER, "--"]
        self._run(
            str(self.bindir / "initdb"),
            "--pgdata",
            str(self.data),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            # C collation: text sorts by code point, as in SQLite, so orderings compare.
            "--locale",
            "C",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses='' -c unix_socket_directories={self.socket_dir} "
            f"-p {self.port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "start",
            "--pgdata",
            str(self.data),
            "--wait",
            "--timeout",
            "60",
            "--log",
            str(self.root / "server.log"),
            "-o",
            options,
        )
        self._running = True

    def url(self, database: str = "postgres") -> str:
        """A ``postgresql://`` URL, as users type it, for ``database`` on this server."""
        return f"postgresql://{SUPERUSER}@/{database}?host={self.socket_dir}&port={self.port}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname="postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self._running:
            self._running = False
            subprocess.run(
                [
                    *self._as_owner,
                    str(self.bindir / "pg_ctl"),
                    "stop",
                    "--pgdata",
                    str(self.data),
                    "--mode",
                    "immediate",
                    "--wait",
                ],
                capture_output=True,
                check=False,
                cwd=self.root,
            )
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A running server for the whole session; skipped (with the reason) when not installed."""
    bindir = find_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install -y postgresql "
            f"or set {BINDIR_ENV}"
        )
    server = PostgresServer(bindir)
    atexit.register(server.stop)  # also when the session is interrupted
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PostgresServer) -> str:
    """A fresh, empty database on the session's server."""
    return pg_server.create_database()
