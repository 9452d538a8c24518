import math
from collections import defaultdict


def count_neighbors(points, radius):
    """For each point, the number of OTHER points at distance <= radius.

    points is a list of (x, y) pairs; the result is a list of ints, one per point,
    in the same order. Duplicated points count as neighbours of each other.
    Raises ValueError if radius is negative.

    Grid (spatial hashing): with square cells of side `radius`, every neighbour of a
    point lies in its own cell or one of the 8 cells around it. So each point is
    compared with the points of 9 cells instead of all n: about O(n * k) for k
    neighbours per point instead of O(n^2). Squared distances avoid the sqrt.
    """
    if radius < 0:
        raise ValueError("radius must be non-negative")
    if radius == 0:
        # Only exact duplicates are at distance 0 (and a cell of side 0 is impossible).
        multiplicity = defaultdict(int)
        for x, y in points:
            multiplicity[(x, y)] += 1
        return [multiplicity[(x, y)] - 1 for x, y in points]

    # (cell_x, cell_y) -> (indices, xs, ys) of the points in that cell
    cells = {}
    for i, (x, y) in enumerate(points):
        key = (math.floor(x / radius), math.floor(y / radius))
        cell = cells.get(key)
        if cell is None:
            cells[key] = cell = ([], [], [])
        cell[0].append(i)
        cell[1].append(x)
        cell[2].append(y)

    r2 = radius * radius
    counts = [0] * len(points)
    for (cx, cy), (indices, xs, ys) in cells.items():
        # Candidates for every point of this cell: the points of the 3 x 3 block around it.
        cand_x, cand_y = [], []
        for gx in (cx - 1, cx, cx + 1):
            for gy in (cy - 1, cy, cy + 1):
                block = cells.get((gx, gy))
                if block is not None:
                    cand_x += block[1]
                    cand_y += block[2]
        for i, x, y in zip(indices, xs, ys):
            count = -1  # the point itself is among the candidates, at distance 0
            for qx, qy in zip(cand_x, cand_y):
                dx = qx - x
                dy = qy - y
                if dx * dx + dy * dy <= r2:
                    count += 1
            counts[i] = count
    return counts
