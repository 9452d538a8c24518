import math

from solution import *


def _close(a, b, msg):
    assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: got {a!r}, expected {b!r}"


def test_precision_example():
    _close(precision_at_k(["a", "b", "c", "d"], {"a", "c", "x"}, 2), 0.5, "precision@2")


def test_recall_example():
    _close(recall_at_k(["a", "b", "c", "d"], {"a", "c", "x"}, 4), 2 / 3, "recall@4")


def test_ndcg_example():
    expected = (3 + 1 / math.log2(4)) / (3 + 1 / math.log2(3))
    _close(ndcg_at_k(["a", "b", "c"], {"a": 3, "c": 1}, 3), expected, "ndcg@3")


def test_perfect_ranking_has_ndcg_one():
    _close(ndcg_at_k(["a", "b", "c"], {"a": 3, "b": 2, "c": 1}, 3), 1.0, "perfect ranking")


def test_precision_divides_by_k_for_short_lists():
    _close(precision_at_k(["a"], {"a"}, 5), 0.2, "one hit in a list shorter than k")


def test_recall_with_nothing_relevant_is_zero():
    _close(recall_at_k(["a", "b"], set(), 2), 0.0, "no relevant items")
