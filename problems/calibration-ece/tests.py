import math
import random

from solution import *


PROBS = [0.05, 0.15, 0.12, 0.85, 0.95, 1.0]
LABELS = [0, 0, 1, 1, 0, 1]


def test_reliability_bins_by_hand():
    bins = reliability_bins(PROBS, LABELS, n_bins=10)
    assert [b["count"] for b in bins] == [1, 2, 0, 0, 0, 0, 0, 0, 1, 2], [b["count"] for b in bins]
    assert math.isclose(bins[1]["confidence"], 0.135) and bins[1]["accuracy"] == 0.5, bins[1]
    assert bins[2]["confidence"] is None and bins[2]["accuracy"] is None, bins[2]
    assert math.isclose(bins[9]["confidence"], 0.975) and bins[9]["accuracy"] == 0.5, bins[9]
    assert math.isclose(bins[9]["lower"], 0.9) and bins[9]["upper"] == 1.0


def test_ece_weights_bins_by_their_share_of_examples():
    want = 1 / 6 * 0.05 + 2 / 6 * abs(0.5 - 0.135) + 1 / 6 * abs(1 - 0.85) + 2 / 6 * abs(0.5 - 0.975)
    got = expected_calibration_error(PROBS, LABELS, n_bins=10)
    assert math.isclose(got, want, rel_tol=1e-9), f"ECE {got!r}, expected {want!r}"


def test_mce():
    assert math.isclose(maximum_calibration_error(PROBS, LABELS, n_bins=10), 0.475, rel_tol=1e-9)


def test_calibrated_model_has_small_ece_overconfident_does_not():
    rng = random.Random(0)
    true_p = [rng.random() for _ in range(40_000)]
    labels = [1 if rng.random() < p else 0 for p in true_p]
    sharpen = lambda p: 1 / (1 + math.exp(-3 * math.log(p / (1 - p)))) if 0 < p < 1 else p
    calibrated = expected_calibration_error(true_p, labels, 15)
    overconfident = expected_calibration_error([sharpen(p) for p in true_p], labels, 15)
    assert calibrated < 0.01, f"ECE of a calibrated model: {calibrated:.4f}"
    assert overconfident > 0.08, f"ECE of an overconfident model: {overconfident:.4f}"


def test_top_label_ece():
    rows = [[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.25, 0.25, 0.5], [0.9, 0.05, 0.05]]
    labels = [0, 2, 2, 0]
    # confidences 0.7, 0.6, 0.5, 0.9; correct 1, 0, 1, 1; with 2 bins: [0.5, 0.6, 0.7] and [0.9]
    want = 3 / 4 * abs(2 / 3 - 0.6) + 1 / 4 * abs(1 - 0.9)
    assert math.isclose(top_label_ece(rows, labels, n_bins=2), want, rel_tol=1e-9)
