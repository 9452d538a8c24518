from solution import *


class FakeModel:
    """predict() returns a weighted sum, so the feature order is visible in the output."""

    def __init__(self, max_batch=32, version="churn-7"):
        self.feature_names = ["tenure_months", "tickets_30d", "spend_30d"]
        self.max_batch = max_batch
        self.version = version
        self.calls = []

    def predict(self, rows):
        if len(rows) > self.max_batch:
            raise ValueError(f"batch of {len(rows)} is over max_batch {self.max_batch}")
        self.calls.append(len(rows))
        return [r[0] * 1.0 + r[1] * 100.0 + r[2] * 10_000.0 for r in rows]


class Log:
    def __init__(self):
        self.records = []

    def __call__(self, event, **fields):
        self.records.append({"event": event, **fields})


def req(instances, **extra):
    return {"request_id": "r-1", "user": {"email": "dana@example.com", "id": "u-88"}, "instances": instances, **extra}


def test_scores_in_the_models_feature_order():
    status, body = handle_predict(req([{"spend_30d": 3, "tenure_months": 1, "tickets_30d": 2}]), FakeModel(), Log())
    assert status == 200, body
    assert body["predictions"] == [1 + 200 + 30_000], f"features were sent in the wrong order: {body}"
    assert body["request_id"] == "r-1" and body["model_version"] == "churn-7"


def test_a_missing_feature_is_a_400_naming_it():
    status, body = handle_predict(req([{"tenure_months": 1, "tickets_30d": 2}]), FakeModel(), Log())
    assert status == 400 and "spend_30d" in body.get("error", ""), (status, body)


def test_large_requests_are_split_into_model_batches():
    model = FakeModel(max_batch=32)
    inst = [{"tenure_months": i, "tickets_30d": 0, "spend_30d": 0} for i in range(100)]
    status, body = handle_predict(req(inst), model, Log())
    assert status == 200 and body["predictions"] == [float(i) for i in range(100)], (status, body)
    assert model.calls == [32, 32, 32, 4], model.calls


def test_personal_data_is_not_logged():
    log = Log()
    handle_predict(req([{"tenure_months": 1, "tickets_30d": 2, "spend_30d": 3}]), FakeModel(), log)
    text = repr(log.records)
    assert "dana@example.com" not in text and "u-88" not in text, f"the log holds personal data: {text}"
