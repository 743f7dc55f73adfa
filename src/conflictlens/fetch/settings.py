"""How politely to fetch: one frozen object shared by the client, the robots cache and the run.

Defaults are written down here once; the CLI only overrides what the user asked for.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from conflictlens import __version__

#: Overrides the default user agent without a flag (for cron jobs and containers).
USER_AGENT_ENV = "CONFLICTLENS_USER_AGENT"
#: The placeholder a user replaces with a way to reach them (``--user-agent``); site operators
#: read it in their logs when our crawler misbehaves.
CONTACT_PLACEHOLDER = "contact: unset, see conflictlens fetch --help"
DEFAULT_USER_AGENT = f"conflictlens/{__version__} (+{CONTACT_PLACEHOLDER})"

_MB = 1024 * 1024


def default_user_agent() -> str:
    """``$CONFLICTLENS_USER_AGENT`` if set, else conflictlens with the contact placeholder."""
    return os.environ.get(USER_AGENT_ENV, "").strip() or DEFAULT_USER_AGENT


@dataclass(frozen=True)
class FetchSettings:
    """Politeness and safety limits for one fetch run.

    ``rate`` is the minimum delay between two requests to one host (robots.txt ``Crawl-delay``
    raises it, never lowers it); ``backoff`` doubles on each retry unless the server sends
    ``Retry-After``; a ``Retry-After`` longer than ``max_retry_after`` gives up on the URL for
    this run rather than holding a worker for hours.
    """

    user_agent: str = DEFAULT_USER_AGENT
    rate: float = 1.0
    max_bytes: int = 10 * _MB
    timeout: float = 20.0
    retries: int = 3
    backoff: float = 1.0
    max_retry_after: float = 300.0
    max_redirects: int = 5
    workers: int = 4
    robots_max_bytes: int = 512 * 1024  # RFC 9309: parse at least 500 KiB
    #: A feed can link to http://169.254.169.254/ or a service on the user's own network:
    #: hosts that resolve to private, loopback or link-local addresses are refused unless this
    #: is set (``--allow-private``, e.g. for an intranet feed).
    allow_private: bool = False
