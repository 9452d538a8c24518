def moving_average(values: list[float], window: int) -> list[float]:
    """Trailing simple moving average, O(n) with a running window sum."""
    n = len(values)
    if window <= 0 or window > n:
        raise ValueError("window must be between 1 and len(values)")

    total = 0.0
    for i in range(window):
        total += values[i]
    result = [total / window]

    for i in range(window, n):
        # Slide the window one step: add the new value, drop the oldest one.
        total += values[i] - values[i - window]
        result.append(total / window)
    return result
