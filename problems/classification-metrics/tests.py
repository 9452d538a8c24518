import math

from solution import *


def _assert_metrics(actual, expected, msg=""):
    assert isinstance(actual, tuple) and len(actual) == 3, f"{msg}: expected a 3-tuple, got {actual!r}"
    for name, a, e in zip(("precision", "recall", "f1"), actual, expected):
        assert isinstance(a, float), f"{msg}: {name} should be a float, got {a!r}"
        assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: {name} is {a!r}, expected {e!r}"


def _assert_auc(actual, expected, msg=""):
    assert isinstance(actual, float), f"{msg}: expected a float, got {actual!r}"
    assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: got {actual!r}, expected {expected!r}"


def test_precision_recall_f1_example():
    result = precision_recall_f1([1, 1, 1, 0, 0, 0, 1], [1, 0, 1, 1, 0, 0, 0])
    # TP = 2, FP = 1, FN = 2
    _assert_metrics(result, (2 / 3, 1 / 2, 4 / 7), "TP=2, FP=1, FN=2")


def test_perfect_predictions():
    _assert_metrics(precision_recall_f1([0, 1, 1, 0], [0, 1, 1, 0]), (1.0, 1.0, 1.0), "perfect predictions")


def test_no_predicted_positives_gives_zero_precision():
    _assert_metrics(precision_recall_f1([1, 0, 1], [0, 0, 0]), (0.0, 0.0, 0.0), "nothing predicted positive")


def test_roc_auc_example():
    _assert_auc(roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75, "roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])")


def test_roc_auc_tie_counts_half():
    _assert_auc(roc_auc([0, 1, 0, 1], [0.5, 0.5, 0.2, 0.9]), 0.875, "one tied positive/negative pair")


def test_roc_auc_perfect_and_reversed():
    y = [0, 0, 0, 1, 1]
    _assert_auc(roc_auc(y, [0.1, 0.2, 0.3, 0.7, 0.9]), 1.0, "perfect ranking")
    _assert_auc(roc_auc(y, [0.9, 0.8, 0.7, 0.2, 0.1]), 0.0, "reversed ranking")


def test_roc_auc_single_class_raises():
    try:
        roc_auc([1, 1, 1], [0.2, 0.5, 0.9])
    except ValueError:
        return
    assert False, "roc_auc with only positive labels should raise ValueError"
