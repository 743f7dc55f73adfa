"""The seed scorer counts what an analyst would: a found event, a wrong actor, a missed date."""

from __future__ import annotations

from conflictlens.eval.seeds import load_gold, match, score


def _gold() -> dict:
    return {
        "documents": [
            {
                "doc_id": "a",
                "events": [
                    {
                        "sub_event_type": "Armed clash",
                        "actor1": "Islamic State (Syria)",
                        "actor2": ["Liwa al-Quds", "Military Forces of Syria (2000-2024)"],
                        "event_date": "2024-04-19",
                        "admin1": "Homs",
                        "fatalities": 20,
                        "certainty": "reported",
                        "field_certainty": {"actor1": "suspected"},
                    },
                    {
                        "sub_event_type": "Air/drone strike",
                        "actor1": "Military Forces of Russia (2000-)",
                        "event_date": ["2024-04-11", "2024-04-18"],
                        "admin1": "Homs",
                        "fatalities": 0,
                        "certainty": "claimed",
                    },
                ],
            }
        ]
    }


def _clash(**changes: object) -> dict:
    event = {
        "event_id": "e1",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State (Syria)",
        "actor2": "Liwa al-Quds",
        "event_date": "2024-04-19",
        "admin1": "Homs",
        "fatalities": 20,
        "certainty": "reported",
        "field_certainty": {"actor1": "suspected"},
    }
    return {**event, **changes}


def _strike(**changes: object) -> dict:
    event = {
        "event_id": "e2",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Russia (2000-)",
        "actor2": "",
        "event_date": "2024-04-16",
        "date_start": "2024-04-11",
        "date_end": "2024-04-18",
        "admin1": "Homs",
        "fatalities": 0,
        "certainty": "claimed",
    }
    return {**event, **changes}


def test_eval_seeds_perfect_prediction_scores_one():
    scores = score(_gold(), {"a": [_strike(), _clash()]})
    assert scores["event_f1"] == 1.0 and scores["field_accuracy"] == 1.0
    assert scores["all_fields_right"] == 1.0


def test_eval_seeds_wrong_perpetrator_costs_the_actor_field_only():
    scores = score(_gold(), {"a": [_clash(actor1="Hezbollah"), _strike()]})
    assert scores["event_f1"] == 1.0
    assert scores["fields"]["actor1"] == 0.5 and scores["fields"]["fatalities"] == 1.0
    wrong = [e["wrong"] for e in scores["events"] if e.get("wrong")]
    assert wrong == [{"actor1": "Hezbollah"}]


def test_eval_seeds_alternatives_and_date_ranges_are_accepted():
    scores = score(
        _gold(), {"a": [_clash(actor2="Military Forces of Syria (2000-2024)"), _strike()]}
    )
    assert scores["fields"]["actor2"] == 1.0 and scores["fields"]["event_date"] == 1.0


def test_eval_seeds_missed_and_extra_events_lower_recall_and_precision():
    protest = _clash(
        event_id="e3", sub_event_type="Peaceful protest", actor1="Protesters (Syria)", actor2=""
    )
    protest.update(admin1="Damascus", event_date="2024-03-01")
    scores = score(_gold(), {"a": [_clash(), protest]})
    assert scores["n_matched"] == 1
    assert scores["event_recall"] == 0.5 and scores["event_precision"] == 0.5
    assert any(e.get("unmatched", "").startswith("Peaceful protest") for e in scores["events"])


def test_eval_seeds_an_event_on_another_date_is_not_a_match():
    gold = _gold()["documents"][0]["events"]
    assert match(gold, [_clash(event_date="2023-01-01", date_start=None, date_end=None)]) == []


def test_eval_seeds_lost_hedge_is_a_wrong_field():
    scores = score(_gold(), {"a": [_clash(field_certainty={}), _strike()]})
    assert scores["fields"]["hedged_fields"] == 0.0


def test_eval_seeds_packaged_gold_names_the_bundled_articles(examples_dir):
    gold = load_gold()
    files = {document["file"] for document in gold["documents"]}
    assert files == {path.name for path in examples_dir.glob("*.txt")}
    events = [e for d in gold["documents"] for e in d["events"]]
    assert len(events) == 4
    assert all(e["why"] for e in events)  # every gold event quotes the words it is coded from
