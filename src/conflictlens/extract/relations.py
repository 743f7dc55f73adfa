"""Relations between actors stated in the text, each with its evidence span, certainty and voice.

Cue phrases (data/relation_cues.json) link the actor named before the cue to the actors named
after it in the same clause. The outlet's claim that "the US arms X" is stored as the outlet's
claim (voice "outlet"), a quoted speaker's as theirs, with the sentence's hedges as certainty.
The full relation learner is its own stage; this finds what the sentence states plainly.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from conflictlens.extract.attribution import certainty_for
from conflictlens.records import Relation

_CLAUSE_END = re.compile(r"[.;:!?]|\bbut\b|\bwhile\b|\bwhereas\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_TOPIC_NOUNS = re.compile(
    r"^(The|This) (brigade|group|movement|militia|organi[sz]ation|faction|force)\b"
)


@lru_cache(maxsize=1)
def _cues() -> dict[str, Any]:
    raw = resources.files("conflictlens.extract").joinpath("data/relation_cues.json").read_text()
    data: dict[str, Any] = json.loads(raw)
    patterns = []
    for group in data["relations"]:
        for cue in sorted(group["cues"], key=len, reverse=True):
            patterns.append((group["predicate"], re.compile(r"\b" + re.escape(cue) + r"\b", re.I)))
    data["compiled"] = patterns
    return data


def find_relations(
    text: str, facts: list[Any], actor_matches: list[Any], ctx: Any
) -> list[Relation]:
    """Relations stated in the parsed candidate sentences (``facts``), in text order."""
    relations: list[Relation] = []
    seen: set[tuple[str, str, str, int]] = set()
    topic: Any = None
    for sentence in facts:
        names = [m for m in actor_matches if sentence.start <= m.start < sentence.end]
        subject = names[0].actor if names else None
        if _TOPIC_NOUNS.match(sentence.text) and topic is not None:
            subject = topic
        if subject is None:
            continue
        topic = subject
        voice = _voice(sentence, ctx)
        certainty = certainty_for(
            sentence.hedges, sentence.sources, span=(sentence.start, sentence.end)
        )
        for relation in _sentence_relations(text, sentence, subject, names, voice, certainty):
            key = (relation.subject, relation.predicate, relation.object, relation.start)
            if key not in seen and relation.subject != relation.object:
                seen.add(key)
                relations.append(relation)
    return relations


def _voice(sentence: Any, ctx: Any) -> str:
    for quote in ctx.quotes:
        if (
            quote.start <= sentence.start < quote.end
            or sentence.start <= quote.start < sentence.end
        ):
            return str(quote.speaker)
    return "outlet"


def _sentence_relations(
    text: str, sentence: Any, subject: Any, names: list[Any], voice: str, certainty: str
) -> list[Relation]:
    out: list[Relation] = []
    s_text, base = sentence.text, sentence.start
    cues = _cues()
    claimed: list[tuple[int, int]] = []
    for predicate, pattern in cues["compiled"]:
        for match in pattern.finditer(s_text):
            cue_start, cue_end = base + match.start(), base + match.end()
            if any(a <= cue_start < b for a, b in claimed):
                continue  # a longer cue already covers this one ("previously affiliated to")
            claimed.append((cue_start, cue_end))
            clause_end = _clause_end(s_text, match.end()) + base
            objects = [m for m in names if cue_end <= m.start < clause_end]
            before = [m for m in names if m.end <= cue_start]
            subj = before[-1].actor if before and predicate != "supported_by" else subject
            if predicate == "alias_of":
                surface = text[cue_end:clause_end].strip(" ,()")
                if surface and len(surface) < 60:
                    out.append(
                        Relation(
                            subject=surface.split(" (")[0],
                            predicate="alias_of",
                            object=subj.name,
                            start=cue_start,
                            end=clause_end,
                            certainty=certainty,
                            voice=voice,
                        )
                    )
                continue
            for obj in objects:
                if obj.actor.actor_id == subj.actor_id:
                    continue
                out.append(
                    Relation(
                        subject=subj.name,
                        predicate=predicate,
                        object=obj.actor.name,
                        start=cue_start,
                        end=obj.end,
                        certainty=certainty,
                        voice=voice,
                    )
                )
    out += _parenthetical_aliases(text, sentence, names, voice, certainty)
    out += _founding(text, sentence, subject, voice, certainty)
    return out


def _clause_end(s_text: str, pos: int) -> int:
    match = _CLAUSE_END.search(s_text, pos)
    return match.start() if match else len(s_text)


def _parenthetical_aliases(
    text: str, sentence: Any, names: list[Any], voice: str, certainty: str
) -> list[Relation]:
    """'Liwa al-Quds (Al-Quds Brigade)': the bracketed name is another name of the same actor."""
    out = []
    for match in names:
        after = text[match.end : sentence.end]
        paren = re.match(r"\s*\(([^()]{2,60})\)", after)
        if paren:
            inner_start = match.end + paren.start(1)
            out.append(
                Relation(
                    subject=paren.group(1),
                    predicate="alias_of",
                    object=match.actor.name,
                    start=match.start,
                    end=inner_start + len(paren.group(1)) + 1,
                    certainty=certainty,
                    voice=voice,
                )
            )
    return out


def _founding(text: str, sentence: Any, subject: Any, voice: str, certainty: str) -> list[Relation]:
    out: list[Relation] = []
    lowered = sentence.text.lower()
    cues = _cues()
    if not any(cue in lowered for cue in cues["founded_cues"]):
        return out
    year = _YEAR.search(sentence.text)
    if year:
        out.append(
            Relation(
                subject=subject.name,
                predicate="founded_in",
                object=year.group(1),
                start=sentence.start + year.start(),
                end=sentence.start + year.end(),
                certainty=certainty,
                voice=voice,
            )
        )
    doc = sentence.doc
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ == "PERSON" and " by " in sentence.text[: ent.start_char + 12]:
                person = ent.text
                out.append(
                    Relation(
                        subject=subject.name,
                        predicate="founded_by",
                        object=person,
                        start=sentence.start + ent.start_char,
                        end=sentence.start + ent.end_char,
                        certainty=certainty,
                        voice=voice,
                    )
                )
                if any(c in lowered for c in cues["leader_cues"]):
                    out.append(
                        Relation(
                            subject=subject.name,
                            predicate="led_by",
                            object=person,
                            start=sentence.start + ent.start_char,
                            end=sentence.start + ent.end_char,
                            certainty=certainty,
                            voice=voice,
                        )
                    )
                break
    return out
