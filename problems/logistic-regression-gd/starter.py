import math


def sigmoid(z: float) -> float:
    """Return 1 / (1 + exp(-z)), without overflow for any finite z."""
    # TODO
    raise NotImplementedError("sigmoid is not implemented yet")


class LogisticRegression:
    """Binary logistic regression trained with full-batch gradient descent."""

    def __init__(self, learning_rate: float = 0.1, n_iters: int = 1000, l2: float = 0.0):
        self.learning_rate = learning_rate
        self.n_iters = n_iters
        self.l2 = l2
        self.weights: list[float] | None = None  # one weight per feature, set by fit
        self.bias = 0.0
        self.loss_history: list[float] = []  # the objective before each update

    def fit(self, X: list[list[float]], y: list[int]) -> "LogisticRegression":
        """Train from zero weights and bias with n_iters gradient steps; return self."""
        # TODO
        raise NotImplementedError("fit is not implemented yet")

    def predict_proba(self, X: list[list[float]]) -> list[float]:
        """Return P(y = 1 | x) for every row of X."""
        # TODO
        raise NotImplementedError("predict_proba is not implemented yet")

    def predict(self, X: list[list[float]], threshold: float = 0.5) -> list[int]:
        """Return 1 where P(y = 1 | x) >= threshold, else 0."""
        # TODO
        raise NotImplementedError("predict is not implemented yet")
