"""Mini-batch training of a logistic-regression classifier with a small DataLoader."""
import math
import random


class DataLoader:
    """Iterates over (X_batch, y_batch) pairs, like torch.utils.data.DataLoader.

    Each pass (epoch) visits every example once. With shuffle=True the order is
    random and differs from epoch to epoch; a given seed makes the whole sequence
    of epochs reproducible. With drop_last=True an incomplete final batch is
    skipped, otherwise it is yielded as a smaller batch.
    """

    def __init__(self, X, y, batch_size, shuffle=True, drop_last=False, seed=None):
        if len(X) != len(y):
            raise ValueError("X and y must have the same length")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        self.X = list(X)
        self.y = list(y)
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.drop_last = drop_last
        self.seed = seed
        # Fix 3: one RNG for the loader's lifetime, so every epoch gets a new order
        # (re-creating random.Random(seed) in __iter__ replayed the same order each epoch).
        self.rng = random.Random(seed)

    def __len__(self):
        """Number of batches per epoch."""
        n = len(self.X)
        if self.drop_last:
            return n // self.batch_size
        return -(-n // self.batch_size)  # Fix 2: count the final partial batch (ceil)

    def __iter__(self):
        n = len(self.X)
        # Fix 1: draw ONE permutation of the indices and apply it to X and y alike.
        # Shuffling X and y separately used two different permutations.
        order = list(range(n))
        if self.shuffle:
            self.rng.shuffle(order)
        stop = n - n % self.batch_size if self.drop_last else n  # Fix 2: keep the partial batch
        for start in range(0, stop, self.batch_size):
            idx = order[start : start + self.batch_size]
            yield [self.X[i] for i in idx], [self.y[i] for i in idx]


def sigmoid(z):
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def predict_proba(weights, bias, x):
    return sigmoid(sum(w * v for w, v in zip(weights, x)) + bias)


def train_logistic_regression(X, y, epochs=20, lr=0.5, batch_size=16, seed=0):
    """Mini-batch gradient descent on the mean log-loss. Returns (weights, bias)."""
    weights = [0.0] * len(X[0])
    bias = 0.0
    loader = DataLoader(X, y, batch_size, shuffle=True, seed=seed)
    for _ in range(epochs):
        for X_batch, y_batch in loader:
            grad_w = [0.0] * len(weights)
            grad_b = 0.0
            for x, target in zip(X_batch, y_batch):
                error = predict_proba(weights, bias, x) - target
                for j, v in enumerate(x):
                    grad_w[j] += error * v
                grad_b += error
            weights = [w - lr * g / len(X_batch) for w, g in zip(weights, grad_w)]
            bias -= lr * grad_b / len(X_batch)
    return weights, bias


def accuracy(weights, bias, X, y):
    correct = sum((predict_proba(weights, bias, x) >= 0.5) == bool(t) for x, t in zip(X, y))
    return correct / len(y)
