import math
import random

from solution import *

DAY = 86_400


def ev(user, ts, kind, amount=None, country="DE"):
    return {"user_id": user, "ts": ts, "type": kind, "amount": amount, "country": country}


def _spec(events, user, t):
    """The statement's definitions, written out once more."""
    past = sorted((e for e in events if e["user_id"] == user and e["ts"] < t), key=lambda e: e["ts"])
    amounts = [e["amount"] for e in past if e["type"] == "purchase" and e["ts"] >= t - 30 * DAY]
    buys = [e for e in past if e["type"] == "purchase"]
    country = (past[-1]["country"] or "").strip().lower() if past else ""
    return {
        "views_7d": sum(1 for e in past if e["type"] == "view" and e["ts"] >= t - 7 * DAY),
        "purchases_30d": len(amounts),
        "avg_purchase_30d": sum(amounts) / len(amounts) if amounts else 0.0,
        "days_since_last_purchase": (t - buys[-1]["ts"]) // DAY if buys else -1,
        "country": country or "unknown",
    }


def _random_log(seed, n_users=12, n_events=600, span_days=120):
    rng = random.Random(seed)
    countries = ["DE", " de", "FR ", "fr", "NL", None, "  "]
    events = []
    for _ in range(n_events):
        kind = "purchase" if rng.random() < 0.3 else "view"
        events.append(
            ev(
                f"u{rng.randrange(n_users)}",
                rng.randrange(span_days * DAY),
                kind,
                round(rng.uniform(1, 300), 2) if kind == "purchase" else None,
                rng.choice(countries),
            )
        )
    # Requests at the exact moment of some events (a purchase logged with the request's timestamp).
    requests = [(e["user_id"], e["ts"]) for e in rng.sample(events, 60)]
    requests += [(f"u{rng.randrange(n_users + 2)}", rng.randrange(span_days * DAY)) for _ in range(60)]
    return events, requests


def _assert_rows(rows, events, requests, label):
    for (user, t), row in zip(requests, rows):
        want = _spec(events, user, t)
        for f in FEATURES:
            a, e = row[f], want[f]
            ok = math.isclose(a, e, rel_tol=1e-9) if isinstance(e, float) and isinstance(a, (int, float)) else a == e
            assert ok, f"{label} ({user}, t={t}): {f} is {a!r}, expected {e!r}"


def test_offline_matches_the_spec_on_a_random_log():
    events, requests = _random_log(1)
    _assert_rows(offline_features(events, requests), events, requests, "offline")


def test_online_matches_the_spec_on_a_random_log():
    events, requests = _random_log(2)
    _assert_rows(serve(events, requests), events, requests, "online")


def test_event_at_the_prediction_time_is_not_a_feature():
    events = [ev("u", 50 * DAY, "purchase", 10.0), ev("u", 60 * DAY, "purchase", 500.0)]
    row = offline_features(events, [("u", 60 * DAY)])[0]
    assert row["purchases_30d"] == 1 and row["avg_purchase_30d"] == 10.0, (
        f"offline row {row!r} counts the purchase made at the prediction time (label leakage)"
    )


def test_old_purchases_leave_the_online_window():
    events = [ev("u", 0, "purchase", 1000.0), ev("u", 40 * DAY, "purchase", 10.0)]
    row = serve(events, [("u", 41 * DAY)])[0]
    assert row["purchases_30d"] == 1, f"online purchases_30d {row['purchases_30d']!r}: the 40-day-old purchase still counts"
    assert row["avg_purchase_30d"] == 10.0, f"online avg_purchase_30d {row['avg_purchase_30d']!r}, expected 10.0"


def test_days_since_last_purchase_is_floored_on_both_paths():
    events = [ev("u", 10 * DAY, "purchase", 5.0)]
    t = 10 * DAY + int(2.9 * DAY)
    off = offline_features(events, [("u", t)])[0]["days_since_last_purchase"]
    on = serve(events, [("u", t)])[0]["days_since_last_purchase"]
    assert off == 2 and on == 2, f"2.9 days gives offline {off!r}, online {on!r}; expected 2 on both"


def test_country_is_normalised_online():
    events = [ev("u", DAY, "view", country="  NL ")]
    assert serve(events, [("u", 2 * DAY)])[0]["country"] == "nl"


def test_unknown_user_online_gets_the_defaults():
    row = serve([], [("nobody", DAY)])[0]
    assert row == {"views_7d": 0, "purchases_30d": 0, "avg_purchase_30d": 0.0, "days_since_last_purchase": -1, "country": "unknown"}, row


def test_the_whole_log_has_no_skew():
    events, requests = _random_log(3, n_users=30, n_events=1500)
    mismatches = skew_report(offline_features(events, requests), serve(events, requests))
    assert mismatches == [], f"{len(mismatches)} mismatches, first {mismatches[:3]!r}"
