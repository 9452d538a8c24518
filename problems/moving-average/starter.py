def moving_average(values: list[float], window: int) -> list[float]:
    """Trailing simple moving average.

    Returns one mean per full window: element i is the mean of
    values[i : i + window], so the result has len(values) - window + 1
    elements. Raises ValueError if window <= 0 or window > len(values).
    """
    # TODO: validate `window`, then compute the averages in O(n).
    raise NotImplementedError("moving_average is not implemented yet")
