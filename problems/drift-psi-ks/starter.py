"""Drift statistics for the feature monitor: PSI, two-sample KS and the paging rule."""
import bisect
import math

EPS = 1e-4


def psi(reference, current, n_bins=10):
    """Population stability index of `current` against `reference`, on reference-quantile bins."""
    raise NotImplementedError


def ks_statistic(a, b):
    """sup |F_a(x) - F_b(x)| over x, for the empirical CDFs of the two samples."""
    raise NotImplementedError


def ks_critical_value(n, m, alpha=0.05):
    """Large-sample rejection threshold of the two-sample KS test."""
    raise NotImplementedError


def drift_report(reference, window, n_bins=10, psi_threshold=0.2, alpha=0.05):
    """{"psi", "ks", "ks_critical", "drifted"} for one window."""
    raise NotImplementedError


def drift_alerts(reference, windows, consecutive=2, min_window_size=100, **report_options):
    """Indices of the windows at which a page is sent."""
    raise NotImplementedError
