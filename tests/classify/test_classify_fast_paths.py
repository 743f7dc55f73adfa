"""The shortcuts in lexicon scoring and single-text model scoring give the plain paths' results."""

import re
from collections import Counter

from conflictlens.classify.lexicon import TriggerLexicon, _needles
from conflictlens.classify.model import EventTypeClassifier, _gram_counter

TEXTS = [
    "Government troops recaptured the town of Ouri from the rebels.",
    "A SUICIDE BOMBER BLEW HIMSELF UP AT THE GATE OF THE BARRACKS.",
    "Police fired tear gas to disperse a peaceful protest by nurses in Lilongwe.",
    "Army engineers defused a roadside bomb planted near the bridge at Gao.",
    # characters that case-insensitive regexes equate with ASCII letters
    "İSIS fıghters ſhelled the base; KİLLED two.",
    "Militants ſtormed a police poſt and kidnapped “three officers”.",
    "The cabinet will meet on Thursday to discuss the budget.",
    "",
]


def _plain_scores(lexicon: TriggerLexicon, text: str) -> list[float]:
    totals = [0.0] * len(lexicon.labels)
    for cue in lexicon.cues:
        if cue.pattern.search(text) and lexicon._applies(cue, text):
            totals[lexicon.labels.index(cue.label)] += cue.weight
    return totals


def test_lexicon_word_gate_changes_no_score():
    lexicon = TriggerLexicon.default()
    for text in TEXTS:
        assert lexicon.scores(text) == _plain_scores(lexicon, text), text


def test_lexicon_needles_are_word_sets_every_match_draws_from():
    pattern = re.compile(r"\b(?:(gun ?battle|firefight)|heavy (fighting|shelling))\b", re.I)
    assert _needles(pattern) == (("battle", "fighting", "firefight", "shelling"),)
    both = re.compile(r"(?:police|troops) [^.]{0,20}?(?:fired|shot)", re.I)
    assert _needles(both) == (("police", "troops"), ("fired", "shot"))
    assert _needles(re.compile(r"\w+(?:ed)?", re.I)) == ()  # nothing literal is required


def test_model_word_cache_counts_like_the_analyzer():
    texts = [
        "Militants fired mortars at the base.",
        "Residents marched against the new tax law.",
        "Soldiers fired at residents near the base, residents said.",
    ]
    classifier = EventTypeClassifier(use_model=True).fit(
        texts * 2, ["ART_MISS_ATTACK", "PEACE_PROTEST", "ATTACK"] * 2
    )
    vectorizer = classifier._char
    count = _gram_counter(vectorizer)
    analyze, vocabulary = vectorizer.build_analyzer(), vectorizer.vocabulary_
    for text in [*texts, "Unseen words, then the base again: base BASE", *texts]:
        expected = Counter(vocabulary[g] for g in analyze(text) if g in vocabulary)
        got = count(text)
        assert list(got.items()) == list(expected.items())  # same counts, same order
