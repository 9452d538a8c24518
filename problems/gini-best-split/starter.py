from collections import Counter


def gini_impurity(labels: list) -> float:
    """Gini impurity 1 - sum_c p_c**2 of a list of class labels (0.0 for an empty list)."""
    n = len(labels)
    if n == 0:
        return 0.0
    return 1.0 - sum((count / n) ** 2 for count in Counter(labels).values())


def best_split(values: list[float], labels: list) -> tuple[float, float] | None:
    """Return (threshold, weighted_gini) of the best split `value <= threshold`.

    Candidate thresholds are midpoints between consecutive distinct sorted
    values; ties (within 1e-12) go to the smallest threshold. Returns None if
    there are fewer than two distinct values. Raises ValueError for empty
    input or mismatched lengths. Should run in O(n log n).
    """
    # TODO
    raise NotImplementedError("best_split is not implemented yet")
