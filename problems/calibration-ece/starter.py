"""Calibration of a classifier: reliability bins, expected and maximum calibration error.

Copied from the evaluation notebook; it works on the notebook's data.
"""


def reliability_bins(probs, labels, n_bins=10, strategy="uniform"):
    """One dict per bin: lower, upper, count, confidence (mean prob), accuracy (share of 1s)."""
    members = [[] for _ in range(n_bins)]
    for i, p in enumerate(probs):
        members[int(p * n_bins)].append(i)
    bins = []
    for b, m in enumerate(members):
        bins.append(
            {
                "lower": b / n_bins,
                "upper": (b + 1) / n_bins,
                "count": len(m),
                "confidence": sum(probs[i] for i in m) / len(m) if m else None,
                "accuracy": sum(labels[i] for i in m) / len(m) if m else None,
            }
        )
    return bins


def expected_calibration_error(probs, labels, n_bins=10, strategy="uniform"):
    """Sum over non-empty bins of (count / N) * |accuracy - confidence|."""
    bins = [b for b in reliability_bins(probs, labels, n_bins, strategy) if b["count"]]
    return sum(abs(b["accuracy"] - b["confidence"]) for b in bins) / len(bins)


def maximum_calibration_error(probs, labels, n_bins=10, strategy="uniform"):
    """The largest |accuracy - confidence| over non-empty bins."""
    bins = reliability_bins(probs, labels, n_bins, strategy)
    return max(abs(b["accuracy"] - b["confidence"]) for b in bins if b["count"])


def top_label_ece(prob_rows, labels, n_bins=10):
    """ECE of a multi-class model's top prediction: confidence = max prob, correct = argmax == label."""
    raise NotImplementedError
