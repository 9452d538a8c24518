import math


def _check_k(k):
    if k < 1:
        raise ValueError("k must be at least 1")


def _hits(ranked, relevant, k):
    return sum(1 for item in ranked[:k] if item in relevant)


def precision_at_k(ranked, relevant, k):
    _check_k(k)
    # Divide by k, not by len(ranked[:k]): a short list is not rewarded for being short.
    return _hits(ranked, relevant, k) / k


def recall_at_k(ranked, relevant, k):
    _check_k(k)
    if not relevant:
        return 0.0
    return _hits(ranked, relevant, k) / len(relevant)


def _dcg(gains_in_order):
    return math.fsum(g / math.log2(i + 2) for i, g in enumerate(gains_in_order))


def ndcg_at_k(ranked, gains, k):
    _check_k(k)
    if any(g < 0 for g in gains.values()):
        raise ValueError("gains must not be negative")
    dcg = _dcg(gains.get(item, 0) for item in ranked[:k])
    # The ideal list is built from every judged item, not just the ones the model returned.
    idcg = _dcg(sorted(gains.values(), reverse=True)[:k])
    return 0.0 if idcg == 0 else dcg / idcg
