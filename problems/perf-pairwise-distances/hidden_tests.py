import gc
import math
import random
import time

from solution import *


def _naive_count_neighbors(points, radius):
    counts = []
    for i, p in enumerate(points):
        count = 0
        for j, q in enumerate(points):
            if i != j and math.dist(p, q) <= radius:
                count += 1
        counts.append(count)
    return counts


def _best_time(fn, args, repeats=3, good_enough=None, hopeless=None):
    best, result = math.inf, None
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            result = fn(*args)
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        best = min(best, elapsed)
        if (good_enough is not None and best <= good_enough) or (hopeless is not None and elapsed > hopeless):
            break
    return best, result


def _clustered_points(seed, n, centers=6, spread=6.0):
    """Pickups are not uniform: a few dense hot spots."""
    rng = random.Random(seed)
    hubs = [(rng.uniform(0.0, 200.0), rng.uniform(0.0, 200.0)) for _ in range(centers)]
    points = []
    for _ in range(n):
        hx, hy = rng.choice(hubs)
        points.append((rng.gauss(hx, spread), rng.gauss(hy, spread)))
    return points


def test_empty_and_single():
    assert count_neighbors([], 1.0) == []
    assert count_neighbors([(3.0, 4.0)], 10.0) == [0]


def test_negative_radius_raises():
    try:
        count_neighbors([(0.0, 0.0), (1.0, 1.0)], -1.0)
    except ValueError:
        return
    assert False, "a negative radius should raise ValueError"


def test_radius_zero_counts_only_duplicates():
    points = [(0.0, 0.0), (0.0, 0.0), (1e-9, 0.0), (2.0, 2.0), (2.0, 2.0), (2.0, 2.0)]
    assert count_neighbors(points, 0.0) == [1, 1, 0, 2, 2, 2]


def test_negative_coordinates_and_cell_borders():
    rng = random.Random(8)
    points = [(rng.uniform(-10.0, 10.0), rng.uniform(-10.0, 10.0)) for _ in range(200)]
    points += [(0.0, 0.0), (-1.0, 0.0), (1.0, 0.0), (0.0, -1.0), (-1.0, -1.0), (2.0, 0.0), (-2.0, 0.0)]
    for radius in (1.0, 2.0, 3.7):
        assert count_neighbors(points, radius) == _naive_count_neighbors(points, radius), f"radius={radius}"


def test_integer_coordinates_and_tuples_or_lists():
    points = [[0, 0], [3, 4], [6, 8], [0, 5], [-3, -4]]
    assert count_neighbors(points, 5) == _naive_count_neighbors(points, 5)


def test_radius_larger_than_the_data():
    rng = random.Random(2)
    points = [(rng.uniform(0, 1), rng.uniform(0, 1)) for _ in range(60)]
    assert count_neighbors(points, 10.0) == [59] * 60


def test_tiny_radius_far_apart_points():
    rng = random.Random(4)
    points = [(rng.uniform(-1e6, 1e6), rng.uniform(-1e6, 1e6)) for _ in range(300)]
    points.append(points[17])
    expected = [0] * 301
    expected[17] = expected[300] = 1
    assert count_neighbors(points, 1e-3) == expected


def test_input_not_modified():
    points = [(0.0, 0.0), (1.0, 1.0), (5.0, 5.0)]
    snapshot = list(points)
    count_neighbors(points, 2.0)
    assert points == snapshot


def test_matches_reference_on_clustered_points():
    points = _clustered_points(seed=5, n=400)
    for radius in (0.7, 2.0, 9.0):
        assert count_neighbors(points, radius) == _naive_count_neighbors(points, radius), f"radius={radius}"


def test_at_least_10x_faster_on_clustered_points():
    points = _clustered_points(seed=11, n=1200, centers=8, spread=12.0)
    radius = 2.0
    ref_time, expected = _best_time(_naive_count_neighbors, (points, radius))
    budget = ref_time / 10
    time_taken, result = _best_time(
        count_neighbors, (points, radius), repeats=5, good_enough=budget, hopeless=ref_time / 3
    )
    assert result == expected, "results differ from the reference on the timing input"
    assert time_taken <= budget, (
        f"count_neighbors took {time_taken * 1000:.1f} ms, the naive version {ref_time * 1000:.1f} ms: "
        f"{ref_time / time_taken:.1f}x faster, 10x needed"
    )
