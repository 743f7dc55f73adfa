"""``/api/documents``: list and read stored documents; analyse and store a new one."""

from __future__ import annotations

import threading
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.security import HTTPAuthorizationCredentials

from conflictlens.api.errors import ApiError, responses
from conflictlens.api.pages import Cursor, Limit, StoreDep, decode_cursor, page_of
from conflictlens.api.schemas import DocumentPage, DocumentSummary, NewDocument, StoredDocument
from conflictlens.api.security import bearer, require_token
from conflictlens.store import Store, queries

router = APIRouter(tags=["documents"])

#: spaCy pipelines are not safe to share between threads, and one analysis already keeps a core
#: busy: POSTs are analysed one at a time.
_ANALYSIS = threading.Lock()

DocId = Annotated[str, Path(min_length=1, max_length=512, description="Document id.")]


@router.get("/documents", response_model=DocumentPage, responses=responses())
def list_documents(
    store: StoreDep,
    source: Annotated[str | None, Query(description="Outlet name (exact).")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Part of the title or text (any case).")
    ] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> dict[str, Any]:
    """Stored documents without their text, newest publication date first."""
    after = decode_cursor(cursor, "documents", (str, str))
    rows, more = queries.document_page(store, source=source, q=q, limit=limit, after=after)
    items = [DocumentSummary(**vars(row)) for row in rows]
    return page_of(items, more, "documents", lambda item: (item.published, item.doc_id))


def stored_document(store: Store, doc_id: str) -> StoredDocument:
    document = store.get_document(doc_id)
    if document is None:
        raise ApiError(404, "not_found", f"document '{doc_id}': not in the store")
    return StoredDocument.model_validate(document.model_dump() | {"text": document.text or ""})


@router.get("/documents/{doc_id:path}", response_model=StoredDocument, responses=responses(404))
def get_document(doc_id: DocId, store: StoreDep) -> StoredDocument:
    """The contract Document with events, actors, relations, places, framing, and its text."""
    return stored_document(store, doc_id)


@router.post(
    "/documents",
    response_model=StoredDocument,
    status_code=201,
    responses={
        **responses(401, 403),
        200: {"model": StoredDocument, "description": "already stored"},
    },
)
def post_document(
    body: NewDocument,
    request: Request,
    response: Response,
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> StoredDocument:
    """Analyse an article with the same ``analyze()`` as the CLI and store it.

    201 when the document is new, 200 when a document with this id was already stored (it is
    replaced if the text or metadata changed). Needs ``Authorization: Bearer TOKEN``.
    """
    from conflictlens.ingest.jsonl import parse_record
    from conflictlens.pipeline import analyze
    from conflictlens.storing import store_analysed

    require_token(request, credentials)
    # The JSONL reader's own record parser: same ids, date normalisation and refusals.
    raw = parse_record(body.model_dump(exclude_none=True), "request body")
    with _ANALYSIS:
        document = analyze(raw)
        # The same step as ``conflictlens analyze``: same content hash, registry, clusters.
        outcome = store_analysed(store, document, raw)
    if outcome != "inserted":
        response.status_code = 200
    response.headers["Location"] = f"/api/documents/{quote(document.doc_id, safe='')}"
    return stored_document(store, document.doc_id)
