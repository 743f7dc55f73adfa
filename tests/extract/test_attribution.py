"""Attribution: hedges, sources, quotes and certainty on sentences modelled on partisan news."""

from conflictlens.extract.attribution import (
    HedgeCue,
    SourceAttribution,
    certainty_for,
    find_hedges,
    find_quotes,
    find_sources,
)

AMBUSH = (
    "12 soldiers were killed, likely by the notorious ISIS group, near Palmyra. "
    "According to one source, the attack was carried out by militias. "
    "Several soldiers were injured, with the death toll expected to rise."
)


def _cue(text: str, word: str) -> HedgeCue:
    return next(c for c in find_hedges(text) if c.cue.lower() == word)


def test_attribution_likely_scopes_the_perpetrator_phrase():
    cue = _cue(AMBUSH, "likely")
    assert cue.kind == "epistemic"
    assert AMBUSH[cue.scope[0] : cue.scope[1]] == "likely by the notorious ISIS group"


def test_attribution_sentence_initial_according_to_scopes_the_sentence():
    cue = _cue(AMBUSH, "according to")
    assert cue.kind == "reported"
    assert AMBUSH[cue.scope[0] : cue.scope[1]].startswith("According to one source,")
    assert AMBUSH[cue.scope[0] : cue.scope[1]].endswith("by militias.")


def test_attribution_projection_scopes_the_death_toll():
    cue = _cue(AMBUSH, "expected to rise")
    assert cue.kind == "projection"
    assert AMBUSH[cue.scope[0] : cue.scope[1]] == "the death toll expected to rise"


def test_attribution_offsets_index_the_text():
    for cue in find_hedges(AMBUSH):
        assert AMBUSH[cue.start : cue.end] == cue.cue


def test_attribution_month_may_is_not_a_hedge():
    assert find_hedges("The offensive began in May 2016 near Aleppo.") == []
    assert [c.cue for c in find_hedges("The offensive may resume soon.")] == ["may"]


def test_attribution_news_profile_skips_vague_quantifiers():
    text = "Some residents fled the town."
    assert find_hedges(text) == []
    assert [c.cue for c in find_hedges(text, profile="sentence")] == ["Some"]


def test_attribution_sources_named_with_role():
    text = (
        'In a press conference on Thursday, Russian Major General Yuri Popov said, "The Air '
        'Force destroyed three bases."'
    )
    [source] = find_sources(text)
    assert source.source == "Yuri Popov (Russian Major General)"
    assert source.kind == "said"
    assert text[source.start : source.end] == "Russian Major General Yuri Popov"


def test_attribution_sources_keep_vagueness_and_drop_articles():
    assert [(s.source, s.kind) for s in find_sources(AMBUSH)] == [("one source", "according_to")]
    [sohr] = find_sources("The SOHR reported that 20 fighters were killed.")
    assert (sohr.source, sohr.kind) == ("SOHR", "reported")
    [claim] = find_sources("Terrorists claimed the boy was a fighter from Liwa al-Quds.")
    assert (claim.source, claim.kind) == ("Terrorists", "claimed")
    [accuser] = find_sources("The US has repeatedly accused the government of training militias.")
    assert (accuser.source, accuser.kind) == ("US", "accused")


def test_attribution_sources_ignore_non_attributing_verbs():
    assert find_sources("A car bomb in Homs has claimed the lives of 18 civilians.") == []
    assert find_sources("He said the road was closed.") == []


def test_attribution_quotes_have_speaker_and_skip_scare_quotes():
    text = (
        "The base lies near the “protected” zone. Russian Major General Yuri Popov said, "
        "“The Russian Air Force destroyed three bases.”"
    )
    [quote] = find_quotes(text)
    assert quote.speaker == "Yuri Popov (Russian Major General)"
    assert text[quote.start : quote.end] == "The Russian Air Force destroyed three bases."
    assert text[quote.speaker_start : quote.speaker_end] == "Russian Major General Yuri Popov"


def test_attribution_quote_with_trailing_speaker():
    text = '"We pushed them back," said Rami Abdel Rahman.'
    [quote] = find_quotes(text)
    assert quote.speaker == "Rami Abdel Rahman"


def test_attribution_certainty_follows_the_weakest_signal():
    cues, sources = find_hedges(AMBUSH), find_sources(AMBUSH)
    first = (0, AMBUSH.index("Palmyra."))
    assert certainty_for(cues, sources, span=first) == "suspected"
    assert certainty_for([], [], span=(0, 10)) == "reported"
    claim = "Terrorists claimed the boy was a fighter."
    assert certainty_for(find_hedges(claim), find_sources(claim)) == "claimed"
    alleged = "The army had allegedly sent reinforcements."
    assert certainty_for(find_hedges(alleged), find_sources(alleged)) == "alleged"
    denied = "The ministry denied that any civilians were killed."
    assert certainty_for(find_hedges(denied), find_sources(denied)) == "disputed"


def test_attribution_confirmed_needs_explicit_confirmation():
    text = "The ministry confirmed that 12 soldiers were killed."
    assert certainty_for(find_hedges(text), find_sources(text)) == "confirmed"
    hedged = "The ministry confirmed that 12 soldiers were likely killed."
    assert certainty_for(find_hedges(hedged), find_sources(hedged)) == "suspected"
    unrelated = SourceAttribution("ministry", 0, 8, "confirmed", (0, 20))
    assert certainty_for([], [unrelated], span=(40, 60)) == "reported"
