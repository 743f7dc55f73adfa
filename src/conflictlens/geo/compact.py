"""The compact default gazetteer: one gzipped TSV shipped with the package, read at load time.

Built by ``python -m conflictlens.geo.build_default`` (see there for its sources); read by
``knowledge.gazetteer`` so that nothing is downloaded at run time.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

__all__ = ["COLUMNS", "DEFAULT_PATH", "read_rows"]

COLUMNS = (
    "geonameid",
    "name",
    "kind",
    "feature",
    "country_code",
    "admin1_code",
    "admin2_code",
    "admin1",
    "admin2",
    "lat",
    "lon",
    "population",
    "code",
    "names",
    "source",
)

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "gazetteer.tsv.gz"


def read_rows(path: Path | None = None) -> Iterator[dict[str, str]]:
    """Rows of the compact gazetteer (``path`` or the packaged file), as dicts of COLUMNS."""
    if path is None:
        raw = resources.files("conflictlens.geo").joinpath("data", "gazetteer.tsv.gz").read_bytes()
    else:
        raw = path.read_bytes()
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        yield dict(zip(header, line.split("\t"), strict=True))
