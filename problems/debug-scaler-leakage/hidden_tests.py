import math
import random
import statistics

from solution import *


def _column(rows, j):
    return [row[j] for row in rows]


def _assert_close_rows(actual, expected, msg, rel_tol=1e-9, abs_tol=1e-9):
    assert len(actual) == len(expected), f"{msg}: expected {len(expected)} rows, got {len(actual)}"
    for i, (a_row, e_row) in enumerate(zip(actual, expected)):
        assert len(a_row) == len(e_row), f"{msg}: row {i} has {len(a_row)} features, expected {len(e_row)}"
        for j, (a, e) in enumerate(zip(a_row, e_row)):
            assert math.isclose(a, e, rel_tol=rel_tol, abs_tol=abs_tol), (
                f"{msg}: row {i}, feature {j} is {a!r}, expected {e!r}"
            )


def _random_dataset(seed, n_rows, n_features=3):
    """Two Gaussian blobs with features on very different scales."""
    rng = random.Random(seed)
    scales = [1.0, 100.0, 0.01][:n_features]
    X, y = [], []
    for _ in range(n_rows):
        label = rng.random() < 0.5
        X.append([rng.gauss(1.5 if label else 0.0, 1.0) * s for s in scales])
        y.append(int(label))
    return X, y


def _reference_accuracy(X, y, test_fraction, seed):
    """The pipeline done right: split, fit on train, transform both, nearest centroid."""
    raw_train, raw_test, y_train, y_test = train_test_split(X, y, test_fraction, seed)
    d = len(X[0])
    means = [statistics.fmean(_column(raw_train, j)) for j in range(d)]
    stds = [statistics.pstdev(_column(raw_train, j)) or 1.0 for j in range(d)]

    def scale(rows):
        return [[(row[j] - means[j]) / stds[j] for j in range(d)] for row in rows]

    train, test = scale(raw_train), scale(raw_test)
    centroids = {}
    for label in sorted(set(y_train)):
        members = [row for row, t in zip(train, y_train) if t == label]
        centroids[label] = [statistics.fmean(_column(members, j)) for j in range(d)]
    correct = 0
    for row, label in zip(test, y_test):
        pred = min(centroids, key=lambda c: sum((v - m) ** 2 for v, m in zip(row, centroids[c])))
        correct += pred == label
    return correct / len(y_test)


def test_statistics_match_statistics_module_on_random_data():
    X, y = _random_dataset(3, 400)
    raw_train, _, _, _ = train_test_split(X, y, test_fraction=0.3, seed=11)
    _, _, _, _, scaler = prepare_data(X, y, test_fraction=0.3, seed=11)
    for j in range(3):
        col = _column(raw_train, j)
        assert math.isclose(scaler.means[j], statistics.fmean(col), rel_tol=1e-9, abs_tol=1e-12), (
            f"feature {j}: mean {scaler.means[j]!r}, expected {statistics.fmean(col)!r} (training rows)"
        )
        assert math.isclose(scaler.stds[j], statistics.pstdev(col), rel_tol=1e-9), (
            f"feature {j}: std {scaler.stds[j]!r}, expected {statistics.pstdev(col)!r} (training rows, divide by n)"
        )


def test_scaled_training_data_is_standardised():
    X, y = _random_dataset(5, 300)
    X_train, _, _, _, _ = prepare_data(X, y, test_fraction=0.2, seed=1)
    for j in range(3):
        col = _column(X_train, j)
        assert math.isclose(statistics.fmean(col), 0.0, abs_tol=1e-9), f"feature {j}: training mean is not 0"
        assert math.isclose(statistics.pstdev(col), 1.0, rel_tol=1e-9), f"feature {j}: training std is not 1"


def test_single_test_row_uses_training_statistics():
    # One test row: scaling it "with its own statistics" would give std 0.
    X = [[float(i), float(i * i)] for i in range(1, 11)]
    y = [i % 2 for i in range(10)]
    raw_train, raw_test, _, _ = train_test_split(X, y, test_fraction=0.1, seed=4)
    assert len(raw_test) == 1
    _, X_test, _, _, _ = prepare_data(X, y, test_fraction=0.1, seed=4)
    means = [statistics.fmean(_column(raw_train, j)) for j in range(2)]
    stds = [statistics.pstdev(_column(raw_train, j)) for j in range(2)]
    expected = [[(raw_test[0][j] - means[j]) / stds[j] for j in range(2)]]
    _assert_close_rows(X_test, expected, "the single scaled test row")


def test_feature_constant_only_in_training_rows():
    # Column 1 is 0 on every training row and 1 on the test rows (a rare category).
    X = [[float(i), 0.0] for i in range(12)]
    test_ids = set(train_test_split(list(range(12)), [0] * 12, test_fraction=0.25, seed=2)[1])
    for i in test_ids:
        X[i][1] = 1.0
    y = [i % 2 for i in range(12)]
    X_train, X_test, _, _, scaler = prepare_data(X, y, test_fraction=0.25, seed=2)
    assert scaler.means[1] == 0.0, f"mean of the training-constant column is {scaler.means[1]!r}, expected 0.0"
    assert scaler.stds[1] == 1.0, f"std of the training-constant column is {scaler.stds[1]!r}, expected 1.0"
    assert _column(X_train, 1) == [0.0] * 9, f"training column 1 became {_column(X_train, 1)!r}"
    assert _column(X_test, 1) == [1.0] * 3, f"test column 1 became {_column(X_test, 1)!r}, expected 1.0 (1 - 0) / 1"


def test_transform_reuses_fitted_statistics():
    scaler = StandardScaler().fit([[0.0], [2.0], [4.0]])
    mean, std = scaler.means[0], scaler.stds[0]
    out = scaler.transform([[10.0], [-2.0]])
    _assert_close_rows(out, [[(10.0 - mean) / std], [(-2.0 - mean) / std]], "transform of new rows")
    assert scaler.means == [mean] and scaler.stds == [std], "transform() changed the fitted statistics"


def test_transform_does_not_modify_input():
    rows = [[1.0, 5.0], [3.0, 9.0], [5.0, 1.0]]
    snapshot = [list(r) for r in rows]
    scaler = StandardScaler().fit(rows)
    scaler.transform(rows)
    assert rows == snapshot, f"transform modified its input: {snapshot!r} became {rows!r}"


def test_integer_features():
    scaled = StandardScaler().fit_transform([[1, 4], [3, 8], [5, 12]])
    expected_col = [-math.sqrt(1.5), 0.0, math.sqrt(1.5)]
    for j in range(2):
        col = _column(scaled, j)
        for a, e in zip(col, expected_col):
            assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), (
                f"feature {j}: got {col!r}, expected {expected_col!r}"
            )


def test_rows_and_labels_stay_aligned():
    # The label is a deterministic function of the raw first feature.
    X = [[float(i), float((i * 7) % 5)] for i in range(40)]
    y = [int(row[0]) % 3 for row in X]
    X_train, X_test, y_train, y_test, scaler = prepare_data(X, y, test_fraction=0.25, seed=9)
    for rows, labels, name in ((X_train, y_train, "train"), (X_test, y_test, "test")):
        for row, label in zip(rows, labels):
            raw0 = row[0] * scaler.stds[0] + scaler.means[0]
            assert int(round(raw0)) % 3 == label, f"{name}: row with raw feature {raw0!r} has label {label}"


def test_train_and_evaluate_matches_reference():
    for seed in (0, 1, 2):
        X, y = _random_dataset(100 + seed, 160)
        expected = _reference_accuracy(X, y, 0.25, seed)
        result = train_and_evaluate(X, y, test_fraction=0.25, seed=seed)
        assert math.isclose(result, expected, rel_tol=1e-12), (
            f"seed {seed}: accuracy {result!r}, expected {expected!r}"
        )
