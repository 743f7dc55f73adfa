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
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

from conflictlens.extract.attribution import certainty_for, find_hedges, find_sources
from conflictlens.records import Relation

# A clause ends at strong punctuation, a contrast, or a comma followed by a finite verb
# ("Liwa al-Quds, affiliated with the Syrian army, were killed ...").
_CLAUSE_END = re.compile(
    r"[.;:!?]|\bbut\b|\bwhile\b|\bwhereas\b|,\s+(?:were|was|is|are|has|have|had|will|would)\b"
)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_TOPIC = re.compile(
    r"^(?:The|This) (?:brigade|group|movement|militia|organi[sz]ation|faction|force)\b"
)
# A word of a proper name: capitalised, "al-X", or a particle inside a name.
_PERSON_WORD = r"(?:[A-Z][\w’'-]+|al-[A-Z][\w’'-]+)"
_NAME_WORD = r"(?:[A-Z][\w’'.-]*|al-[A-Z][\w’'-]*|of|the|al|and|de|du|el)"
_NAME = re.compile(rf"^{_NAME_WORD}(?: {_NAME_WORD})*$")
# How far before a cue its subject may be named (characters): "X receives ... support from".
_SUBJECT_REACH = 48


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    raw = resources.files("conflictlens.extract").joinpath("data/relation_cues.json").read_text()
    data: dict[str, Any] = json.loads(raw)
    compiled = []
    for group in data["relations"]:
        for cue in group["cues"]:
            pattern = re.compile(r"\b" + re.escape(cue) + r"\b", re.IGNORECASE)
            compiled.append((group["predicate"], group.get("object", "actor"), cue, pattern))
    # Longest cues first, so "fought alongside" claims its words before "alongside" does.
    compiled.sort(key=lambda item: len(item[2]), reverse=True)
    data["compiled"] = compiled
    titles = "|".join(re.escape(t) for t in data["person_titles"])
    data["founder"] = re.compile(
        rf"\bby (?:(?:{titles}) )?({_PERSON_WORD}(?: {_PERSON_WORD}){{1,3}})"
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
    seen: set[tuple[str, str, str]] = set()
    topic: Any = None
    for start, end in sentences:
        names = [m for m in actor_matches if start <= m.start < end]
        sentence = _Sentence(text, start, end, names, [p for p in places if start <= p.start < end])
        if names and not _TOPIC.match(sentence.text):
            topic = names[0].actor
        if not names and topic is None:
            continue
        if not _cue_possible(sentence.text):
            continue
        voice = _voice(start, end, quotes)
        hedges, sources = find_hedges(text, start, end), find_sources(text, start, end)
        for relation in _sentence_relations(sentence, topic, voice, "reported"):
            # How sure: only the hedges and sources whose scope covers this relation's words.
            relation.certainty = certainty_for(hedges, sources, span=(relation.start, relation.end))  # type: ignore[assignment]
            key = (relation.subject, relation.predicate, relation.object)
            if key not in seen and relation.subject != relation.object:
                seen.add(key)
                relations.append(relation)
    return relations


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
def _cue_words() -> re.Pattern[str]:
    data = _cues()
    words = (
        {cue for _, _, cue, _ in data["compiled"]}
        | set(data["founded_cues"])
        | set(data["leader_cues"])
    )
    words |= {"("}
    return re.compile(
        "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.IGNORECASE
    )


def _cue_possible(sentence_text: str) -> bool:
    return bool(_cue_words().search(sentence_text))


def _voice(start: int, end: int, quotes: Sequence[Any]) -> str:
    for quote in quotes:
        if quote.start <= start < quote.end or start <= quote.start < end:
            return str(quote.speaker)
    return "outlet"


def _sentence_relations(s: _Sentence, topic: Any, voice: str, certainty: str) -> list[Relation]:
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

    for predicate, object_kind, _cue, pattern in _cues()["compiled"]:
        for match in pattern.finditer(s.text):
            cue_start, cue_end = s.start + match.start(), s.start + match.end()
            if any(a < cue_end and cue_start < b for a, b in claimed):
                continue
            claimed.append((cue_start, cue_end))
            subject, clause_end = _subject_and_clause(s, cue_start, cue_end, topic)
            if subject is None:
                continue
            if predicate == "alias_of":
                alias = _alias_after(s.full, cue_end, clause_end)
                if alias:
                    relation(alias[0], "alias_of", subject.name, cue_start, alias[1])
                continue
            if object_kind == "place":
                for place in s.places:
                    if cue_end <= place.start < clause_end and place.place is not None:
                        relation(subject.name, predicate, place.place.name, cue_start, place.end)
                continue
            for obj in s.names:
                if cue_end <= obj.start < clause_end and obj.actor.actor_id != subject.actor_id:
                    relation(subject.name, predicate, obj.actor.name, cue_start, obj.end)
            if predicate == "supported_by":
                for place in s.places:
                    if (
                        cue_end <= place.start < clause_end
                        and place.place is not None
                        and place.place.kind == "country"
                        and not any(n.start <= place.start < n.end for n in s.names)
                    ):
                        relation(subject.name, predicate, place.place.name, cue_start, place.end)
    subject = s.names[0].actor if s.names else topic
    if _TOPIC.match(s.text) and topic is not None:
        subject = topic
    if subject is not None:
        out += _parenthetical_aliases(s, certainty, voice)
        out += _founding(s, subject, certainty, voice)
    return out


def _subject_and_clause(s: _Sentence, cue_start: int, cue_end: int, topic: Any) -> tuple[Any, int]:
    """Who the cue is said of, and where its objects end."""
    clause = _CLAUSE_END.search(s.text, cue_end - s.start)
    clause_end = s.start + (clause.start() if clause else len(s.text))
    before = [m for m in s.names if m.end <= cue_start]
    if before and cue_start - before[-1].end <= _SUBJECT_REACH:
        return before[-1].actor, clause_end
    if _TOPIC.match(s.text) and topic is not None and cue_start - s.start < 80:
        return topic, clause_end
    if cue_start - s.start < 20:
        # "Previously affiliated to the SMC of the FSA, Nour al-Din al-Zinki receives ...":
        # the subject follows the opening participle clause.
        comma = s.full.find(",", cue_end, s.end)
        after = [m for m in s.names if comma >= 0 and m.start > comma]
        if after:
            return after[0].actor, comma
    return None, clause_end


def _alias_after(text: str, cue_end: int, clause_end: int) -> tuple[str, int] | None:
    """The name after "also known as": up to a bracket or comma, and only if it is a name."""
    chunk = text[cue_end:clause_end]
    name = re.split(r"\s*[(,]", chunk.strip(), maxsplit=1)[0].strip(" \"“”'")
    if name and len(name) <= 60 and _NAME.match(name):
        start = text.find(name, cue_end)
        return name, start + len(name)
    return None


def _parenthetical_aliases(s: _Sentence, certainty: str, voice: str) -> list[Relation]:
    """'Liwa al-Quds (Al-Quds Brigade)': a bracketed *name* is another name of the same actor."""
    out = []
    for match in s.names:
        paren = re.match(r"\s*\(([^()]{2,60})\)", s.full[match.end : s.end])
        if paren and _NAME.match(paren.group(1)) and not paren.group(1).isupper():
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
