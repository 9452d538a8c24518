import heapq
import math


class KNNClassifier:
    """Exact k-NN by Euclidean distance with deterministic tie-breaking."""

    def __init__(self, k):
        if not isinstance(k, int) or k < 1:
            raise ValueError("k must be a positive integer")
        self.k = k
        self._X = None
        self._y = None

    def fit(self, X, y):
        if len(X) == 0:
            raise ValueError("fit needs at least one row")
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
        d = len(X[0])
        for i, row in enumerate(X):
            if len(row) != d:
                raise ValueError(f"row {i} has {len(row)} features, expected {d}")
        # Copies: the model must not change when the caller reuses its lists.
        self._X = [[float(v) for v in row] for row in X]
        self._y = list(y)
        self._first_seen = {}
        for i, label in enumerate(self._y):
            self._first_seen.setdefault(label, i)
        return self

    def _predict_one(self, row):
        k = min(self.k, len(self._X))
        # (distance, index): equal distances go to the earlier training row.
        nearest = heapq.nsmallest(k, ((math.dist(row, x), i) for i, x in enumerate(self._X)))
        counts, closest = {}, {}
        for rank, (_, i) in enumerate(nearest):
            label = self._y[i]
            counts[label] = counts.get(label, 0) + 1
            closest.setdefault(label, rank)
        return min(counts, key=lambda lab: (-counts[lab], closest[lab], self._first_seen[lab]))

    def predict(self, X):
        if self._X is None:
            raise ValueError("call fit before predict")
        d = len(self._X[0])
        for i, row in enumerate(X):
            if len(row) != d:
                raise ValueError(f"row {i} has {len(row)} features, expected {d}")
        return [self._predict_one(row) for row in X]
