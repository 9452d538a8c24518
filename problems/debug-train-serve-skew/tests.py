import math

from solution import *

DAY = 86_400
T = 100 * DAY  # the prediction time of the main example


def ev(user, ts, kind, amount=None, country="DE"):
    return {"user_id": user, "ts": ts, "type": kind, "amount": amount, "country": country}


EVENTS = [
    ev("u1", T - 40 * DAY, "purchase", 100.0, " DE"),  # older than 30 days
    ev("u1", T - 10 * DAY, "purchase", 20.0, "DE "),
    ev("u1", T - int(1.6 * DAY), "purchase", 40.0, "de"),  # 1.6 days before T
    ev("u1", T - 3 * DAY, "view", country=" FR"),
    ev("u1", T - 1 * DAY, "view", country=" FR "),
    ev("u1", T, "purchase", 999.0, "DE"),  # happens at the prediction moment: the label, not a feature
    ev("u2", T - 2 * DAY, "view", country=None),
]
EXPECTED_U1 = {
    "views_7d": 2,
    "purchases_30d": 2,
    "avg_purchase_30d": 30.0,
    "days_since_last_purchase": 1,
    "country": "fr",
}


def _check(row, expected, where):
    for f in FEATURES:
        a, e = row[f], expected[f]
        ok = math.isclose(a, e, rel_tol=1e-9) if isinstance(e, float) and isinstance(a, (int, float)) else a == e
        assert ok and type(a) is type(e), f"{where}: {f} is {a!r}, expected {e!r}"


def test_offline_features_follow_the_spec():
    _check(offline_features(EVENTS, [("u1", T)])[0], EXPECTED_U1, "offline u1")


def test_online_features_follow_the_spec():
    _check(serve(EVENTS, [("u1", T)])[0], EXPECTED_U1, "online u1")


def test_user_with_only_a_view_gets_the_defaults_on_both_paths():
    expected = {"views_7d": 1, "purchases_30d": 0, "avg_purchase_30d": 0.0, "days_since_last_purchase": -1, "country": "unknown"}
    _check(offline_features(EVENTS, [("u2", T)])[0], expected, "offline u2")
    _check(serve(EVENTS, [("u2", T)])[0], expected, "online u2")


def test_no_skew_between_training_and_serving():
    requests = [("u1", T - 5 * DAY), ("u1", T), ("u1", T + 25 * DAY), ("u2", T), ("u3", T)]
    mismatches = skew_report(offline_features(EVENTS, requests), serve(EVENTS, requests))
    assert mismatches == [], f"training and serving disagree: {mismatches!r}"
