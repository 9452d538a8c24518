"""Features of the purchase-propensity model, computed offline (training) and online (serving)."""
import math

DAY = 86_400
FEATURES = ("views_7d", "purchases_30d", "avg_purchase_30d", "days_since_last_purchase", "country")


def normalise_country(raw):
    """" DE " -> "de"; None or blank -> "unknown"."""
    if raw is None or not raw.strip():
        return "unknown"
    return raw.strip().lower()


def offline_features(events, requests):
    """Training rows: the features of each (user_id, t) request, from the event log."""
    by_user = {}
    for e in sorted(events, key=lambda e: e["ts"]):
        by_user.setdefault(e["user_id"], []).append(e)
    rows = []
    for user, t in requests:
        past = [e for e in by_user.get(user, []) if e["ts"] <= t]
        views = sum(1 for e in past if e["type"] == "view" and e["ts"] >= t - 7 * DAY)
        amounts = [e["amount"] for e in past if e["type"] == "purchase" and e["ts"] >= t - 30 * DAY]
        purchases = [e for e in past if e["type"] == "purchase"]
        rows.append(
            {
                "views_7d": views,
                "purchases_30d": len(amounts),
                "avg_purchase_30d": sum(amounts) / len(amounts) if amounts else 0.0,
                "days_since_last_purchase": round((t - purchases[-1]["ts"]) / DAY) if purchases else -1,
                "country": normalise_country(past[-1]["country"]) if past else "unknown",
            }
        )
    return rows


class OnlineFeatureStore:
    """Fed every event as it happens; answers feature requests at serving time."""

    def __init__(self):
        self.views = {}  # user -> timestamps of views
        self.purchase_count = {}
        self.purchase_sum = {}
        self.last_purchase = {}
        self.last_country = {}

    def update(self, event):
        user = event["user_id"]
        if event["type"] == "view":
            self.views.setdefault(user, []).append(event["ts"])
        else:
            self.purchase_count[user] = self.purchase_count.get(user, 0) + 1
            self.purchase_sum[user] = self.purchase_sum.get(user, 0.0) + event["amount"]
            self.last_purchase[user] = event["ts"]
        self.last_country[user] = event["country"]

    def get_features(self, user_id, t):
        views = [ts for ts in self.views.get(user_id, []) if t - 7 * DAY <= ts < t]
        count = self.purchase_count.get(user_id, 0)
        last = self.last_purchase.get(user_id)
        return {
            "views_7d": len(views),
            "purchases_30d": count,
            "avg_purchase_30d": self.purchase_sum[user_id] / count if count else None,
            "days_since_last_purchase": (t - last) // DAY if last is not None else -1,
            "country": self.last_country.get(user_id, "unknown"),
        }


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
