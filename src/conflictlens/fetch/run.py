"""One fetch run: listed URLs first (feeds or articles), then the articles the feeds link to.

Only new or changed articles come out. The caller writes each one and then saves its state
``Record`` (so a crash never marks an unsaved article as seen); a feed's own validators come
out last, and only when every entry it listed was fetched, so a failed entry is retried by the
next run instead of hiding behind a 304.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

import httpx

from conflictlens.errors import InputError
from conflictlens.fetch.client import Fetched, HttpClient, Validators
from conflictlens.fetch.errors import FetchError
from conflictlens.fetch.pages import (
    ACCEPT_ANY,
    ACCEPT_HTML,
    FEED_TYPES,
    HTML_TYPES,
    Entry,
    article_document,
    content_hash,
    feed_entries,
    kind_of,
)
from conflictlens.fetch.pool import run_by_host
from conflictlens.fetch.robots import RobotsCache, RobotsDisallowed
from conflictlens.fetch.settings import FetchSettings
from conflictlens.fetch.sources import Source
from conflictlens.fetch.state import FetchState, Record
from conflictlens.fetch.urls import host
from conflictlens.ingest.meta import one_line, short_hash
from conflictlens.records import RawDocument

#: What happened to one URL. ``new``/``changed`` carry a document; ``failed`` an error that
#: makes the run exit 1; ``skipped`` (robots.txt) an error that is only reported;
#: ``not-modified`` (304), ``unchanged`` (same content) and ``seen`` (linked again by a feed,
#: nothing to revalidate with) need nothing; ``feed`` closes a feed fetched with a 200.
STATUSES = ("new", "changed", "unchanged", "not-modified", "seen", "skipped", "failed", "feed")


@dataclass
class Outcome:
    url: str
    origin: str
    status: str
    document: RawDocument | None = None
    record: Record | None = None  # save once ``document`` is safe
    error: InputError | None = None
    entries: int = 0  # feeds: how many entries they listed


@dataclass(frozen=True)
class _Task:
    url: str
    origin: str
    known: Record | None
    entry: Entry | None = None

    @property
    def validators(self) -> Validators | None:
        if self.known is None:
            return None
        return Validators(self.known.etag, self.known.last_modified)


@dataclass
class _Feed:
    url: str
    origin: str
    record: Record
    entries: list[Entry | InputError] = field(default_factory=list)


def fetch_sources(
    sources: Sequence[Source],
    settings: FetchSettings,
    state: FetchState,
    *,
    transport: httpx.BaseTransport | None = None,
) -> Iterator[Outcome]:
    """Fetch every listed URL and every article its feeds link to; outcomes as they finish.

    ``state`` is only read here; the caller saves each outcome's ``record`` (and calls
    ``state.touch`` on ``not-modified``) once it has kept the document.
    """
    with HttpClient(settings, transport=transport) as client:
        fetcher = _Fetcher(client, RobotsCache(client))
        listed: dict[str, _Task] = {}
        for source in sources:
            listed.setdefault(source.url, _Task(source.url, source.origin, state.get(source.url)))
        feeds: list[_Feed] = []
        follow: dict[str, _Task] = {}
        for result in run_by_host(list(listed.values()), _host, fetcher.listed, settings.workers):
            if isinstance(result, Outcome):
                yield result
                continue
            feeds.append(result)
            for item in result.entries:
                if isinstance(item, InputError):
                    yield Outcome(item.source, result.url, "failed", error=item)
                    continue
                if item.link is None:
                    if item.document is not None:
                        yield _entry_outcome(item.origin, item.document, state)
                    continue
                if item.link in listed or item.link in follow:
                    continue
                known = state.get(item.link)
                if known is not None and not (known.etag or known.last_modified):
                    yield Outcome(item.link, item.origin, "seen")
                    continue
                follow[item.link] = _Task(item.link, item.origin, known, item)
        failed: set[str] = set()
        for outcome in run_by_host(list(follow.values()), _host, fetcher.article, settings.workers):
            if outcome.status == "failed":
                failed.add(outcome.url)
            yield outcome
        for feed in feeds:
            links = {item.link for item in feed.entries if isinstance(item, Entry)}
            broken = bool(failed & links) or any(isinstance(i, InputError) for i in feed.entries)
            record = replace(feed.record, etag=None, last_modified=None) if broken else feed.record
            yield Outcome(feed.url, feed.origin, "feed", record=record, entries=len(feed.entries))


def _host(task: _Task) -> str:
    return host(task.url)


def _entry_outcome(origin: str, document: RawDocument, state: FetchState) -> Outcome:
    """A feed entry without a link: its own text is the article, keyed by its id."""
    key = f"entry:{document.doc_id}"
    digest = content_hash(document)
    known = state.get(key)
    if known is not None and known.content_hash == digest:
        return Outcome(key, origin, "unchanged")
    record = Record(key, "entry", content_hash=digest, doc_id=document.doc_id)
    status = "changed" if known else "new"
    return Outcome(key, origin, status, document=document, record=record)


class _Fetcher:
    """The work done in pool threads: network, parsing, extraction; never the state file."""

    def __init__(self, client: HttpClient, robots: RobotsCache) -> None:
        self.client = client
        self.robots = robots

    def listed(self, task: _Task) -> Outcome | _Feed:
        """A URL from an input file: a feed (entries to follow) or an article."""
        try:
            fetched = self.client.get(
                task.url,
                validators=task.validators,
                media_types=FEED_TYPES | HTML_TYPES,
                accept=ACCEPT_ANY,
                permit=self.robots.check,
            )
            if fetched.not_modified:
                return Outcome(task.url, task.origin, "not-modified")
            kind = kind_of(fetched)
            if kind == "feed":
                record = Record(task.url, "feed", *_validator_values(fetched))
                return _Feed(task.url, task.origin, record, feed_entries(fetched))
            if kind == "html":
                return self._article(task, fetched)
            return _failed(task, FetchError(task.url, _unsupported(fetched)))
        except RobotsDisallowed as error:
            return Outcome(task.url, task.origin, "skipped", error=error)
        except InputError as error:
            return _failed(task, error)
        except Exception as error:  # a hostile page choking a library must not end the run
            return _failed(task, _unexpected(task.url, error))

    def article(self, task: _Task) -> Outcome:
        """An article linked from a feed: HTML only."""
        try:
            fetched = self.client.get(
                task.url,
                validators=task.validators,
                media_types=HTML_TYPES,
                accept=ACCEPT_HTML,
                permit=self.robots.check,
            )
            if fetched.not_modified:
                return Outcome(task.url, task.origin, "not-modified")
            if kind_of(fetched) != "html":
                return _failed(task, FetchError(task.url, _unsupported(fetched)))
            return self._article(task, fetched)
        except RobotsDisallowed as error:
            return Outcome(task.url, task.origin, "skipped", error=error)
        except InputError as error:
            return _failed(task, error)
        except Exception as error:  # a hostile page choking a library must not end the run
            return _failed(task, _unexpected(task.url, error))

    def _article(self, task: _Task, fetched: Fetched) -> Outcome:
        document = article_document(fetched, short_hash(task.url), task.entry)
        digest = content_hash(document)
        record = Record(task.url, "article", *_validator_values(fetched), digest, document.doc_id)
        if task.known is not None and task.known.content_hash == digest:
            return Outcome(task.url, task.origin, "unchanged", record=record)
        status = "changed" if task.known and task.known.content_hash else "new"
        return Outcome(task.url, task.origin, status, document=document, record=record)


def _validator_values(fetched: Fetched) -> tuple[str | None, str | None]:
    return fetched.validators.etag, fetched.validators.last_modified


def _unsupported(fetched: Fetched) -> str:
    if fetched.media_type in FEED_TYPES:
        return f"a feed ({fetched.media_type}), not an article page"
    return f"unsupported content type '{fetched.media_type or 'none'}'"


def _unexpected(url: str, error: Exception) -> FetchError:
    return FetchError(url, one_line(f"could not fetch ({type(error).__name__}: {error})"))


def _failed(task: _Task, error: InputError) -> Outcome:
    return Outcome(task.url, task.origin, "failed", error=error)
