import math
import random

from solution import *


def _raises(fn, *args, **kw):
    try:
        fn(*args, **kw)
    except ValueError:
        return True
    return False


def test_probability_one_and_zero_land_in_the_end_bins():
    bins = reliability_bins([0.0, 1.0, 1.0], [0, 1, 1], n_bins=10)
    assert bins[0]["count"] == 1 and bins[9]["count"] == 2, [b["count"] for b in bins]
    assert expected_calibration_error([0.0, 1.0, 1.0], [0, 1, 1]) == 0.0


def test_bin_edges_follow_the_formula():
    probs = [0.1, 0.2, 0.3, 0.7, 0.9]
    bins = reliability_bins(probs, [0] * 5, n_bins=10)
    want = [0] * 10
    for p in probs:
        want[min(int(p * 10), 9)] += 1
    assert [b["count"] for b in bins] == want


def test_one_bin_is_the_gap_between_mean_prob_and_base_rate():
    rng = random.Random(1)
    probs = [rng.random() for _ in range(500)]
    labels = [rng.randint(0, 1) for _ in range(500)]
    want = abs(sum(labels) / 500 - sum(probs) / 500)
    assert math.isclose(expected_calibration_error(probs, labels, 1), want, rel_tol=1e-9)


def test_quantile_bins_have_equal_counts():
    rng = random.Random(2)
    probs = [rng.random() ** 3 for _ in range(103)]  # most mass near 0
    labels = [rng.randint(0, 1) for _ in range(103)]
    bins = reliability_bins(probs, labels, n_bins=10, strategy="quantile")
    assert [b["count"] for b in bins] == [11, 11, 11] + [10] * 7, [b["count"] for b in bins]
    ordered = sorted(probs)
    assert bins[0]["lower"] == ordered[0] and bins[0]["upper"] == ordered[10] and bins[-1]["upper"] == ordered[-1]
    assert all(b["lower"] <= b["upper"] for b in bins)
    uniform = reliability_bins(probs, labels, n_bins=10)
    assert uniform[0]["count"] > 30, "sanity: uniform bins are very unequal here"


def test_quantile_ece_matches_its_definition():
    rng = random.Random(3)
    probs = [round(rng.random(), 2) for _ in range(200)]  # ties across bin borders
    labels = [1 if rng.random() < p else 0 for p in probs]
    order = sorted(range(200), key=lambda i: (probs[i], i))
    want = 0.0
    for b in range(8):
        m = order[b * 25 : (b + 1) * 25]
        want += 25 / 200 * abs(sum(labels[i] for i in m) / 25 - sum(probs[i] for i in m) / 25)
    got = expected_calibration_error(probs, labels, 8, strategy="quantile")
    assert math.isclose(got, want, rel_tol=1e-9), (got, want)


def test_invalid_input():
    assert _raises(expected_calibration_error, [], [])
    assert _raises(expected_calibration_error, [0.5], [1, 0])
    assert _raises(expected_calibration_error, [1.2], [1])
    assert _raises(expected_calibration_error, [float("nan")], [1])
    assert _raises(expected_calibration_error, [0.5], [2])
    assert _raises(expected_calibration_error, [0.5], [1], 0)
    assert _raises(expected_calibration_error, [0.5], [1], 2, strategy="quantile")
    assert _raises(expected_calibration_error, [0.5], [1], strategy="log")


def test_top_label_ties_pick_the_lowest_class():
    rows = [[0.4, 0.4, 0.2], [0.3, 0.35, 0.35]]
    labels = [0, 2]
    # confidences 0.4 and 0.35; correct: class 0 (yes), class 1 (no: label 2)
    want = 1 / 2 * abs(1 - 0.4) + 1 / 2 * abs(0 - 0.35)
    assert math.isclose(top_label_ece(rows, labels, n_bins=10), want, rel_tol=1e-9)


def test_top_label_is_not_the_binary_ece_of_class_one():
    rows = [[1 - p, p] for p in (0.1, 0.2, 0.8, 0.9)]
    labels = [0, 1, 1, 1]
    binary = expected_calibration_error([r[1] for r in rows], labels, 5)
    top = top_label_ece(rows, labels, 5)
    assert not math.isclose(binary, top), "top-label ECE folds p < 0.5 onto 1 - p; the binary ECE does not"
    # confidences 0.9, 0.8, 0.8, 0.9 all fall in [0.8, 1.0]: one bin, accuracy 3/4, confidence 0.85
    assert math.isclose(top, 0.1, rel_tol=1e-9), top


def test_inputs_not_modified():
    probs, labels = [0.9, 0.1, 0.5], [1, 0, 1]
    expected_calibration_error(probs, labels, 3, strategy="quantile")
    assert probs == [0.9, 0.1, 0.5] and labels == [1, 0, 1]
