import copy
import math

from solution import *


class FakeModel:
    def __init__(self, max_batch=32, version="churn-7", scale=1.0, fail=None, clock=None, call_ms=0.0):
        self.feature_names = ["tenure_months", "tickets_30d", "spend_30d"]
        self.max_batch, self.version, self.scale, self.fail = max_batch, version, scale, fail
        self.clock, self.call_ms, self.calls = clock, call_ms, []

    def predict(self, rows):
        if len(rows) > self.max_batch:
            raise ValueError("batch too large")
        self.calls.append(len(rows))
        if self.clock:
            self.clock.now += self.call_ms / 1000
        if self.fail:
            raise self.fail
        return [self.scale * (r[0] + r[1] * 100 + r[2] * 10_000) for r in rows]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


class Log:
    def __init__(self):
        self.records = []

    def __call__(self, event, **fields):
        self.records.append({"event": event, **fields})


def inst(a=1, b=2, c=3):
    return {"tenure_months": a, "tickets_30d": b, "spend_30d": c}


def req(instances):
    return {"request_id": "r-9", "user": {"email": "lee@example.org", "phone": "+4915112345678"}, "instances": instances}


def test_invalid_values_are_400s():
    for bad in (float("nan"), float("inf"), "3", None, True, [1]):
        status, body = handle_predict(req([inst(c=bad)]), FakeModel(), Log())
        assert status == 400 and "spend_30d" in body["error"], f"value {bad!r}: {status} {body}"


def test_malformed_bodies_are_400s_not_crashes():
    for body in ([], "x", {"instances": []}, {"instances": "all"}, {"instances": [1, 2]}, {"request_id": "q"}):
        try:
            status, out = handle_predict(body, FakeModel(), Log())
        except Exception as e:
            assert False, f"{body!r} crashed the handler: {type(e).__name__}: {e}"
        assert status == 400 and "error" in out, (body, status, out)


def test_unknown_features_are_refused():
    status, body = handle_predict(req([{**inst(), "tenure_month": 4}]), FakeModel(), Log())
    assert status == 400 and "tenure_month" in body["error"], (status, body)


def test_too_many_instances_is_413_and_the_model_is_not_called():
    model = FakeModel()
    status, body = handle_predict(req([inst()] * (MAX_INSTANCES + 1)), model, Log())
    assert status == 413 and model.calls == [], (status, body, model.calls)
    status, _ = handle_predict(req([inst()] * MAX_INSTANCES), FakeModel(), Log())
    assert status == 200


def test_deadline_stops_before_the_next_model_call():
    clock = Clock()
    model = FakeModel(max_batch=10, clock=clock, call_ms=80)
    status, body = handle_predict(req([inst()] * 40), model, Log(), clock=clock)
    assert status == 504 and "predictions" not in body, (status, body)
    assert model.calls == [10, 10, 10], f"model calls {model.calls}: the third batch started at 160 ms, a fourth at 240 ms must not"


def test_fast_enough_requests_finish():
    clock = Clock()
    status, body = handle_predict(req([inst()] * 40), FakeModel(max_batch=10, clock=clock, call_ms=50), Log(), clock=clock)
    assert status == 200 and len(body["predictions"]) == 40, (status, body)


def test_a_model_error_is_a_500_not_a_made_up_score():
    log = Log()
    status, body = handle_predict(req([inst()]), FakeModel(fail=RuntimeError("CUDA error: out of memory at /srv/models/x.py")), log)
    assert status == 500, (status, body)
    assert "predictions" not in body and "CUDA" not in repr(body) and "/srv" not in repr(body), body
    assert log.records[-1]["status"] == 500 and log.records[-1].get("error_type") == "RuntimeError", log.records


def test_a_new_model_version_is_used_at_once():
    handle_predict(req([inst()]), FakeModel(version="v1", scale=1.0), Log())
    status, body = handle_predict(req([inst()]), FakeModel(version="v2", scale=2.0), Log())
    assert body["model_version"] == "v2" and body["predictions"] == [2.0 * 30_201], f"stale answer: {body}"


def test_one_log_record_per_request_with_what_on_call_needs():
    clock = Clock()
    log = Log()
    handle_predict(req([inst(), inst()]), FakeModel(clock=clock, call_ms=12), log, clock=clock)
    handle_predict(req([inst(c=float("nan"))]), FakeModel(), log)
    assert len(log.records) == 2, log.records
    first = log.records[0]
    assert first["request_id"] == "r-9" and first["status"] == 200 and first["n_instances"] == 2, first
    assert math.isclose(first["latency_ms"], 12.0, abs_tol=0.01), first
    assert log.records[1]["status"] == 400
    text = repr(log.records)
    for secret in ("lee@example.org", "+4915112345678"):
        assert secret not in text, f"{secret} is in the log: {text}"


def test_the_request_is_not_modified():
    r = req([inst(), {"spend_30d": 3, "tickets_30d": 2, "tenure_months": 1}])
    before = copy.deepcopy(r)
    handle_predict(r, FakeModel(), Log())
    assert r == before
