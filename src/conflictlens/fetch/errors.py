"""The one error type of fetching: a URL that yielded nothing, and why (exit 1, like bad input)."""

from __future__ import annotations

from conflictlens.errors import InputError


class FetchError(InputError):
    """A URL could not be fetched or used: HTTP status, size, content type, redirects, scheme."""

    code = "E210"
