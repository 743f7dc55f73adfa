"""Sentence boundaries as character spans, cheap enough to run on every document."""

from __future__ import annotations

import re

from conflictlens.nlp.loading import load_sentencizer

# A blank line or a single line break both end a sentence in news text: headlines, bylines and
# list items carry no final full stop, and the rule-based sentencizer would glue them together.
_BLOCK = re.compile(r"[^\n]+")


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
