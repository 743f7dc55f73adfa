"""Two processes writing the same documents into one store at once: no error, no duplicate.

Both start on an empty database, so they also race to create the layout.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conflictlens.store import Store

WRITER = """
import sys
sys.path.insert(0, sys.argv[3])
from store_records import TEXT, make_document
from conflictlens.store import Store

url, tag = sys.argv[1], sys.argv[2]
ids = [f"doc-{n:02d}" for n in range(20)]
if tag == "b":
    ids.reverse()
store = Store(url)
outcomes = []
for round_ in range(2):
    for doc_id in ids:
        # Same id, other content in each process and round: inserts, updates and no-ops race.
        outcomes.append(store.save(make_document(doc_id), text=TEXT, content_hash=f"{tag}{round_}"))
store.close()
print(len(outcomes))
"""


def test_store_concurrent_writers_two_processes(backend_url: str) -> None:
    here = str(Path(__file__).parent)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, backend_url, tag, here],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "40"
    with Store(backend_url) as store:
        assert store.stats() == {"documents": 20, "events": 40, "actors": 2, "relations": 20}
        for document in store.documents():
            assert [e.event_id for e in document.events] == [
                f"{document.doc_id}-e1",
                f"{document.doc_id}-e2",
            ]
