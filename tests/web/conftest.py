"""The real app (``conflictlens.api.create_app``) served by uvicorn on a free localhost port,
over a store holding the two analysed seed articles, and the system Chromium driven by
Playwright. Nothing is downloaded: the browser is the Debian package, tests skip without it.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SEEDS = (
    ("000_6ca5efe176715221.txt", "2016-10-07", "Alwaght"),
    ("003_fa6d3bb78d6323a6.txt", "2024-04-21", "TMJ News"),
)
CHROMIUM = os.environ.get("CONFLICTLENS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
TOKEN = "web-test-token"
#: Where the page screenshots go: build/screenshots by default (ignored by git, so `make test`
#: leaves the tree clean); `make screenshots` points this at docs/screenshots, which the README
#: and docs/ui.md show.
SCREENSHOTS = Path(os.environ.get("CONFLICTLENS_SCREENSHOT_DIR", ROOT / "build" / "screenshots"))


@dataclass
class Server:
    url: str
    db: str
    token: str


@pytest.fixture(scope="session")
def ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """uvicorn in a thread, serving create_app over a fresh store with the seed articles."""
    uvicorn = pytest.importorskip("uvicorn")
    from conflictlens.api import create_app
    from conflictlens.cli import main

    work = tmp_path_factory.mktemp("web")
    db = f"sqlite:///{work / 'ui.sqlite'}"
    for name, published, source in SEEDS:
        args = ["analyze", str(EXAMPLES / name), "--db", db, "--published", published]
        args += ["--source", source, "--output", str(work / f"{name}.jsonl")]
        try:
            main(args)
        except SystemExit as done:
            assert not done.code, f"conflictlens {' '.join(args)} exited {done.code}"

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = create_app(db, token=TOKEN)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield Server(f"http://127.0.0.1:{port}", db, TOKEN)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """The system Chromium (Debian package `chromium`); skipped with the reason when absent."""
    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Watched:
    """A page and everything it reported: console errors (CSP violations among them),
    uncaught exceptions, dialogs (alert/confirm/prompt) and requests leaving localhost."""

    page: Any
    base: str
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def open(self, route: str) -> Any:
        """Go to ``#/route`` and wait until the view says it has rendered."""
        self.page.goto(f"{self.base}/#/{route}")
        return self.wait_ready()

    def wait_ready(self) -> Any:
        self.page.wait_for_selector("body[data-ready]:not([data-ready=''])", state="attached")
        return self.page

    def screenshot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


@pytest.fixture
def ui(browser: Any, ui_server: Server) -> Iterator[Watched]:
    """A fresh browser context on the app; fails the test if the page logged an error, raised,
    opened a dialog or tried to reach anything but the server."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(15000)
    page = context.new_page()
    watched = Watched(page, ui_server.url)
    page.on("console", lambda m: m.type == "error" and watched.errors.append(m.text))
    page.on("pageerror", lambda e: watched.errors.append(f"uncaught: {e}"))

    def on_dialog(dialog: Any) -> None:
        watched.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)

    def on_request(route: Any) -> None:
        if route.request.url.startswith(ui_server.url):
            route.continue_()
        else:
            watched.outside.append(route.request.url)
            route.abort()

    page.route("**/*", on_request)
    try:
        yield watched
        assert watched.errors == [], f"the page reported errors: {watched.errors}"
        assert watched.dialogs == [], f"the page opened dialogs: {watched.dialogs}"
        assert watched.outside == [], f"the page reached outside: {watched.outside}"
    finally:
        context.close()
