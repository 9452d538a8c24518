import math

from solution import *


def _assert_pairs(actual, expected, msg):
    assert isinstance(actual, list), f"{msg}: expected a list, got {type(actual).__name__}"
    assert [i for i, _ in actual] == [i for i, _ in expected], f"{msg}: indices {actual!r}, expected {expected!r}"
    for (_, a), (_, e) in zip(actual, expected):
        assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: similarities {actual!r}, expected {expected!r}"


def test_basic_example():
    result = top_k_cosine([1.0, 0.0], [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], 2)
    _assert_pairs(result, [(0, 1.0), (2, math.sqrt(0.5))], "top_k_cosine basic")


def test_cosine_not_dot_product():
    # [10, 0] has the larger dot product; [1, 1] points the same way as the query.
    result = top_k_cosine([1.0, 1.0], [[10.0, 0.0], [1.0, 1.0]], 1)
    _assert_pairs(result, [(1, 1.0)], "a long vector must not beat a parallel one")


def test_ties_break_by_smaller_index():
    result = top_k_cosine([1.0, 0.0], [[0.0, 1.0], [3.0, 0.0], [1.0, 0.0], [2.0, 0.0]], 3)
    _assert_pairs(result, [(1, 1.0), (2, 1.0), (3, 1.0)], "ties")


def test_zero_norm_item_scores_zero():
    result = top_k_cosine([1.0, 0.0], [[3.0, 0.0], [1.0, 0.0], [0.0, 0.0]], 3)
    _assert_pairs(result, [(0, 1.0), (1, 1.0), (2, 0.0)], "zero-norm item")


def test_k_larger_than_n_returns_all():
    result = top_k_cosine([0.0, 1.0], [[0.0, 1.0], [1.0, 0.0]], 5)
    _assert_pairs(result, [(0, 1.0), (1, 0.0)], "k > n")


def test_zero_query_raises():
    try:
        top_k_cosine([0.0, 0.0], [[1.0, 0.0]], 1)
    except ValueError:
        return
    assert False, "a zero query should raise ValueError"
