import heapq
import math


def _norm(v):
    # hypot scales internally: no overflow for 1e200 or underflow for 1e-200.
    return math.hypot(*v)


def top_k_cosine(query, items, k):
    """Indices and cosine similarities of the k items most similar to query, best first.

    O(n·d + n·log k): one pass computing similarities, a bounded heap for the best k.
    Ties are broken by the smaller index.
    """
    q_norm = _norm(query)
    if q_norm == 0.0:
        raise ValueError("the query has norm zero")
    d = len(query)
    for i, item in enumerate(items):
        if len(item) != d:
            raise ValueError(f"item {i} has length {len(item)}, expected {d}")
    if k <= 0:
        return []

    def scored():
        for i, item in enumerate(items):
            n = _norm(item)
            # Divide twice: q_norm * n itself can underflow or overflow.
            sim = 0.0 if n == 0.0 else math.fsum(a * b for a, b in zip(query, item)) / q_norm / n
            yield (sim, -i)

    best = heapq.nlargest(k, scored())
    return [(-neg_i, sim) for sim, neg_i in best]
