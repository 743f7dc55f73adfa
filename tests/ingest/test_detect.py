import random

import pytest

from conflictlens.errors import InputError
from conflictlens.ingest import decode_text, detect_language, looks_binary


def test_detect_language_english_and_others() -> None:
    assert (
        detect_language("Three civilians were killed in shelling on the town, officials said.")
        == "en"
    )
    assert (
        detect_language(
            "Trois civils ont été tués dans un bombardement de la ville, selon les autorités."
        )
        == "fr"
    )
    assert detect_language("قتل ثلاثة مدنيين في قصف على البلدة بحسب مصادر محلية") == "ar"


def test_detect_language_is_deterministic() -> None:
    text = "Gaza Israel Hamas ceasefire talks resume in Cairo #Gaza https://t.co/x"
    assert len({detect_language(text) for _ in range(10)}) == 1


def test_detect_language_abstains_on_too_little_text() -> None:
    assert detect_language("") is None
    assert detect_language("12 34 #tag https://example.org") is None


def test_detect_binary_junk_is_refused() -> None:
    rng = random.Random(7)
    junk = bytes(rng.randrange(256) for _ in range(4000))
    assert looks_binary(junk)
    with pytest.raises(InputError, match="binary file, not text"):
        decode_text(junk, "junk.txt")


def test_detect_undecodable_bytes_are_unknown_encoding() -> None:
    rng = random.Random(3)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    with pytest.raises(InputError) as caught:
        decode_text(noise, "noise.txt")
    assert str(caught.value) == "noise.txt: unknown encoding"


def test_detect_cyrillic_legacy_encoding_is_guessed() -> None:
    text = "Наступление на город продолжается, сообщили военные."
    decoded, warnings = decode_text(text.encode("cp1251"), "ru.txt")
    assert decoded == text and warnings


def test_short_english_headlines_are_english_other_short_texts_are_not() -> None:
    # langdetect alone calls the first Afrikaans and the second Indonesian.
    headline = "Syrian troops besiege rebellious suburb; dozens reported killed"
    assert detect_language(headline) == "en"
    assert detect_language("ASF Air Strike Kills Taliban Rebels in Kandahar") == "en"
    assert detect_language("Israel mata a 20 personas en Gaza") == "es"
    assert detect_language("Der Angriff auf die Stadt war schwer") == "de"


def test_long_french_prose_is_not_taken_for_english() -> None:
    french = (
        "Les forces gouvernementales ont repris le contrôle de la ville après trois jours de "
        "combats, selon des sources locales. Au moins douze personnes ont été tuées et des "
        "dizaines blessées dans les bombardements qui ont visé les quartiers est. Les habitants "
        "ont fui vers les villages voisins, où l'aide humanitaire arrive difficilement. "
        "L'armée affirme avoir neutralisé plusieurs combattants, une information que "
        "l'opposition conteste. La situation reste tendue dans toute la province."
    )
    assert detect_language(french) == "fr"
