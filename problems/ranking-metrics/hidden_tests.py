import math
import random

from solution import *


def _close(a, b, msg):
    assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: got {a!r}, expected {b!r}"


def test_ideal_uses_all_judged_items():
    # The model missed "z", the most relevant item: NDCG must be below 1.
    value = ndcg_at_k(["a", "b"], {"a": 1, "b": 1, "z": 5}, 2)
    expected = (1 + 1 / math.log2(3)) / (5 + 1 / math.log2(3))
    _close(value, expected, "IDCG over all judged items")


def test_ndcg_no_relevance_is_zero():
    _close(ndcg_at_k(["a", "b"], {}, 2), 0.0, "no gains")
    _close(ndcg_at_k(["a", "b"], {"a": 0}, 2), 0.0, "only zero gains")


def test_k_beyond_list_length():
    _close(ndcg_at_k(["a"], {"a": 2, "b": 1}, 10), 2 / (2 + 1 / math.log2(3)), "k > len(ranked)")
    _close(recall_at_k(["a"], {"a", "b"}, 10), 0.5, "recall with k > len(ranked)")


def test_bad_k_raises():
    for fn, arg in ((precision_at_k, {"a"}), (recall_at_k, {"a"}), (ndcg_at_k, {"a": 1})):
        for k in (0, -2):
            try:
                fn(["a"], arg, k)
            except ValueError:
                continue
            assert False, f"{fn.__name__} with k={k} should raise ValueError"


def test_negative_gain_raises():
    try:
        ndcg_at_k(["a"], {"a": -1}, 1)
    except ValueError:
        return
    assert False, "a negative gain should raise ValueError"


def test_inputs_not_modified():
    ranked, relevant, gains = ["a", "b"], {"a"}, {"a": 2, "b": 1}
    precision_at_k(ranked, relevant, 1)
    recall_at_k(ranked, relevant, 1)
    ndcg_at_k(ranked, gains, 2)
    assert ranked == ["a", "b"] and relevant == {"a"} and gains == {"a": 2, "b": 1}, "inputs changed"


def test_ndcg_bounded_and_monotone_in_swaps():
    rng = random.Random(7)
    items = [f"i{n}" for n in range(50)]
    gains = {it: rng.choice([0, 0, 1, 2, 3]) for it in items}
    best = sorted(items, key=lambda it: -gains[it])
    _close(ndcg_at_k(best, gains, 10), 1.0, "ideal order")
    for _ in range(30):
        ranked = items[:]
        rng.shuffle(ranked)
        v = ndcg_at_k(ranked, gains, 10)
        assert 0.0 <= v <= 1.0 + 1e-12, f"NDCG out of [0, 1]: {v!r}"


def test_large_lists():
    items = list(range(100_000))
    relevant = set(range(0, 100_000, 7))
    _close(precision_at_k(items, relevant, 70), 10 / 70, "precision@70 on a long list")
    _close(recall_at_k(items, relevant, 100_000), 1.0, "recall over everything")
