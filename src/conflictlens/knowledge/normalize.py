"""Name normalisation for matching Arabic (and other) names across transliterations.

News outlets write the same place or group many ways: "As Sukhnah", "Al-Suknah", "Sokhne";
"Nour al-Din al-Zinki", "Nur ad-Din al-Zenki"; "Jaysh", "Jaish", "Jeish". Matching needs one
key per name that survives those differences while keeping genuinely different names apart
("Homs" vs "Hama"). The rules are hand-written because no maintained library folds Latin
transliterations of Arabic this way (``unidecode``/``anyascii`` only strip diacritics, and
phonetic coders such as Soundex/Metaphone merge far too much: Homs and Hama collide).

The key is built token by token so that a text can be matched token-aligned with its
character offsets intact (see :func:`tokenize`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "ARTICLES",
    "STANCE_BEFORE",
    "Token",
    "TokenRow",
    "area_key",
    "fold_ascii",
    "name_key",
    "normalize_name",
    "normalize_token",
    "token_rows",
    "tokenize",
]

#: Text ending right before a name that makes it a stance, not the name's place or actor:
#: "pro-Ankara factions", "anti-Damascus protests", "pro-regime fighters".
STANCE_BEFORE = re.compile(r"\b(?:pro|anti)-$", re.IGNORECASE)

#: Leading articles dropped from names: Arabic al- in its assimilated forms, and English "the".
ARTICLES: frozenset[str] = frozenset(
    {
        "al",
        "el",
        "il",
        "as",
        "es",
        "ash",
        "esh",
        "ad",
        "ed",
        "adh",
        "an",
        "en",
        "ar",
        "er",
        "at",
        "et",
        "ath",
        "az",
        "ez",
        "the",
        "l",
    }
)

# Apostrophe-like marks used for hamza/ayn or as quotes inside names; all are dropped.
_APOSTROPHES = "'’‘ʿʾ`´ʼʻ"
_APOSTROPHE_RE = re.compile(f"[{_APOSTROPHES}]")

# A token: a dotted acronym (U.S., U.N.), or a run of letters/digits with inner apostrophes
# (Sa'eed, Ma’rib). Everything else (spaces, hyphens, punctuation) separates tokens. An English
# possessive is split off ("China's" -> China + s), so the name inside it still matches.
TOKEN_RE = re.compile(rf"(?:[^\W\d_]\.){{2,}}|[^\W_]+(?:[{_APOSTROPHES}](?![sS]\b)[^\W_]+)*")
# Punctuation that ends a phrase: a name never spans it.
_BREAK_RE = re.compile(r"[.,;:!?()\[\]{}\"“”«»/\\|]|\n\s*\n")
#: Characters that an IGNORECASE regex equates with an ASCII letter but that ``str.lower`` does
#: not turn into that letter (dotted and dotless I, long s, Kelvin sign). In a text without
#: them, an ASCII word matches case-insensitively exactly when it occurs in ``text.lower()``:
#: the lowercase word pre-checks of the classifier, casualty and relation stages rely on that.
CASE_FOLD_TRAPS = re.compile("[\u0130\u0131\u017f\u212a]")

# Transliteration folds, applied in order to one lower-cased ASCII token.
_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"(?<=[a-z]{2})(?:ah|eh|ih|e)$", "a"),  # Sukhnah/Sokhne, Raqqah/Raqqa, Fateh/Fatah
        (r"kh", "k"),
        (r"q", "k"),
        (r"ph", "f"),
        (r"ou|oo|o", "u"),  # Zour/Zor, Qouwat/Quwat, Sokhne
        (r"ee|ei|ai|ay|ey", "i"),  # Neirab/Nayrab/Nairab, Jaish/Jaysh, Saeed/Sa'id
        (r"e", "i"),  # Zenki/Zinki, Idleb/Idlib
        (r"([a-z])\1+", r"\1"),  # Raqqa/Raqa, Hasakah/Hassakeh, Liwaa/Liwa
    )
)


def fold_ascii(text: str) -> str:
    """Strip diacritics and map letters to their closest ASCII form (Ţ -> T, ‘ -> ')."""
    if text.isascii():  # most names: nothing to strip (and this runs ~1M times at load)
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=200_000)
def normalize_token(token: str) -> str:
    """Normalise one word: casefold, drop diacritics and apostrophes, fold transliteration."""
    folded = _APOSTROPHE_RE.sub("", fold_ascii(token).casefold()).replace(".", "")
    if not folded.isascii() or not folded.isalpha():
        return folded
    for pattern, repl in _FOLDS:
        folded = pattern.sub(repl, folded)
    return folded


def _significant_tokens(text: str) -> list[str]:
    words = [m.group() for m in TOKEN_RE.finditer(text)]
    keys: list[str] = []
    for index, word in enumerate(words):
        lowered = _APOSTROPHE_RE.sub("", fold_ascii(word).casefold())
        # Articles are dropped anywhere but at the very end ("Deir ez-Zor" -> deir zor).
        if lowered in ARTICLES and index < len(words) - 1:
            continue
        key = normalize_token(word)
        if key:
            keys.append(key)
    return keys


def name_key(text: str) -> str:
    """Space-joined normalised tokens: the Aho-Corasick key of a name (token-aligned)."""
    return " ".join(_significant_tokens(text))


#: What follows a district's name in one source and not in another ("Tadmur District", "Tadmor").
DISTRICT_SUFFIX = re.compile(r"\s+(District|Sub-?district|Nahiya|Qadaa|Qada|Raion|Rayon)$", re.I)


def area_key(name: str) -> str:
    """``name_key`` of an admin area's name without its designator: "Tadmur District" and
    "Tadmor" are one district."""
    return name_key(DISTRICT_SUFFIX.sub("", name))


def normalize_name(text: str) -> str:
    """One matching key per name: same for "As Sukhnah"/"Al-Suknah"/"Sokhne", not Homs/Hama."""
    return "".join(_significant_tokens(text))


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a text with its character span; ``key`` is its normalised form."""

    start: int
    end: int
    key: str
    is_article: bool


#: A token as a plain tuple (start, end, key, is_article): what :func:`token_rows` yields.
TokenRow = tuple[int, int, str, bool]

# One pass finds both tokens and phrase breaks. A break (group 1) never contains a token
# character nor starts where a token can, so the tokens are exactly ``TOKEN_RE``'s and a
# break is seen between two tokens exactly when ``_BREAK_RE`` finds one in the gap.
_SCAN_RE = re.compile(f"({_BREAK_RE.pattern})|{TOKEN_RE.pattern}")


@lru_cache(maxsize=200_000)
def _word_info(word: str) -> tuple[str, bool]:
    """(normalised key, is an article) of one token: words repeat, so this is cached."""
    lowered = _APOSTROPHE_RE.sub("", fold_ascii(word).casefold())
    return normalize_token(word), lowered in ARTICLES


def token_rows(text: str, start: int = 0, end: int | None = None) -> list[TokenRow | None]:
    """:func:`tokenize` as plain tuples, for the matcher's hot loop (no object per word)."""
    stop = len(text) if end is None else end
    out: list[TokenRow | None] = []
    append = out.append
    broken = False
    for match in _SCAN_RE.finditer(text, start, stop):
        if match.lastindex:  # a phrase break; only one before a token counts
            broken = True
            continue
        if broken:
            append(None)
            broken = False
        key, is_article = _word_info(match.group())
        append((match.start(), match.end(), key, is_article))
    return out


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token | None]:
    """Words of ``text[start:end]`` with offsets; ``None`` marks a phrase break (punctuation).

    Names are matched over the sequence of token keys, so offsets map back exactly and
    matches always fall on word boundaries.
    """
    return [None if row is None else Token(*row) for row in token_rows(text, start, end)]
