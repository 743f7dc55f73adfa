import pytest

from conflictlens.knowledge.normalize import name_key, normalize_name, tokenize


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Sukhnah", "Suknah"),
        ("Sukhnah", "Sokhne"),
        ("As Sukhnah", "Al-Suknah"),
        ("Zinki", "Zenki"),
        ("Nour al-Din al-Zinki", "Nur ad-Din al-Zenki"),
        ("Liwa al-Quds", "Liwaa Al Quds"),
        ("Deir ez-Zor", "Deir al-Zour"),
        ("al-Nayrab", "Neirab"),
        ("Jaysh al-Islam", "Jaish al-Islam"),
        ("Ma’rib", "Marib"),
    ],
)
def test_normalize_name_merges_transliterations(left: str, right: str) -> None:
    assert normalize_name(left) == normalize_name(right)


@pytest.mark.parametrize(("left", "right"), [("Homs", "Hama"), ("Iran", "Iraq"), ("Hamas", "Hama")])
def test_normalize_name_keeps_distinct_names_apart(left: str, right: str) -> None:
    assert normalize_name(left) != normalize_name(right)


def test_name_key_drops_articles_and_the() -> None:
    assert name_key("the Badia") == name_key("Badia")


def test_tokenize_keeps_offsets_and_marks_breaks() -> None:
    text = "Liwa al-Quds, in Aleppo"
    tokens = tokenize(text)
    words = [text[t.start : t.end] for t in tokens if t is not None]
    assert words == ["Liwa", "al", "Quds", "in", "Aleppo"]
    assert None in tokens
