"""The prefilter must never hide a sentence the event extractor could use."""

from __future__ import annotations

from conflictlens.extract.triggers import _VERB_FORMS, trigger_lexicon
from conflictlens.nlp import SentencePrefilter, split_sentences

# Forms that are events only with their object ("took control", "won back", "opened fire",
# "fired rockets"): the prefilter lists those phrases, or the objects, instead of the bare verb.
_NEEDS_OBJECT = {
    "take",
    "taken",
    "taking",
    "took",
    "win",
    "won",
    "incident",
    "fire",
    "firing",
    "open",
    "blow",
    "blew",
    "blown",
}


def test_prefilter_passes_every_trigger_form():
    prefilter = SentencePrefilter.default()
    specs, generic = trigger_lexicon()
    # the lemma table also serves verbs of saying ("told"), which trigger nothing
    trigger_forms = {form for form, lemma in _VERB_FORMS.items() if lemma in specs}
    forms = (set(specs) | trigger_forms | set(generic)) - _NEEDS_OBJECT
    missing = sorted(form for form in forms if not prefilter.passes(f"They {form} it."))
    assert missing == []


def test_prefilter_skips_background_and_keeps_events():
    prefilter = SentencePrefilter.default()
    assert prefilter.passes("Rebels took control of the village on Sunday.")
    assert prefilter.passes("Five people were injured in the blast.")
    assert prefilter.passes("Gunmen opened fire on a bus.")
    assert prefilter.passes("Militants were firing mortars at the base.")
    # a trigger read by its object, with words between: the file's patterns
    assert prefilter.passes("Rebels took three villages near Hama.")
    assert prefilter.passes("The army had taken a hill overlooking the road.")
    assert not prefilter.passes("It took two years to rebuild the city.")
    assert not prefilter.passes("Syria has been home to hundreds of thousands of refugees.")
    assert not prefilter.passes("The ministry published its annual budget on Monday.")


def test_split_sentences_spans_slice_trimmed_sentences():
    text = "Headline without a stop\n\nFirst sentence here. Second one!  \nThird line"
    spans = split_sentences(text)
    pieces = [text[s:e] for s, e in spans]
    assert pieces == [
        "Headline without a stop",
        "First sentence here.",
        "Second one!",
        "Third line",
    ]
