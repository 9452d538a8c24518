def precision_recall_f1(y_true: list[int], y_pred: list[int]) -> tuple[float, float, float]:
    """Return (precision, recall, F1) for the positive class 1.

    Each metric is 0.0 when its denominator is 0. Raises ValueError for empty
    or mismatched inputs and for labels other than 0 and 1.
    """
    tp = sum(1 for t, p in zip(y_true, y_pred) if t == 1 and p == 1)
    fp = sum(1 for t, p in zip(y_true, y_pred) if t == 0 and p == 1)
    fn = sum(1 for t, p in zip(y_true, y_pred) if t == 1 and p == 0)
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    # TODO: F1, zero-division conventions and input validation.
    raise NotImplementedError("precision_recall_f1 is not finished yet")


def roc_auc(y_true: list[int], scores: list[float]) -> float:
    """Return the ROC AUC of `scores` for the labels `y_true` (ties count 1/2), in O(n log n).

    Raises ValueError for empty or mismatched inputs, labels other than 0 and 1,
    NaN scores, or if y_true contains only one class.
    """
    # TODO
    raise NotImplementedError("roc_auc is not implemented yet")
