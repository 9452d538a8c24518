"""Drift statistics for the feature monitor: PSI, two-sample KS and the paging rule."""
import bisect
import math

EPS = 1e-4


def _quantile_cuts(sorted_ref, n_bins):
    n = len(sorted_ref)
    cuts = []
    for i in range(1, n_bins):
        c = sorted_ref[(i * n) // n_bins]
        if not cuts or c != cuts[-1]:
            cuts.append(c)
    return cuts


def _proportions(values, cuts):
    counts = [0] * (len(cuts) + 1)
    for x in values:
        counts[bisect.bisect_right(cuts, x)] += 1
    return [max(c / len(values), EPS) for c in counts]


def psi(reference, current, n_bins=10):
    """Population stability index of `current` against `reference`, on reference-quantile bins."""
    if not reference or not current:
        raise ValueError("both samples must be non-empty")
    if n_bins < 2:
        raise ValueError("n_bins must be at least 2")
    cuts = _quantile_cuts(sorted(reference), n_bins)
    p_ref = _proportions(reference, cuts)
    p_cur = _proportions(current, cuts)
    return math.fsum((c - r) * math.log(c / r) for r, c in zip(p_ref, p_cur))


def ks_statistic(a, b):
    """sup |F_a(x) - F_b(x)| over x, for the empirical CDFs of the two samples."""
    if not a or not b:
        raise ValueError("both samples must be non-empty")
    xs, ys = sorted(a), sorted(b)
    n, m = len(xs), len(ys)
    i = j = 0
    best = 0.0
    # Walk the merged values; compare the CDFs only after *all* copies of a value are consumed
    # (the CDF is right-continuous: a tie counts on both sides at once).
    while i < n and j < m:
        v = xs[i] if xs[i] <= ys[j] else ys[j]
        while i < n and xs[i] == v:
            i += 1
        while j < m and ys[j] == v:
            j += 1
        best = max(best, abs(i / n - j / m))
    return best


def ks_critical_value(n, m, alpha=0.05):
    """Large-sample rejection threshold of the two-sample KS test."""
    if n < 1 or m < 1 or not 0 < alpha < 1:
        raise ValueError("n, m must be positive and 0 < alpha < 1")
    return math.sqrt(-math.log(alpha / 2) / 2) * math.sqrt((n + m) / (n * m))


def drift_report(reference, window, n_bins=10, psi_threshold=0.2, alpha=0.05):
    """{"psi", "ks", "ks_critical", "drifted"} for one window."""
    p = psi(reference, window, n_bins)
    ks = ks_statistic(reference, window)
    crit = ks_critical_value(len(reference), len(window), alpha)
    return {"psi": p, "ks": ks, "ks_critical": crit, "drifted": p >= psi_threshold and ks > crit}


def drift_alerts(reference, windows, consecutive=2, min_window_size=100, **report_options):
    """Indices of the windows at which a page is sent."""
    if consecutive < 1:
        raise ValueError("consecutive must be at least 1")
    pages, run = [], 0
    for i, window in enumerate(windows):
        if len(window) < min_window_size:
            continue  # too little data to judge: neither evidence of drift nor of recovery
        if drift_report(reference, window, **report_options)["drifted"]:
            run += 1
            if run == consecutive:  # once per run, not on every drifted window after it
                pages.append(i)
        else:
            run = 0
    return pages
