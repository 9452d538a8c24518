import math
import random

from solution import *


def _random_walk(seed, n, start=100.0):
    rng = random.Random(seed)
    series = [start]
    for _ in range(n - 1):
        series.append(series[-1] + rng.gauss(0.0, 1.0))
    return series


def _expect_value_error(series, window, horizon):
    try:
        make_windows(series, window, horizon)
    except ValueError:
        return
    assert False, f"make_windows(<{len(series)} values>, window={window}, horizon={horizon}) should raise ValueError"


def test_invalid_arguments_raise():
    series = [float(t) for t in range(10)]
    _expect_value_error(series, 0, 1)
    _expect_value_error(series, 3, 0)
    _expect_value_error(series, 8, 3)
    _expect_value_error([], 1, 1)


def test_windows_match_definition_on_random_series():
    series = _random_walk(1, 200)
    for window, horizon in ((1, 1), (7, 1), (7, 5), (30, 10)):
        X, y = make_windows(series, window, horizon)
        assert len(X) == len(series) - window - horizon + 1, f"window={window}, horizon={horizon}: wrong count"
        for i in range(len(X)):
            assert list(X[i]) == series[i : i + window], f"window={window}, horizon={horizon}: X[{i}] is wrong"
            assert y[i] == series[i + window + horizon - 1], f"window={window}, horizon={horizon}: y[{i}] is wrong"


def test_last_example_ends_at_the_last_value():
    series = _random_walk(2, 50)
    for horizon in (1, 3):
        X, y = make_windows(series, window=6, horizon=horizon)
        assert y[-1] == series[-1], f"horizon={horizon}: the last target should be the last value of the series"
        assert list(X[-1]) == series[-6 - horizon : len(series) - horizon], f"horizon={horizon}: last window is wrong"


def test_input_series_not_modified():
    series = [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0, 6.0]
    snapshot = list(series)
    X, _ = make_windows(series, 3, 2)
    X[0][0] = -1.0
    assert series == snapshot, f"series changed: {snapshot!r} became {series!r}"


def test_naive_baseline_error_on_a_linear_trend():
    # series[t] = 2t + 3: "repeat the last value" is off by exactly 2 * horizon.
    series = [2.0 * t + 3.0 for t in range(60)]
    for horizon in (1, 3):
        model_mae, naive_mae = backtest(series, window=4, horizon=horizon)
        assert math.isclose(naive_mae, 2.0 * horizon, rel_tol=1e-9), (
            f"horizon={horizon}: naive MAE is {naive_mae!r}, expected {2.0 * horizon} "
            "(a naive error of 0 means the window contains the target)"
        )
        assert model_mae < 1e-4, f"horizon={horizon}: a linear trend should be fitted exactly, MAE {model_mae!r}"


def test_random_walk_is_not_predictable():
    # For a random walk the last value is the best forecast: no model can be far better.
    series = _random_walk(5, 300)
    for horizon in (1, 2):
        model_mae, naive_mae = backtest(series, window=5, horizon=horizon)
        assert naive_mae > 0.3 * horizon, f"horizon={horizon}: naive MAE {naive_mae!r} is suspiciously small"
        assert model_mae > 0.8 * naive_mae, (
            f"horizon={horizon}: model MAE {model_mae!r} vs naive {naive_mae!r} on a random walk: too good to be true"
        )


def test_backtest_matches_reference_split():
    rng = random.Random(7)
    series = [50.0 + 10.0 * math.sin(2.0 * math.pi * t / 7.0) + rng.gauss(0.0, 1.0) for t in range(120)]
    window, horizon = 7, 2
    n = len(series) - window - horizon + 1
    X = [series[i : i + window] for i in range(n)]
    y = [series[i + window + horizon - 1] for i in range(n)]
    n_test = round(n * 0.25)
    weights = fit_linear(X[:-n_test], y[:-n_test])
    preds = [predict(weights, x) for x in X[-n_test:]]
    expected_model = sum(abs(t - p) for t, p in zip(y[-n_test:], preds)) / n_test
    expected_naive = sum(abs(t - x[-1]) for t, x in zip(y[-n_test:], X[-n_test:])) / n_test
    model_mae, naive_mae = backtest(series, window, horizon, test_fraction=0.25)
    assert math.isclose(model_mae, expected_model, rel_tol=1e-6), (
        f"model MAE {model_mae!r}, expected {expected_model!r}"
    )
    assert math.isclose(naive_mae, expected_naive, rel_tol=1e-9), (
        f"naive MAE {naive_mae!r}, expected {expected_naive!r}"
    )


def test_forecast_next_extends_a_linear_trend():
    series = [2.0 * t + 3.0 for t in range(40)]
    X, y = make_windows(series, window=4, horizon=1)
    weights = fit_linear(X, y)
    result = forecast_next(weights, series)
    assert math.isclose(result, 2.0 * 40 + 3.0, rel_tol=1e-6), f"next value should be 83.0, forecast {result!r}"


def test_forecast_next_window_of_one():
    result = forecast_next([1.0, 0.5], [4.0, 7.0, 9.0])
    assert math.isclose(result, 9.5), f"1.0 * 9.0 + 0.5 = 9.5, got {result!r}"
