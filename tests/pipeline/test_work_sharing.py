"""How ``iter_analyze`` cuts the input among processes: in order, lazily, finer at the end."""

from __future__ import annotations

from itertools import count, islice

from conflictlens.pipeline import _finer_at_the_end


def _groups(n_docs: int, size: int):
    docs = iter(range(n_docs))
    return iter(lambda: list(islice(docs, size)), [])


def test_every_document_once_in_order_with_the_last_groups_cut_small():
    pieces = list(_finer_at_the_end(_groups(50, 8), lookahead=3, size=2))
    assert [d for piece in pieces for d in piece] == list(range(50))
    # 50 documents: groups of 8 until the last 3 groups (8 + 8 + 2 = 18 documents) remain,
    # which come in pieces of 2 so that no process is left with a long last piece of work.
    assert [len(p) for p in pieces] == [8, 8, 8, 8] + [2] * 9


def test_short_input_comes_all_in_small_pieces():
    assert [len(p) for p in _finer_at_the_end(_groups(5, 8), lookahead=3, size=2)] == [2, 2, 1]
    assert list(_finer_at_the_end(_groups(0, 8), lookahead=3, size=2)) == []


def test_an_endless_input_is_read_only_a_few_groups_ahead():
    pulled = 0

    def endless():
        nonlocal pulled
        for i in count():
            pulled += 1
            yield i

    docs = endless()
    groups = iter(lambda: list(islice(docs, 8)), [])
    first = next(_finer_at_the_end(groups, lookahead=3, size=2))
    assert first == list(range(8))
    assert pulled <= 8 * 4
