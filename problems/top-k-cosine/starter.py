import math


def top_k_cosine(query, items, k):
    """Indices and cosine similarities of the k items most similar to query, best first."""
    # TODO: validate the inputs, handle zero-norm items, break ties by index,
    # and avoid sorting all n items when k is small.
    scores = []
    for i, item in enumerate(items):
        dot = sum(q * x for q, x in zip(query, item))
        scores.append((i, dot))
    scores.sort(key=lambda s: -s[1])
    return scores[:k]
