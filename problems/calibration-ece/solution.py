"""Calibration of a classifier: reliability bins, expected and maximum calibration error."""
import math


def _validate(probs, labels, n_bins):
    if len(probs) != len(labels) or not probs:
        raise ValueError("probs and labels must be non-empty and of the same length")
    if n_bins < 1:
        raise ValueError("n_bins must be at least 1")
    for p in probs:
        if not 0.0 <= p <= 1.0:  # also refuses NaN
            raise ValueError(f"probability {p!r} is outside [0, 1]")
    for y in labels:
        if y not in (0, 1):
            raise ValueError(f"label {y!r} is not 0 or 1")


def _groups(probs, n_bins, strategy):
    """Indices of the examples in each bin, with the bin's bounds."""
    if strategy == "uniform":
        members = [[] for _ in range(n_bins)]
        for i, p in enumerate(probs):
            members[min(int(p * n_bins), n_bins - 1)].append(i)  # p == 1.0 goes in the last bin
        return [(b / n_bins, (b + 1) / n_bins, m) for b, m in enumerate(members)]
    if strategy == "quantile":
        if n_bins > len(probs):
            raise ValueError("quantile bins need at least as many examples as bins")
        order = sorted(range(len(probs)), key=lambda i: (probs[i], i))
        size, extra = divmod(len(probs), n_bins)
        out, start = [], 0
        for b in range(n_bins):
            end = start + size + (1 if b < extra else 0)
            m = order[start:end]
            out.append((probs[m[0]], probs[m[-1]], m))
            start = end
        return out
    raise ValueError(f"unknown strategy {strategy!r}")


def reliability_bins(probs, labels, n_bins=10, strategy="uniform"):
    """One dict per bin: lower, upper, count, confidence (mean prob), accuracy (share of 1s)."""
    _validate(probs, labels, n_bins)
    bins = []
    for lower, upper, m in _groups(probs, n_bins, strategy):
        bins.append(
            {
                "lower": lower,
                "upper": upper,
                "count": len(m),
                "confidence": math.fsum(probs[i] for i in m) / len(m) if m else None,
                "accuracy": sum(labels[i] for i in m) / len(m) if m else None,
            }
        )
    return bins


def expected_calibration_error(probs, labels, n_bins=10, strategy="uniform"):
    """Sum over non-empty bins of (count / N) * |accuracy - confidence|."""
    bins = reliability_bins(probs, labels, n_bins, strategy)
    n = len(probs)
    # Weighted by the bin's share of examples: a bin with 3 examples must not count like one with 3,000.
    return math.fsum(b["count"] / n * abs(b["accuracy"] - b["confidence"]) for b in bins if b["count"])


def maximum_calibration_error(probs, labels, n_bins=10, strategy="uniform"):
    """The largest |accuracy - confidence| over non-empty bins."""
    bins = reliability_bins(probs, labels, n_bins, strategy)
    return max(abs(b["accuracy"] - b["confidence"]) for b in bins if b["count"])


def top_label_ece(prob_rows, labels, n_bins=10):
    """ECE of a multi-class model's top prediction: confidence = max prob, correct = argmax == label."""
    if len(prob_rows) != len(labels) or not prob_rows:
        raise ValueError("prob_rows and labels must be non-empty and of the same length")
    confidences, correct = [], []
    for row, y in zip(prob_rows, labels):
        top = max(range(len(row)), key=lambda k: (row[k], -k))  # ties: the lowest class index
        confidences.append(row[top])
        correct.append(1 if top == y else 0)
    return expected_calibration_error(confidences, correct, n_bins, "uniform")
