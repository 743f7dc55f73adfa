"""Who did it and to whom: the two sides of an event, read off the dependency parse.

Side A is the initiator (ACLED actor1 and its associates), side B the target. Active voice: the
subject is side A, the object side B. Passive: the ``by`` agent is side A, the subject side B.
Descriptions hanging off a name ("Liwa al-Quds, a group affiliated with the Syrian army") are
not participants, so appositions and relative clauses are left out of a side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from conflictlens.extract.triggers import Trigger

_DESCRIPTIVE_DEPS = frozenset({"appos", "acl", "relcl", "advcl", "parataxis", "ccomp"})
_SIDE_A_PREPS = frozenset({"alongside", "with"})
_SIDE_B_PREPS = frozenset({"against", "on", "upon", "targeting"})

CIVILIAN_NOUNS = frozenset(
    {
        "civilian",
        "civilians",
        "boy",
        "boys",
        "girl",
        "girls",
        "child",
        "children",
        "woman",
        "women",
        "man",
        "men",
        "people",
        "resident",
        "residents",
        "villager",
        "villagers",
        "farmer",
        "farmers",
        "worker",
        "workers",
        "journalist",
        "journalists",
        "student",
        "students",
        "family",
        "families",
        "worshipper",
        "worshippers",
        "shepherd",
        "shepherds",
        "refugee",
        "refugees",
        "passenger",
        "passengers",
        "teacher",
        "doctor",
        "doctors",
        "patients",
        "pilgrims",
        "protester",
        "protesters",
        "demonstrators",
    }
)
#: Armed people no speaker reports as its own ("a source told SANA that gunmen ...").
IRREGULAR_ARMED_NOUNS = frozenset(
    {
        "militant",
        "militants",
        "gunman",
        "gunmen",
        "insurgent",
        "insurgents",
        "rebel",
        "rebels",
        "jihadist",
        "jihadists",
        "terrorist",
        "terrorists",
        "assailant",
        "assailants",
        "attacker",
        "attackers",
        "bomber",
    }
)
ARMED_NOUNS = IRREGULAR_ARMED_NOUNS | frozenset(
    {
        "fighter",
        "fighters",
        "militia",
        "militias",
        "soldier",
        "soldiers",
        "troops",
        "forces",
        "members",
        "cells",
        "sniper",
        "snipers",
    }
)


@dataclass
class Sides:
    a_tokens: list[Any] = field(default_factory=list)
    b_tokens: list[Any] = field(default_factory=list)
    a_span: tuple[int, int] | None = None  # absolute char span covering side A's words
    b_span: tuple[int, int] | None = None


def sides_of(trigger: Trigger, offset: int) -> Sides:
    """The tokens on each side of the trigger's event."""
    token = trigger.token
    verb = token
    sides = Sides()
    if not trigger.is_verb:
        # A noun trigger: "the ambush was carried out by militias", "Russian airstrikes",
        # "the offensive also involved Hezbollah and was backed by ... airstrikes".
        head = token.head
        verbs = [head] + [c for c in head.children if c.dep_ == "conj" and c.tag_.startswith("VB")]
        for verb_token in verbs:
            for child in verb_token.children:
                if child.dep_ == "agent":
                    sides.a_tokens += _phrase(child)
                if (
                    child.dep_ == "dobj"
                    and verb_token.lower_ in _PARTICIPATION_VERBS
                    and child.i != token.i
                ):
                    sides.a_tokens += _phrase(child)
        sides.a_tokens += [c for c in token.children if c.dep_ in ("amod", "compound", "poss")]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "against"):
                sides.b_tokens += _phrase(child)
            if child.dep_ == "prep" and child.lower_ == "between":
                # "fighting between the army and Houthi rebels": first named side, then the other.
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    conj = [c for c in pobj.children if c.dep_ == "conj"]
                    sides.a_tokens += _phrase(pobj, skip=set(conj))
                    for other in conj:
                        sides.b_tokens += _phrase(other)
            if child.dep_ == "prep" and child.lower_ == "by":
                sides.a_tokens += _phrase(child)
        return _with_spans(sides, offset)

    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)
    if verb.tag_ == "VBG" and verb.dep_ == "acl":
        # "fighters from group X beheading a boy": the modified noun phrase acts.
        sides.a_tokens += _phrase(verb.head, skip={verb})
    if verb.dep_ in ("relcl", "xcomp") and not any(
        c.dep_.startswith("nsubj") for c in verb.children
    ):
        # "launched an operation to liberate Handarat": the operation's launcher acts.
        governor = verb.head
        while governor.dep_ in ("dobj", "pobj", "prep") and governor.head.i != governor.i:
            governor = governor.head
        for child in governor.children:
            if child.dep_ in ("nsubj",):
                sides.a_tokens += _phrase(child)
    if (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
    ):
        # "Russia launched 40 Iranian drones at Kyiv, killing three civilians": the clause's
        # unsaid subject is the active main clause's, not the weapon's maker. (After a
        # passive one the parse is too often wrong to follow: "was killed by regime shelling"
        # comes out with "shelling" as such a clause.)
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                sides.a_tokens += _phrase(child)
    if verb.dep_ == "conj" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        for child in verb.head.children:
            if child.dep_ == "nsubj":
                sides.a_tokens += _phrase(child)
    for child in verb.children:
        dep = child.dep_
        subject = _subject_phrase(child, verb) if dep in ("nsubj", "nsubjpass") else []
        if dep == "nsubj" and trigger.spec.subject_is_victim:
            sides.b_tokens += subject
        elif dep in ("nsubj", "csubj"):
            # csubj: "Shelling by Turkish forces killed five": the shelling and who did it act
            sides.a_tokens += subject or _phrase(child)
        elif dep == "prep" and child.lower_ == "by" and verb.dep_ in ("csubj", "nsubj"):
            # the same "Shelling by Turkish forces", read from the gerund: "by" is its agent
            sides.a_tokens += _phrase(child)
        elif dep == "nsubjpass":
            sides.b_tokens += subject
        elif dep == "agent":
            sides.a_tokens += _phrase(child)
        elif dep == "dobj" and child.lower_ in trigger.spec.needs_object:
            continue  # what was fired ("fired Iranian missiles at a tanker"), not its target
        elif (dep in ("dobj", "attr") and not passive) or (
            dep == "prep"
            and (
                child.lower_ in _SIDE_B_PREPS
                or (child.lower_ == "at" and trigger.spec.needs_object)
            )
        ):
            # "fired rockets at a base": with a projectile as the object, "at" names the target
            sides.b_tokens += _phrase(child)
        elif dep == "prep" and child.lower_ in ("for", "of") and _has_facility_object(verb):
            # "destroyed three bases for militants": the facilities' owners are the target.
            sides.b_tokens += _phrase(child)
        elif (
            dep == "prep"
            and child.lower_ in _SIDE_A_PREPS
            and trigger.spec.lemma in ("fight", "clash")
        ):
            # "X clashed with Y": the other side; "X fought alongside Y": an ally.
            if child.lower_ == "with":
                sides.b_tokens += _phrase(child)
            else:
                sides.a_tokens += _phrase(child)
    return _with_spans(sides, offset)


_PARTICIPATION_VERBS = frozenset({"involved", "included", "involves", "includes", "joined"})
_FACILITY_NOUNS = frozenset(
    {
        "base",
        "bases",
        "position",
        "positions",
        "headquarters",
        "depot",
        "depots",
        "post",
        "posts",
        "checkpoint",
        "checkpoints",
        "hideout",
        "hideouts",
        "site",
        "sites",
        "facility",
        "facilities",
        "warehouse",
        "warehouses",
        "tunnel",
        "tunnels",
        "camp",
        "camps",
        "convoy",
        "vehicle",
        "vehicles",
        "bus",
        "truck",
        "trucks",
    }
)


def _subject_phrase(subject: Any, verb: Any) -> list[Any]:
    """The subject's words; for a relative pronoun, the noun phrase the clause hangs off:
    in "the British soldier who was murdered by two men" the soldier is who was murdered.
    "which" and "that" stand for a group or people ("the militia, which attacked"), not for an
    event or a weapon ("the bombing that killed five": the bombing is no participant)."""
    if verb.dep_ == "relcl":
        antecedent = verb.head
        if subject.lower_ in ("who", "whom") or (
            subject.lower_ in ("which", "that")
            and (
                antecedent.pos_ == "PROPN"
                or antecedent.lower_ in ARMED_NOUNS
                or antecedent.lower_ in CIVILIAN_NOUNS
            )
        ):
            return _phrase(antecedent, skip={verb})
    return _phrase(subject)


def _has_facility_object(verb: Any) -> bool:
    return any(c.dep_ == "dobj" and c.lower_ in _FACILITY_NOUNS for c in verb.children)


def _phrase(token: Any, skip: set[Any] | None = None) -> list[Any]:
    """The token's subtree without descriptive clauses (appositions, relative clauses)."""
    skipped = {t.i for t in skip or ()}
    out: list[Any] = []
    stack = [token]
    while stack:
        node = stack.pop()
        if node.i in skipped:
            continue
        out.append(node)
        for child in node.children:
            if child.dep_ in _DESCRIPTIVE_DEPS and node.i != token.head.i:
                continue
            stack.append(child)
    return sorted(out, key=lambda t: t.i)


def _with_spans(sides: Sides, offset: int) -> Sides:
    if sides.a_tokens:
        sides.a_span = (offset + sides.a_tokens[0].idx, offset + _end(sides.a_tokens[-1]))
    if sides.b_tokens:
        sides.b_span = (offset + sides.b_tokens[0].idx, offset + _end(sides.b_tokens[-1]))
    return sides


def _end(token: Any) -> int:
    return int(token.idx + len(token.text))


def token_spans(tokens: list[Any], offset: int) -> list[tuple[int, int]]:
    return [(offset + t.idx, offset + _end(t)) for t in tokens]


def spans_cover(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when a character span [start, end) falls on one of these (``token_spans``) spans."""
    return any(s <= start < e or start <= s < end for s, e in spans)
