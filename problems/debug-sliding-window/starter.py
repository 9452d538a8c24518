"""Demand forecasting: sliding windows, chronological split, linear autoregressive model."""


def make_windows(series, window, horizon=1):
    """Turn a series into supervised examples for forecasting `horizon` steps ahead.

    Example i has the `window` values series[i : i + window] as features and the
    value `horizon` steps after the last of them, series[i + window + horizon - 1],
    as its target. Every position where a full example fits is used.
    """
    if window < 1 or horizon < 1:
        raise ValueError("window and horizon must be at least 1")
    if len(series) < window + horizon:
        raise ValueError("series is too short for a single example")
    X, y = [], []
    for i in range(len(series) - window - horizon):
        X.append(series[i + horizon : i + horizon + window])
        y.append(series[i + window + horizon - 1])
    return X, y


def chronological_split(X, y, test_fraction=0.2):
    """The last round(len(X) * test_fraction) examples (at least one) are the test set."""
    n_test = max(1, round(len(X) * test_fraction))
    return X[:-n_test], X[-n_test:], y[:-n_test], y[-n_test:]


def _solve(A, b):
    """Solve A w = b by Gaussian elimination with partial pivoting."""
    n = len(A)
    M = [row[:] + [v] for row, v in zip(A, b)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(M[r][col]))
        M[col], M[pivot] = M[pivot], M[col]
        for r in range(col + 1, n):
            factor = M[r][col] / M[col][col]
            for c in range(col, n + 1):
                M[r][c] -= factor * M[col][c]
    w = [0.0] * n
    for r in range(n - 1, -1, -1):
        w[r] = (M[r][n] - sum(M[r][c] * w[c] for c in range(r + 1, n))) / M[r][r]
    return w


def fit_linear(X, y, l2=1e-6):
    """Ridge least squares. Returns len(X[0]) weights followed by a bias."""
    rows = [list(x) + [1.0] for x in X]
    d = len(rows[0])
    A = [[sum(r[i] * r[j] for r in rows) + (l2 if i == j else 0.0) for j in range(d)] for i in range(d)]
    b = [sum(r[i] * t for r, t in zip(rows, y)) for i in range(d)]
    return _solve(A, b)


def predict(weights, x):
    """Linear prediction for one window (weights as returned by fit_linear)."""
    return sum(w * v for w, v in zip(weights, x)) + weights[-1]


def forecast_next(weights, series):
    """Forecast from the most recent window of the series (the window size is len(weights) - 1)."""
    window = len(weights) - 1
    return predict(weights, series[-window - 1 : -1])


def mean_absolute_error(y_true, y_pred):
    return sum(abs(t - p) for t, p in zip(y_true, y_pred)) / len(y_true)


def backtest(series, window, horizon=1, test_fraction=0.2):
    """Fit on the earliest examples, evaluate on the latest ones.

    Returns (model_mae, naive_mae); the naive baseline predicts the last value of each window.
    """
    X, y = make_windows(series, window, horizon)
    X_train, X_test, y_train, y_test = chronological_split(X, y, test_fraction)
    weights = fit_linear(X_train, y_train)
    model_mae = mean_absolute_error(y_test, [predict(weights, x) for x in X_test])
    naive_mae = mean_absolute_error(y_test, [x[-1] for x in X_test])
    return model_mae, naive_mae
