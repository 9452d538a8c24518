import math
import random

from solution import *


def _partition(assignments):
    """The clustering as a set of clusters (frozensets of point indices), ignoring labels."""
    clusters = {}
    for i, j in enumerate(assignments):
        clusters.setdefault(j, set()).add(i)
    return {frozenset(c) for c in clusters.values()}


def _sqdist(a, b):
    return math.fsum((x - y) ** 2 for x, y in zip(a, b))


def _assert_close_point(actual, expected, msg=""):
    assert len(actual) == len(expected), f"{msg}: expected {len(expected)} coordinates, got {actual!r}"
    for a, e in zip(actual, expected):
        assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-9), f"{msg}: got {actual!r}, expected {expected!r}"


def test_lloyd_example():
    points = [[1.0], [2.0], [3.0], [10.0], [11.0], [12.0]]
    centroids, assignments = lloyd(points, [[1.0], [2.0]])
    assert assignments == [0, 0, 0, 1, 1, 1], f"assignments {assignments!r}, expected [0, 0, 0, 1, 1, 1]"
    assert len(centroids) == 2, f"expected 2 centroids, got {centroids!r}"
    _assert_close_point(centroids[0], [2.0], "centroid 0")
    _assert_close_point(centroids[1], [11.0], "centroid 1")


def test_kmeans_two_obvious_clusters():
    points = [[0, 0], [0, 1], [10, 10], [10, 11]]
    centroids, assignments = kmeans(points, 2, random.Random(0))
    assert len(assignments) == 4, f"expected one assignment per point, got {assignments!r}"
    assert _partition(assignments) == {frozenset({0, 1}), frozenset({2, 3})}, (
        f"assignments {assignments!r} do not split {{0, 1}} from {{2, 3}}"
    )
    _assert_close_point(centroids[assignments[0]], [0.0, 0.5], "centroid of the first cluster")
    _assert_close_point(centroids[assignments[2]], [10.0, 10.5], "centroid of the second cluster")


def test_k_equal_one_gives_the_mean():
    points = [[1.0, 2.0], [3.0, 6.0], [5.0, 1.0], [-1.0, 3.0]]
    centroids, assignments = kmeans(points, 1, random.Random(1))
    assert assignments == [0, 0, 0, 0], f"with k=1 every point is in cluster 0, got {assignments!r}"
    assert len(centroids) == 1, f"expected 1 centroid, got {centroids!r}"
    _assert_close_point(centroids[0], [2.0, 3.0], "mean of all points")


def test_init_returns_k_distinct_data_points():
    rng = random.Random(2)
    points = [[rng.uniform(-5.0, 5.0), rng.uniform(-5.0, 5.0)] for _ in range(30)]
    init = kmeans_plus_plus_init(points, 4, random.Random(3))
    assert isinstance(init, list) and len(init) == 4, f"expected a list of 4 centroids, got {init!r}"
    for c in init:
        assert c in points, f"initial centroid {c!r} is not one of the input points"
        assert all(isinstance(x, float) for x in c), f"centroid {c!r} should be a list of floats"
    assert len({tuple(c) for c in init}) == 4, f"initial centroids are not distinct: {init!r}"


def test_same_seed_same_result():
    rng = random.Random(4)
    points = [[rng.gauss(0.0, 1.0), rng.gauss(0.0, 1.0)] for _ in range(60)]
    first = kmeans(points, 3, random.Random(42))
    second = kmeans(points, 3, random.Random(42))
    assert first == second, "kmeans with the same seed returned different results"
    init1 = kmeans_plus_plus_init(points, 3, random.Random(7))
    init2 = kmeans_plus_plus_init(points, 3, random.Random(7))
    assert init1 == init2, "kmeans_plus_plus_init with the same seed returned different centroids"


def test_result_is_a_fixed_point():
    rng = random.Random(5)
    points = [[rng.uniform(0.0, 10.0), rng.uniform(0.0, 10.0)] for _ in range(80)]
    centroids, assignments = kmeans(points, 4, random.Random(6))
    assert len(centroids) == 4, f"expected 4 centroids, got {len(centroids)}"
    assert len(assignments) == len(points), f"expected {len(points)} assignments, got {len(assignments)}"
    for i, p in enumerate(points):
        dists = [_sqdist(p, c) for c in centroids]
        assert dists[assignments[i]] == min(dists), (
            f"point {i} is assigned to centroid {assignments[i]} but centroid "
            f"{dists.index(min(dists))} is nearer"
        )
    for j, c in enumerate(centroids):
        members = [p for p, a in zip(points, assignments) if a == j]
        if members:
            mean = [math.fsum(p[t] for p in members) / len(members) for t in range(2)]
            _assert_close_point(c, mean, f"centroid {j} vs the mean of its points")


def test_k_larger_than_n_raises():
    try:
        kmeans([[0.0, 0.0], [1.0, 1.0]], 3, random.Random(0))
    except ValueError:
        return
    assert False, "kmeans with k=3 and 2 points should raise ValueError"
