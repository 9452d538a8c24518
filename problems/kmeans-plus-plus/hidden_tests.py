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


def _assert_close_point(actual, expected, msg="", tol=1e-9):
    assert len(actual) == len(expected), f"{msg}: expected {len(expected)} coordinates, got {actual!r}"
    for a, e in zip(actual, expected):
        assert math.isclose(a, e, rel_tol=tol, abs_tol=tol), f"{msg}: got {actual!r}, expected {expected!r}"


def _blobs(centers, per_blob, spread, seed):
    """Gaussian blobs; returns (points, blob index of every point)."""
    rng = random.Random(seed)
    points, labels = [], []
    for b, center in enumerate(centers):
        for _ in range(per_blob):
            points.append([c + rng.gauss(0.0, spread) for c in center])
            labels.append(b)
    return points, labels


def _expect_value_error(fn, *args, what=""):
    try:
        fn(*args)
    except ValueError:
        return
    assert False, f"{what or fn.__name__} should raise ValueError"


def test_well_separated_blobs_are_recovered():
    centers = [[0.0, 0.0], [1000.0, 0.0], [0.0, 1000.0]]
    points, labels = _blobs(centers, 150, 1.0, seed=10)
    expected = _partition(labels)
    for seed in range(10):
        centroids, assignments = kmeans(points, 3, random.Random(seed))
        assert _partition(assignments) == expected, f"seed {seed}: the three blobs were not recovered"
        for j, c in enumerate(centroids):
            nearest = min(centers, key=lambda m: _sqdist(c, m))
            assert _sqdist(c, nearest) < 1.0, f"seed {seed}: centroid {j} = {c!r} is not at a blob centre"


def test_init_picks_one_centroid_per_blob():
    # Uniform random seeding puts two centroids in the same blob most of the time;
    # D^2 seeding almost never does when the blobs are far apart.
    centers = [[0.0] * 5, [500.0] + [0.0] * 4, [0.0, 500.0, 0.0, 0.0, 0.0], [0.0, 0.0, 500.0, 0.0, 0.0]]
    points, _ = _blobs(centers, 40, 1.0, seed=11)
    for seed in range(30):
        init = kmeans_plus_plus_init(points, 4, random.Random(seed))
        blobs = {min(range(4), key=lambda b: _sqdist(c, centers[b])) for c in init}
        assert len(blobs) == 4, (
            f"seed {seed}: initial centroids fall in only {len(blobs)} of 4 far-apart blobs; "
            "is the next centroid sampled with probability proportional to D(x)^2?"
        )


def test_init_follows_the_d_squared_distribution():
    # 1-D points A=0, B=1, C=3, k=2. The first centroid is uniform; the second is
    # drawn with probability D^2 / sum(D^2), giving these frequencies for the pair:
    expected = {
        frozenset({0.0, 1.0}): (1 / 10 + 1 / 5) / 3,  # 0.100
        frozenset({0.0, 3.0}): (9 / 10 + 9 / 13) / 3,  # 0.531
        frozenset({1.0, 3.0}): (4 / 5 + 4 / 13) / 3,  # 0.369
    }
    # (Uniform seeding gives 1/3 each; weights D instead of D^2 give 0.194 / 0.450 / 0.356;
    # always taking the farthest point gives 0 / 0.667 / 0.333.)
    points = [[0.0], [1.0], [3.0]]
    trials = 3000
    counts = {pair: 0 for pair in expected}
    for seed in range(trials):
        init = kmeans_plus_plus_init(points, 2, random.Random(seed))
        pair = frozenset(c[0] for c in init)
        assert pair in counts, f"seed {seed}: initial centroids {init!r} are not two distinct input points"
        counts[pair] += 1
    for pair, p in expected.items():
        freq = counts[pair] / trials
        assert abs(freq - p) < 0.04, (
            f"centroid pair {sorted(pair)} chosen with frequency {freq:.3f}, expected about {p:.3f} "
            "(first centroid uniform, then probability proportional to D(x)^2)"
        )


def test_init_never_picks_an_already_covered_point():
    # 50 copies of one point and a single other point: once [0, 0] is chosen its
    # copies have D = 0, so the second centroid must be [5, 5] (and vice versa).
    points = [[0.0, 0.0] for _ in range(50)] + [[5.0, 5.0]]
    for seed in range(50):
        init = kmeans_plus_plus_init(points, 2, random.Random(seed))
        assert sorted(init) == [[0.0, 0.0], [5.0, 5.0]], (
            f"seed {seed}: got {init!r}; a point at distance 0 from a chosen centroid has probability 0"
        )


def test_fewer_distinct_points_than_k():
    points = [[1.0, 1.0] for _ in range(5)]
    init = kmeans_plus_plus_init(points, 3, random.Random(0))
    assert init == [[1.0, 1.0]] * 3, f"expected three copies of [1.0, 1.0], got {init!r}"
    centroids, assignments = kmeans(points, 3, random.Random(1))
    assert centroids == [[1.0, 1.0]] * 3, f"expected three centroids at [1.0, 1.0], got {centroids!r}"
    assert assignments == [0] * 5, (
        f"with identical centroids ties go to the lowest index, expected [0] * 5, got {assignments!r}"
    )


def test_empty_cluster_keeps_its_centroid():
    points = [[0.0, 0.0], [1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    centroids, assignments = lloyd(points, [[0.5, 0.5], [100.0, 100.0]])
    assert assignments == [0, 0, 0, 0], f"every point is nearest to centroid 0, got {assignments!r}"
    assert len(centroids) == 2, f"an empty cluster must not be dropped, got {centroids!r}"
    _assert_close_point(centroids[0], [0.5, 0.5], "centroid 0")
    _assert_close_point(centroids[1], [100.0, 100.0], "empty centroid 1 should stay where it was")


def test_cluster_that_empties_during_the_run():
    # Step 1 assigns 3 and 7 to centroid 1 (at 5); after the update the other two
    # centroids move to 2.5 and 7.5 and take both, so cluster 1 is empty in step 2.
    points = [[2.5], [2.5], [3.0], [7.0], [7.5], [7.5]]
    centroids, assignments = lloyd(points, [[0.9], [5.0], [9.1]])
    assert assignments == [0, 0, 0, 2, 2, 2], f"got {assignments!r}, expected [0, 0, 0, 2, 2, 2]"
    assert len(centroids) == 3, f"an empty cluster must not be dropped, got {centroids!r}"
    for j, e in enumerate([[8.0 / 3.0], [5.0], [22.0 / 3.0]]):
        _assert_close_point(centroids[j], e, f"centroid {j}")


def test_k_equal_to_n():
    points = [[0.0, 0.0], [3.0, 1.0], [-2.0, 4.0], [7.0, 7.0], [1.0, -5.0]]
    for seed in range(5):
        centroids, assignments = kmeans(points, 5, random.Random(seed))
        assert sorted(assignments) == [0, 1, 2, 3, 4], (
            f"seed {seed}: with k == n every point is its own cluster, got {assignments!r}"
        )
        for i, p in enumerate(points):
            _assert_close_point(centroids[assignments[i]], p, f"seed {seed}: centroid of point {i}")


def test_max_iters_counts_update_steps():
    points = [[1.0], [2.0], [3.0], [10.0], [11.0], [12.0]]
    centroids, assignments = lloyd(points, [[1.0], [2.0]], max_iters=1)
    assert assignments == [0, 0, 0, 1, 1, 1], f"max_iters=1: got assignments {assignments!r}"
    _assert_close_point(centroids[0], [1.0], "max_iters=1, centroid 0")
    _assert_close_point(centroids[1], [7.6], "max_iters=1, centroid 1")
    centroids, assignments = lloyd(points, [[1.0], [2.0]], max_iters=0)
    assert centroids == [[1.0], [2.0]], f"max_iters=0 must not move the centroids, got {centroids!r}"
    assert assignments == [0, 1, 1, 1, 1, 1], f"max_iters=0: got assignments {assignments!r}"


def test_invalid_input_raises():
    two = [[0.0, 0.0], [1.0, 1.0]]
    _expect_value_error(kmeans, two, 0, random.Random(0), what="kmeans with k=0")
    _expect_value_error(kmeans, two, -1, random.Random(0), what="kmeans with k=-1")
    _expect_value_error(kmeans_plus_plus_init, two, 3, random.Random(0), what="kmeans_plus_plus_init with k > n")
    _expect_value_error(kmeans, [], 1, random.Random(0), what="kmeans([], 1)")
    _expect_value_error(kmeans, [[0.0, 0.0], [1.0]], 1, random.Random(0), what="kmeans with ragged points")
    _expect_value_error(lloyd, two, [[0.0]], what="lloyd with 1-D centroids for 2-D points")
    _expect_value_error(lloyd, two, [], what="lloyd with no centroids")


def test_inputs_are_not_modified():
    rng = random.Random(12)
    points = [[rng.uniform(-1.0, 1.0), rng.uniform(-1.0, 1.0)] for _ in range(40)]
    snapshot = [list(p) for p in points]
    init = kmeans_plus_plus_init(points, 3, random.Random(13))
    init_snapshot = [list(c) for c in init]
    lloyd(points, init)
    assert points == snapshot, "lloyd modified the input points"
    assert init == init_snapshot, "lloyd modified the centroids it was given"
    for c in init:
        c[0] = 1e9
    assert points == snapshot, "kmeans_plus_plus_init returned the input point lists themselves, not copies"
    kmeans(points, 3, random.Random(14))
    assert points == snapshot, "kmeans modified the input points"


def test_integer_points_give_float_centroids():
    centroids, assignments = kmeans([[0, 0], [2, 0], [100, 100], [101, 103]], 2, random.Random(15))
    for c in centroids:
        assert all(isinstance(x, float) for x in c), f"centroid {c!r} should contain floats"
    _assert_close_point(centroids[assignments[0]], [1.0, 0.0], "centroid of the first cluster")
    _assert_close_point(centroids[assignments[2]], [100.5, 101.5], "centroid of the second cluster")


def test_larger_input_converges_to_a_fixed_point():
    rng = random.Random(16)
    points = [[rng.uniform(0.0, 100.0) for _ in range(3)] for _ in range(600)]
    centroids, assignments = kmeans(points, 8, random.Random(17))
    assert len(centroids) == 8 and len(assignments) == 600, "wrong output sizes"
    for i, p in enumerate(points):
        dists = [_sqdist(p, c) for c in centroids]
        assert dists[assignments[i]] == min(dists), f"point {i} is not assigned to its nearest centroid"
    for j, c in enumerate(centroids):
        members = [p for p, a in zip(points, assignments) if a == j]
        assert members, f"cluster {j} is empty on well-spread data"
        mean = [math.fsum(p[t] for p in members) / len(members) for t in range(3)]
        _assert_close_point(c, mean, f"centroid {j} vs the mean of its points", tol=1e-9)
