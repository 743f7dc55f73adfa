"""Event triggers in a parsed sentence, and whether each one reports a real, specific event.

ACLED codes what happened, once, on a day: not what usually happens ("are bombed if they
attempt"), what might ("expected to continue"), what did not ("did not attack"), history ("In
1948 ... fled") or running totals ("has killed more than 34,000 in six months"). The checks here
read tense, modality, negation and conditionals off the dependency parse.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# Verbs of saying whose complement is the speaker's claim, not the outlet's.
SPEECH_VERBS = frozenset(
    {
        "say",
        "said",
        "claim",
        "announce",
        "state",
        "report",
        "tell",
        "add",
        "confirm",
        "accuse",
        "allege",
        "deny",
    }
)
_MODALS = frozenset({"will", "would", "could", "should", "may", "might", "can", "shall", "must"})
_PROJECTION_HEADS = frozenset(
    {
        "expect",
        "plan",
        "intend",
        "threaten",
        "vow",
        "aim",
        "hope",
        "want",
        "attempt",
        "try",
        "seek",
        "prepare",
        "continue",
    }
)
# Present perfect with these ("has fought ... over the recent weeks") sums up many events.
_DURATIVE = re.compile(
    r"\b(over|during|in|for|throughout) the (past|recent|last)\b|\bsince\b"
    r"|\brecent (days|weeks|months|years)\b"
    r"|\b(repeatedly|regularly|often|frequently|routinely|so far|continu\w*)\b",
    re.IGNORECASE,
)
_AERIAL = frozenset({"air", "drone", "aerial"})
_TOLL_NOUNS = frozenset({"toll", "tally"})
_CONTEXT_OBJECTS = frozenset(
    {
        "operation",
        "offensive",
        "attack",
        "assault",
        "raid",
        "strike",
        "airstrike",
        "airstrikes",
        "strikes",
        "campaign",
        "ambush",
    }
)


@dataclass(frozen=True)
class TriggerSpec:
    lemma: str
    pos: str
    label: str
    civilian_label: str | None
    state_label: str | None
    needs_context: bool
    needs_object: tuple[str, ...]
    subject_is_victim: bool = False  # "650 people died": the subject is side B, not side A


@dataclass(frozen=True)
class Trigger:
    token: Any  # spaCy Token
    spec: TriggerSpec
    start: int  # absolute character offsets
    end: int
    is_verb: bool
    anaphoric: bool  # "the ambush", "the offensive": refers back to an event already told
    in_quote_of: Any = None  # the speech verb token when the trigger sits in its complement


@lru_cache(maxsize=1)
def _trigger_data() -> dict[str, Any]:
    """``data/event_triggers.json``, read once for the lexicon, the stoplist and the frames."""
    text = resources.files("conflictlens.extract").joinpath("data/event_triggers.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data


@lru_cache(maxsize=8)
def _word_list(key: str) -> frozenset[str]:
    """One of ``data/event_triggers.json``'s word lists."""
    return frozenset(_trigger_data().get(key, ()))


@lru_cache(maxsize=1)
def object_stoplist() -> frozenset[str]:
    """Objects that make a violent verb figurative: "execute operations", "kill the deal",
    "shoot a video"."""
    return frozenset(_trigger_data().get("object_stoplist", ()))


def _figurative(verb: Any) -> bool:
    """The verb acts on a plan or a picture: "executed the plan", "footage shot in Douma",
    "a video shot in Kafr Batna" (its object, passive subject or the noun it describes)."""
    stop = object_stoplist()
    if verb.dep_ == "acl" and verb.head.lower_ in stop:
        return True
    children = list(verb.children)
    # A participle without an auxiliary is a reduced relative even where the parser gave it a
    # subject ("A video purportedly shot in ... showed"): that subject is what it describes.
    reduced = verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in children)
    roles = ("dobj", "nsubjpass", "nsubj") if reduced else ("dobj", "nsubjpass")
    if any(c.dep_ in roles and c.lower_ in stop for c in children):
        return True
    # "Theorists seize on a man": to seize on something is to make use of it ("seized the
    # town on Monday" has its object)
    return (
        _memo_lemma(verb) == "seize"
        and not any(c.dep_ == "dobj" for c in children)
        and any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in children)
    )


def _figurative_noun(noun: Any) -> bool:
    """An event noun made a figure of speech or another thing by its modifier: "character
    assassination", "a legal battle", "a heart attack", "cyber attacks"."""
    modifiers = _word_list("figurative_modifiers")
    return any(c.dep_ in ("compound", "amod") and c.lower_ in modifiers for c in noun.children)


def _natural_cause(verb: Any) -> bool:
    """A disease or a disaster does the killing: "an Ebola outbreak killed 17", "Floods kill
    12", "were killed by the floods", "died in the earthquake", "died of cholera"."""
    causes = _word_list("natural_causes")

    def names_cause(noun: Any) -> bool:
        words = [noun, *(c for c in noun.children if c.dep_ in ("compound", "amod"))]
        words += [o for p in noun.children if p.lower_ == "of" for o in p.children]
        named = any(_lemma_of(w.lower_, w.tag_) in causes or w.lower_ in causes for w in words)
        return named or _figurative_noun(noun)  # "died of a heart attack"

    for child in verb.children:
        if child.dep_ == "nsubj" and names_cause(child):
            return True
        if (
            child.dep_ in ("agent", "prep")
            and child.lower_ in ("by", "of", "from", "in")
            and any(o.dep_ == "pobj" and names_cause(o) for o in child.children)
        ):
            return True
    return False


@lru_cache(maxsize=1)
def trigger_lexicon() -> tuple[dict[str, TriggerSpec], frozenset[str]]:
    raw = _trigger_data()
    specs = {
        item["lemma"]: TriggerSpec(
            lemma=item["lemma"],
            pos=item["pos"],
            label=item["label"],
            civilian_label=item.get("civilian_label"),
            state_label=item.get("state_label"),
            needs_context=bool(item.get("needs_context", False)),
            needs_object=tuple(item.get("needs_object", ())),
            subject_is_victim=bool(item.get("subject_is_victim", False)),
        )
        for item in raw["triggers"]
    }
    return specs, frozenset(raw["generic_nouns"])


@lru_cache(maxsize=1)
def strike_frame() -> tuple[frozenset[str], frozenset[str]]:
    """What makes the verb "strike" an attack: the weapons and forces that strike ("drones
    struck"), and the military targets struck ("struck a warship"); "struck a deal" and "an
    earthquake struck" are neither."""
    raw = _trigger_data()
    return frozenset(raw["strike_subjects"]), frozenset(raw["strike_targets"])


@lru_cache(maxsize=1)
def instrument_labels() -> dict[str, str]:
    """Weapons that make an attack done "with" them remote violence of their kind: drones and
    jets an air strike, missiles, rockets and shells a shelling/missile attack."""
    return dict(_trigger_data().get("instrument_labels", {}))


def instrument_label(token: Any) -> str | None:
    """The label of the weapon a verb's "with" names ("attacked Odesa with Shahed drones"), or
    of the weapon that is its subject ("Warplanes target the crossings", "drones killed")."""
    labels = instrument_labels()
    for child in token.children:
        if child.dep_ == "nsubj" and child.lower_ in labels:
            return labels[child.lower_]
        if child.dep_ == "prep" and child.lower_ == "with":
            for weapon in child.children:
                if weapon.dep_ == "pobj" and weapon.lower_ in labels:
                    return labels[weapon.lower_]
    return None


def _verb_in_event_frame(token: Any, lemma: str) -> bool:
    """A context-needing verb that reports an attack: its object is one ("launched an
    offensive"), or, for "strike" and "target", a weapon or force strikes ("warplanes targeted
    the town") or a military target is struck; "blow up" something, or a car or bomb blows up.
    A strike told inside another clause ("ten were killed when warplanes struck a town") leaves
    that clause's verb to carry the event, with its victims."""
    if lemma == "blow":
        # "blew up a bridge", "the car blew up"; "talks blew up" is no explosion
        exploding = _word_list("explosion_subjects")
        return any(
            child.dep_ == "dobj" or (child.dep_ == "nsubj" and child.lower_ in exploding)
            for child in token.children
        )
    striking = lemma in ("strike", "target") and token.dep_ not in ("advcl", "relcl")
    subjects, targets = strike_frame()
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass") and (
            child.lower_ in _CONTEXT_OBJECTS or (striking and child.lower_ in targets)
        ):
            return True
        if striking and child.dep_ == "nsubj" and child.lower_ in subjects:
            return True
    return False


def _lemma(token: Any) -> str:
    """A lemma without the lemmatizer (it is excluded for speed): rule-based on the tag."""
    return _lemma_of(token.lower_, token.tag_)


def _lemma_of(text: str, tag: str) -> str:
    """``_lemma`` of a token with this lower-case form and tag."""
    if tag.startswith("VB"):
        for suffix, repl in (("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
            if text.endswith(suffix) and len(text) - len(suffix) >= 3:
                stem = text[: -len(suffix)] + repl
                return _VERB_FORMS.get(text, stem)
        return _VERB_FORMS.get(text, text)
    if tag in ("NNS", "NNPS") and text.endswith("s") and text not in ("clashes", "strikes"):
        return text[:-1]
    return _VERB_FORMS.get(text, text)


# Irregular and e-final forms that suffix stripping gets wrong.
_VERB_FORMS = {
    "killed": "kill",
    "killing": "kill",
    "kills": "kill",
    "fought": "fight",
    "fighting": "fight",
    "shot": "shoot",
    "fired": "fire",
    "firing": "fire",
    "shooting": "shoot",
    "died": "die",
    "dying": "die",
    "seized": "seize",
    "seizing": "seize",
    "captured": "capture",
    "capturing": "capture",
    "recaptured": "recapture",
    "retook": "retake",
    "retaken": "retake",
    "retaking": "retake",
    "regained": "regain",
    "liberated": "liberate",
    "liberating": "liberate",
    "liberate": "liberate",
    "won": "win",
    "took": "take",
    "taken": "take",
    "blew": "blow",
    "blown": "blow",
    "told": "tell",
    "tells": "tell",
    "telling": "tell",
    "taking": "take",
    "overran": "overrun",
    "overrun": "overrun",
    "launched": "launch",
    "launching": "launch",
    "executed": "execute",
    "executing": "execute",
    "beheaded": "behead",
    "beheading": "behead",
    "massacred": "massacre",
    "murdered": "murder",
    "assassinated": "assassinate",
    "wounded": "wound",
    "injured": "injure",
    "injuring": "injure",
    "attacked": "attack",
    "attacking": "attack",
    "ambushed": "ambush",
    "ambushes": "ambush",
    "assaulted": "assault",
    "raided": "raid",
    "stormed": "storm",
    "clashed": "clash",
    "clashes": "clash",
    "battled": "battle",
    "bombed": "bomb",
    "bombing": "bomb",
    "bombarded": "bombard",
    "shelled": "shell",
    "destroyed": "destroy",
    "destroying": "destroy",
    "exploded": "explode",
    "detonated": "detonate",
    "abducted": "abduct",
    "kidnapped": "kidnap",
    "arrested": "arrest",
    "detained": "detain",
    "protested": "protest",
    "demonstrated": "demonstrate",
    "rallied": "rally",
    "rioted": "riot",
    "looted": "loot",
    "burned": "burn",
    "burnt": "burn",
    "intercepted": "intercept",
    "defused": "defuse",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "raped": "rape",
    "dispersed": "disperse",
    "dispersing": "disperse",
    "slain": "slay",
    "slew": "slay",
    "strikes": "strike",
    "struck": "strike",
    "airstrikes": "airstrike",
    "explosions": "explosion",
    "blasts": "blast",
}


# Tags that stand for every branch of ``_lemma_of``: a verb, a plural noun, anything else.
_TAG_CLASSES = ("VB", "NNS", "NN")
# Per lower-case form (a spaCy string hash): can its lemma be a trigger lemma, under any tag?
# Most words cannot, and this skips them on reading one integer attribute; kept for the trigger
# lexicon it was worked out with, and cleared when it grows past _MEMO_MAX forms.
_MAY_TRIGGER: dict[int, bool] = {}
_MAY_TRIGGER_SPECS: list[dict[str, TriggerSpec]] = []
# (lower-case form, tag) as string hashes -> ``_lemma`` of such a token: the lemma depends on
# those two strings only. Cleared when it grows past _MEMO_MAX pairs.
_LEMMA_MEMO: dict[tuple[int, int], str] = {}
_MEMO_MAX = 100_000


def _memo_lemma(token: Any) -> str:
    """``_lemma(token)``, remembered per (lower-case form, tag)."""
    key = (token.lower, token.tag)
    lemma = _LEMMA_MEMO.get(key)
    if lemma is None:
        if len(_LEMMA_MEMO) >= _MEMO_MAX:
            _LEMMA_MEMO.clear()
        lemma = _LEMMA_MEMO[key] = _lemma(token)
    return lemma


def _may_trigger(token: Any, specs: dict[str, TriggerSpec]) -> bool:
    """Whether a token of this lower-case form has a trigger lemma under some tag (memoised)."""
    found = _MAY_TRIGGER.get(token.lower)
    if found is None:
        if len(_MAY_TRIGGER) >= _MEMO_MAX:
            _MAY_TRIGGER.clear()
        text = token.lower_
        found = _MAY_TRIGGER[token.lower] = any(
            _lemma_of(text, tag) in specs for tag in _TAG_CLASSES
        )
    return found


def _trigger_specs() -> tuple[dict[str, TriggerSpec], frozenset[str]]:
    """``trigger_lexicon()``, with the per-form memo emptied if the lexicon was reloaded."""
    specs, generic = trigger_lexicon()
    if not _MAY_TRIGGER_SPECS or _MAY_TRIGGER_SPECS[0] is not specs:
        _MAY_TRIGGER.clear()
        _MAY_TRIGGER_SPECS[:] = [specs]
    return specs, generic


def may_be_trigger(token: Any) -> bool:
    """Whether a token's word can be a trigger under some tag ("violence" no, "attack" yes)."""
    specs, _generic = _trigger_specs()
    return _may_trigger(token, specs)


def may_hold_trigger(doc: Any) -> bool:
    """Whether a tokenised (not yet tagged or parsed) sentence has a word that can be a trigger.

    Tag-independent, so it is decided before the model runs: a sentence without such a word
    yields no trigger whatever its parse, and the pipeline does not parse it.
    """
    specs, _generic = _trigger_specs()
    return any(_may_trigger(token, specs) for token in doc)


def find_triggers(doc: Any, offset: int) -> list[Trigger]:
    """Trigger tokens of a parsed sentence whose lemma is in the lexicon and whose frame fits."""
    specs, generic = _trigger_specs()
    found: list[Trigger] = []
    for token in doc:
        if not _may_trigger(token, specs):
            continue
        lemma = _memo_lemma(token)
        spec = specs.get(lemma)
        if spec is None:
            continue
        is_verb = token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")
        if (
            lemma == "strike"
            and not is_verb
            and any(
                child.dep_ == "compound" and child.lower_ in _AERIAL for child in token.children
            )
        ):
            spec = specs["airstrike"]  # "air strikes", "drone strike": written as two words
        if spec.pos == "verb" and not is_verb:
            continue
        if spec.pos == "noun" and is_verb:
            continue
        if is_verb and (_figurative(token) or _natural_cause(token)):
            continue
        if spec.needs_object and not any(
            child.lower_ in spec.needs_object for child in token.children
        ):
            continue
        if spec.needs_context and is_verb and not _verb_in_event_frame(token, lemma):
            continue
        if spec.needs_context and not is_verb and not _noun_in_event_frame(token):
            continue
        if not is_verb and _figurative_noun(token):
            continue
        if spec.state_label and is_verb and _takes_people(token):
            continue  # "captures six", "seized two soldiers": people taken, not territory
        anaphoric = (not is_verb) and lemma in generic and _is_definite(token)
        found.append(
            Trigger(
                token=token,
                spec=spec,
                start=offset + token.idx,
                end=offset + token.idx + len(token.text),
                is_verb=is_verb,
                anaphoric=anaphoric,
                in_quote_of=_speech_head(token),
            )
        )
    return found


def _takes_people(token: Any) -> bool:
    """Whether a verb's object is people or a bare number of them ("captured six")."""
    people = _word_list("people_objects")
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child.tag_ == "CD" or _lemma_of(child.lower_, child.tag_) in people
    return False


def _noun_in_event_frame(token: Any) -> bool:
    head = token.head
    return head.tag_ in ("VBD", "VBN") and _lemma(head) in ("launch", "carry", "conduct", "begin")


def _is_definite(token: Any) -> bool:
    return any(
        child.dep_ in ("det", "poss") and child.lower_ in ("the", "this", "that", "its", "their")
        for child in token.children
    )


def _speech_head(token: Any) -> Any:
    """The verb of saying whose quoted or reported complement contains ``token``, if any."""
    node = token
    while node.head.i != node.i:
        parent = node.head
        if node.dep_ in ("ccomp", "parataxis", "xcomp") and _memo_lemma(parent) in SPEECH_VERBS:
            return parent
        node = parent
    return None


def reason_not_an_event(trigger: Trigger, *, headline: bool = False) -> str | None:
    """Why this trigger does not report a specific past event, or None when it does.

    In a ``headline`` (a line with no full stop: nlp.sentences.is_headline) the present tense
    tells what happened ("Gunmen kill vaccinator", "Warplanes target the crossings") and a
    headline with no verb names its event ("Continued clashes between X and Y around Z"); "to"
    before the verb still announces ("US to strike Syria")."""
    token = trigger.token
    if not trigger.is_verb:
        why = _noun_frame_problem(trigger)
        if why and not (headline and _reported_by_headline(token)):
            return why
    verb = token if trigger.is_verb else _governing_verb(token)
    if verb is None:
        return None if trigger.anaphoric or headline else "noun without a reporting verb"
    if trigger.is_verb and token.tag_ == "VBN":
        if token.dep_ == "conj" and token.head.pos_ == "ADJ":
            return "an adjective ('damaged and destroyed buildings')"
        if token.i >= 2 and token.nbor(-1).lower_ == "and" and token.nbor(-2).lower_ == "dead":
            return "a noun ('the dead and wounded')"
    children = list(verb.children)  # read three times: spaCy makes each child token anew
    if any(child.dep_ == "neg" for child in children):
        return "negated"
    if any(child.dep_ == "mark" and child.lower_ in ("if", "unless") for child in children):
        return "conditional"
    if any(child.dep_ == "aux" and child.lower_ in _MODALS for child in children):
        return "modal or future"
    if verb.tag_ == "VB" and verb.dep_ == "acl" and verb.head.lower_ in _word_list("plan_nouns"):
        return "projected or intended"  # "a plot to blow up power stations"
    chain = verb
    while chain.dep_ in ("xcomp", "conj") and chain.head.i != chain.i:
        chain = chain.head
        if _memo_lemma(chain) in _PROJECTION_HEADS and chain.i != verb.i:
            return "projected or intended"
        children = list(chain.children)
        if any(child.dep_ == "aux" and child.lower_ in _MODALS for child in children):
            return "modal or future"
        if any(child.dep_ == "mark" and child.lower_ in ("if", "unless") for child in children):
            return "conditional"
    if headline:
        if verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children):
            return "'to' in a headline: announced, not done"
        if _over_a_span(verb):
            return "a headline over a span of time: a tally, not one event"
        return None
    tense_token = verb
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and verb.head.dep_ == "attr":
        # "the SDF have been the main force fighting IS": says who they are, not what happened
        return "a description (the complement of 'be')"
    if verb.tag_ == "VBG" and verb.dep_ in ("acl", "advcl", "xcomp", "pcomp"):
        tense_token = verb.head if verb.head.tag_.startswith("VB") else _governing_verb(verb.head)
        if tense_token is None:
            return None
    if verb.tag_ == "VB" and verb.dep_ in ("relcl", "xcomp", "acl"):
        # "an operation to liberate Handarat": the purpose clause takes the head verb's tense.
        tense_token = _governing_verb(verb.head) or verb.head
    auxes = [c for c in tense_token.children if c.dep_ in ("aux", "auxpass")]
    perfect = any(a.lower_ in ("has", "have") for a in auxes)
    if perfect and _DURATIVE.search(token.doc.text):
        return "present perfect over a period: a trend, not one event"
    if tense_token.tag_ in ("VBZ", "VBP") and not auxes and not _counts_its_victims(tense_token):
        return "present tense: habitual or generic"
    if any(a.tag_ in ("VBZ", "VBP") and a.dep_ == "auxpass" for a in auxes):
        return "present passive: habitual or generic"
    if tense_token.tag_ == "VB" and not auxes:
        return "infinitive or imperative"
    return None


def _noun_frame_problem(trigger: Trigger) -> str | None:
    """A noun reports an event only as the subject or object of a past-tense verb.

    "The ambush was carried out by militias" and "Airstrikes hit the town" report one; "a base
    for attacks on Syrian forces" and "the ISIS attacks ... have collided with" do not.
    """
    token = trigger.token
    head = token.head
    if trigger.anaphoric:
        return None
    if token.dep_ in ("nsubj", "nsubjpass", "dobj", "ROOT") and head.tag_ in ("VBD", "VBN"):
        auxes = [c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")]
        if (
            head.tag_ == "VBD"
            or any(a in ("was", "were", "had", "been") for a in auxes)
            or token.dep_ == "ROOT"
        ):
            return None
        # "A double attack in Homs has claimed the lives of 18": news's present perfect, unless
        # it spans a period ("attacks have killed hundreds since 2011").
        if any(a in ("has", "have") for a in auxes) and not _DURATIVE.search(token.doc.text):
            return None
    if token.dep_ == "nsubj" and head.tag_ in ("VBZ", "VBP") and _counts_its_victims(head):
        return None  # "Aleppo bomb blast kills six": a headline, told in the present
    if token.dep_ == "pobj" and head.lower_ == "by" and head.head.tag_ in ("VBD", "VBN"):
        return None  # "was backed by Syrian and Russian airstrikes"
    if (
        token.dep_ == "pobj"
        and head.lower_ in ("from", "in")
        and head.head.lower_ in _TOLL_NOUNS
        and head.head.head.tag_ in ("VBD", "VBN", "VBZ", "VBP")
    ):
        return None  # "The death toll from a bomb blast on a convoy reached 112"
    return "noun not in an event frame"


def _reported_by_headline(token: Any) -> bool:
    """A trigger noun that a headline reports: its verb's subject ("4 airstrikes target Idlib")
    or, with no verb, part of its head phrase ("Casualties in air bombardment on Homs"), unless
    a word on the way says it is feared, planned or did not happen ("No clashes in Idlib")."""
    verb = _governing_verb(token)
    if verb is not None and not (token.dep_ in ("nsubj", "nsubjpass") and token.head.i == verb.i):
        return False
    not_done = _word_list("headline_not_done")
    node = token
    while True:
        if node.lower_ in not_done or any(
            c.dep_ == "det" and c.lower_ == "no" for c in node.children
        ):
            return False
        if node.head.i == node.i or node.tag_.startswith("VB"):
            return True
        node = node.head


#: A tally over a span ("Israeli strikes kill 80 since mid-April", "so far"), not one event.
#: (Narrower than _DURATIVE: "Clashes continue in Lattakia" is a headline of today's fighting.)
_OVER_A_SPAN = re.compile(
    r"\bsince\b|\bso far\b|\b(?:over|during|in|for|throughout) the (?:past|last|recent)\b",
    re.IGNORECASE,
)


def _over_a_span(verb: Any) -> bool:
    """Whether the verb itself is said over a span of time ("kill 80 since mid-April"), not
    only another clause of its sentence ("kills 16 and raises the toll to 193 in 27 days")."""
    for child in verb.children:
        if child.dep_ in ("prep", "advmod", "npadvmod", "advcl"):
            phrase = child.doc[child.left_edge.i : child.right_edge.i + 1].text
            if _OVER_A_SPAN.match(phrase) and (
                not phrase.lower().startswith("since") or _SINCE_A_TIME.search(phrase)
            ):
                return True
    return False


#: "since" starts a span when a time follows ("since mid-April", "since the start of the
#: war"), not a comparison ("the most violent attack since its loss").
_SINCE_A_TIME = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|day|week|month|year"
    r"|\b(?:start|beginning|outbreak|onset|launch|escalation|war|conflict|uprising|revolution"
    r"|morning|dawn|midnight|yesterday|then)\b",
    re.IGNORECASE,
)


#: Words that make a present tense a habit even with a number: "kills 400 people every year".
_HABITUAL = re.compile(
    r"\b(?:every|each|daily|weekly|monthly|annually|yearly|usually|often|regularly|routinely|"
    r"always|typically|a (?:day|week|month|year)|per (?:day|week|month|year))\b",
    re.IGNORECASE,
)


def _counts_its_victims(verb: Any) -> bool:
    """A present-tense killing or wounding with a count of its victims reports one event, as
    headlines and the ledes copied from them do ("Assad regime kills 18 civilians in Aleppo",
    "Aleppo bomb blast kills six"); a habit has no count or says so ("every year")."""
    text = verb.doc.text
    if _memo_lemma(verb) not in ("kill", "wound", "injure") or _HABITUAL.search(text):
        return False
    if _over_a_span(verb):
        return False
    for child in verb.children:
        if child.dep_ == "dobj" and (
            child.tag_ == "CD" or any(c.dep_ == "nummod" for c in child.children)
        ):
            return True
    return False


def _governing_verb(token: Any) -> Any:
    node = token
    for _ in range(6):
        if node.head.i == node.i:
            return node if node.tag_.startswith("VB") else None
        node = node.head
        if node.tag_.startswith("VB"):
            return node
    return None
