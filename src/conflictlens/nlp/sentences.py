"""Sentence boundaries as character spans, cheap enough to run on every document."""

from __future__ import annotations

import re

from conflictlens.nlp.loading import load_sentencizer

# A blank line or a single line break both end a sentence in news text: headlines, bylines and
# list items carry no final full stop, and the rule-based sentencizer would glue them together.
_BLOCK = re.compile(r"[^\n]+")
# How a line that is prose ends (a list item's comma and a dateline's colon included): a stop,
# then closing quotes or brackets. A line ending otherwise is a headline, a title or a caption.
_STOP_AT_END = re.compile(r"[.,;:!?…]['\"’”»)]*$")
_HEADLINE_MAX_WORDS = 60


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` spans of the sentences of ``text``, whitespace trimmed, in order."""
    nlp = load_sentencizer()
    spans: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text):
        if not block.group().strip():
            continue
        offset = block.start()
        doc = nlp(block.group())
        for sent in doc.sents:
            start = offset + sent.start_char
            end = offset + sent.end_char
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end))
    return spans


def ends_like_a_sentence(line: str) -> bool:
    """Whether a line ends as prose does; a headline or a title does not."""
    return bool(_STOP_AT_END.search(line))


def is_headline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a line of its own with no full stop: a headline, a title
    or a caption. Headlines tell past events in the present ("Gunmen kill vaccinator") or
    with no verb at all ("Clashes near Arak oil field"), so the event stage reads them so."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:start].strip() or text[end:line_end].strip():
        return False
    sentence = text[start:end]
    return (
        not ends_like_a_sentence(sentence)
        and len(sentence.split()) <= _HEADLINE_MAX_WORDS
        and any(ch.islower() for ch in sentence)
    )
