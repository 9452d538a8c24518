import random


def squared_distance(a: list[float], b: list[float]) -> float:
    """Squared Euclidean distance between two points of the same dimension."""
    return sum((x - y) * (x - y) for x, y in zip(a, b))


def kmeans_plus_plus_init(points: list[list[float]], k: int, rng: random.Random) -> list[list[float]]:
    """Choose k initial centroids with k-means++ seeding, using only `rng` for randomness.

    Returns k new lists of floats. Raises ValueError for empty or ragged points,
    or if k is not in 1..len(points).
    """
    # TODO
    raise NotImplementedError("kmeans_plus_plus_init is not implemented yet")


def lloyd(
    points: list[list[float]], centroids: list[list[float]], max_iters: int = 100
) -> tuple[list[list[float]], list[int]]:
    """Run Lloyd's algorithm from `centroids`; return (final centroids, assignments)."""
    # TODO: assign every point to its nearest centroid, move every centroid to
    # the mean of its points, repeat until the assignments stop changing.
    raise NotImplementedError("lloyd is not implemented yet")


def kmeans(
    points: list[list[float]], k: int, rng: random.Random, max_iters: int = 100
) -> tuple[list[list[float]], list[int]]:
    """k-means: k-means++ seeding followed by Lloyd's algorithm."""
    return lloyd(points, kmeans_plus_plus_init(points, k, rng), max_iters)
