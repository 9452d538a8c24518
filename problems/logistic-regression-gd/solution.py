import math


def sigmoid(z: float) -> float:
    """Numerically stable logistic function: never calls exp on a positive number."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)  # z < 0, so e is in (0, 1): no overflow
    return e / (1.0 + e)


def _log1p_exp(z: float) -> float:
    """softplus(z) = log(1 + exp(z)) without overflow."""
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def _check_matrix(X: list[list[float]]) -> int:
    """Validate X and return its number of features."""
    if not X:
        raise ValueError("X must not be empty")
    d = len(X[0])
    if d == 0:
        raise ValueError("X must have at least one feature")
    if any(len(row) != d for row in X):
        raise ValueError("all rows of X must have the same number of features")
    return d


class LogisticRegression:
    """Binary logistic regression trained with full-batch gradient descent."""

    def __init__(self, learning_rate: float = 0.1, n_iters: int = 1000, l2: float = 0.0):
        if learning_rate <= 0:
            raise ValueError("learning_rate must be positive")
        if n_iters < 0:
            raise ValueError("n_iters must be >= 0")
        if l2 < 0:
            raise ValueError("l2 must be >= 0")
        self.learning_rate = learning_rate
        self.n_iters = n_iters
        self.l2 = l2
        self.weights: list[float] | None = None
        self.bias = 0.0
        self.loss_history: list[float] = []

    def _logits(self, X: list[list[float]]) -> list[float]:
        w, b = self.weights, self.bias
        return [math.fsum(wj * xj for wj, xj in zip(w, row)) + b for row in X]

    def _objective(self, z: list[float], y: list[int]) -> float:
        # Binary cross-entropy from logits: -log p = softplus(-z), -log(1 - p) = softplus(z),
        # so loss_i = softplus(z_i) - y_i * z_i, finite even when p rounds to 0 or 1.
        data = math.fsum(_log1p_exp(zi) - yi * zi for zi, yi in zip(z, y)) / len(y)
        return data + 0.5 * self.l2 * math.fsum(wj * wj for wj in self.weights)

    def fit(self, X: list[list[float]], y: list[int]) -> "LogisticRegression":
        d = _check_matrix(X)
        if len(y) != len(X):
            raise ValueError(f"X has {len(X)} rows but y has {len(y)} labels")
        if any(label not in (0, 1) for label in y):
            raise ValueError("labels must be 0 or 1")

        n = len(X)
        self.weights = [0.0] * d
        self.bias = 0.0
        self.loss_history = []
        for _ in range(self.n_iters):
            z = self._logits(X)
            self.loss_history.append(self._objective(z, y))
            # d(objective)/dz_i = (p_i - y_i) / n
            residuals = [sigmoid(zi) - yi for zi, yi in zip(z, y)]
            grad_w = [
                math.fsum(r * row[j] for r, row in zip(residuals, X)) / n + self.l2 * self.weights[j]
                for j in range(d)
            ]
            grad_b = math.fsum(residuals) / n  # the bias is not regularised
            self.weights = [wj - self.learning_rate * gj for wj, gj in zip(self.weights, grad_w)]
            self.bias -= self.learning_rate * grad_b
        return self

    def predict_proba(self, X: list[list[float]]) -> list[float]:
        if self.weights is None:
            raise RuntimeError("call fit before predict_proba")
        if _check_matrix(X) != len(self.weights):
            raise ValueError(f"expected {len(self.weights)} features per row")
        return [sigmoid(z) for z in self._logits(X)]

    def predict(self, X: list[list[float]], threshold: float = 0.5) -> list[int]:
        return [1 if p >= threshold else 0 for p in self.predict_proba(X)]
