import math

from solution import *


def _assert_split(actual, expected, msg=""):
    assert isinstance(actual, tuple) and len(actual) == 2, (
        f"{msg}: expected a (threshold, weighted_gini) tuple, got {actual!r}"
    )
    threshold, gini = actual
    want_threshold, want_gini = expected
    assert math.isclose(threshold, want_threshold, rel_tol=1e-12, abs_tol=1e-12), (
        f"{msg}: threshold is {threshold!r}, expected {want_threshold!r} (got {actual!r})"
    )
    assert math.isclose(gini, want_gini, rel_tol=1e-9, abs_tol=1e-12), (
        f"{msg}: weighted Gini is {gini!r}, expected {want_gini!r} (got {actual!r})"
    )


def test_perfect_split():
    result = best_split([2.0, 1.0, 3.0, 4.0], ["a", "a", "b", "b"])
    _assert_split(result, (2.5, 0.0), "best_split([2, 1, 3, 4], [a, a, b, b])")


def test_threshold_is_a_midpoint():
    _assert_split(best_split([0, 10], ["a", "b"]), (5.0, 0.0), "best_split([0, 10], [a, b])")
    _assert_split(
        best_split([-3.0, 1.0, -3.0], ["a", "b", "a"]), (-1.0, 0.0), "best_split([-3, 1, -3], [a, b, a])"
    )


def test_tie_goes_to_smallest_threshold():
    # 1.5 and 3.5 both give 1/4 * 0 + 3/4 * (1 - (1/3)**2 - (2/3)**2) = 1/3; 2.5 gives 1/2.
    _assert_split(best_split([1, 2, 3, 4], [0, 1, 1, 0]), (1.5, 1 / 3), "best_split([1, 2, 3, 4], [0, 1, 1, 0])")


def test_three_classes():
    # 2.5 and 4.5 tie at 1/3 (one pure side of 2, a 50/50 side of 4).
    result = best_split([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], ["r", "r", "g", "g", "b", "b"])
    _assert_split(result, (2.5, 1 / 3), "three classes r r g g b b")


def test_unsorted_values_with_duplicates():
    # Sorted: 1 x, 1 x, 2 y, 2 y, 3 x, 3 y. Only 1.5 and 2.5 are candidates.
    result = best_split([3.0, 1.0, 2.0, 1.0, 3.0, 2.0], ["x", "x", "y", "x", "y", "y"])
    _assert_split(result, (1.5, 0.25), "duplicates")


def test_constant_feature_returns_none():
    assert best_split([5, 5, 5], [0, 1, 0]) is None, "a constant feature has no split: expected None"
    assert best_split([7.0], ["a"]) is None, "a single row has no split: expected None"


def test_bad_input_raises():
    for values, labels in (([], []), ([1.0, 2.0], ["a"]), ([1.0], ["a", "b"])):
        try:
            best_split(values, labels)
        except ValueError:
            continue
        assert False, f"best_split({values!r}, {labels!r}) should raise ValueError"
