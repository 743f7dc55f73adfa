"""Organisation names the knowledge base does not know, found in free text.

The KB matcher finds the actors it has aliases for; a brigade founded last month is invisible to
it. A name shaped like an armed group's ("Shuhada al-Yarmouk Brigade", "Jaysh al-Tahrir": a run
of capitalised words ending in an English head noun or opening with an Arabic one, lists in
``data/org_names.json``) is reported here so the registry can link it to a known actor or keep
it as a provisional one. Outlet labels in front of it ("the terrorist ...", "so-called ...")
are cut off: the name kept is neutral. Pattern rules rather than spaCy's NER: the pipeline
parses without NER (speed), its small model tags names like "Liwa al-Quds" as PERSON, and these
rules see every sentence, not only the event candidates.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

__all__ = ["OrgName", "find_org_names", "neutral_name"]

# A word of a name: capitalised ("Brigade", "Al-Furqan", "Kata'ib"), an article-joined
# ("al-Tahrir"), or a lower-case connector ("of", "al"); hyphens and apostrophes inside.
_WORD = re.compile(r"[A-Za-z][\w'’]*(?:-[\w'’]+)*")
# What may separate two words of one name: spaces only (punctuation ends a name).
_GAP = re.compile(r"^ +$")


@dataclass(frozen=True)
class OrgName:
    """One organisation name in a text: ``text[start:end] == surface``; ``name`` is neutral."""

    start: int
    end: int
    surface: str
    name: str


@lru_cache(maxsize=1)
def _rules() -> dict[str, Any]:
    raw = resources.files("conflictlens.actors").joinpath("data/org_names.json").read_text()
    data: dict[str, Any] = json.loads(raw)
    from conflictlens.knowledge.actors import load_labels

    drop = {w.casefold() for w in data["leading_drop"]}
    for label in load_labels():
        for form in (label.label, *label.variants):
            if " " not in form:
                drop.add(form.casefold())
    demonyms = _demonyms()
    return {
        "suffix": set(data["suffix_heads"]),
        "lower_suffix": set(data["lowercase_suffix_heads"]),
        "prefix": {w.casefold() for w in data["prefix_heads"]},
        "english_prefix": set(data["english_prefix_heads"]),
        "connectors": set(data["connectors"]),
        "generic": {w.casefold() for w in data["generic_words"]} | demonyms,
        "countries": _countries(),
        "drop": drop,
        "not_names": [n.casefold() for n in data["not_names"]],
        # Sentence-initial capitals that open no name ("On Monday Tiger Forces ...").
        "leading_stop": set(STOP_WORDS) | {w.casefold() for w in data["calendar_words"]},
    }


def _countries() -> set[str]:
    """Country names, lower case: "Syrias Hama ..." is Syria's, not a name's first word."""
    import pycountry

    raw = resources.files("conflictlens.knowledge").joinpath("data/countries.json").read_text()
    names = {k.casefold() for k in json.loads(raw) if not k.startswith("_")}
    names |= {c.name.casefold() for c in pycountry.countries}
    names |= {getattr(c, "common_name", "").casefold() for c in pycountry.countries}
    return {n for n in names if n and " " not in n}


def _demonyms() -> set[str]:
    raw = resources.files("conflictlens.knowledge").joinpath("data/countries.json").read_text()
    data = json.loads(raw)
    out: set[str] = set()
    for country, info in data.items():
        if country.startswith("_"):
            continue
        out.add(country.casefold())
        out |= {d.casefold() for d in info.get("demonyms", ())}
    # Demonyms of countries the KB has no forces for still describe, not name, a group.
    out |= {"saudi", "qatari", "emirati", "egyptian", "libyan", "afghan", "pakistani", "chechen"}
    out |= {"british", "french", "german", "european", "arab", "gulf", "american", "syrian"}
    return out


def _runs(text: str, start: int, end: int) -> Iterable[list[re.Match[str]]]:
    """Maximal runs of name words separated by spaces only."""
    rules = _rules()
    connectors, lower_suffix = rules["connectors"], rules["lower_suffix"]
    run: list[re.Match[str]] = []
    for match in _WORD.finditer(text, start, end):
        word = match.group()
        if run:
            gap = text[run[-1].end() : match.start()]
            if gap != " " and _GAP.match(gap) is None:  # one space: the common case
                yield run
                run = []
        # _is_name_word, inlined: this loop sees every word of every text.
        if (
            word[:1].isupper()
            or word in connectors
            or word.startswith("al-")
            or (run and word in lower_suffix)
        ):
            run.append(match)
            if word in lower_suffix:
                yield run
                run = []
        elif run:
            yield run
            run = []
    if run:
        yield run


_POSSESSIVE = re.compile(r"['’]s$")


def _trim(run: list[re.Match[str]]) -> list[re.Match[str]]:
    """Cut connectors from both ends and outlet labels and articles from the front."""
    rules = _rules()
    # "the FSA's Shahid Ahmad Abdo brigade": the owner in the possessive is not part of it.
    # Feeds that drop apostrophes write "Syrias", "Lebanons": a country's possessive too.
    # A capitalised "The" inside a run starts a new phrase (headline run-ons).
    owners = [
        i
        for i, m in enumerate(run[:-1])
        if _POSSESSIVE.search(m.group())
        or (m.group().endswith("s") and m.group().casefold()[:-1] in rules["countries"])
        or (i > 0 and m.group() == "The")
    ]
    if owners:
        run = run[owners[-1] + 1 :]
    while run and (
        run[0].group() in rules["connectors"]
        or run[0].group().casefold() in rules["drop"]
        or run[0].group().casefold() in rules["leading_stop"]
    ):
        run = run[1:]
    while run and run[-1].group() in rules["connectors"]:
        run = run[:-1]
    return run


def _head_key(word: str) -> str:
    return word.split("-")[0].replace("’", "'").casefold()


def _org_span(run: list[re.Match[str]]) -> list[re.Match[str]] | None:
    """The part of a run that is an organisation's name, if it has the shape of one."""
    rules = _rules()
    run = _trim(run)
    # An Arabic head inside a run starts the name: "In Idlib Jaysh al-Tahrir".
    heads = [i for i, m in enumerate(run) if _head_key(m.group()) in rules["prefix"]]
    if heads and heads[0] > 0 and run[-1].group() not in rules["suffix"]:
        run = run[heads[0] :]
    if len(run) < 2:
        return None
    words = [m.group() for m in run]
    last = words[-1]
    first = _head_key(words[0])
    if last in rules["suffix"] or last in rules["lower_suffix"]:
        body = words[:-1]
    elif first in rules["prefix"] and any(
        w[:1].isupper() or w.startswith("al-") for w in words[1:]
    ):
        body = words[1:]
    elif words[0] in rules["english_prefix"] and words[1] in ("of", "for"):
        body = words[2:]
    else:
        return None
    meaningful = [
        w
        for w in body
        if w not in rules["connectors"]
        and w.casefold() not in rules["generic"]
        and w not in rules["suffix"]
    ]
    if not meaningful:
        return None  # "Syrian Special Forces", "Government Forces": a description
    if last in rules["lower_suffix"] and len(meaningful) < 2:
        return None  # "Glance at Palestinian brigade": a headline, not a name
    if any(word.isupper() and len(word) > 1 for word in words):
        return None  # "SDF Forces", "ISIS Group": an acronym plus a head noun
    return run


def neutral_name(surface: str) -> str:
    """The surface form without outlet labels or a leading article ("the terrorist X" → "X")."""
    words = list(_WORD.finditer(surface))
    kept = _trim(words)
    if not kept:
        return surface.strip()
    return surface[kept[0].start() : kept[-1].end()]


def find_org_names(
    text: str,
    known: Sequence[tuple[int, int]] = (),
    start: int = 0,
    end: int | None = None,
) -> list[OrgName]:
    """Organisation names in ``text[start:end]`` that overlap none of the ``known`` spans."""
    rules = _rules()
    stop = len(text) if end is None else end
    out: list[OrgName] = []
    for run in _runs(text, start, stop):
        if len(run) < 2:
            continue  # trimming only shortens a run, and a name has two words at least
        span = _org_span(run)
        if span is None:
            continue
        s, e = span[0].start(), span[-1].end()
        if any(a < e and s < b for a, b in known):
            continue
        surface = text[s:e]
        if any(bad in surface.casefold() for bad in rules["not_names"]):
            continue
        if s > 0 and text[s - 1] in "-–":  # "US-backed Tiger Forces" is fine; "-Army" is not
            continue
        out.append(OrgName(s, e, surface, surface))
    return out
