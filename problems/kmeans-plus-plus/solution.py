import random


def squared_distance(a: list[float], b: list[float]) -> float:
    """Squared Euclidean distance between two points of the same dimension."""
    return sum((x - y) * (x - y) for x, y in zip(a, b))


def _check_points(points: list[list[float]]) -> int:
    """Validate `points` and return their dimension."""
    if not points:
        raise ValueError("points must not be empty")
    dim = len(points[0])
    if dim == 0:
        raise ValueError("points must have at least one coordinate")
    for p in points:
        if len(p) != dim:
            raise ValueError("all points must have the same dimension")
    return dim


def _nearest(point: list[float], centroids: list[list[float]]) -> int:
    """Index of the nearest centroid; ties go to the lowest index."""
    best, best_d = 0, squared_distance(point, centroids[0])
    for j in range(1, len(centroids)):
        d = squared_distance(point, centroids[j])
        if d < best_d:
            best, best_d = j, d
    return best


def kmeans_plus_plus_init(points: list[list[float]], k: int, rng: random.Random) -> list[list[float]]:
    """k-means++ seeding: the first centroid uniformly, each next one with probability ~ D(x)^2."""
    _check_points(points)
    n = len(points)
    if not 1 <= k <= n:
        raise ValueError(f"k must be between 1 and len(points) = {n}, got {k}")

    first = points[rng.randrange(n)]
    centroids = [[float(c) for c in first]]
    # d2[i]: squared distance from points[i] to its nearest chosen centroid, updated
    # incrementally so seeding costs O(n * k * dim) instead of O(n * k^2 * dim).
    d2 = [squared_distance(p, centroids[0]) for p in points]

    while len(centroids) < k:
        total = sum(d2)
        if total > 0.0:
            threshold = rng.random() * total
            idx, cumulative = n - 1, 0.0
            for i, w in enumerate(d2):
                cumulative += w
                if cumulative > threshold:
                    idx = i
                    break
            # Rounding can leave the threshold just above the last partial sum:
            # fall back to the last point with positive weight.
            while d2[idx] == 0.0:
                idx -= 1
        else:
            # Every point coincides with a chosen centroid (fewer than k distinct points).
            idx = rng.randrange(n)
        new = [float(c) for c in points[idx]]
        centroids.append(new)
        for i, p in enumerate(points):
            d = squared_distance(p, new)
            if d < d2[i]:
                d2[i] = d
    return centroids


def lloyd(
    points: list[list[float]], centroids: list[list[float]], max_iters: int = 100
) -> tuple[list[list[float]], list[int]]:
    """Lloyd's algorithm from the given initial centroids (which are not modified)."""
    dim = _check_points(points)
    if not centroids:
        raise ValueError("centroids must not be empty")
    if any(len(c) != dim for c in centroids):
        raise ValueError("centroids must have the same dimension as the points")
    if max_iters < 0:
        raise ValueError("max_iters must be >= 0")

    k = len(centroids)
    centroids = [[float(c) for c in centroid] for centroid in centroids]
    assignments = [_nearest(p, centroids) for p in points]

    for _ in range(max_iters):
        sums = [[0.0] * dim for _ in range(k)]
        counts = [0] * k
        for p, j in zip(points, assignments):
            counts[j] += 1
            s = sums[j]
            for t in range(dim):
                s[t] += p[t]
        for j in range(k):
            if counts[j]:  # an empty cluster keeps its previous centroid
                centroids[j] = [s / counts[j] for s in sums[j]]

        new_assignments = [_nearest(p, centroids) for p in points]
        if new_assignments == assignments:
            break
        assignments = new_assignments
    return centroids, assignments


def kmeans(
    points: list[list[float]], k: int, rng: random.Random, max_iters: int = 100
) -> tuple[list[list[float]], list[int]]:
    """k-means: k-means++ seeding followed by Lloyd's algorithm."""
    return lloyd(points, kmeans_plus_plus_init(points, k, rng), max_iters)
