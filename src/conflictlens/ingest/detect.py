"""Is it text, in which encoding, in which language?

Checks that every byte-level reader needs before it hands text on: binary junk is refused with a
clear reason, UTF-8 is the rule, anything else is decoded by charset-normalizer and the guess is
recorded as a warning on the document, because offsets are only meaningful for the text we
actually decoded.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import charset_normalizer

from conflictlens.errors import InputError

#: How much of a file the binary sniff looks at; enough to see a header or a NUL-padded block.
_SNIFF_BYTES = 8192
#: C0 control bytes that never occur in text files (tab, LF, FF, CR and ESC do).
_CONTROL_BYTES = frozenset(
    set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x1B)) | set(range(0x1C, 0x20)) | {0x7F}
)
#: BOMs, longest first (UTF-32-LE starts with the UTF-16-LE BOM).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Characters that should not appear in decoded prose: C0/C1 controls other than whitespace,
#: and the replacement character.
_NOT_PROSE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """``(encoding, BOM length)`` when the bytes start with a Unicode byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte (for Latin script)."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """True for NUL bytes or a high share of control bytes: images, PDFs, archives, junk.

    A UTF-16/32 file has NULs too; callers check ``bom_encoding`` and UTF-16 first.
    """
    sample = data[:_SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL_BYTES)
    return controls > 0.05 * len(sample)


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode file bytes to text, returning the text and any warnings about the decoding.

    Raises ``InputError`` for binary content ("binary file, not text") and for bytes that no
    encoding turns into sensible text ("unknown encoding").
    """
    bom = bom_encoding(data)
    if bom is not None:
        encoding, skip = bom
        try:
            return data[skip:].decode(encoding), []
        except UnicodeDecodeError:
            raise InputError(name, f"unknown encoding (invalid {encoding} after its BOM)") from None
    utf16 = _utf16_without_bom(data[:_SNIFF_BYTES])
    if utf16 is not None:
        try:
            return data.decode(utf16), [f"no byte-order mark; decoded as {utf16}"]
        except UnicodeDecodeError:
            pass
    if looks_binary(data):
        raise InputError(name, "binary file, not text")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError(name, "unknown encoding")
    text = str(best)
    if _share_not_prose(text) > 0.01:
        raise InputError(name, "unknown encoding")
    return text, [f"not valid UTF-8; decoded as {best.encoding} (guessed)"]


def _share_not_prose(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    return len(_NOT_PROSE.findall(sample)) / len(sample)


#: Shortest text (in letters) we dare to name a language for; below it langdetect guesses.
_MIN_LETTERS = 12
#: How much text the detector sees: a few paragraphs decide the language as well as a book.
_MAX_CHARS = 3000
#: Below this posterior (langdetect votes over 7 trials) no language has a majority: report none.
_MIN_PROBABILITY = 0.50
#: URLs, hashtags and @handles are mostly English-looking Latin tokens whatever the language of
#: the post around them; they are removed before detection.
_NOT_LANGUAGE = re.compile(r"https?://\S+|www\.\S+|[#@][\w\u200c\u200d]+")


@lru_cache(maxsize=1)
def _langdetect_factory() -> Any:
    """langdetect's profiles, loaded once (about 1 s) from the files the package ships."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    return factory


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (``"en"``), or None when it cannot tell.

    langdetect samples n-grams at random; each call uses its own detector with a fixed seed, so
    the same text always gets the same answer without touching langdetect's global state.
    """
    from langdetect.lang_detect_exception import LangDetectException

    sample = _NOT_LANGUAGE.sub(" ", text[:_MAX_CHARS])
    if sum(map(str.isalpha, sample)) < _MIN_LETTERS:
        return None
    if _reads_as_english_prose(sample):
        return "en"  # the common case, decided without langdetect's 7 sampling trials
    detector = _langdetect_factory().create()
    detector.seed = 0
    detector.append(sample)
    try:
        candidates = detector.get_probabilities()
    except LangDetectException:
        return None
    best = (
        str(candidates[0].lang).split("-")[0]
        if candidates and candidates[0].prob >= _MIN_PROBABILITY
        else None
    )
    if best != "en" and _reads_as_english_headline(sample):
        return "en"
    return best


#: A text of fewer words than this is a headline or a post: too short for n-gram statistics.
_SHORT_TEXT_WORDS = 40
#: Share of a short text's words that must be English function or news words to call it English.
_ENGLISH_WORD_SHARE = 0.34
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """English function words (spaCy's list) and the news words in data/english_news_words.txt."""
    from spacy.lang.en.stop_words import STOP_WORDS

    path = Path(__file__).with_name("data") / "english_news_words.txt"
    news = {
        word
        for line in path.read_text(encoding="utf-8").splitlines()
        if not line.startswith("#")
        for word in line.split()
    }
    return frozenset(STOP_WORDS) | frozenset(news)


#: English prose is about half function words; French or Spanish prose has few English ones
#: ("a", "on", "in" at most). This share over at least _PROSE_WORDS words is unambiguous.
_ENGLISH_PROSE_SHARE = 0.30
_PROSE_WORDS = 60


def _reads_as_english_prose(sample: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    words = [word.lower() for word in _WORD.findall(sample[:1500])]
    if len(words) < _PROSE_WORDS:
        return False
    return sum(word in STOP_WORDS for word in words) / len(words) >= _ENGLISH_PROSE_SHARE


def _reads_as_english_headline(sample: str) -> bool:
    """A short text mostly made of English function and news words is English, whatever
    langdetect guessed from its few n-grams."""
    words = [word.lower() for word in _WORD.findall(sample)]
    if not 3 <= len(words) < _SHORT_TEXT_WORDS:
        return False
    known = sum(word in _english_words() for word in words)
    return known / len(words) >= _ENGLISH_WORD_SHARE
