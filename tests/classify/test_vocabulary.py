import pytest

from conflictlens.classify import LABELS, acled_types, sub_event_label


def test_vocabulary_has_the_30_case_labels():
    assert len(LABELS) == len(set(LABELS)) == 30
    assert {"ARMED_CLASH", "DIPLO", "ATTRIB", "ORG_CRIME", "OTHER"} <= set(LABELS)


def test_vocabulary_maps_case_codes_to_acled_strings():
    assert acled_types("SUIC_BOMB") == (
        "Political violence",
        "Explosions/Remote violence",
        "Suicide bomb",
    )
    assert acled_types("FORCE_AGAINST_PROTEST") == (
        "Political violence; Demonstrations",
        "Protests",
        "Excessive force against protesters",
    )
    assert acled_types("ARREST") == ("Strategic developments", "Strategic developments", "Arrests")


def test_vocabulary_non_acled_labels_have_no_acled_types():
    for label in ("DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"):
        assert acled_types(label) is None
    with pytest.raises(KeyError):
        acled_types("NOT_A_LABEL")


def test_vocabulary_sub_event_round_trip():
    acled = [label for label in LABELS if acled_types(label) is not None]
    assert len(acled) == 25
    for label in acled:
        assert sub_event_label(acled_types(label)[2]) == label
    assert sub_event_label("  remote explosive/landmine/IED ") == "REM_EXPLOS"
    with pytest.raises(KeyError):
        sub_event_label("Bombing")
