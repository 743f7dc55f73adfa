"""The UI package without a browser: what `mount_ui` serves, with which headers, and that the
shipped code keeps to its rules (no inline script, no HTML built from strings, no CDN)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from conflictlens.web import CONTENT_SECURITY_POLICY, mount_ui

STATIC = Path(str(files("conflictlens.web") / "static"))
OWN_JS = sorted((STATIC / "js").glob("*.js"))


@pytest.fixture(scope="module")
def client() -> TestClient:
    app = FastAPI()
    mount_ui(app)
    return TestClient(app)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, Any]]] = []
        self.script_text = ""
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.script_text += data.strip()


def test_web_index_is_served_with_a_strict_csp(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert csp == CONTENT_SECURITY_POLICY
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["default-src"] == "'none'"
    assert "unsafe" not in csp and "*" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"


def test_web_index_has_no_inline_script_style_or_handlers() -> None:
    parser = _Tags()
    parser.feed((STATIC / "index.html").read_text(encoding="utf-8"))
    assert parser.script_text == ""
    for tag, attrs in parser.tags:
        assert "style" not in attrs, tag
        assert not [name for name in attrs if name.startswith("on")], tag
        assert tag != "style"
        if tag == "script":
            assert attrs.get("type") == "module" and attrs["src"].startswith("static/")
        for name in ("src", "href"):
            assert not str(attrs.get(name, "")).startswith(("http:", "https:", "//")), attrs


def test_web_own_code_never_builds_html_from_strings() -> None:
    assert OWN_JS, "no UI modules found"
    forbidden = re.compile(
        r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML\(|document\.write|\beval\(|"
        r"new Function|setAttribute\(\s*[\"']style|https?://(?!www\.w3\.org/2000/svg)"
    )
    for path in OWN_JS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not forbidden.search(line), f"{path.name}:{number}: {line.strip()}"


def test_web_tile_host_in_csp_is_the_configured_tile_layer(client: TestClient) -> None:
    config = client.get("/ui/config.json").json()
    assert config["tile_url"].startswith("https://")
    host = re.match(r"https://[^/]+", config["tile_url"]).group(0)  # type: ignore[union-attr]
    img_src = [d for d in CONTENT_SECURITY_POLICY.split(";") if d.strip().startswith("img-src")]
    assert img_src == [f" img-src 'self' {host}"]
    assert "Battles" in config["event_types"] and "Armed clash" in config["sub_event_types"]
    assert config["certainty"][0] == "confirmed"


def test_web_static_files_and_vendored_libraries(client: TestClient) -> None:
    main = client.get("/static/js/main.js")
    assert main.status_code == 200
    assert main.headers["content-type"].startswith("text/javascript")
    vendored = json.loads((STATIC / "vendor" / "VENDOR.json").read_text(encoding="utf-8"))
    assert {v["name"]: v["license"] for v in vendored} == {
        "leaflet": "BSD-2-Clause",
        "cytoscape": "MIT",
        "world-atlas": "ISC",
    }
    for path in (
        "vendor/leaflet/leaflet-src.esm.js",
        "vendor/leaflet/leaflet.css",
        "vendor/cytoscape/cytoscape.esm.min.mjs",
        "vendor/world-atlas/countries-50m.geojson",
    ):
        response = client.get(f"/static/{path}")
        assert response.status_code == 200, path
    basemap = client.get("/static/vendor/world-atlas/countries-50m.geojson").json()
    names = {f["properties"]["name"] for f in basemap["features"]}
    assert {"Syria", "Iraq", "Lebanon"} <= names


def test_web_static_refuses_paths_outside_its_folder(client: TestClient) -> None:
    assert client.get("/static/../__init__.py").status_code == 404
    assert client.get("/static/%2e%2e/__init__.py").status_code == 404
