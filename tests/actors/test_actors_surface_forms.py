"""Organisation names the KB does not know, found in free text with neutral names."""

from __future__ import annotations

from conflictlens.actors.surface_forms import find_org_names, neutral_name


def _names(text: str, known: list[tuple[int, int]] | None = None) -> list[str]:
    found = find_org_names(text, known or [])
    assert all(text[o.start : o.end] == o.surface for o in found)
    return [o.name for o in found]


def test_arabic_and_english_head_nouns_make_names() -> None:
    text = (
        "On Monday Jaysh al Tahrir and the Shuhada al-Yarmouk Brigade attacked positions "
        "held by the Tiger Forces, a source from the FSA's Shahid Ahmad Abdo brigade said."
    )
    assert _names(text) == [
        "Jaysh al Tahrir",
        "Shuhada al-Yarmouk Brigade",
        "Tiger Forces",
        "Shahid Ahmad Abdo brigade",
    ]


def test_outlet_labels_are_cut_off_the_name() -> None:
    assert _names("Jets struck the terrorist Jaysh al-Izza near Hama.") == ["Jaysh al-Izza"]
    assert _names("the so-called Al-Furqan Brigades fled") == ["Al-Furqan Brigades"]
    assert neutral_name("the Takfiri Liwa al-Haqq") == "Liwa al-Haqq"


def test_descriptions_and_known_actors_are_not_new_names() -> None:
    text = "Syrian Special Forces, Government Forces and the Syrian Democratic Forces advanced."
    assert _names(text) == []
    text = "The Nusra Front and the Civil Defence Forces were there."
    assert _names(text, known=[(4, 15)]) == []
