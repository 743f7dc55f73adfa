import time

from conflictlens.ingest.meta import format_size, normalize_date


def test_meta_dates_normalise_to_the_written_day() -> None:
    assert normalize_date("2024-04-19") == ("2024-04-19", None)
    assert normalize_date("2024-04-19T23:30:00-05:00") == ("2024-04-19", None)
    assert normalize_date("2024/4/9") == ("2024-04-09", None)
    assert normalize_date("20240419") == ("2024-04-19", None)
    assert normalize_date("Fri, 19 Apr 2024 23:30:00 -0500") == ("2024-04-19", None)
    assert normalize_date(time.strptime("2024-04-19", "%Y-%m-%d")) == ("2024-04-19", None)
    assert normalize_date(None) == (None, None)


def test_meta_impossible_or_unknown_dates_warn_instead_of_guessing() -> None:
    day, warning = normalize_date("2024-02-31")
    assert day is None and warning == "published '2024-02-31' is not a valid date; ignored"
    day, warning = normalize_date("last Tuesday")
    assert day is None and warning and "not a date" in warning
    day, warning = normalize_date(20240419)
    assert day is None and warning


def test_meta_sizes_read_as_megabytes() -> None:
    assert format_size(50 * 1024 * 1024) == "50 MB"
    assert format_size(int(20.3 * 1024 * 1024)) == "20.3 MB"
    assert format_size(5000) == "4.9 KB"
    assert format_size(50) == "50 bytes"
