import bisect
import math
import random

from solution import *


def _assert_metrics(actual, expected, msg=""):
    assert isinstance(actual, tuple) and len(actual) == 3, f"{msg}: expected a 3-tuple, got {actual!r}"
    for name, a, e in zip(("precision", "recall", "f1"), actual, expected):
        assert isinstance(a, float), f"{msg}: {name} should be a float, got {a!r}"
        assert not math.isnan(a), f"{msg}: {name} is nan, expected {e!r}"
        assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: {name} is {a!r}, expected {e!r}"


def _assert_auc(actual, expected, msg=""):
    assert isinstance(actual, float), f"{msg}: expected a float, got {actual!r}"
    assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: got {actual!r}, expected {expected!r}"


def _brute_force_auc(y_true, scores):
    pos = [s for s, t in zip(scores, y_true) if t == 1]
    neg = [s for s, t in zip(scores, y_true) if t == 0]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def _bisect_auc(y_true, scores):
    """Independent O(n log n) reference: binary-search every positive among the sorted negatives."""
    neg = sorted(s for s, t in zip(scores, y_true) if t == 0)
    pos = [s for s, t in zip(scores, y_true) if t == 1]
    twice_wins = sum(bisect.bisect_left(neg, p) + bisect.bisect_right(neg, p) for p in pos)
    return twice_wins / (2 * len(pos) * len(neg))


def _expect_value_error(fn, *args, what=""):
    try:
        fn(*args)
    except ValueError:
        return
    assert False, f"{what} should raise ValueError"


class _TooManyComparisons(AssertionError):
    pass


class _CountingFloat(float):
    """A float that counts comparisons and fails fast once a budget is exceeded."""

    count = 0
    budget = None

    def _tick(self):
        _CountingFloat.count += 1
        if _CountingFloat.budget is not None and _CountingFloat.count > _CountingFloat.budget:
            _CountingFloat.budget = None
            raise _TooManyComparisons("too many score comparisons")

    def __lt__(self, other):
        self._tick()
        return float.__lt__(self, other)

    def __le__(self, other):
        self._tick()
        return float.__le__(self, other)

    def __gt__(self, other):
        self._tick()
        return float.__gt__(self, other)

    def __ge__(self, other):
        self._tick()
        return float.__ge__(self, other)

    def __eq__(self, other):
        self._tick()
        return float.__eq__(self, other)

    def __ne__(self, other):
        self._tick()
        return float.__ne__(self, other)

    __hash__ = float.__hash__


def test_zero_division_conventions():
    # No predicted positives: precision 0/0.
    _assert_metrics(precision_recall_f1([1, 1, 0], [0, 0, 0]), (0.0, 0.0, 0.0), "no predicted positives")
    # No actual positives: recall 0/0 (and precision 0 / 2).
    _assert_metrics(precision_recall_f1([0, 0, 0], [1, 0, 1]), (0.0, 0.0, 0.0), "no actual positives")
    # Neither: every denominator is 0.
    _assert_metrics(precision_recall_f1([0, 0], [0, 0]), (0.0, 0.0, 0.0), "all negative")
    # Precision and recall both 0 but their denominators are not.
    _assert_metrics(precision_recall_f1([1, 0], [0, 1]), (0.0, 0.0, 0.0), "all wrong")


def test_f1_is_the_harmonic_mean():
    # precision 1, recall 1/2: F1 = 2/3 (the arithmetic mean would be 3/4)
    _assert_metrics(precision_recall_f1([1, 1, 0, 0], [1, 0, 0, 0]), (1.0, 0.5, 2 / 3), "precision 1, recall 0.5")
    # precision 1/4, recall 1
    _assert_metrics(precision_recall_f1([1, 0, 0, 0], [1, 1, 1, 1]), (0.25, 1.0, 0.4), "precision 0.25, recall 1")


def test_precision_recall_f1_matches_counts_on_random_data():
    rng = random.Random(1)
    y_true = [rng.randint(0, 1) for _ in range(5_000)]
    y_pred = [t if rng.random() < 0.8 else 1 - t for t in y_true]
    tp = sum(1 for t, p in zip(y_true, y_pred) if t == p == 1)
    fp = sum(1 for t, p in zip(y_true, y_pred) if t == 0 and p == 1)
    fn = sum(1 for t, p in zip(y_true, y_pred) if t == 1 and p == 0)
    p, r = tp / (tp + fp), tp / (tp + fn)
    _assert_metrics(precision_recall_f1(y_true, y_pred), (p, r, 2 * p * r / (p + r)), "5000 random labels")


def test_invalid_input_raises():
    _expect_value_error(precision_recall_f1, [1, 0], [1], what="precision_recall_f1 with different lengths")
    _expect_value_error(precision_recall_f1, [], [], what="precision_recall_f1([], [])")
    _expect_value_error(precision_recall_f1, [1, 2], [1, 0], what="precision_recall_f1 with y_true label 2")
    _expect_value_error(precision_recall_f1, [1, 0], [1, -1], what="precision_recall_f1 with y_pred label -1")
    _expect_value_error(roc_auc, [1, 0], [0.5], what="roc_auc with different lengths")
    _expect_value_error(roc_auc, [], [], what="roc_auc([], [])")
    _expect_value_error(roc_auc, [1, 0, 2], [0.1, 0.2, 0.3], what="roc_auc with label 2")
    _expect_value_error(roc_auc, [0, 0, 0], [0.1, 0.2, 0.3], what="roc_auc with only negatives")
    _expect_value_error(roc_auc, [1, 0, 1], [0.1, float("nan"), 0.3], what="roc_auc with a NaN score")


def test_roc_auc_all_scores_tied_is_half():
    _assert_auc(roc_auc([0, 1, 1, 0, 1], [0.3] * 5), 0.5, "all scores equal")
    _assert_auc(roc_auc([1, 0], [7, 7]), 0.5, "one tied pair")


def test_roc_auc_ties_match_brute_force():
    rng = random.Random(2)
    for trial in range(5):
        n = 300
        y = [rng.randint(0, 1) for _ in range(n)]
        # Few distinct values, so most positive/negative pairs are ties.
        scores = [rng.randint(0, 6) / 2 + 0.5 * t * rng.random() for t in y]
        scores = [round(s, 1) for s in scores]
        _assert_auc(roc_auc(y, scores), _brute_force_auc(y, scores), f"trial {trial}: 300 examples with ties")


def test_roc_auc_is_rank_based():
    rng = random.Random(3)
    y = [rng.randint(0, 1) for _ in range(200)]
    y[0], y[1] = 0, 1
    scores = [rng.gauss(t, 1.0) for t in y]
    base = roc_auc(y, scores)
    _assert_auc(roc_auc(y, [1000.0 * s - 5.0 for s in scores]), base, "affine transform of the scores")
    _assert_auc(roc_auc(y, [1.0 / (1.0 + math.exp(-s)) for s in scores]), base, "sigmoid of the scores")
    order = list(range(len(y)))
    rng.shuffle(order)
    _assert_auc(roc_auc([y[i] for i in order], [scores[i] for i in order]), base, "shuffled examples")
    _assert_auc(roc_auc(y, [-s for s in scores]), 1.0 - base, "negated scores give 1 - AUC")


def test_roc_auc_integer_and_infinite_scores():
    _assert_auc(roc_auc([0, 1, 0, 1], [1, 3, 2, 2]), 0.875, "integer scores")
    inf = float("inf")
    _assert_auc(roc_auc([0, 1, 1, 0], [-inf, inf, 0.0, inf]), 0.625, "infinite scores")


def test_roc_auc_does_not_modify_inputs():
    y = [1, 0, 1, 0, 0, 1]
    scores = [0.9, 0.1, 0.4, 0.35, 0.8, 0.2]
    y_snapshot, scores_snapshot = list(y), list(scores)
    roc_auc(y, scores)
    precision_recall_f1(y, [1, 1, 0, 0, 1, 0])
    assert y == y_snapshot, f"y_true was modified: {y_snapshot!r} became {y!r}"
    assert scores == scores_snapshot, f"scores were modified (sorted in place?): {scores_snapshot!r} became {scores!r}"


def test_roc_auc_heavy_ties_at_scale():
    rng = random.Random(4)
    n = 6_000
    y = [1 if rng.random() < 0.3 else 0 for _ in range(n)]
    scores = [float(min(3, max(0, round(rng.gauss(1.0 + t, 1.0))))) for t in y]
    pos = [sum(1 for s, t in zip(scores, y) if t == 1 and s == v) for v in range(4)]
    neg = [sum(1 for s, t in zip(scores, y) if t == 0 and s == v) for v in range(4)]
    wins = sum(pos[v] * (sum(neg[:v]) + 0.5 * neg[v]) for v in range(4))
    _assert_auc(roc_auc(y, scores), wins / (sum(pos) * sum(neg)), "6000 examples with 4 distinct scores")


def test_roc_auc_is_n_log_n():
    rng = random.Random(5)
    n = 4_000
    y = [i % 2 for i in range(n)]
    scores = [_CountingFloat(rng.gauss(0.5 * t, 1.0)) for t in y]
    expected = _bisect_auc(y, [float(s) for s in scores])
    _CountingFloat.count = 0
    _CountingFloat.budget = 60 * n
    try:
        result = roc_auc(y, scores)
    except _TooManyComparisons:
        assert False, (
            f"roc_auc made more than {60 * n} score comparisons for n={n}; "
            f"comparing every positive with every negative is {(n // 2) ** 2} comparisons, "
            f"an O(n log n) solution needs about {2 * n * 12}"
        )
    finally:
        _CountingFloat.budget = None
    _assert_auc(result, expected, "4000 random scores")
