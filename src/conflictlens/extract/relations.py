"""Relations between actors stated in the text, each with its evidence span, certainty and voice.

Cue phrases (data/relation_cues.json) link the actor named just before the cue to the actors
(or places) named after it in the same clause. The outlet's claim that "the US arms X" is stored
as the outlet's claim (voice "outlet"), a quoted speaker's as theirs, with the sentence's hedges
as certainty. Relations are read from every sentence, not only event candidates: a founding
date or an alias sits in background sentences. The relation learner across documents is its
own stage; this finds what one sentence states plainly.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import Any

import ahocorasick

from conflictlens.extract.attribution import certainty_for, find_hedges, find_sources
from conflictlens.knowledge.normalize import CASE_FOLD_TRAPS
from conflictlens.records import Relation

# A clause ends at strong punctuation, a contrast, or a comma followed by a finite verb
# ("Liwa al-Quds, affiliated with the Syrian army, were killed ...").
_CLAUSE_END = re.compile(
    r"[.;:!?]|\bbut\b|\bwhile\b|\bwhereas\b|,\s+(?:were|was|is|are|has|have|had|will|would)\b"
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_TOPIC = re.compile(
    r"^(?:The|This|That) (?:[a-z]+ )?"
    r"(?:brigade|group|movement|militia|organi[sz]ation|faction|force|coalition)\b"
)
# A word of a proper name: capitalised, "al-X", or a particle inside a name.
_PERSON_WORD = r"(?:[A-Z][\w’'-]+|al-[A-Z][\w’'-]+)"
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|al-[A-Z][\w’'-]*|of|the|al|and|de|du|el)"
_NAME = re.compile(rf"^{_NAME_WORD}(?: {_NAME_WORD})*$")
# How far before a cue its subject may be named (characters): "X receives ... support from".
_SUBJECT_REACH = 48
# How far after a cue its first object may start: "part of a wider offensive that drove Syrian
# forces" is no membership. Later objects of a list ("Turkey, Qatar and ...") follow the first.
_OBJECT_REACH = 40
# A bracketed list of names ("ISIS, ISIL, IS and Daesh") is several aliases, not one.
_LIST_WORDS = re.compile(r",|\band\b|\bor\b")
# Between two objects of one cue: a list ("X, Y and Z", "X ... including Y"), not a new phrase
# ("the Syrian army's mission to defeat ISIS" names ISIS as no one's ally).
_LIST_GAP = re.compile(r",|\band\b|\bor\b|\bincluding\b|\bas well as\b")
_NESTED_GAP = re.compile(r"^[\s)]*(?:\([^()]*\)\s*)?of(?: the)?\s*$")
# "The offensive involved Hezbollah and was backed by ...": a name followed by a coordinated
# verb phrase is the object of the first verb, not the subject of the cue.
_COORDINATED = re.compile(r"\band (?:was|were|is|are|has|have|had)\b")
# ... nor a pronoun: in "fighters loyal to them and 28 ISIS" the cue's object is "them".
_NOT_A_LIST = re.compile(
    r"['’]s\b|\b(?:to|that|which|who|against|them|it|him|her)\b", re.IGNORECASE
)
# A sentence opening with a participle clause names its subject after the comma
# ("Previously affiliated to the SMC, Nour al-Din al-Zinki receives ...").
_OPENING_CLAUSE = re.compile(
    r"^(?:Previously|Formerly|Once|Originally|Initially|Founded|Formed|Backed|Supported)\b[^,]*,"
)


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    raw = resources.files("conflictlens.extract").joinpath("data/relation_cues.json").read_text()
    data: dict[str, Any] = json.loads(raw)
    compiled = []
    for group in data["relations"]:
        for cue in group["cues"]:
            pattern = re.compile(r"\b" + re.escape(cue) + r"\b", re.IGNORECASE)
            kind = group.get("object", "actor")
            if group.get("inverse"):
                kind = "inverse:" + kind
            compiled.append((group["predicate"], kind, cue, pattern))
            data.setdefault("reach", {})[cue] = group.get("reach", _OBJECT_REACH)
    # Longest cues first, so "fought alongside" claims its words before "alongside" does.
    compiled.sort(key=lambda item: len(item[2]), reverse=True)
    data["compiled"] = compiled
    titles = "|".join(re.escape(t) for t in data["person_titles"])
    data["founder"] = re.compile(
        rf"\bby (?:(?:{titles}) )?({_PERSON_WORD}(?: {_PERSON_WORD}){{1,3}})"
    )
    data["person_after"] = re.compile(
        rf"\s+(?:the\s+)?(?:(?i:{titles})\s+)?({_PERSON_WORD}(?: {_PERSON_WORD}){{1,3}})"
    )
    return data


def find_relations(
    text: str,
    sentences: Sequence[tuple[int, int]],
    actor_matches: Sequence[Any],
    places: Sequence[Any],
    quotes: Sequence[Any],
) -> list[Relation]:
    """Relations stated in the document's sentences, in text order, without duplicates."""
    relations: list[Relation] = []
    topic: Any = None
    # Contextual matches ("government forces", "the army") are named by the document's
    # country: the one most of its places are in. Without one they stay out.
    actor_matches = _named(actor_matches, places)
    actor_matches = [*actor_matches, *_referenced(text, actor_matches)]
    actor_matches = sorted(
        [*actor_matches, *_new_names(text, actor_matches)], key=lambda m: m.start
    )
    match_starts = [m.start for m in actor_matches]  # sorted: a sentence's names by bisection
    for start, end in sentences:
        # One claim per statement: a relation said again in another sentence is more evidence.
        seen: set[tuple[str, str, str]] = set()
        names = actor_matches[bisect_left(match_starts, start) : bisect_left(match_starts, end)]
        sentence_text = text[start:end]
        if names and not _TOPIC.match(sentence_text):
            opening = _OPENING_CLAUSE.match(sentence_text)
            after = [m for m in names if opening and m.start >= start + opening.end()]
            topic = (after or names)[0].actor
        if not names and topic is None:
            continue
        present = _cues_present(sentence_text)
        if not (_cue_possible(sentence_text) if present is None else present):
            continue
        sentence = _Sentence(text, start, end, names, [p for p in places if start <= p.start < end])
        voice = _voice(start, end, quotes)
        cues: tuple[list[Any], list[Any]] | None = None  # read once a relation is found
        for relation in _sentence_relations(sentence, topic, voice, "reported", present):
            if cues is None:
                cues = find_hedges(text, start, end), find_sources(text, start, end)
            # How sure: only the hedges and sources whose scope covers this relation's words.
            relation.certainty = certainty_for(*cues, span=(relation.start, relation.end))  # type: ignore[assignment]
            key = (relation.subject, relation.predicate, relation.object)
            if key not in seen and relation.subject != relation.object:
                seen.add(key)
                relations.append(relation)
    return relations


def _referenced(text: str, actor_matches: Sequence[Any]) -> list[Any]:
    """Mentions of actors named only as what others are tied to ("al-Qaeda-linked")."""
    from conflictlens.actors.referenced import find_referenced

    taken = [(m.start, m.end) for m in actor_matches]
    return [
        m for m in find_referenced(text) if not any(a < m.end and m.start < b for a, b in taken)
    ]


def _new_names(text: str, actor_matches: Sequence[Any]) -> list[Any]:
    """Organisation names the KB does not know ("Jaysh al-Tahrir"), as matches of actors
    named by their neutral surface form: the registry links or keeps them as provisional."""
    from conflictlens.actors.surface_forms import find_org_names
    from conflictlens.knowledge.actors import Actor, ActorMatch

    out = []
    for org in find_org_names(text, [(m.start, m.end) for m in actor_matches]):
        actor = Actor(
            actor_id=f"new:{org.name}",
            name=org.name,
            type="unknown",
            inter=0,
            country="",
            home_country=None,
            aliases=(),
            parent=None,
            active="",
        )
        out.append(ActorMatch(org.start, org.end, org.surface, actor))
    return out


def _named(actor_matches: Sequence[Any], places: Sequence[Any]) -> list[Any]:
    from collections import Counter

    from conflictlens.knowledge.actors import ActorKB

    countries = Counter(p.place.country for p in places if p.place is not None and p.place.country)
    country = countries.most_common(1)[0][0] if countries else ""
    out = []
    kb = ActorKB.default()
    for match in actor_matches:
        if not match.actor.name:
            actor = kb.resolve(match.actor, country) if country else match.actor
            if not actor.name or actor.type not in ("state_force",):
                continue  # only state forces: "civilians" and "gunmen" hold no relations
            match = replace(match, actor=actor)
        out.append(match)
    return out


class _Sentence:
    def __init__(
        self, text: str, start: int, end: int, names: list[Any], places: list[Any]
    ) -> None:
        self.full = text
        self.start = start
        self.end = end
        self.text = text[start:end]
        self.names = names
        self.places = places


@lru_cache(maxsize=1)
def _cue_word_set() -> frozenset[str]:
    """Every word whose presence can make a sentence state a relation."""
    data = _cues()
    words = (
        {cue for _, _, cue, _ in data["compiled"]}
        | set(data["founded_cues"])
        | set(data["leader_cues"])
        | set(data["affiliate_nouns"])
        | set(data["armed_wing"])
    )
    words |= {"("} | {f"-{k}" for k in data["compounds"] if not k.startswith("_")}
    return frozenset(words)


@lru_cache(maxsize=1)
def _cue_words() -> re.Pattern[str]:
    words = _cue_word_set()
    return re.compile(
        "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )


def _cue_possible(sentence_text: str) -> bool:
    return bool(_cue_words().search(sentence_text))


@lru_cache(maxsize=1)
def _cue_automaton() -> Any:
    """One Aho-Corasick pass finds every cue word of a sentence; the ~150-branch regex
    alternation takes ~100 times longer per sentence. None when a cue is not ASCII."""
    words = _cue_word_set()
    if not all(w.isascii() for w in words):
        return None
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word.lower(), word.lower())
    automaton.make_automaton()
    return automaton


def _cues_present(sentence_text: str) -> frozenset[str] | None:
    """The cue words (lower case) occurring in the sentence, in any case; None when that
    cannot be told this way (see ``CASE_FOLD_TRAPS``): then every cue must be tried."""
    automaton = _cue_automaton()
    if automaton is None or CASE_FOLD_TRAPS.search(sentence_text):
        return None
    return frozenset(word for _, word in automaton.iter(sentence_text.lower()))


def _voice(start: int, end: int, quotes: Sequence[Any]) -> str:
    for quote in quotes:
        if quote.start <= start < quote.end or start <= quote.start < end:
            return str(quote.speaker)
    return "outlet"


def _compiled_cues(present: frozenset[str] | None) -> list[tuple[str, str, str, Any]]:
    """The compiled cues, in order, less those that do not occur (when ``present`` says)."""
    compiled: list[tuple[str, str, str, Any]] = _cues()["compiled"]
    if present is None:
        return compiled
    return [
        item for item, lowered in zip(compiled, _lowered_cues(), strict=True) if lowered in present
    ]


@lru_cache(maxsize=1)
def _lowered_cues() -> tuple[str, ...]:
    return tuple(cue.lower() for _, _, cue, _ in _cues()["compiled"])


def _sentence_relations(
    s: _Sentence,
    topic: Any,
    voice: str,
    certainty: str,
    present: frozenset[str] | None = None,
) -> list[Relation]:
    """``present``: the cue words the sentence contains (``_cues_present``); None: any."""
    out: list[Relation] = []
    claimed: list[tuple[int, int]] = []

    def relation(subject: str, predicate: str, obj: str, start: int, end: int) -> None:
        out.append(
            Relation(
                subject=subject,
                predicate=predicate,
                object=obj,
                start=start,
                end=end,
                certainty=certainty,
                voice=voice,
            )
        )  # type: ignore[arg-type]

    for predicate, object_kind, _cue, pattern in _compiled_cues(present):
        for match in pattern.finditer(s.text):
            cue_start, cue_end = s.start + match.start(), s.start + match.end()
            if any(a < cue_end and cue_start < b for a, b in claimed):
                continue
            claimed.append((cue_start, cue_end))
            subject, clause_end = _subject_and_clause(s, cue_start, cue_end, topic)
            if subject is None:
                continue
            if predicate in ("alias_of", "formerly_alias_of"):
                if not _APPOSITION.fullmatch(
                    s.full[_subject_end(s, subject, cue_start) : cue_start]
                ):
                    continue  # "X appointed Hashem al-Sheikh also known as Abu Jaber": a person
                alias = _alias_after(s.full, cue_end, clause_end)
                if alias:
                    relation(alias[0], predicate, subject.name, cue_start, alias[1])
                continue
            if object_kind == "person":
                person = _person_after(s, cue_end, clause_end)
                if person:
                    relation(subject.name, predicate, person[0], cue_start, person[1])
                continue
            inverse = object_kind.startswith("inverse:")
            object_kind = object_kind.removeprefix("inverse:")
            if object_kind == "place":
                places = [
                    p for p in s.places if cue_end <= p.start < clause_end and p.place is not None
                ]
                reach = _cues()["reach"][_cue]
                for place in _reachable(places, cue_end, s.full, reach):
                    relation(subject.name, predicate, place.place.name, cue_start, place.end)
                continue
            objects = [
                o
                for o in s.names
                if cue_end <= o.start < clause_end
                and o.actor.actor_id != subject.actor_id
                and not _modifier(s, o)
            ]
            for obj in _reachable(objects, cue_end, s.full):
                if inverse:  # "Russia has supported the Syrian army": the army is supported
                    relation(obj.actor.name, predicate, subject.name, cue_start, obj.end)
                else:
                    relation(subject.name, predicate, obj.actor.name, cue_start, obj.end)
            if inverse:
                continue
            if predicate in ("supported_by", "allied_with"):
                countries = [
                    p
                    for p in s.places
                    if cue_end <= p.start < clause_end
                    and p.place is not None
                    and p.place.kind == "country"
                    and not any(n.start <= p.start < n.end for n in s.names)
                ]
                for place in _reachable(countries, cue_end, s.full):
                    relation(subject.name, predicate, place.place.name, cue_start, place.end)
    out += _compound_relations(s, certainty, voice)
    out += _armed_wings(s, certainty, voice)
    out += _affiliates(s, certainty, voice)
    subject = s.names[0].actor if s.names else topic
    if _TOPIC.match(s.text) and topic is not None:
        subject = topic
    if subject is not None:
        out += _parenthetical_aliases(s, certainty, voice)
        out += _founding(s, subject, certainty, voice)
    return out


def _compound_relations(s: _Sentence, certainty: str, voice: str) -> list[Relation]:
    """'the US-backed Syrian Democratic Forces': the SDF supported_by the United States."""
    compounds = {k: v for k, v in _cues()["compounds"].items() if not k.startswith("_")}
    out: list[Relation] = []
    for match in re.finditer(r"-(" + "|".join(compounds) + r")\b", s.text, re.IGNORECASE):
        hyphen, word_end = s.start + match.start(), s.start + match.end()
        if re.search(
            r"\b(?:formerly|former|previously|once|ex)\W+(?:\w+\W+){0,2}\w*$",
            s.full[max(s.start, hyphen - 30) : hyphen],
        ):
            continue  # "the formerly al Qaeda-affiliated HTS": no claim about today
        backer: Any = next((m for m in s.names if m.end == hyphen), None)
        backer_name = backer.actor.name if backer is not None else None
        if backer is None:
            place = next((p for p in s.places if p.end == hyphen and p.place is not None), None)
            if place is not None and place.place.kind == "country":
                backer_name = place.place.name
            else:
                word = re.search(r"([A-Z][\w.]*)$", s.full[s.start : hyphen])
                backer_name = _country_named(word.group(1)) if word else None
            if backer_name is None:
                continue
        # The backed actor follows: "the al Qaeda-affiliated Nusra Front", "US-backed SDF".
        after = [m for m in s.names if word_end <= m.start <= word_end + 12]
        if not after or after[0].actor.name == backer_name:
            continue
        out.append(
            Relation(
                subject=after[0].actor.name,
                predicate=compounds[match.group(1).lower()],
                object=backer_name,
                start=(backer.start if backer is not None else hyphen),
                end=after[0].end,
                certainty=certainty,
                voice=voice,
            )  # type: ignore[arg-type]
        )
    return out


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    raw = resources.files("conflictlens.knowledge").joinpath("data/countries.json").read_text()
    data = json.loads(raw)
    return {
        demonym: country
        for country, info in data.items()
        if not country.startswith("_")
        for demonym in info.get("demonyms", ())
    }


def _country_named(word: str) -> str | None:
    """'US', 'U.S.', 'Iranian', 'Turkish' before a hyphen: the country, else None."""
    plain = word.replace(".", "")
    if plain in _demonyms():
        return _demonyms()[plain]
    if plain.isupper() and 2 <= len(plain) <= 3:
        import pycountry

        found = pycountry.countries.get(alpha_2=plain) if len(plain) == 2 else None
        found = found or pycountry.countries.get(alpha_3=plain)
        if found is not None:
            return str(getattr(found, "common_name", None) or found.name)
    return None


def _reachable(
    objects: list[Any], cue_end: int, text: str = "", reach: int = _OBJECT_REACH
) -> list[Any]:
    """The objects of a cue: the first if it follows closely, then those listed after it."""
    if not objects or objects[0].start - cue_end > reach:
        return []
    if text and _NOT_A_LIST.search(text[cue_end : objects[0].start]):
        return []  # "part of a wider offensive that drove Syrian forces": no membership
    out = [objects[0]]
    last_end = objects[0].end
    for obj in objects[1:]:
        if _identity(obj) == _identity(out[-1]):  # "Supreme Military Command (SMC)"
            last_end = obj.end
            continue
        gap = text[last_end : obj.start] if text else ", "
        last_end = obj.end
        nested = _NESTED_GAP.match(gap)  # "the SMC of the Free Syrian Army": both
        if not nested and (len(gap) > 60 or not _LIST_GAP.search(gap) or _NOT_A_LIST.search(gap)):
            break
        out.append(obj)
    return out


def _identity(match: Any) -> str:
    """What an actor or place match names, to see the same thing named twice in a row."""
    actor = getattr(match, "actor", None)
    return str(actor.actor_id) if actor is not None else str(getattr(match.place, "name", ""))


def _subject_and_clause(s: _Sentence, cue_start: int, cue_end: int, topic: Any) -> tuple[Any, int]:
    """Who the cue is said of, and where its objects end."""
    clause = _CLAUSE_END.search(s.text, cue_end - s.start)
    clause_end = s.start + (clause.start() if clause else len(s.text))
    before = [m for m in s.names if m.end <= cue_start and not _modifier(s, m)]
    if before and cue_start - before[-1].end <= _SUBJECT_REACH:
        if _COORDINATED.search(s.full[before[-1].end : cue_start]):
            return None, clause_end
        return before[-1].actor, clause_end
    if _TOPIC.match(s.text) and topic is not None and not before:
        return topic, clause_end
    if cue_start - s.start < 20:
        # "Previously affiliated to the SMC of the FSA, Nour al-Din al-Zinki receives ...":
        # the subject follows the opening participle clause.
        comma = s.full.find(",", cue_end, s.end)
        after = [m for m in s.names if comma >= 0 and m.start > comma]
        if after:
            return after[0].actor, comma
    return None, clause_end


# Between an actor and "also known as": its name stands right there, an aside at most.
_APPOSITION = re.compile(r"[\s,]*(?:\([^()]*\))?[\s,]*")


def _subject_end(s: _Sentence, subject: Any, cue_start: int) -> int:
    """Where the subject's name ends before the cue (the sentence start for a topic)."""
    ends = [m.end for m in s.names if m.actor is subject and m.end <= cue_start]
    if ends:
        return max(ends)
    topic = _TOPIC.match(s.text)  # "The brigade, also known as ..."
    return s.start + (topic.end() if topic else 0)


def _modifier(s: _Sentence, match: Any) -> bool:
    """A name used as a modifier of the next one names no side of a relation: "al-Qaeda-
    affiliated Nusra Front", "the al Qaedas Nusra Front", "an al-Qaeda franchise"."""
    after = s.full[match.end : min(s.end, match.end + 20)]
    if re.match(r"-\w", after):
        return True
    nouns = "|".join(_cues()["affiliate_nouns"])
    if re.match(rf"(?:['’]?s)?\s+(?:{nouns})\b", after):
        return True
    return any(
        0 < m.start - match.end <= 4
        and re.fullmatch(r"(?:['’]?s)?\s+", s.full[match.end : m.start])
        for m in s.names
    )


def _alias_after(text: str, cue_end: int, clause_end: int) -> tuple[str, int] | None:
    """The name after "also known as": the run of name words there ("... as Nusra Front said"
    gives "Nusra Front"), without a leading article; nothing if no name follows."""
    chunk = text[cue_end:clause_end]
    lead = re.match(r"\s*[\"“']?(?:the\s+)?", chunk)
    offset = lead.end() if lead else 0
    words = re.match(rf"{_NAME_WORD}(?: {_NAME_WORD})*", chunk[offset:])
    if not words:
        return None
    name = re.sub(r"(?: (?:of|the|and|al|de|du|el))+$", "", words.group()).strip(" \"“”'")
    if name and len(name) <= 60 and _NAME.match(name) and name[:1].isupper():
        start = cue_end + offset
        return name, start + len(name)
    return None


def _person_after(s: _Sentence, cue_end: int, clause_end: int) -> tuple[str, int] | None:
    """The person named right after "led by": capitalised words, an optional title first;
    not an actor or a place ("led by Russia", "led by the Nusra Front" name no person)."""
    person = _cues()["person_after"].match(s.full, cue_end, clause_end)
    if person is None:
        return None
    start, end = person.start(1), person.end(1)
    if any(m.start < end and start < m.end for m in [*s.names, *s.places]):
        return None
    return person.group(1), end


def _armed_wings(s: _Sentence, certainty: str, voice: str) -> list[Relation]:
    """'Y, the X's armed wing' / 'X's armed wing, Y' / 'the armed wing of X, Y': Y is X's
    other name (kept as an alias claim, a merge candidate when both are registered)."""
    out: list[Relation] = []
    for cue in _cues()["armed_wing"]:
        for found in re.finditer(re.escape(cue), s.text, re.IGNORECASE):
            at, after = s.start + found.start(), s.start + found.end()
            owner = wing = None
            before = [m for m in s.names if m.end <= at and at - m.end <= 4]  # "X's armed wing"
            if before and re.match(r"['’]?s?\s*$", s.full[before[-1].end : at]):
                owner = before[-1]
            of = re.match(r"\s+of\s+(?:the\s+)?", s.full[after : s.end])
            if owner is None and of:
                owner = next((m for m in s.names if m.start == after + of.end()), None)
            if owner is None:
                continue
            tail = max(after, owner.end)
            # Y before: "Y, the X's armed wing" / "Y, the armed wing of X".
            ahead = [m for m in s.names if m.end <= min(at, owner.start)]
            if ahead and re.fullmatch(
                r",?\s*(?:the\s+|its\s+)?", s.full[ahead[-1].end : min(at, owner.start)]
            ):
                wing = ahead[-1]
            # Y after: "X's armed wing, Y".
            behind = [m for m in s.names if m.start >= tail]
            if (
                wing is None
                and behind
                and re.fullmatch(r"\s*[,–—-]\s*(?:the\s+)?", s.full[tail : behind[0].start])
            ):
                wing = behind[0]
            if wing is None or wing.actor.actor_id == owner.actor.actor_id:
                continue
            out.append(
                Relation(
                    subject=wing.actor.name
                    if wing.actor.actor_id.startswith("new:")
                    else wing.surface,
                    predicate="alias_of",
                    object=owner.actor.name,
                    start=min(wing.start, owner.start),
                    end=max(wing.end, owner.end),
                    certainty=certainty,
                    voice=voice,
                )  # type: ignore[arg-type]
            )
    return out


def _affiliates(s: _Sentence, certainty: str, voice: str) -> list[Relation]:
    """'Al-Nusra Front, al-Qaeda's Syria affiliate' / 'al-Qaeda's affiliate in Syria, Al-Nusra
    Front': the affiliate is affiliated_with the owner. A *former* affiliate is no claim now."""
    out: list[Relation] = []
    nouns = "|".join(re.escape(n) for n in _cues()["affiliate_nouns"])
    for found in re.finditer(rf"\b(?:{nouns})\b", s.text):
        at, after = s.start + found.start(), s.start + found.end()
        owners = [m for m in s.names if m.end <= at and at - m.end <= 20]
        if not owners:
            continue
        owner = owners[-1]
        between = s.full[owner.end : at]
        if not re.fullmatch(r"['’]?s?(?:\s+(?:[A-Z][a-z]+))?\s*", between):
            continue  # only "X's affiliate", "X Syria affiliate", "X's Syrian affiliate"
        if re.search(r"\bformer\b", between) or re.search(
            r"\bformer\s*$", s.full[max(s.start, owner.start - 12) : owner.start]
        ):
            continue
        # The affiliate: named just before the owner's phrase, or just after the noun.
        prior = [m for m in s.names if m.end <= owner.start and owner.start - m.end <= 25]
        follow = re.match(r"(?:\s+in\s+[A-Z][a-z]+)?[\s,]*(?:the\s+)?", s.full[after : s.end])
        nxt = [m for m in s.names if follow and m.start == after + follow.end()]
        affiliate = None
        if prior and re.fullmatch(
            r"[\s,–—-]*(?:[A-Z][a-z]+s?\s+)?", s.full[prior[-1].end : owner.start]
        ):
            affiliate = prior[-1]
        elif nxt:
            affiliate = nxt[0]
        if affiliate is None or affiliate.actor.actor_id == owner.actor.actor_id:
            continue
        out.append(
            Relation(
                subject=affiliate.actor.name,
                predicate="affiliated_with",
                object=owner.actor.name,
                start=min(affiliate.start, owner.start),
                end=max(affiliate.end, after),
                certainty=certainty,
                voice=voice,
            )  # type: ignore[arg-type]
        )
    return out


def _parenthetical_aliases(s: _Sentence, certainty: str, voice: str) -> list[Relation]:
    """'Liwa al-Quds (Al-Quds Brigade)': a bracketed *name* is another name of the same actor."""
    out = []
    for match in s.names:
        paren = re.match(r"\s*\(([^()]{2,60})\)", s.full[match.end : s.end])
        if (
            paren
            and _NAME.match(paren.group(1))
            and not paren.group(1).isupper()
            and not _LIST_WORDS.search(paren.group(1))
        ):
            end = match.end + paren.end(1)
            out.append(
                Relation(
                    subject=paren.group(1),
                    predicate="alias_of",
                    object=match.actor.name,
                    start=match.start,
                    end=end,
                    certainty=certainty,
                    voice=voice,
                )
            )  # type: ignore[arg-type]
    return out


def _founding(s: _Sentence, subject: Any, certainty: str, voice: str) -> list[Relation]:
    data = _cues()
    lowered = s.text.lower()
    out: list[Relation] = []
    if not any(cue in lowered for cue in data["founded_cues"]):
        return out

    def add(predicate: str, obj: str, start: int, end: int) -> None:
        out.append(
            Relation(
                subject=subject.name,
                predicate=predicate,
                object=obj,
                start=start,
                end=end,
                certainty=certainty,
                voice=voice,
            )
        )  # type: ignore[arg-type]

    year = _YEAR.search(s.text)
    if year:
        add("founded_in", year.group(1), s.start + year.start(), s.start + year.end())
    founder = data["founder"].search(s.text)
    if founder:
        start, end = s.start + founder.start(1), s.start + founder.end(1)
        add("founded_by", founder.group(1), start, end)
        if any(cue in lowered[founder.end(1) - 0 :] for cue in data["leader_cues"]):
            add("led_by", founder.group(1), start, end)
    return out
