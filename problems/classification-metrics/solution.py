import math


def _check_labels(y_true: list[int], other: list, other_name: str) -> None:
    if len(y_true) != len(other):
        raise ValueError(f"y_true has {len(y_true)} elements but {other_name} has {len(other)}")
    if not y_true:
        raise ValueError("inputs must not be empty")
    if any(label not in (0, 1) for label in y_true):
        raise ValueError("y_true labels must be 0 or 1")


def precision_recall_f1(y_true: list[int], y_pred: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class (1); 0.0 wherever a denominator is 0."""
    _check_labels(y_true, y_pred, "y_pred")
    if any(label not in (0, 1) for label in y_pred):
        raise ValueError("y_pred labels must be 0 or 1")

    tp = fp = fn = 0
    for t, p in zip(y_true, y_pred):
        if p == 1 and t == 1:
            tp += 1
        elif p == 1:
            fp += 1
        elif t == 1:
            fn += 1

    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return float(precision), float(recall), float(f1)


def roc_auc(y_true: list[int], scores: list[float]) -> float:
    """Area under the ROC curve = P(score of a random positive > score of a random negative),
    counting ties as 1/2 (the Mann-Whitney U statistic / (n_pos * n_neg)). O(n log n)."""
    _check_labels(y_true, scores, "scores")
    if any(math.isnan(s) for s in scores):
        raise ValueError("scores must not contain NaN")
    n_pos = sum(1 for label in y_true if label == 1)
    n_neg = len(y_true) - n_pos
    if n_pos == 0 or n_neg == 0:
        raise ValueError("ROC AUC is undefined when y_true contains only one class")

    order = sorted(range(len(scores)), key=scores.__getitem__)
    # Walk groups of tied scores in increasing order. A positive beats every negative
    # in a lower group and ties with the negatives in its own group (worth 1/2), so
    # twice the U statistic is sum over groups of pos_g * (2 * neg_below + neg_g),
    # an exact integer.
    twice_u = 0
    neg_below = 0
    i = 0
    while i < len(order):
        j = i
        pos_g = neg_g = 0
        while j < len(order) and scores[order[j]] == scores[order[i]]:
            if y_true[order[j]] == 1:
                pos_g += 1
            else:
                neg_g += 1
            j += 1
        twice_u += pos_g * (2 * neg_below + neg_g)
        neg_below += neg_g
        i = j
    return twice_u / (2 * n_pos * n_neg)
