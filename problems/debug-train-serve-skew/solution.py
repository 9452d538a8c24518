"""Features of the purchase-propensity model, computed offline (training) and online (serving)."""
import math

DAY = 86_400
FEATURES = ("views_7d", "purchases_30d", "avg_purchase_30d", "days_since_last_purchase", "country")


def normalise_country(raw):
    """" DE " -> "de"; None or blank -> "unknown"."""
    if raw is None or not raw.strip():
        return "unknown"
    return raw.strip().lower()


def _features(history, t):
    """The features at time t from one user's events, oldest first. Only events with ts < t count."""
    past = [e for e in history if e["ts"] < t]  # Fix 1: strictly before t, offline and online alike
    views = sum(1 for e in past if e["type"] == "view" and e["ts"] >= t - 7 * DAY)
    amounts = [e["amount"] for e in past if e["type"] == "purchase" and e["ts"] >= t - 30 * DAY]
    purchases = [e for e in past if e["type"] == "purchase"]
    return {
        "views_7d": views,
        "purchases_30d": len(amounts),
        "avg_purchase_30d": math.fsum(amounts) / len(amounts) if amounts else 0.0,
        # Fix 2: whole days elapsed, floored (round() made 1.6 days "2" offline and "1" online)
        "days_since_last_purchase": (t - purchases[-1]["ts"]) // DAY if purchases else -1,
        "country": normalise_country(past[-1]["country"]) if past else "unknown",
    }


def offline_features(events, requests):
    """Training rows: the features of each (user_id, t) request, from the event log."""
    by_user = {}
    for e in sorted(events, key=lambda e: e["ts"]):
        by_user.setdefault(e["user_id"], []).append(e)
    return [_features(by_user.get(user, []), t) for user, t in requests]


class OnlineFeatureStore:
    """Fed every event as it happens; answers feature requests at serving time."""

    def __init__(self):
        self.history = {}

    def update(self, event):
        # Fix 3: no running sum/count that never forgets: the 30-day window is applied at read
        # time, exactly as offline. (Bounding memory is a follow-up: evict events older than 30 days.)
        self.history.setdefault(event["user_id"], []).append(event)

    def get_features(self, user_id, t):
        # Fix 4 and 5: same country normalisation and same default (0.0, not None) as offline,
        # because both paths now share one function.
        return _features(self.history.get(user_id, []), t)


def serve(events, requests):
    """Replays the log: each request at time t sees every event with ts < t, as in production."""
    store = OnlineFeatureStore()
    events = sorted(events, key=lambda e: e["ts"])
    rows, i = [], 0
    for user, t in sorted(requests, key=lambda r: r[1]):
        while i < len(events) and events[i]["ts"] < t:
            store.update(events[i])
            i += 1
        rows.append(((user, t), store.get_features(user, t)))
    by_request = dict(rows)
    return [by_request[(user, t)] for user, t in requests]


def skew_report(offline_rows, online_rows, rel_tol=1e-9):
    """(row, feature, offline value, online value) for every mismatch between the two paths."""
    out = []
    for i, (off, on) in enumerate(zip(offline_rows, online_rows)):
        for f in FEATURES:
            a, b = off.get(f), on.get(f)
            same = a == b or (
                isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, rel_tol=rel_tol)
            )
            if not same:
                out.append((i, f, a, b))
    return out
