import math
import random

from solution import *


def _reference(query, items, k):
    qn = math.sqrt(sum(x * x for x in query))
    out = []
    for i, item in enumerate(items):
        n = math.sqrt(sum(x * x for x in item))
        sim = 0.0 if n == 0 else sum(a * b for a, b in zip(query, item)) / (qn * n)
        out.append((i, sim))
    out.sort(key=lambda p: (-p[1], p[0]))
    return out[: max(k, 0)]


def _assert_same(actual, expected, msg):
    assert [i for i, _ in actual] == [i for i, _ in expected], f"{msg}: indices {[i for i, _ in actual][:10]}…, expected {[i for i, _ in expected][:10]}…"
    for (_, a), (_, e) in zip(actual, expected):
        assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: similarity {a!r} vs {e!r}"


def test_negative_similarities_rank_last():
    result = top_k_cosine([1.0, 0.0], [[-1.0, 0.0], [0.0, 1.0], [1.0, 0.1]], 3)
    assert [i for i, _ in result] == [2, 1, 0], f"got {result!r}"
    assert math.isclose(result[-1][1], -1.0), f"opposite vector should score -1, got {result[-1][1]!r}"


def test_k_zero_and_negative_return_empty():
    assert top_k_cosine([1.0], [[1.0]], 0) == [], "k=0 should return []"
    assert top_k_cosine([1.0], [[1.0]], -3) == [], "negative k should return []"


def test_empty_items():
    assert top_k_cosine([1.0, 2.0], [], 3) == [], "no items: []"


def test_length_mismatch_raises():
    try:
        top_k_cosine([1.0, 2.0], [[1.0, 2.0], [1.0]], 1)
    except ValueError:
        return
    assert False, "an item of another length should raise ValueError"


def test_inputs_not_modified():
    query = [1.0, 2.0, 3.0]
    items = [[3.0, 2.0, 1.0], [1.0, 2.0, 3.0]]
    q_copy, i_copy = list(query), [list(x) for x in items]
    top_k_cosine(query, items, 1)
    assert query == q_copy and items == i_copy, "inputs were modified"


def test_result_types():
    result = top_k_cosine([1.0, 0.0], [[1.0, 0.0], [0.5, 0.5]], 2)
    assert all(isinstance(p, tuple) and len(p) == 2 for p in result), f"expected (index, similarity) tuples, got {result!r}"
    assert all(isinstance(p[0], int) and isinstance(p[1], float) for p in result), f"types in {result!r}"


def test_scale_invariance_of_query():
    rng = random.Random(3)
    items = [[rng.uniform(-1, 1) for _ in range(8)] for _ in range(200)]
    query = [rng.uniform(-1, 1) for _ in range(8)]
    a = top_k_cosine(query, items, 10)
    b = top_k_cosine([1e6 * x for x in query], items, 10)
    _assert_same(a, b, "scaling the query must not change the ranking")


def test_tiny_and_huge_magnitudes():
    result = top_k_cosine([1e-200, 1e-200], [[1e200, 1e200], [1e-200, 0.0]], 2)
    assert [i for i, _ in result] == [0, 1], f"got {result!r}"
    assert math.isclose(result[0][1], 1.0, rel_tol=1e-9), f"parallel vectors of extreme size should score 1, got {result!r}"


def test_random_matches_reference():
    rng = random.Random(11)
    items = [[rng.gauss(0, 1) for _ in range(16)] for _ in range(2_000)]
    items[5] = [0.0] * 16
    items[7] = list(items[3])  # an exact tie
    query = [rng.gauss(0, 1) for _ in range(16)]
    for k in (1, 5, 50, 2_000, 2_500):
        _assert_same(top_k_cosine(query, items, k), _reference(query, items, k), f"k={k}")


def test_many_ties():
    items = [[1.0, 1.0]] * 50 + [[1.0, 0.0]] * 50
    result = top_k_cosine([1.0, 1.0], items, 60)
    assert [i for i, _ in result] == list(range(50)) + list(range(50, 60)), f"ties by index: {[i for i, _ in result]!r}"
