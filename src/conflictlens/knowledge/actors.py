"""The actor knowledge base: canonical, neutral (ACLED-style) actor names and their aliases.

Outlets name the same armed group many ways ("Liwa al-Quds", "Al-Quds Brigade", "Syrian Arab
Army Fedayeen") and characterise it with loaded labels ("Takfiri terrorists"). The KB maps
aliases, never labels, to one canonical actor so that events carry neutral names; labels live
in ``data/labels.jsonl`` for the framing stage.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from conflictlens.knowledge.matcher import TokenMatcher
from conflictlens.knowledge.normalize import (
    ARTICLES,
    STANCE_BEFORE,
    fold_ascii,
    normalize_name,
)

__all__ = ["GENERIC_KINDS", "Actor", "ActorKB", "ActorMatch", "Label", "load_labels"]

#: ACLED inter codes of the actor types.
INTER_CODES: dict[str, int] = {
    "state_force": 1,
    "rebel_group": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external": 8,
    "other": 8,
}

#: kind -> (ACLED name pattern, actor type) for actors made on demand per country.
GENERIC_KINDS: dict[str, tuple[str, str]] = {
    "unidentified_armed_group": ("Unidentified Armed Group ({country})", "political_militia"),
    "civilians": ("Civilians ({country})", "civilians"),
    "protesters": ("Protesters ({country})", "protesters"),
    "rioters": ("Rioters ({country})", "rioters"),
}
_CONTEXTUAL_IDS = {
    "unidentified-armed-group": "unidentified_armed_group",
    "civilians": "civilians",
    "protesters": "protesters",
    "rioters": "rioters",
}
#: The contextual state actors ("regime airstrikes", "government forces": the country's own).
_STATE_IDS = frozenset({"state-forces", "police-forces"})
#: A capitalised word listed right before another: "Russian and ", "US, ", "Iraqi/".
_COORDINATED_BEFORE = re.compile(r"\b([A-Z][\w.]*)(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*/\s*)$")
_WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:['’‘ʿʾ][^\W_]+)*")


@dataclass(frozen=True)
class Actor:
    """One actor; ``country`` None means the country comes from the document (contextual)."""

    actor_id: str
    name: str
    type: str
    inter: int
    country: str | None
    home_country: str | None
    aliases: tuple[str, ...]
    parent: str | None
    active: str
    labels: tuple[str, ...] = ()
    notes: str = ""
    # Exact first and last day (YYYY-MM-DD, "" open) where the years of ``active`` are not
    # enough: Syria's armed forces changed on 8 December 2024, inside a year.
    active_dates: tuple[str, str] | None = None


@dataclass(frozen=True)
class ActorMatch:
    """An alias found in a text. ``contextual``: the actor's country must come from context."""

    start: int
    end: int
    surface: str
    actor: Actor
    contextual: bool = False


@dataclass(frozen=True)
class Label:
    """A characterising label ("terrorist group"); ``loaded`` labels are never actor names."""

    label: str
    loaded: bool
    polarity: str
    variants: tuple[str, ...] = field(default_factory=tuple)
    notes: str = ""


@dataclass(frozen=True)
class _Alias:
    actor: Actor
    words: tuple[str, ...]  # the alias as written, articles dropped
    exact: bool  # written in the KB; False for phrases generated from demonyms


def _data_text(name: str) -> str:
    return resources.files("conflictlens.knowledge").joinpath("data", name).read_text("utf-8")


def _other_state_forces(
    countries: dict[str, Any],
) -> tuple[list[Actor], dict[str, dict[str, Any]]]:
    """Military and police forces of the countries ``countries.json`` does not list, named as
    ACLED names them without a government's years ("Military Forces of France"), with the
    demonyms of ``state_demonyms.tsv`` ("French troops"). The ids are those ``ActorKB`` gives a
    country's forces it makes on demand, so both ways name one actor."""
    listed = {k: v for k, v in countries.items() if not k.startswith("_")}
    covered = {d for info in listed.values() for d in info["demonyms"]}
    pairs = [
        line.split("\t")
        for line in _data_text("state_demonyms.tsv").splitlines()
        if line and not line.startswith("#")
    ]
    by_country: dict[str, list[str]] = {}
    for demonym, country in [*pairs, *countries.get("_more_demonyms", {}).items()]:
        if country not in listed and demonym not in covered:
            by_country.setdefault(country, []).append(demonym)
    actors: list[Actor] = []
    more: dict[str, dict[str, Any]] = {}
    for country, demonyms in by_country.items():
        ids = {}
        for kind in ("state-forces", "police-forces"):
            actors.append(_plain_state_actor(kind, country))
            ids[kind] = actors[-1].actor_id
        more[country] = {
            "demonyms": demonyms,
            "military": ids["state-forces"],
            "police": ids["police-forces"],
        }
    return actors, more


#: Country names ACLED writes with "the" after "Military Forces of" ("the United Kingdom").
_THE = re.compile(
    r"^(?:the |United |Republic |Democratic |Central African|Czech|Dominican Republic|"
    r"Philippines|Netherlands|Bahamas|Maldives|Comoros|Gambia)|Islands$",
    re.IGNORECASE,
)


def _with_article(country: str) -> str:
    bare = country[4:] if country.startswith(("The ", "the ")) else country
    return f"the {bare}" if _THE.search(country) else bare


def _plain_state_actor(kind: str, country: str) -> Actor:
    """A country's military ("state-forces") or police ("police-forces") as ACLED names them,
    without a government's years: "Military Forces of France"."""
    prefix = "Police Forces" if kind == "police-forces" else "Military Forces"
    return Actor(
        actor_id=f"{kind}-{_slug(country)}",
        name=f"{prefix} of {_with_article(country)}",
        type="state_force",
        inter=1,
        country=country,
        home_country=country,
        aliases=(),
        parent=None,
        active="",
    )


def _slug(country: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", country.casefold()).strip("-")


def _names_forces(alias: _Alias) -> bool:
    """A "demonym + force" alias ("Syrian warplanes") or the contextual state forces'
    ("regime airstrikes"): the kinds of match a listed demonym ("Russian and ...") shares."""
    return not alias.exact or alias.actor.actor_id in _STATE_IDS


def _words(text: str) -> tuple[str, ...]:
    words = [m.group() for m in _WORD_RE.finditer(text)]
    return tuple(
        w for i, w in enumerate(words) if not (w.casefold() in ARTICLES and i < len(words) - 1)
    )


def _is_acronym(word: str) -> bool:
    letters = word.replace(".", "")
    return letters.isupper() and len(letters) <= 4


def _plain(word: str) -> str:
    return fold_ascii(word).casefold().replace(".", "").replace("’", "'")


def _alias_fits(alias: _Alias, surface_words: list[str]) -> bool:
    """Case rules: acronyms match case-sensitively; spelling variants need a capital on a name
    and are no match at all for a common English word ("Reuters" folds like "rioters")."""
    if len(alias.words) != len(surface_words):
        return True  # token counts differ only through punctuation; trust the key
    for written, seen in zip(alias.words, surface_words, strict=True):
        if _is_acronym(written):
            if seen.replace(".", "") != written.replace(".", ""):
                return False
        elif _plain(written) != _plain(seen) and written[:1].isupper() and not seen[:1].isupper():
            return False  # a transliteration-only match on a lower-case word ("dish")
        elif _plain(written) != _plain(seen) and written[:1].islower():
            return False  # English words have one spelling: "Reuters" is not "rioters"
    return True


def load_labels() -> list[Label]:
    """The characterising-label lexicon (``data/labels.jsonl``)."""
    out = []
    for line in _data_text("labels.jsonl").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append(
                Label(
                    row["label"],
                    row["loaded"],
                    row["polarity"],
                    tuple(row["variants"]),
                    row.get("notes", ""),
                )
            )
    return out


class ActorKB:
    """Actors by id, name and alias, with a fast alias matcher over texts."""

    def __init__(self, actors: list[Actor], countries: dict[str, Any], terms: dict[str, Any]):
        self._actors: dict[str, Actor] = {actor.actor_id: actor for actor in actors}
        self._countries = {k: v for k, v in countries.items() if not k.startswith("_")}
        self._by_name: dict[str, list[Actor]] = {}
        self._generic: dict[tuple[str, str], Actor] = {}
        self._matcher: TokenMatcher[_Alias] = TokenMatcher()
        self._alias_rows: list[_Alias] = []
        for actor in actors:
            for alias in (actor.name, *actor.aliases):
                if alias:
                    self._add(alias, actor, exact=True)
        for country, info in self._countries.items():
            for role in ("military", "police"):
                state = self._actors.get(info.get(role) or "")
                if state is None:
                    continue
                for demonym in info["demonyms"]:
                    for term in terms.get(role, []):
                        self._add(f"{demonym} {term}", state, exact=False)
            del country
        self._matcher.build()

    def _add(self, alias: str, actor: Actor, exact: bool) -> None:
        entry = _Alias(actor, _words(alias), exact)
        self._matcher.add(alias, entry)
        key = normalize_name(alias)
        bucket = self._by_name.setdefault(key, [])
        if actor not in bucket:
            bucket.append(actor)

    @classmethod
    def default(cls) -> ActorKB:
        """The packaged KB (loaded once per process)."""
        return _default_kb()

    @classmethod
    def from_jsonl(cls, text: str) -> ActorKB:
        """A KB from JSONL actor rows (same shape as ``data/actors.jsonl``)."""
        actors = [_actor_from_row(json.loads(line)) for line in text.splitlines() if line.strip()]
        countries = json.loads(_data_text("countries.json"))
        generated, more = _other_state_forces(countries)
        return cls(
            [*actors, *generated],
            {**countries, **more},
            json.loads(_data_text("force_terms.json")),
        )

    def __len__(self) -> int:
        return len(self._actors)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._actors.values())

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMatch]:
        """Actor aliases in ``text[start:end]``: longest-leftmost, on word boundaries.

        A demonym coordinated with a matched "demonym + force" alias shares its noun: "Russian
        and Syrian warplanes" names Russia's forces too, at the word "Russian".
        """
        out: list[ActorMatch] = []
        for span_start, span_end, _, payloads in self._matcher.spans(text, start, end):
            if STANCE_BEFORE.search(text, max(0, span_start - 5), span_start):
                continue  # "pro-regime fighters", "anti-Assad rebels": a stance, not the actor
            surface = text[span_start:span_end]
            seen = list(_words(surface))
            fitting = [alias for alias in payloads if _alias_fits(alias, seen)]
            if not fitting:
                continue
            best = min(fitting, key=lambda a: (not a.exact, a.actor.country is None))
            actor = best.actor
            if _names_forces(best):
                floor = max(start, out[-1].end if out else 0)
                out.extend(self._coordinated(text, floor, span_start, surface))
            out.append(ActorMatch(span_start, span_end, surface, actor, actor.country is None))
        return out

    def _coordinated(self, text: str, floor: int, start: int, surface: str) -> list[ActorMatch]:
        """The demonyms listed before a "demonym + force" match, each with the match's noun:
        "Russian and" / "US, British and" before "Syrian warplanes", "Iraqi forces"."""
        noun = surface.split(None, 1)[1] if " " in surface else ""
        found: list[ActorMatch] = []
        at = start
        while noun and (hit := _COORDINATED_BEFORE.search(text, max(floor, at - 40), at)):
            word = hit.group(1)
            phrase = f"{word} {noun}"
            seen = list(_words(phrase))
            actor = next(
                (
                    alias.actor
                    for s, e, _, aliases in self._matcher.spans(phrase)
                    if (s, e) == (0, len(phrase))
                    for alias in aliases
                    if _names_forces(alias) and _alias_fits(alias, seen)
                ),
                None,
            )
            if actor is not None:  # else a demonym without forces here ("British"): read on
                found.insert(0, ActorMatch(hit.start(1), hit.end(1), word, actor, False))
            at = hit.start(1)
        return found

    def get(self, actor_id: str) -> Actor | None:
        if actor_id in self._actors:
            return self._actors[actor_id]
        return next((a for a in self._generic.values() if a.actor_id == actor_id), None)

    def by_name(self, name: str) -> Actor | None:
        """Actor by canonical name or alias, in any transliteration ("Liwa Al Quds")."""
        found = self._by_name.get(normalize_name(name))
        return found[0] if found else None

    def generic(self, kind: str, country: str) -> Actor:
        """'Civilians (Syria)', 'Unidentified Armed Group (Syria)', ... made on demand."""
        kind = _CONTEXTUAL_IDS.get(kind, kind)
        if kind not in GENERIC_KINDS:
            raise ValueError(f"unknown generic actor kind {kind!r}; one of {sorted(GENERIC_KINDS)}")
        cached = self._generic.get((kind, country))
        if cached is not None:
            return cached
        pattern, actor_type = GENERIC_KINDS[kind]
        slug = re.sub(r"[^a-z0-9]+", "-", fold_ascii(country).casefold()).strip("-")
        actor = Actor(
            actor_id=f"{kind.replace('_', '-')}-{slug}",
            name=pattern.format(country=country),
            type=actor_type,
            inter=INTER_CODES[actor_type],
            country=country,
            home_country=country,
            aliases=(),
            parent=None,
            active="",
        )
        self._generic[(kind, country)] = actor
        return actor

    def state_forces(self, country: str, date: str | None = None) -> Actor | None:
        """The military forces of ``country``; with ``date`` (YYYY-MM-DD), the ones active then."""
        info = self._countries.get(country)
        if info is None:
            match = self.by_name(country)
            info = self._countries.get(match.country) if match and match.country else None
        if info is None:
            return None
        default = self._actors.get(info.get("military") or "")
        if date is None or default is None:
            return default
        candidates = [
            actor
            for actor in self._actors.values()
            if actor.country == default.country
            and actor.type == "state_force"
            and actor.name.startswith("Military Forces of")
            and actor.parent is None
        ]
        for actor in candidates:
            if _active_on(actor, date):
                return actor
        return default

    def resolve(self, actor: Actor, country: str, date: str | None = None) -> Actor:
        """A matched actor made concrete: contextual ones ("gunmen", "government forces",
        "civilians") become the generic or state actor of ``country``; others stay as they are."""
        if actor.name:
            return actor
        if not country:
            return actor
        if actor.actor_id in ("state-forces", "police-forces"):
            return self._state_actor(actor.actor_id, country, date)
        return self.generic(actor.actor_id, country)

    def _state_actor(self, kind: str, country: str, date: str | None) -> Actor:
        """The country's military or police; a plain ACLED-style name when the KB has none."""
        info = self._countries.get(country) or {}
        if kind == "police-forces" and info.get("police") in self._actors:
            return self._actors[info["police"]]
        found = self.state_forces(country, date)
        if found is not None and kind == "state-forces":
            return found
        return _plain_state_actor(kind, country)

    def inter_for(self, actor: Actor, event_country: str) -> int:
        """ACLED inter code in an event's country: a state's forces abroad are external (8)."""
        if (
            actor.inter == 1
            and actor.home_country
            and event_country
            and (actor.home_country != event_country)
        ):
            return 8
        return actor.inter

    def patterns(self) -> list[dict[str, Any]]:
        """spaCy EntityRuler token patterns; ``id`` is the actor_id (contextual ones excluded)."""
        out: list[dict[str, Any]] = []
        seen: set[tuple[str, str]] = set()
        for actor in self._actors.values():
            if actor.country is None:
                continue
            label = "NORP" if actor.type in ("civilians", "protesters", "rioters") else "ORG"
            for alias in (actor.name, *actor.aliases):
                if not alias or (alias, actor.actor_id) in seen:
                    continue
                seen.add((alias, actor.actor_id))
                tokens = re.findall(r"(?:[^\W\d_]\.){2,}|[^\W_]+|[^\w\s]", alias)
                pattern = [
                    {"ORTH": tok} if _is_acronym(tok) else {"LOWER": tok.lower()} for tok in tokens
                ]
                out.append({"label": label, "pattern": pattern, "id": actor.actor_id})
        return out


def _active_on(actor: Actor, day: str) -> bool:
    if actor.active_dates is not None:
        first, last = actor.active_dates
        return (not first or first <= day) and (not last or day <= last)
    return _active_in(actor.active, int(day[:4]))


def _active_in(period: str, year: int) -> bool:
    match = re.fullmatch(r"(\d{4})-(\d{4})?", period.strip())
    if not match:
        return False
    first = int(match.group(1))
    last = int(match.group(2)) if match.group(2) else 9999
    return first <= year <= last


def _actor_from_row(row: dict[str, Any]) -> Actor:
    actor_type = row["type"]
    return Actor(
        actor_id=row["actor_id"],
        name=row["name"],
        type=actor_type,
        inter=int(row.get("inter") or INTER_CODES[actor_type]),
        country=row.get("country"),
        home_country=row.get("home_country", row.get("country")),
        aliases=tuple(row.get("aliases", ())),
        parent=row.get("parent"),
        active=row.get("active", ""),
        labels=tuple(row.get("labels", ())),
        notes=row.get("notes", ""),
        active_dates=tuple(row["active_dates"]) if row.get("active_dates") else None,  # type: ignore[arg-type]
    )


@lru_cache(maxsize=1)
def _default_kb() -> ActorKB:
    return ActorKB.from_jsonl(_data_text("actors.jsonl"))
