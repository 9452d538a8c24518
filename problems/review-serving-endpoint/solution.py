"""POST /v1/predict for the churn model. Framework-free so that it can be unit tested."""
import math
import time

MAX_INSTANCES = 256
DEADLINE_MS = 200


class BadRequest(Exception):
    def __init__(self, status, message):
        super().__init__(message)
        self.status = status


def _rows(request, feature_names):
    """The instances as rows in the model's feature order, or BadRequest naming what is wrong."""
    if not isinstance(request, dict):
        raise BadRequest(400, "the body must be a JSON object")
    instances = request.get("instances")
    if not isinstance(instances, list) or not instances:
        raise BadRequest(400, "instances must be a non-empty list")
    if len(instances) > MAX_INSTANCES:
        raise BadRequest(413, f"at most {MAX_INSTANCES} instances per request, got {len(instances)}")
    expected = set(feature_names)
    rows = []
    for i, inst in enumerate(instances):
        if not isinstance(inst, dict):
            raise BadRequest(400, f"instances[{i}] must be an object")
        missing = [f for f in feature_names if f not in inst]
        if missing:
            raise BadRequest(400, f"instances[{i}] is missing {missing[0]}")
        unknown = sorted(set(inst) - expected)
        if unknown:
            raise BadRequest(400, f"instances[{i}] has unknown feature {unknown[0]}")
        row = []
        for f in feature_names:  # the model's order, never the client's dict order
            v = inst[f]
            # bool is an int subclass; NaN and inf poison a tree model silently
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise BadRequest(400, f"instances[{i}].{f} must be a finite number")
            row.append(float(v))
        rows.append(row)
    return rows


def handle_predict(request, model, log, clock=time.monotonic):
    """Scores request["instances"] with `model`; returns (http_status, json_body).

    See problem.md for the contract. `model` has feature_names, max_batch, version and
    predict(rows) -> list of floats; `log(event, **fields)` writes one structured log record.
    """
    start = clock()
    request_id = request.get("request_id") if isinstance(request, dict) else None
    status, body, extra = 200, None, {}
    try:
        rows = _rows(request, model.feature_names)
        predictions = []
        for i in range(0, len(rows), model.max_batch):
            # Checked before each model call: a call cannot be interrupted, but no new one starts late.
            if (clock() - start) * 1000 > DEADLINE_MS:
                raise BadRequest(504, "deadline exceeded")
            predictions.extend(float(p) for p in model.predict(rows[i : i + model.max_batch]))
        body = {"request_id": request_id, "predictions": predictions, "model_version": model.version}
    except BadRequest as e:
        status, body = e.status, {"error": str(e)}
    except Exception as e:  # never a made-up score with a 200
        status, body, extra = 500, {"error": "model error"}, {"error_type": type(e).__name__}
    # One record per request, without the payload: user fields and features are personal data.
    log(
        "predict",
        request_id=request_id,
        status=status,
        n_instances=len(request.get("instances") or []) if isinstance(request, dict) and isinstance(request.get("instances"), list) else 0,
        latency_ms=round((clock() - start) * 1000, 3),
        model_version=model.version,
        **extra,
    )
    return status, body
