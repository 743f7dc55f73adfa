"""Fetching live sources politely: feed lists and URL lists to articles as JSONL.

robots.txt is obeyed, each host gets a minimum delay between requests, failures are retried
with backoff (honouring Retry-After), unchanged pages answer 304 to conditional GETs, bodies
are streamed under a size cap, and only http(s) is ever requested. ``fetch_sources`` yields
what happened to each URL; the caller keeps the articles and then saves their state.
"""

from conflictlens.fetch.client import Fetched, HttpClient, Validators
from conflictlens.fetch.collect import FetchSummary, collect
from conflictlens.fetch.errors import FetchError
from conflictlens.fetch.limiter import HostLimiter
from conflictlens.fetch.output import ArticleWriter, article_line
from conflictlens.fetch.robots import RobotsCache, RobotsDisallowed
from conflictlens.fetch.run import STATUSES, Outcome, fetch_sources
from conflictlens.fetch.settings import FetchSettings, default_user_agent
from conflictlens.fetch.sources import Source, read_source_file
from conflictlens.fetch.state import FetchState, Record

__all__ = [
    "STATUSES",
    "ArticleWriter",
    "FetchError",
    "FetchSettings",
    "FetchState",
    "FetchSummary",
    "Fetched",
    "HostLimiter",
    "HttpClient",
    "Outcome",
    "Record",
    "RobotsCache",
    "RobotsDisallowed",
    "Source",
    "Validators",
    "article_line",
    "collect",
    "default_user_agent",
    "fetch_sources",
    "read_source_file",
]
