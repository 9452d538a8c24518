import math
import statistics

from solution import *

# 8 rows, 2 features; with test_fraction=0.25 and seed=0 two rows go to the test set.
X = [
    [1.0, 200.0],
    [2.0, 180.0],
    [3.0, 260.0],
    [4.0, 240.0],
    [5.0, 310.0],
    [6.0, 290.0],
    [7.0, 1000.0],
    [8.0, 150.0],
]
Y = [0, 0, 0, 1, 1, 1, 1, 0]


def _column(rows, j):
    return [row[j] for row in rows]


def _assert_close_rows(actual, expected, msg):
    assert len(actual) == len(expected), f"{msg}: expected {len(expected)} rows, got {len(actual)}"
    for i, (a_row, e_row) in enumerate(zip(actual, expected)):
        assert len(a_row) == len(e_row), f"{msg}: row {i} has {len(a_row)} features, expected {len(e_row)}"
        for j, (a, e) in enumerate(zip(a_row, e_row)):
            assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-9), (
                f"{msg}: row {i}, feature {j} is {a!r}, expected {e!r}"
            )


def test_scaled_training_columns_have_mean_0_and_std_1():
    rows = [[1.0, 10.0], [2.0, 20.0], [3.0, 30.0], [4.0, 40.0]]
    scaled = StandardScaler().fit_transform(rows)
    for j in range(2):
        col = _column(scaled, j)
        mean = statistics.fmean(col)
        std = statistics.pstdev(col)
        assert math.isclose(mean, 0.0, abs_tol=1e-12), f"feature {j}: mean after scaling is {mean!r}, expected 0"
        assert math.isclose(std, 1.0, rel_tol=1e-9), (
            f"feature {j}: population std after scaling is {std!r}, expected 1 (scaled column: {col!r})"
        )


def test_scaler_statistics_come_from_training_rows_only():
    raw_train, raw_test, _, _ = train_test_split(X, Y, test_fraction=0.25, seed=0)
    _, _, _, _, scaler = prepare_data(X, Y, test_fraction=0.25, seed=0)
    for j in range(2):
        expected_mean = statistics.fmean(_column(raw_train, j))
        assert math.isclose(scaler.means[j], expected_mean, rel_tol=1e-9), (
            f"feature {j}: scaler mean is {scaler.means[j]!r}, but the mean of the training rows is "
            f"{expected_mean!r} (mean of all rows: {statistics.fmean(_column(X, j))!r})"
        )


def test_test_rows_are_scaled_with_training_statistics():
    raw_train, raw_test, _, _ = train_test_split(X, Y, test_fraction=0.25, seed=0)
    _, X_test, _, _, _ = prepare_data(X, Y, test_fraction=0.25, seed=0)
    means = [statistics.fmean(_column(raw_train, j)) for j in range(2)]
    stds = [statistics.pstdev(_column(raw_train, j)) for j in range(2)]
    expected = [[(row[j] - means[j]) / stds[j] for j in range(2)] for row in raw_test]
    _assert_close_rows(X_test, expected, "scaled test rows")


def test_training_features_do_not_depend_on_test_rows():
    # Replace the test rows with wild values: nothing about the training data may change.
    test_ids = set(train_test_split(list(range(len(X))), Y, test_fraction=0.25, seed=0)[1])
    X_changed = [[v * 1000.0 + 5.0 for v in row] if i in test_ids else row for i, row in enumerate(X)]
    X_train_a, _, y_train_a, _, _ = prepare_data(X, Y, test_fraction=0.25, seed=0)
    X_train_b, _, y_train_b, _, _ = prepare_data(X_changed, Y, test_fraction=0.25, seed=0)
    assert y_train_a == y_train_b, "the training labels changed"
    _assert_close_rows(X_train_b, X_train_a, "training features after changing only the test rows")


def test_constant_feature_is_centred_not_divided_by_zero():
    rows = [[1.0, 0.0], [2.0, 0.0], [3.0, 0.0], [4.0, 0.0]]
    scaler = StandardScaler()
    try:
        scaled = scaler.fit_transform(rows)
    except ZeroDivisionError:
        assert False, "a constant feature made StandardScaler divide by zero"
    assert _column(scaled, 1) == [0.0, 0.0, 0.0, 0.0], f"constant feature scaled to {_column(scaled, 1)!r}"
    assert scaler.stds[1] == 1.0, f"std of a constant feature should be stored as 1.0, got {scaler.stds[1]!r}"
