import math


def count_neighbors(points, radius):
    """For each point, the number of OTHER points at distance <= radius.

    points is a list of (x, y) pairs; the result is a list of ints, one per point,
    in the same order. Duplicated points count as neighbours of each other.
    Raises ValueError if radius is negative.
    """
    if radius < 0:
        raise ValueError("radius must be non-negative")
    counts = []
    for i, p in enumerate(points):
        count = 0
        for j, q in enumerate(points):
            if i != j and math.dist(p, q) <= radius:
                count += 1
        counts.append(count)
    return counts
