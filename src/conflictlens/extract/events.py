"""From sentence facts to ACLED event records: find mentions, merge them, fill every field.

A *mention* is one trigger in one sentence with its two sides, place, date, casualty figures
and hedges. Mentions of the same event inside an article ("20 fighters were killed ..." /
"the ambush was carried out by ..." / "several members were injured too") merge into one
record, whose every field keeps the character spans it came from in ``evidence``.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from conflictlens.classify import acled_types
from conflictlens.extract.attribution import attributing_verbs, certainty_for
from conflictlens.extract.dates import event_date as acled_event_date
from conflictlens.extract.facts import DocContext, PlaceMention, SentenceFacts
from conflictlens.extract.notes import neutral_note
from conflictlens.extract.roles import (
    ARMED_NOUNS,
    CIVILIAN_NOUNS,
    IRREGULAR_ARMED_NOUNS,
    sides_of,
    spans_cover,
    token_spans,
)
from conflictlens.extract.triggers import (
    Trigger,
    find_triggers,
    instrument_label,
    may_be_trigger,
    reason_not_an_event,
)
from conflictlens.records import CERTAINTY_ORDER, Event, Span

_TERRITORY = {"GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"}
_ACLED_EVENT_LABELS_SKIP = {
    "DIPLO",
    "ATTRIB",
    "ORG_CRIME",
    "NATURAL_DISASTER",
    "MAN_MADE_DISASTER",
    "OTHER",
}
# How far (in sentences) a later mention may sit from the event it continues.
_MERGE_WINDOW = 3
# A reported event older than this before publication is history, not news to code.
_HISTORY_DAYS = 400


@dataclass
class Side:
    actors: list[Any] = field(default_factory=list)  # knowledge.Actor, in order of appearance
    spans: dict[str, list[Span]] = field(default_factory=dict)  # actor_id -> mention spans
    generic_kind: str | None = None  # "civilians" | "unidentified_armed_group" when no KB actor
    generic_span: Span | None = None
    hedged: str | None = None  # certainty of the attribution, when a hedge scopes over the side

    def add(self, actor: Any, span: Span) -> None:
        if all(a.actor_id != actor.actor_id for a in self.actors):
            self.actors.append(actor)
        self.spans.setdefault(actor.actor_id, []).append(span)

    def absorb(self, other: Side) -> None:
        for actor in other.actors:
            for span in other.spans.get(actor.actor_id, []):
                self.add(actor, span)
        if not self.actors and not self.generic_kind and other.generic_kind:
            self.generic_kind, self.generic_span = other.generic_kind, other.generic_span
        if other.hedged and not self.hedged:
            self.hedged = other.hedged


@dataclass
class Mention:
    sentence: SentenceFacts
    trigger: Trigger
    label: str
    side_a: Side
    side_b: Side
    place: PlaceMention | None
    dates: list[Any]
    casualties: list[Any]
    certainty: str
    according_to: list[tuple[str, Span]]
    hedge_spans: list[Span]
    triggers: list[Span] = field(default_factory=list)
    sentence_indexes: list[int] = field(default_factory=list)
    date_from_statement: bool = False
    refers_back: bool = False  # "The attack also wounded 4": about an event already told
    # Its sentence names places in several provinces ("rocket attacks on Aleppo and Deir
    # Ezzor"): its toll adds up several events, and a sentence about one of them says it better.
    spread: bool = False


def extract_events(
    sentences: list[SentenceFacts], ctx: DocContext
) -> tuple[list[Event], list[str]]:
    """Events of one document, in order of first mention, plus notes on what was left out."""
    mentions: list[Mention] = []
    skipped: list[str] = []
    for sentence in sentences:
        if sentence.doc is None:
            continue
        mention, why = _sentence_mention(sentence, ctx)
        if mention is not None:
            mentions.append(mention)
        elif why:
            skipped.append(f"sentence {sentence.index + 1}: {why}")
    merged = _merge_same_toll(_merge(mentions))
    events = [_to_event(m, ctx) for m in merged if not _is_anaphor_only(m)]
    return events, skipped


# --- one sentence -> at most one mention ---------------------------------------------------


def _sentence_mention(
    sentence: SentenceFacts, ctx: DocContext
) -> tuple[Mention | None, str | None]:
    triggers = find_triggers(sentence.doc, sentence.start)
    if not triggers:
        return None, None
    live: list[Trigger] = []
    reasons: list[str] = []
    # A headline is read as one when it names a place or an actor: a subheading such as
    # "Attacks on hospitals" in an explainer says nothing a coder could place.
    headline = sentence.headline and bool(sentence.places or sentence.actors)
    for trig in triggers:
        why = reason_not_an_event(trig, headline=headline)
        if why is None:
            live.append(trig)
        else:
            reasons.append(f"'{trig.token.text}' {why}")
    if not live:
        return None, "; ".join(reasons)
    ctx.enrich(sentence)
    history = _history_reason(sentence, ctx)
    if history:
        return None, history
    if (
        sentence.casualties
        and all(c.aggregate for c in sentence.casualties)
        and all(t.spec.lemma in ("kill", "die") for t in live)
    ):
        return None, "aggregate casualty figure, not an event"

    primary = _primary_trigger(live, sentence)
    side_a, side_b = _sides(primary, live, sentence, ctx)
    label = _label(primary, live, sentence, side_a, side_b, ctx)
    if label is None:
        return None, f"'{primary.token.text}': no ACLED event type"

    place = _place_for(sentence, primary, side_a, side_b, ctx.main_country)
    dates, from_statement = _dates_for(sentence, primary)
    casualties = [c for c in sentence.casualties if not c.aggregate]
    certainty, according_to, hedge_spans = _attribution(sentence, primary, side_a, side_b, ctx)
    return (
        Mention(
            sentence=sentence,
            trigger=primary,
            label=label,
            side_a=side_a,
            side_b=side_b,
            place=place,
            dates=dates,
            casualties=casualties,
            certainty=certainty,
            according_to=according_to,
            hedge_spans=hedge_spans,
            triggers=[(t.start, t.end) for t in live],
            sentence_indexes=[sentence.index],
            date_from_statement=from_statement,
            refers_back=any(t.anaphoric for t in live),
            spread=_names_several_provinces(sentence),
        ),
        None,
    )


def _names_several_provinces(sentence: SentenceFacts) -> bool:
    provinces = {
        (p.place.country, p.place.admin1)
        for p in sentence.places
        if p.place is not None and p.place.admin1
    }
    return len(provinces) > 1


def _history_reason(sentence: SentenceFacts, ctx: DocContext) -> str | None:
    if ctx.published is None:
        return None
    for mention in sentence.dates:
        if mention.date_end < ctx.published - timedelta(days=_HISTORY_DAYS):
            return f"history ({mention.text})"
    return None


def _primary_trigger(live: list[Trigger], sentence: SentenceFacts) -> Trigger:
    """The trigger that carries the event: verbs, then "the offensive"-style references back,
    then other nouns; specific kinds before the generic armed clash."""

    def rank(t: Trigger) -> tuple[int, int, int]:
        specific = 0 if t.spec.label != "ARMED_CLASH" else 1
        return (0 if t.is_verb else 1 if t.anaphoric else 2, specific, t.token.i)

    return sorted(live, key=rank)[0]


def _sides(
    primary: Trigger, live: list[Trigger], sentence: SentenceFacts, ctx: DocContext
) -> tuple[Side, Side]:
    raw = sides_of(primary, sentence.start)
    if not raw.a_tokens and not raw.b_tokens:
        for other in live:
            if other is not primary:
                raw = sides_of(other, sentence.start)
                if raw.a_tokens or raw.b_tokens:
                    break
    elif primary.spec.needs_object or not _names_someone(raw.b_tokens, sentence):
        # "Two civilians were killed as ISIS fired rocket shells on the village", "Russian
        # forces attacked Odesa with drones, killing two people": what was fired at or attacked
        # is often a place; who suffered is the other triggers' side 2 too.
        for other in live:
            if other is not primary:
                found = sides_of(other, sentence.start)
                raw.b_tokens += [t for t in found.b_tokens if t not in raw.b_tokens]
                raw.b_span = raw.b_span or found.b_span
    side_a, side_b = Side(), Side()
    if sentence.actors:
        a_spans = token_spans(raw.a_tokens, sentence.start)
        b_spans = token_spans(raw.b_tokens, sentence.start)
        for match in sentence.actors:
            if spans_cover(a_spans, match.start, match.end):
                side_a.add(_actor_of(match, ctx), (match.start, match.end))
            elif spans_cover(b_spans, match.start, match.end):
                side_b.add(_actor_of(match, ctx), (match.start, match.end))
    if not side_a.actors:
        _state_as_agent(raw.a_tokens, sentence, ctx, side_a)
    side_a, side_b = _civilians_as_victims(primary, side_a, side_b)
    if not side_a.actors:
        _instrument_sides(live, sentence, ctx, side_a, side_b)
    if not side_a.actors:
        _linear_sides(primary, sentence, ctx, side_a, side_b)
    for side, tokens in ((side_a, raw.a_tokens), (side_b, raw.b_tokens)):
        if side.actors:
            continue
        for tok in tokens:
            if tok.lower_ in CIVILIAN_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
                side.generic_kind = "civilians"
                side.generic_span = (
                    sentence.start + tok.idx,
                    sentence.start + tok.idx + len(tok.text),
                )
                break
            if tok.lower_ in ARMED_NOUNS and tok.pos_ in ("NOUN", "PROPN"):
                side.generic_kind = "unidentified_armed_group"
                side.generic_span = (
                    sentence.start + tok.idx,
                    sentence.start + tok.idx + len(tok.text),
                )
                break
    side_a, side_b = _civilians_as_victims(primary, side_a, side_b)
    side_b = _not_its_own_target(side_a, side_b, sentence, ctx)
    for cue in sentence.hedges:
        if cue.kind not in ("epistemic", "alleged", "weasel"):
            continue
        level = "alleged" if cue.kind == "alleged" else "suspected"
        if _scopes_over_perpetrator(cue, raw.a_span or side_span(side_a), sentence):
            # "likely by the terrorist ISIS organization": who did it is hedged.
            side_a.hedged = level
        elif raw.b_span and _overlaps(cue.scope, raw.b_span):
            # "15 suspected members of the Islamic State": who it was done to is hedged.
            side_b.hedged = level
    return side_a, side_b


_DEMONSTRATION_LABELS = frozenset({"PEACE_PROTEST", "PROTEST_WITH_INTER", "VIOL_DEMONSTR"})


def _names_someone(tokens: list[Any], sentence: SentenceFacts) -> bool:
    """Whether these words hold an actor the knowledge base knows or a generic one
    ("civilians", "gunmen")."""
    if any(t.lower_ in CIVILIAN_NOUNS or t.lower_ in ARMED_NOUNS for t in tokens):
        return True
    spans = token_spans(tokens, sentence.start)
    return any(spans_cover(spans, m.start, m.end) for m in sentence.actors)


def _state_as_agent(
    a_tokens: list[Any], sentence: SentenceFacts, ctx: DocContext, side_a: Side
) -> None:
    """A country named as the one who acted ("Israel struck Gaza", "Russia launched 40 drones
    at Kyiv"): a state acts by force through its military, as ACLED codes it."""
    for token in a_tokens:
        # The acting phrase's head or its modifier ("Syria air strikes"), not a place inside
        # it ("opposition forces in Syria", "fire from Syria").
        if token.dep_ not in ("nsubj", "compound", "amod", "poss") and not (
            token.dep_ == "pobj" and token.head.lower_ == "by"
        ):
            continue
        start = sentence.start + token.idx
        mention = next((p for p in sentence.places if p.start <= start < p.end), None)
        place = mention.place if mention is not None else None
        if mention is None or place is None or place.kind != "country":
            continue
        published = ctx.published.isoformat() if ctx.published else None
        forces = ctx.kb.state_forces(place.country, published)
        if forces is not None:
            side_a.add(forces, (mention.start, mention.end))
            return


def _civilians_as_victims(primary: Trigger, side_a: Side, side_b: Side) -> tuple[Side, Side]:
    """ACLED codes civilians only as actor 2, the side violence is done to; civilians the parser
    put on the acting side are the victims ("Syria air raids kill 25 civilians" read as a
    subject), or, in a demonstration, the protesters ("Civilians protested")."""
    if not _only_civilians(side_a):
        return side_a, side_b
    if primary.spec.label in _DEMONSTRATION_LABELS:
        kind = "rioters" if primary.spec.label == "VIOL_DEMONSTR" else "protesters"
        return Side(generic_kind=kind, generic_span=_first_span(side_a)), side_b
    if not side_b.actors and side_b.generic_kind is None:
        return side_b, side_a
    if _only_civilians(side_b):
        return Side(), side_b  # the victims were read on both sides
    return side_a, side_b


def _not_its_own_target(
    side_a: Side, side_b: Side, sentence: SentenceFacts, ctx: DocContext
) -> Side:
    """Side B, unless it is only side A's own force read from a bare noun.

    A contextual mention ("soldiers", "troops") takes the document's country, which in a war
    between two states is often the attacker's: "Ukrainian drones struck Russian troops near
    Bakhmut, killing ten soldiers" would have Ukraine's military kill its own. The soldiers are
    then the other force of their kind the sentence names ("Russian troops"); when it names none,
    or several, side B is left unsaid rather than guessed. A side named as such on both sides
    ("Syrian soldiers shot Syrian soldiers") is kept: the text said it.
    """
    own = {actor.actor_id for actor in side_a.actors}
    if not own or not side_b.actors:
        return side_b
    contextual = {(m.start, m.end) for m in sentence.actors if m.contextual}
    if any(a.actor_id not in own for a in side_b.actors):
        # Others are named on side B: side A's own force read from a bare noun there ("air
        # raids by regime aircraft and coalition warplanes") goes, the others stay.
        kept = Side(hedged=side_b.hedged)
        for actor in side_b.actors:
            spans = side_b.spans.get(actor.actor_id, [])
            if actor.actor_id in own and all(span in contextual for span in spans):
                continue
            for span in spans:
                kept.add(actor, span)
        return kept
    spans = [span for spans in side_b.spans.values() for span in spans]
    if not all(span in contextual for span in spans):
        return side_b
    kinds = {actor.type for actor in side_b.actors}
    others: dict[str, tuple[Any, Span]] = {}
    for match in sentence.actors:
        actor = _actor_of(match, ctx)
        if not match.contextual and actor.actor_id not in own and actor.type in kinds:
            others.setdefault(actor.actor_id, (actor, (match.start, match.end)))
    target = Side(hedged=side_b.hedged)
    if len(others) == 1:
        target.add(*next(iter(others.values())))
    return target


def _first_span(side: Side) -> Span | None:
    spans = [span for spans in side.spans.values() for span in spans]
    return min(spans) if spans else side.generic_span


def _only_civilians(side: Side) -> bool:
    if side.actors:
        return all(actor.type == "civilians" for actor in side.actors)
    return side.generic_kind == "civilians"


_INSTRUMENT_SURFACE = re.compile(
    r"\b(shelling|air ?strikes?|air raids?|warplanes|jets|drones?|artillery|missiles?|rockets?|"
    r"bombardment|helicopters|strikes)$",
    re.IGNORECASE,
)


def _instrument_sides(
    live: list[Trigger], sentence: SentenceFacts, ctx: DocContext, side_a: Side, side_b: Side
) -> None:
    """ "31 people killed ... in Syrian government shelling": whoever fired the shelling acted.

    The modifiers of a weapon or attack noun ("government shelling", "Russian airstrikes")
    name the initiator even when the verb's own subject is the victims.
    """
    taken = {s for spans in side_b.spans.values() for s in spans}
    for match in sentence.actors:
        # The matcher already read "Syrian government shelling" as one actor phrase.
        if _INSTRUMENT_SURFACE.search(match.surface) and (match.start, match.end) not in taken:
            side_a.add(_actor_of(match, ctx), (match.start, match.end))
            return
    for trig in live:
        if trig.is_verb:
            _instrument_agent(trig, sentence, ctx, side_a, taken)
            if side_a.actors:
                return
            continue
        modifiers = [
            c for c in trig.token.children if c.dep_ in ("amod", "compound", "nmod", "poss")
        ]
        if not modifiers:
            continue
        lo = sentence.start + min(t.left_edge.idx for t in modifiers)
        hi = trig.end
        for match in sentence.actors:
            if lo <= match.start < hi and (match.start, match.end) not in taken:
                side_a.add(_actor_of(match, ctx), (match.start, match.end))
        if side_a.actors:
            return


_ATTACK_NOUNS = frozenset(
    {"attack", "attacks", "assault", "ambush", "raid", "raids", "bombing", "bombings", "offensive"}
)


def _instrument_agent(
    verb: Trigger, sentence: SentenceFacts, ctx: DocContext, side_a: Side, taken: set[Span]
) -> None:
    """ "Four children were killed in shelling by regime forces": the one who fired."""
    for prep in verb.token.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "by", "during"):
            continue
        for weapon in (c for c in prep.children if c.dep_ in ("pobj", "pcomp")):
            if not (_INSTRUMENT_SURFACE.search(weapon.text) or weapon.lower_ in _ATTACK_NOUNS):
                continue
            for by in (c for c in weapon.children if c.dep_ == "prep" and c.lower_ == "by"):
                lo, hi = _subtree_span(sentence, by)
                for match in sentence.actors:
                    if lo <= match.start < hi and (match.start, match.end) not in taken:
                        side_a.add(_actor_of(match, ctx), (match.start, match.end))


_BETWEEN = re.compile(r"\bbetween\b(.*?)\band\b(.*?)(?:[,.;]|\bnear\b|\bin\b|\bon\b|$)")


def _linear_sides(
    primary: Trigger, sentence: SentenceFacts, ctx: DocContext, side_a: Side, side_b: Side
) -> None:
    """When the parse gives no initiator, read the word order, as a coder skimming would.

    "Fighting between the army and Houthi rebels": the first named side, then the other.
    "Syrian government airstrikes on the town ... killed 12": the actor named first, before
    the trigger, in the same clause, acted.
    """
    taken = {
        m.start
        for m in sentence.actors
        if any((m.start, m.end) in spans for spans in side_b.spans.values())
    }
    between = _BETWEEN.search(sentence.text) if "between" in sentence.text else None
    if between:
        first = (sentence.start + between.start(1), sentence.start + between.end(1))
        second = (sentence.start + between.start(2), sentence.start + between.end(2))
        for match in sentence.actors:
            if first[0] <= match.start < first[1]:
                side_a.add(_actor_of(match, ctx), (match.start, match.end))
            elif second[0] <= match.start < second[1] and not side_b.actors:
                side_b.add(_actor_of(match, ctx), (match.start, match.end))
        if side_a.actors:
            return
    clause_start = sentence.start + max(
        sentence.text.rfind(";", 0, primary.start - sentence.start), 0
    )
    speech = primary.in_quote_of
    if speech is not None and speech.i < primary.token.i and _done_by_others(primary.token):
        # "A source at Hasaka Police Command told SANA that a suicide bomber blew himself up":
        # who speaks before the verb of saying is the source, not a side. ("The coalition said
        # it had carried out air strikes", "Russia's military said six bombers carried out
        # strikes": the speaker acted.)
        clause_start = max(clause_start, sentence.start + speech.idx + len(speech.text))
    before = [
        m
        for m in sentence.actors
        if clause_start <= m.start and m.end <= primary.start and m.start not in taken
    ]
    if before:
        side_a.add(_actor_of(before[0], ctx), (before[0].start, before[0].end))


def _done_by_others(token: Any) -> bool:
    """Whether the clause of this trigger names its doers as gunmen, militants, terrorists:
    people no speaker reports as its own."""
    verb = token
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    return any(c.dep_ == "nsubj" and c.lower_ in IRREGULAR_ARMED_NOUNS for c in verb.children)


def _actor_of(match: Any, ctx: DocContext) -> Any:
    """Contextual mentions ("gunmen", "government forces") take the document's country."""
    published = ctx.published.isoformat() if ctx.published else None
    return ctx.kb.resolve(match.actor, ctx.main_country, published)


def _label(
    primary: Trigger,
    live: list[Trigger],
    sentence: SentenceFacts,
    side_a: Side,
    side_b: Side,
    ctx: DocContext,
) -> str | None:
    label = primary.spec.label
    if sentence.label is not None:
        predicted, score = sentence.label
        usable = predicted not in _ACLED_EVENT_LABELS_SKIP and acled_types(predicted)
        if usable and (score >= 0.35 or predicted == label):
            label = predicted
    territory = next((t for t in live if t.spec.state_label), None)
    if territory is None and label in _TERRITORY:
        label = primary.spec.label  # ground changes hands only by a verb that says so
    if territory is not None and label in ("ARMED_CLASH", *tuple(_TERRITORY)):
        label = territory.spec.label
    if label in _TERRITORY:
        label = "GOV_REGAINS_TERIT" if _state_led(side_a) else "NON_STATE_ACTOR_OVERTAKES_TER"
    remote = instrument_label(primary.token) if primary.is_verb else None
    if remote is not None and label in ("ARMED_CLASH", "ATTACK"):
        return remote  # "attacked Odesa with drones": an air/drone strike, whoever was hit
    civilian_target = _civilian_target(side_b)
    if civilian_target and label == "ARMED_CLASH":
        label = primary.spec.civilian_label or "ATTACK"
    if (
        label == "ATTACK"
        and not civilian_target
        and side_b.actors
        and all(a.inter in (1, 2, 3, 4, 8) for a in side_b.actors)
    ):
        label = "ARMED_CLASH"
    return label if acled_types(label) else None


def _civilian_target(side: Side) -> bool:
    return side.generic_kind == "civilians" or any(a.inter == 7 for a in side.actors)


def _state_led(side: Side) -> bool:
    return any(a.inter in (1, 8) or a.type == "state_force" for a in side.actors)


def _place_for(
    sentence: SentenceFacts, primary: Trigger, side_a: Side, side_b: Side, main_country: str
) -> PlaceMention | None:
    """The event's place: the most precise one said of the event itself.

    Places inside descriptive clauses ("militants who left the Al-Tanf area") say where an
    actor came from, not where the event happened, so they rank after the others; countries
    rank last.
    """
    actor_spans = [s for side in (side_a, side_b) for spans in side.spans.values() for s in spans]
    voices = _voice_spans(sentence)
    agents = _agent_spans(sentence)
    speakers = _speaker_spans(sentence)
    origins = _origin_spans(sentence)
    owners = _owner_spans(sentence)
    candidates = [
        p
        for p in sentence.places
        if p.place is not None
        and not _inside(p, [*actor_spans, *voices, *origins])
        and not (p.place.kind == "country" and _inside(p, owners))
        and not (_names_a_state(p) and _inside(p, agents))
        and not _across_the_border(sentence, p)
        and not (
            p.place.country != main_country and (_dateline(sentence, p) or _inside(p, speakers))
        )
    ]
    if not candidates:
        return None
    clauses = _descriptive_spans(sentence, primary)

    departures = _departure_spans(sentence)

    def rank(p: PlaceMention) -> tuple[int, int, int, int]:
        inside = any(s <= p.start < e for s, e in clauses)
        left = any(s <= p.start < e for s, e in departures)
        return (int(left), int(inside), _place_rank(p), abs(p.start - primary.end))

    return sorted(candidates, key=rank)[0]


@lru_cache(maxsize=1)
def _state_names() -> tuple[frozenset[str], frozenset[str]]:
    """(capitals news uses for governments, verbs whose subject speaks or decides for a state):
    ``data/state_names.json``, the verbs with the attributing verbs of ``attribution``."""
    raw = json.loads(
        resources.files("conflictlens.extract").joinpath("data/state_names.json").read_text("utf-8")
    )
    return frozenset(raw["capitals"]), frozenset(raw["voice_verbs"]) | attributing_verbs()


def _inside(mention: PlaceMention, spans: Sequence[Span]) -> bool:
    return any(start <= mention.start < end for start, end in spans)


def _subtree_span(sentence: SentenceFacts, token: Any) -> Span:
    """Document offsets of a token and everything it governs ("from the North Caucasus")."""
    last = token.right_edge
    return sentence.start + token.left_edge.idx, sentence.start + last.idx + len(last.text)


# The "with" part of geo/data/cues.json's border_before words. Not geo.cues.cue_at's "border"
# cue itself: that one also marks "Turkey's border" and "the border of", which say nothing
# about the side, and a PlaceMention does not carry its cue.
_BORDER_WITH = re.compile(r"\b(?:borders?|frontier)\s+with\s+(?:the\s+)?$", re.IGNORECASE)


def _across_the_border(sentence: SentenceFacts, mention: PlaceMention) -> bool:
    """A country named as the other side of a border ("a village on the border with Turkey"):
    the event is on this side of it, in the story's country, not in that one."""
    if mention.place.kind != "country":
        return False
    local = mention.start - sentence.start
    return bool(_BORDER_WITH.search(sentence.text, max(0, local - 30), local))


def _name_span(sentence: SentenceFacts, token: Any) -> Span:
    """The name a token heads ("United States"), not its whole phrase ("the army in Aleppo")."""
    first = min([token.idx, *(c.idx for c in token.children if c.dep_ == "compound")])
    return sentence.start + first, sentence.start + token.idx + len(token.text)


def _voice_spans(sentence: SentenceFacts) -> list[Span]:
    """Names that are the subject of a verb of saying or deciding ("Moscow denied", "Ankara
    launched an offensive"): a capital standing for its government, not a place of the event."""
    verbs = _state_names()[1]
    return [
        _name_span(sentence, token)
        for token in sentence.doc
        if token.dep_ == "nsubj" and token.head.lower_ in verbs
    ]


def _speaker_spans(sentence: SentenceFacts) -> list[Span]:
    """Where a speaker spoke from: "Sabra said in Turkey the attack had killed ...", "said by
    telephone from Britain". Abroad, that is the speaker's place, not the event's."""
    return [
        _subtree_span(sentence, t)
        for t in sentence.doc
        if t.dep_ == "prep" and t.head.lower_ in _state_names()[1]
    ]


#: Nouns whose "from" measures a distance ("10 km from Aleppo": near Aleppo), not an origin.
_DISTANCE_NOUNS = frozenset({"km", "kilometres", "kilometers", "miles", "metres", "meters", "mi"})


def _origin_spans(sentence: SentenceFacts) -> list[Span]:
    """Where people come from ("Shiite militias from Iraq", "40 militants from the North
    Caucasus"): who they are, not where the event happened."""
    return [
        _subtree_span(sentence, t)
        for t in sentence.doc
        if t.dep_ == "prep"
        and t.lower_ == "from"
        and t.head.pos_ in ("NOUN", "PROPN")
        and t.head.lower_ not in _DISTANCE_NOUNS
        and (t.i == 0 or sentence.doc[t.i - 1].lower_ not in _DISTANCE_NOUNS)
    ]


def _owner_spans(sentence: SentenceFacts) -> list[Span]:
    """Names that modify a thing ("a US base in Syria", "Syria's Idlib"): a country there says
    whose the thing is, or which country holds the place; the event's place is said otherwise.
    Not before an event word: "Syria violence", "a Syria attack" happened there."""
    return [
        (sentence.start + t.idx, sentence.start + t.idx + len(t.text))
        for t in sentence.doc
        if t.dep_ in ("compound", "amod", "nmod", "poss")
        and t.head.pos_ in ("NOUN", "PROPN")
        and t.head.lower_ not in _EVENT_NOUNS
        and not may_be_trigger(t.head)
    ]


#: Nouns for what happens in a place that the trigger lexicon does not list.
_EVENT_NOUNS = frozenset({"violence", "war", "conflict", "unrest", "crisis", "fighting"})


def _agent_spans(sentence: SentenceFacts, alternatives: bool = True) -> list[Span]:
    """Subjects of any verb and agents of passives ("Russia bombed a market", "trained by
    Washington"): where a country or a capital is one, it acts as a state; the event's place is
    one said otherwise, or the document's (``_acting_state`` is the last resort). With
    ``alternatives``, the names listed with them too ("or those of its ally Russia")."""
    heads = [
        token
        for token in sentence.doc
        if token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.dep_ == "agent")
    ]
    if not alternatives:
        return [_name_span(sentence, head) for head in heads]
    return [_name_span(sentence, token) for head in heads for token in _alternatives(head)]


def _alternatives(token: Any) -> list[Any]:
    """The name and those listed with it or standing for it: "by Syrian government warplanes
    or those of its ally Russia" names two agents, Syria's and Russia's ("in Aleppo" is no
    agent)."""
    out, stack = [], [token]
    while stack:
        node = stack.pop()
        out.append(node)
        for child in node.children:
            listed = child.dep_ in ("conj", "appos")
            # "those of its ally Russia", not "the people of Iran"
            of_those = (
                child.dep_ == "prep" and child.lower_ == "of" and node.lower_ in ("those", "that")
            )
            if listed or of_those or (node.dep_ == "prep" and child.dep_ == "pobj"):
                stack.append(child)
    return [t for t in out if t.dep_ != "prep"]


def _acting_state(sentence: SentenceFacts) -> PlaceMention | None:
    """The last resort for an event's place: a state named as its agent ("Ukraine shot down
    20 drones"), when neither the sentence nor the document names any other place."""
    agents = _agent_spans(sentence, alternatives=False)  # not "or those of its ally Russia"
    voices = _voice_spans(sentence)
    return next(
        (
            p
            for p in sentence.places
            if _names_a_state(p)
            and _inside(p, agents)
            # "Algeria says a soldier was killed": most often at home; "Moscow denied any
            # involvement in the raids": a capital speaking is never the place
            and (p.place.kind == "country" or not _inside(p, voices))
        ),
        None,
    )


def _names_a_state(mention: PlaceMention) -> bool:
    """A country or a capital: the names news uses for governments ("Moscow", "Russia"),
    whatever place the geoparser took the name for ("Washington", the state)."""
    place = mention.place
    return place is not None and (place.kind == "country" or mention.surface in _state_names()[0])


#: What follows a dateline's place: "MOSCOW (Sputnik) -", "BEIRUT, Lebanon (AP) —", "ALEPPO –",
#: or the story's first word where the punctuation was lost ("Jul 26 2016 BEIRUT Syrian forces").
_DATELINE_AFTER = re.compile(r"(?:,[ \t]*[A-Z][\w .]*)?[ \t]*(?:\(|[-–—][ \t])|[ \t]+[A-Z][a-z]")


def _dateline(sentence: SentenceFacts, place: PlaceMention) -> bool:
    """The place a story was filed from, in capitals before the outlet, a dash or the story's
    first word. Outside the country the story is about, it is the bureau ("MOSCOW (Sputnik)"
    over news from Deir ez-Zor), not where the event happened."""
    offset = place.start - sentence.start
    return (
        place.surface.isupper()
        and len(place.surface) > 2
        and bool(_DATELINE_AFTER.match(sentence.text, offset + len(place.surface)))
    )


_DEPARTURE_VERBS = frozenset(
    {
        "leave",
        "left",
        "flee",
        "fled",
        "come",
        "came",
        "withdraw",
        "withdrew",
        "escape",
        "escaped",
        "move",
        "moved",
        "return",
        "returned",
    }
)


@lru_cache(maxsize=1)
def _string_ids() -> tuple[frozenset[int], frozenset[int]]:
    """spaCy's integer ids of the departure verbs and of the descriptive dependency labels.

    ``token.lower``/``token.dep`` is the id of ``token.lower_``/``token.dep_``, so testing the
    integer against these ids is the same test as the string's, without looking the string up
    for every token of the sentence.
    """
    from spacy.strings import get_string_id

    return (
        frozenset(get_string_id(word) for word in _DEPARTURE_VERBS),
        frozenset(get_string_id(dep) for dep in _CLAUSE_DEPS),
    )


def _departure_spans(sentence: SentenceFacts) -> list[Span]:
    """Objects of leaving ("militants who left the Al-Tanf area"): where actors came from."""
    spans = []
    departure_ids = _string_ids()[0]
    for token in sentence.doc:
        if token.lower in departure_ids:
            for child in token.children:
                if child.dep_ in ("dobj", "prep") and (
                    child.dep_ == "dobj" or child.lower_ == "from"
                ):
                    spans.append(_subtree_span(sentence, child))
    return spans


# Clauses that describe a participant ("militants who left the Al-Tanf area").
_CLAUSE_DEPS = ("relcl", "acl", "appos")


def _descriptive_spans(sentence: SentenceFacts, primary: Trigger) -> list[Span]:
    spans = []
    descriptive_ids = _string_ids()[1]
    for token in sentence.doc:
        if token.dep in descriptive_ids and not (
            token.left_edge.i <= primary.token.i <= token.right_edge.i
        ):
            spans.append(_subtree_span(sentence, token))
    return spans


def _dates_for(sentence: SentenceFacts, primary: Trigger) -> tuple[list[Any], bool]:
    if not sentence.dates:
        return [], False
    speech = primary.in_quote_of
    if speech is None:
        return list(sentence.dates), False
    # Dates inside the reported clause date the event ("X said gunmen killed 3 on Tuesday");
    # a date outside it dates the statement ("On Thursday, X said: '...destroyed three bases'"),
    # which bounds the event from above: it happened by then.
    node = primary.token
    while node.head.i != speech.i and node.head.i != node.i:
        node = node.head
    lo, hi = _subtree_span(sentence, node)
    inside = [d for d in sentence.dates if lo <= d.start < hi]
    if inside:
        return inside, False
    return list(sentence.dates), True


def _attribution(
    sentence: SentenceFacts, primary: Trigger, side_a: Side, side_b: Side, ctx: DocContext
) -> tuple[str, list[tuple[str, Span]], list[Span]]:
    sources = list(sentence.sources)
    for quote in ctx.quotes:
        if quote.start <= primary.start < quote.end:
            sources.append(
                _QuoteSource(
                    quote.speaker,
                    quote.speaker_start,
                    quote.speaker_end,
                    "said",
                    (quote.start, quote.end),
                )
            )
    # Hedges on who did it ("likely by ISIS") or to whom ("15 suspected members of IS") are
    # those actors' certainty (field_certainty), not the event's; a projected toll ("expected
    # to rise") does not make the killing uncertain.
    span_a, span_b = side_span(side_a), side_span(side_b)
    own_cues = [
        h
        for h in sentence.hedges
        if h.kind != "projection"
        and not _scopes_over_perpetrator(h, span_a, sentence)
        and not (h.kind in ("epistemic", "alleged") and span_b and _overlaps(h.scope, span_b))
    ]
    certainty = certainty_for(own_cues, sources, span=(sentence.start, sentence.end))
    if certainty in ("reported", "confirmed") and any(
        _is_party(src.source, ctx) for src in sources
    ):
        # ACLED: what a belligerent says about its own or its enemy's actions is a claim;
        # monitors, agencies and correspondents report.
        certainty = "claimed"
    according_to = [(s.source, (s.start, s.end)) for s in sources]
    hedge_spans = [(h.start, h.end) for h in sentence.hedges]
    return certainty, according_to, hedge_spans


_PARTY_WORDS = re.compile(
    r"\b(army|military|forces?|ministry|ministers?|spokes(?:man|woman|person)|commander|general|"
    r"colonel|major|brigade|militia|militants?|rebels?|insurgents?|government|regime|officials?|"
    r"terrorists?|jihadists?|fighters?|command|battalion|faction|group)\b",
    re.IGNORECASE,
)
_NEUTRAL_WORDS = re.compile(
    r"\b(observatory|monitor\w*|correspondent|reporter|journalist|agency|news|media|witness\w*|"
    r"residents?|activists?|doctors?|medics?|hospital|un|united nations|amnesty|human rights)\b",
    re.IGNORECASE,
)


def _is_party(source: str, ctx: DocContext) -> bool:
    """Is the source a side of the conflict (a claim) rather than a reporter (a report)?"""
    if _NEUTRAL_WORDS.search(source):
        return False
    return bool(ctx.kb.find(source)) or bool(_PARTY_WORDS.search(source))


def _scopes_over_perpetrator(cue: Any, side_span: Span | None, sentence: SentenceFacts) -> bool:
    if cue.kind not in ("epistemic", "alleged", "weasel"):
        return False
    scope_start, scope_end = cue.scope
    if side_span and scope_start <= side_span[1] and side_span[0] <= scope_end + 12:
        return True
    # "Likely by ISIS", "likely associated with ISIS": the hedge is about who did it.
    scoped = sentence.text[max(0, cue.end - sentence.start) : max(0, scope_end - sentence.start)]
    return bool(_AGENTIVE.match(scoped)) and any(
        scope_start <= a.start < scope_end + 1 for a in sentence.actors
    )


_AGENTIVE = re.compile(
    r"\s*(by|associated with|linked to|affiliated with|belonging to|from)\b", re.I
)


def _place_rank(mention: PlaceMention) -> int:
    return 4 if mention.place.kind == "country" else int(mention.place.geo_precision)


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def side_span(side: Side) -> Span | None:
    spans = [s for spans in side.spans.values() for s in spans]
    if side.generic_span:
        spans.append(side.generic_span)
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


@dataclass(frozen=True)
class _QuoteSource:
    """A quote's speaker as a source of the claim inside the quote."""

    source: str
    start: int
    end: int
    kind: str
    scope: tuple[int, int] = (0, 0)


# --- merging mentions of one event -----------------------------------------------------------


def _merge(mentions: list[Mention]) -> list[Mention]:
    merged: list[Mention] = []
    for mention in mentions:
        target = next((m for m in reversed(merged) if _same_event(m, mention)), None)
        if target is None:
            merged.append(mention)
        else:
            _absorb(target, mention)
    return merged


def _merge_same_toll(mentions: list[Mention]) -> list[Mention]:
    """One story's events with the same death toll (two or more) at the same place, on
    overlapping dates and with no side swapped, are one event told twice, however far apart:
    a headline's "missile kills 23 in Marea" and, paragraphs on, "among the 23 killed". The
    more specific kind stays (a bombing or shelling over "fighting")."""
    out: list[Mention] = []
    for mention in mentions:
        toll = _toll(mention)
        target = None
        if toll >= 2:
            target = next(
                (m for m in out if _toll(m) == toll and _told_twice(m, mention, toll)), None
            )
        if target is None:
            out.append(mention)
            continue
        label = target.label
        _absorb(target, mention)
        if label in _FIGHTING and mention.label not in (*_FIGHTING, *_TERRITORY):
            target.label = mention.label
        if target.label == "ARMED_CLASH" and _civilian_target(target.side_b):
            target.label = "ATTACK"  # as _label codes a clash whose other side is civilians
    return out


#: A toll told twice with no place said either time is one event only when it is this large:
#: "61 killed" twice is one market bombing, "two killed" twice may be two incidents.
_PLACELESS_TOLL = 10


def _toll(mention: Mention) -> int:
    killed = _counts(c for c in mention.casualties if c.kind == "killed")
    return max((best for best, _, _ in killed), default=0)


def _told_twice(first: Mention, later: Mention, toll: int) -> bool:
    if first.place and later.place and first.place.place.name != later.place.place.name:
        return False
    if not (first.place or later.place) and toll < _PLACELESS_TOLL:
        return False  # "two soldiers killed by a bomb ... gunmen killed two civilians"
    only = (first.place or later.place) if not (first.place and later.place) else None
    if only is not None and only.place.kind == "country":
        return False  # a country alone says too little to join a placeless report to it
    if later.dates and first.dates and not _dates_overlap(first.dates[0], later.dates[0]):
        return False
    return _actors_compatible(first, later)


def _same_event(first: Mention, later: Mention) -> bool:
    gap = later.sentence.index - first.sentence_indexes[-1]
    if gap > _MERGE_WINDOW and not later.refers_back:
        return False
    if gap > 2 * _MERGE_WINDOW:
        return False
    if first.date_from_statement != later.date_from_statement and later.dates and first.dates:
        return False
    if later.dates and first.dates and not _dates_overlap(first.dates[0], later.dates[0]):
        return False
    if later.place and first.place and not _places_compatible(first.place, later.place):
        return False
    elaboration = gap <= 2 and not later.dates and not later.place and not later.casualties
    # A different kind of event next door is a different event, unless it says "the attack"
    # or only adds detail (no date, place or toll of its own) right after it.
    if (
        _family(first.label) != _family(later.label)
        and not (later.refers_back or elaboration)
        and later.label not in _TERRITORY
        and first.label not in _TERRITORY
    ):
        return False
    if later.refers_back or not (later.dates or later.place):
        return _actors_compatible(first, later)
    return _actors_compatible(first, later) and _shares_actor(first, later)


#: Labels of fighting that a capture told with it concludes ("attacked ... and took the
#: village"): the merged event is the capture. Other kinds (a bombing) keep their own label.
_FIGHTING = ("ARMED_CLASH", "ATTACK")


def _family(label: str) -> str:
    types = acled_types(label)
    return types[1] if types else label


def _dates_overlap(a: Any, b: Any) -> bool:
    return bool(a.date_start <= b.date_end and b.date_start <= a.date_end)


def _places_compatible(a: PlaceMention, b: PlaceMention) -> bool:
    pa, pb = a.place, b.place
    if pa.country != pb.country:
        return False
    if pa.geo_precision == 3 or pb.geo_precision == 3:
        return not pa.admin1 or not pb.admin1 or pa.admin1 == pb.admin1
    return bool(
        pa.name == pb.name or (pa.admin2 and pa.admin2 == pb.admin2) or pa.admin1 == pb.admin1
    )


def _ids(side: Side) -> set[str]:
    return {a.actor_id for a in side.actors}


def _actors_compatible(first: Mention, later: Mention) -> bool:
    """Sides must not swap: an actor on side A of one cannot be on side B of the other."""
    return not (_ids(first.side_a) & _ids(later.side_b) or _ids(first.side_b) & _ids(later.side_a))


def _shares_actor(first: Mention, later: Mention) -> bool:
    a = _ids(first.side_a) | _ids(first.side_b)
    b = _ids(later.side_a) | _ids(later.side_b)
    return bool(a & b) or not a or not b


def _absorb(target: Mention, other: Mention) -> None:
    target.side_a.absorb(other.side_a)
    target.side_b.absorb(other.side_b)
    if target.place is None or (
        other.place and _place_rank(other.place) < _place_rank(target.place)
    ):
        target.place = other.place or target.place
    if not target.dates and other.dates:
        target.dates = other.dates
        target.date_from_statement = other.date_from_statement
    killed = [c for c in other.casualties if c.kind == "killed"]
    if target.spread and not other.spread and killed:
        # the headline's total over several places gives way to this place's own toll
        target.casualties = [c for c in target.casualties if c.kind != "killed"]
        target.spread = False
    if other.spread and not target.spread and any(c.kind == "killed" for c in target.casualties):
        target.casualties += [c for c in other.casualties if c.kind != "killed"]
    else:
        target.casualties += other.casualties
    if other.label in _TERRITORY and target.label in _FIGHTING:
        # fighting that ends in a capture is the capture; a bombing stays a bombing even when
        # a background sentence about territory joins it
        target.label = other.label
    if other.label == "SUIC_BOMB" and target.label in ("REM_EXPLOS", *_FIGHTING):
        # "a car bomb attack" that a later sentence says a suicide bomber drove: ACLED's
        # suicide bombing
        target.label = other.label
    if _rank(other.certainty) > _rank(target.certainty):
        target.certainty = other.certainty
    target.according_to += [s for s in other.according_to if s not in target.according_to]
    target.hedge_spans += other.hedge_spans
    target.triggers += other.triggers
    target.sentence_indexes.append(other.sentence.index)
    if target.trigger.anaphoric and not other.trigger.anaphoric:
        target.trigger = other.trigger


def _rank(certainty: str) -> int:
    return CERTAINTY_ORDER.index(certainty)


def _is_anaphor_only(mention: Mention) -> bool:
    """'The offensive was backed by ...' with nothing before it to refer to: not a new event."""
    return (
        mention.trigger.anaphoric
        and len(mention.sentence_indexes) == 1
        and not (mention.casualties or mention.dates)
    )


# --- one merged mention -> one Event record ------------------------------------------------


def _to_event(m: Mention, ctx: DocContext) -> Event:
    evidence: dict[str, list[Span]] = {}
    types = acled_types(m.label)
    assert types is not None  # _label only returns ACLED labels
    disorder_type, event_type, sub_event_type = types
    evidence["event_type"] = sorted(set(m.triggers))
    evidence["sub_event_type"] = sorted(set(m.triggers))

    country, iso, admin1, admin2, location, lat, lon, geo_precision = _geography(m, ctx, evidence)
    if event_type in ("Protests", "Riots") and any(a.inter in (5, 6) for a in m.side_b.actors):
        # ACLED: demonstrators are actor1 of their protest, the police who intervene actor2.
        m.side_a, m.side_b = m.side_b, m.side_a
    actor1, assoc1, inter1 = _actor_fields(m.side_a, "actor1", ctx, country, evidence)
    actor2, assoc2, inter2 = _actor_fields(m.side_b, "actor2", ctx, country, evidence)
    if not actor1 and actor2 and m.label not in ("PEACE_PROTEST",):
        # Someone acted: when the text names only the victims, ACLED's unknown perpetrator.
        actor1, inter1 = _generic(ctx, "unidentified_armed_group", country)
    if not actor1 and event_type in ("Protests", "Riots"):
        # ACLED names unnamed demonstrators by country: "Protesters (Kenya)".
        actor1, inter1 = _generic(
            ctx, "protesters" if event_type == "Protests" else "rioters", country
        )
    interaction = _interaction(inter1, inter2)
    civilian = (
        "Civilian targeting"
        if (m.side_b.generic_kind == "civilians" or inter2 == 7)
        and event_type in ("Violence against civilians", "Explosions/Remote violence", "Protests")
        else ""
    )
    if event_type == "Violence against civilians":
        civilian = "Civilian targeting"

    event_day, date_start, date_end, precision = _date_fields(m, ctx, evidence)
    fatalities, low, high, injuries, rising = _casualty_fields(m, evidence)

    if m.hedge_spans:
        evidence["certainty"] = sorted(set(m.hedge_spans))
    according = []
    for name, span in m.according_to:
        if name not in according:
            according.append(name)
        evidence.setdefault("according_to", []).append(span)

    field_certainty = {}
    if m.side_a.hedged:
        field_certainty["actor1"] = m.side_a.hedged
    if m.side_b.hedged:
        field_certainty["actor2"] = m.side_b.hedged
    certainty = m.certainty
    event = Event(
        event_id=_event_id(ctx, m, sub_event_type),
        event_date=event_day,
        date_start=date_start,
        date_end=date_end,
        time_precision=precision,
        disorder_type=disorder_type,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=actor1,
        assoc_actor_1=assoc1,
        inter1=inter1,
        actor2=actor2,
        assoc_actor_2=assoc2,
        inter2=inter2,
        interaction=interaction,
        civilian_targeting=civilian,  # type: ignore[arg-type]
        country=country,
        iso=iso,
        admin1=admin1,
        admin2=admin2,
        location=location,
        latitude=lat,
        longitude=lon,
        geo_precision=geo_precision,  # type: ignore[arg-type]
        fatalities=fatalities,
        fatalities_low=low,
        fatalities_high=high,
        injuries=injuries,
        certainty=certainty,  # type: ignore[arg-type]
        according_to=according,
        source=ctx.source,
        evidence={k: sorted(set(v)) for k, v in evidence.items()},
        field_certainty=field_certainty,
    )
    event.notes = neutral_note(event, field_certainty=field_certainty, toll_rising=rising)
    return event


def _geography(
    m: Mention, ctx: DocContext, evidence: dict[str, list[Span]]
) -> tuple[str, int | None, str, str, str, float | None, float | None, int]:
    mention = m.place
    precision_floor = 1
    if mention is None:
        mention = _document_place(m, ctx) or _acting_state(m.sentence)
        precision_floor = 3  # not said in the event's own sentences: only the region is known
    if mention is None or mention.place is None:
        country = ctx.main_country
        return country, _iso(ctx, country), "", "", "", None, None, 3
    place = mention.place
    evidence["location"] = [(mention.start, mention.end)]
    if place.kind == "water":
        country = _shore_country(place, m, ctx)
        return country, _iso(ctx, country), "", "", place.name, place.lat, place.lon, 3
    precision = max(int(place.geo_precision), precision_floor)
    if place.kind in ("admin1", "region", "desert_region"):
        precision = 3
    lat, lon, precision = _gazetteer().point_for(place, precision)
    return (
        place.country,
        _iso(ctx, place.country),
        place.admin1 or (place.name if place.kind == "admin1" else ""),
        place.admin2 or "",
        place.name,
        None if lat is None else float(lat),
        None if lon is None else float(lon),
        precision,
    )


def _shore_country(place: Any, m: Mention, ctx: DocContext) -> str:
    """The country an event on a sea, gulf, strait or lake is coded to: of the countries on
    its shores, the one the document names most, else the one whose actor acted (a Houthi
    attack on a ship in the Red Sea: Yemen), else the target's; '' when none is.

    The side whose state owns the ship (a US destroyer) is not where the event happened, so
    the document's own countries come first, and only shore countries count.
    """
    shores = place.shores or ((place.country,) if place.country else ())
    named = [(ctx.countries[c], -i, c) for i, c in enumerate(shores) if ctx.countries[c] > 0]
    if named:
        return max(named)[2]
    for side in (m.side_a, m.side_b):
        for actor in side.actors:
            if actor.country in shores:
                return str(actor.country)
    return ""


def _document_place(m: Mention, ctx: DocContext) -> PlaceMention | None:
    """The place the document is mostly about (most mentioned, in its main country).

    Used only when the event's own sentences name no place; the record then says so with
    geo_precision 3 and the evidence points at the mention used.
    """
    voices = _voice_spans(m.sentence)  # "Moscow denied ...": not a place of this event either
    resolved = [
        p
        for p in ctx.places
        if p.place is not None and p.place.kind != "country" and not _inside(p, voices)
    ]
    in_country = [p for p in resolved if p.place.country == ctx.main_country] or resolved
    if not in_country:
        return None
    counts = Counter(p.place.name for p in in_country)
    top = counts.most_common(1)[0][0]
    return next(p for p in in_country if p.place.name == top)


def _gazetteer() -> Any:
    from conflictlens.knowledge import Gazetteer

    return Gazetteer.default()


def _iso(ctx: DocContext, country: str) -> int | None:
    if not country:
        return None
    return _gazetteer().iso_numeric(country)


def _actor_fields(
    side: Side, name: str, ctx: DocContext, country: str, evidence: dict[str, list[Span]]
) -> tuple[str, str, int | None]:
    if side.actors:
        # ACLED: the home state's forces lead a coalition, then foreign state forces; the
        # others are associated actors, in the order the text names them.
        main = min(
            side.actors,
            key=lambda a: (0 if a.inter == 1 else 1 if a.inter == 8 else 2, side.actors.index(a)),
        )
        assoc = [a for a in side.actors if a.actor_id != main.actor_id]
        evidence[name] = list(side.spans[main.actor_id])
        if assoc:
            evidence[f"assoc_{name.replace('actor', 'actor_')}"] = [
                s for a in assoc for s in side.spans[a.actor_id]
            ]
        if country:
            # contextual ones ("regime forces") where the document named no country: the event's
            published = ctx.published.isoformat() if ctx.published else None
            main = ctx.kb.resolve(main, country, published)
            assoc = [ctx.kb.resolve(a, country, published) for a in assoc]
        inter = ctx.kb.inter_for(main, country) if country else main.inter
        return main.name, "; ".join(a.name for a in assoc if a.name), inter
    if side.generic_kind:
        if side.generic_span:
            evidence[name] = [side.generic_span]
        actor_name, inter = _generic(ctx, side.generic_kind, country)
        return actor_name, "", inter
    return "", "", None


def _generic(ctx: DocContext, kind: str, country: str) -> tuple[str, int | None]:
    actor = ctx.kb.generic(kind, country or ctx.main_country or "Unknown")
    return actor.name, actor.inter


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit interaction code: the two inter codes, smaller first; 10*inter1 alone."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


def _date_fields(
    m: Mention, ctx: DocContext, evidence: dict[str, list[Span]]
) -> tuple[str | None, str | None, str | None, int]:
    if m.dates:
        mention = m.dates[0]
        evidence["event_date"] = [(mention.start, mention.end)]
        start, end = mention.date_start, mention.date_end
        precision = int(mention.precision)
        if m.date_from_statement:
            # Said on that day about something done before it: within the week before.
            start, end = end - timedelta(days=7), end
            precision = max(precision, 2)
        day = acled_event_date(mention) if not m.date_from_statement else end
        return day.isoformat(), start.isoformat(), end.isoformat(), precision
    if ctx.published is not None:
        # Not said: it happened on or before publication; the day is left empty, not guessed.
        return None, None, ctx.published.isoformat(), 3
    return None, None, None, 3


def _casualty_fields(
    m: Mention, evidence: dict[str, list[Span]]
) -> tuple[int, int | None, int | None, int | None, bool]:
    killed = _counts(c for c in m.casualties if c.kind == "killed")
    injured = _counts(c for c in m.casualties if c.kind == "injured")
    rising = any(c.rising for c in m.casualties)
    fatalities, low, high = 0, None, None
    if killed:
        fatalities = max(best for best, _, _ in killed)
        low = min(low for _, low, _ in killed)
        highs = [high for _, _, high in killed if high is not None]
        high = None if rising else (max([*highs, fatalities]) if highs else fatalities)
        evidence["fatalities"] = [(c.start, c.end) for c in m.casualties if c.kind == "killed"]
    injuries = None
    if injured:
        injuries = max(best for best, _, _ in injured)
        evidence["injuries"] = [(c.start, c.end) for c in m.casualties if c.kind == "injured"]
    return fatalities, low, high, injuries, rising


def _counts(mentions: Iterable[Any]) -> list[tuple[int, int, int | None]]:
    """(best, low, high) per statement of a toll. Figures sharing one verb are groups of one
    toll, added up ("killed 20 fighters and 3 civilians": 23); separate statements (a headline
    and its lede, a first report and an update) say the toll again, so the caller takes the
    largest, not the sum."""
    groups: dict[tuple[int, int], list[Any]] = {}
    for c in mentions:
        groups.setdefault((c.cue_start, c.cue_end), []).append(c)
    counts = []
    for group in groups.values():
        best = sum(c.best or 0 for c in group)
        low = sum(c.low if c.low is not None else c.best or 0 for c in group)
        highs = [c.high for c in group]
        high = None if None in highs else sum(highs)
        counts.append((best, low, high))
    return counts


def _event_id(ctx: DocContext, m: Mention, sub_event_type: str) -> str:
    key = f"{ctx.doc_id}|{m.trigger.start}|{sub_event_type}"
    return "CL" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:14]


def event_sort_key(event: Event) -> tuple[int, int]:
    spans = event.evidence.get("event_type") or [(0, 0)]
    return spans[0]


__all__ = ["event_sort_key", "extract_events"]
