"""Churn model pipeline: split, standardise, fit a nearest-centroid classifier, evaluate."""
import math
import random


def train_test_split(X, y, test_fraction=0.25, seed=0):
    """Shuffle the rows with a seeded RNG and split them.

    Returns X_train, X_test, y_train, y_test. The first round(len(X) * test_fraction)
    shuffled rows form the test set.
    """
    if len(X) != len(y):
        raise ValueError("X and y must have the same number of rows")
    indices = list(range(len(X)))
    random.Random(seed).shuffle(indices)
    n_test = round(len(X) * test_fraction)
    test_idx, train_idx = indices[:n_test], indices[n_test:]
    X_train = [X[i] for i in train_idx]
    X_test = [X[i] for i in test_idx]
    y_train = [y[i] for i in train_idx]
    y_test = [y[i] for i in test_idx]
    return X_train, X_test, y_train, y_test


class StandardScaler:
    """Per-feature standardisation z = (x - mean) / std, statistics learned in fit()."""

    def __init__(self):
        self.means = None
        self.stds = None

    def fit(self, X):
        n = len(X)
        n_features = len(X[0])
        self.means = [sum(row[j] for row in X) / n for j in range(n_features)]
        self.stds = []
        for j in range(n_features):
            # Fix 2: population variance (divide by n), so training columns get std exactly 1.
            variance = sum((row[j] - self.means[j]) ** 2 for row in X) / n
            std = math.sqrt(variance)
            # Fix 3: a constant feature is centred but not scaled (no division by zero).
            self.stds.append(std if std > 0.0 else 1.0)
        return self

    def transform(self, X):
        return [
            [(value - mean) / std for value, mean, std in zip(row, self.means, self.stds)]
            for row in X
        ]

    def fit_transform(self, X):
        return self.fit(X).transform(X)


class NearestCentroidClassifier:
    """Predicts the label whose training centroid is closest (squared Euclidean)."""

    def fit(self, X, y):
        sums, counts = {}, {}
        for row, label in zip(X, y):
            if label not in sums:
                sums[label] = [0.0] * len(row)
                counts[label] = 0
            sums[label] = [s + v for s, v in zip(sums[label], row)]
            counts[label] += 1
        self.centroids = {label: [s / counts[label] for s in sums[label]] for label in sums}
        return self

    def predict(self, X):
        predictions = []
        for row in X:
            best_label, best_dist = None, math.inf
            for label, centroid in self.centroids.items():
                dist = sum((v - c) ** 2 for v, c in zip(row, centroid))
                if dist < best_dist:
                    best_label, best_dist = label, dist
            predictions.append(best_label)
        return predictions


def accuracy(y_true, y_pred):
    return sum(t == p for t, p in zip(y_true, y_pred)) / len(y_true)


def prepare_data(X, y, test_fraction=0.25, seed=0):
    """Split the data and standardise it.

    Returns X_train, X_test, y_train, y_test (scaled features) and the fitted scaler.
    """
    # Fix 1 (leakage): split first, learn the statistics from the training rows only,
    # then apply those same statistics to the test rows.
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_fraction, seed)
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test, scaler


def train_and_evaluate(X, y, test_fraction=0.25, seed=0):
    """Test-set accuracy of a nearest-centroid model trained on the standardised data."""
    X_train, X_test, y_train, y_test, _ = prepare_data(X, y, test_fraction, seed)
    model = NearestCentroidClassifier().fit(X_train, y_train)
    return accuracy(y_test, model.predict(X_test))
