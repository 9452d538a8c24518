import math

from solution import *


def test_windows_small_example():
    X, y = make_windows([10.0, 11.0, 12.0, 13.0, 14.0, 15.0], window=3, horizon=1)
    assert X == [[10.0, 11.0, 12.0], [11.0, 12.0, 13.0], [12.0, 13.0, 14.0]], f"features: {X!r}"
    assert y == [13.0, 14.0, 15.0], f"targets: {y!r}"


def test_windows_with_horizon_two():
    X, y = make_windows([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0], window=3, horizon=2)
    assert X == [[1.0, 2.0, 3.0], [2.0, 3.0, 4.0], [3.0, 4.0, 5.0]], f"features: {X!r}"
    assert y == [5.0, 6.0, 7.0], f"targets: {y!r}"


def test_number_of_examples():
    series = [float(t) for t in range(20)]
    for window in (1, 2, 5):
        for horizon in (1, 3):
            X, y = make_windows(series, window, horizon)
            expected = len(series) - window - horizon + 1
            assert len(X) == len(y) == expected, (
                f"window={window}, horizon={horizon}: got {len(X)} examples, expected {expected}"
            )


def test_features_end_before_the_target():
    # The value at time t is t, so every number says where it came from.
    series = [float(t) for t in range(30)]
    for horizon in (1, 2, 4):
        X, y = make_windows(series, window=5, horizon=horizon)
        for features, target in zip(X, y):
            assert target not in features, (
                f"horizon={horizon}: target {target} is among its own features {features}"
            )
            assert max(features) == target - horizon, (
                f"horizon={horizon}: the window {features} should end at t = {target - horizon}, "
                f"{horizon} step(s) before the target t = {target}"
            )


def test_shortest_series_gives_one_example():
    X, y = make_windows([1.0, 2.0, 3.0, 4.0], window=3, horizon=1)
    assert (X, y) == ([[1.0, 2.0, 3.0]], [4.0]), f"got X={X!r}, y={y!r}"


def test_forecast_next_uses_the_latest_values():
    series = [1.0, 2.0, 3.0, 4.0, 5.0]
    last_value = [0.0, 0.0, 1.0, 0.0]  # 3 weights and a bias: predicts the last value of the window
    oldest_value = [1.0, 0.0, 0.0, 0.0]  # predicts the first value of the window
    result = forecast_next(last_value, series)
    assert math.isclose(result, 5.0), f"the most recent window is [3, 4, 5]; got a forecast of {result!r}"
    result = forecast_next(oldest_value, series)
    assert math.isclose(result, 3.0), f"the most recent window is [3, 4, 5]; got a forecast of {result!r}"
