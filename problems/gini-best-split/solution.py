from collections import Counter

TIE_TOLERANCE = 1e-12


def best_split(values: list[float], labels: list) -> tuple[float, float] | None:
    """Best Gini split `value <= threshold` of one numeric feature, in O(n log n).

    Sort once by value, then sweep left to right moving one row at a time from
    the right side to the left side, keeping class counts and the sum of squared
    counts of both sides up to date in O(1) per row.
    """
    n = len(values)
    if n != len(labels):
        raise ValueError(f"values and labels differ in length: {n} != {len(labels)}")
    if n == 0:
        raise ValueError("values must not be empty")

    # Sort positions by value only: labels need not be comparable with each other.
    order = sorted(range(n), key=values.__getitem__)

    right = Counter(labels)
    left: Counter = Counter()
    sq_right = sum(c * c for c in right.values())  # sum over classes of count^2
    sq_left = 0

    best: tuple[float, float] | None = None
    for pos in range(n - 1):
        i = order[pos]
        y = labels[i]
        # Move row i to the left: (c + 1)^2 - c^2 = 2c + 1, c^2 - (c - 1)^2 = 2c - 1.
        sq_left += 2 * left[y] + 1
        left[y] += 1
        sq_right -= 2 * right[y] - 1
        right[y] -= 1

        v, nxt = values[i], values[order[pos + 1]]
        if v == nxt:
            continue  # cannot cut between equal values
        n_left = pos + 1
        n_right = n - n_left
        # sum_side (n_side / n) * (1 - sq_side / n_side^2) = 1 - (sq_l / n_l + sq_r / n_r) / n
        gini = 1.0 - (sq_left / n_left + sq_right / n_right) / n
        if best is None or gini < best[1] - TIE_TOLERANCE:
            best = ((v + nxt) / 2, gini)  # thresholds increase, so ties keep the smallest
    return best
