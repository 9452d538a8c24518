"""A dynamic-batching simulator for one GPU worker: p99 latency against cost."""
import math


def nearest_rank(values, q):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def simulate(arrivals_ms, max_batch_size, max_wait_ms, fixed_ms, per_item_ms):
    """Latency of every request (arrival order) and the batcher's totals. See problem.md."""
    if max_batch_size < 1 or max_wait_ms < 0 or fixed_ms < 0 or per_item_ms < 0 or fixed_ms + per_item_ms == 0:
        raise ValueError("invalid batcher or cost parameters")
    if any(b < a for a, b in zip(arrivals_ms, arrivals_ms[1:])):
        raise ValueError("arrivals must be sorted")
    n = len(arrivals_ms)
    latencies = [0.0] * n
    free_at, busy, batches, i = 0.0, 0.0, 0, 0
    while i < n:
        first = arrivals_ms[i]
        ready = max(free_at, first)
        deadline = max(ready, first + max_wait_ms)
        full = i + max_batch_size - 1
        # Dispatch when the batch is full, or when the oldest request has waited max_wait_ms,
        # whichever comes first, but never before the worker is free.
        start = max(ready, arrivals_ms[full]) if full < n and arrivals_ms[full] <= deadline else deadline
        j = i
        while j < n and j - i < max_batch_size and arrivals_ms[j] <= start:
            j += 1
        service = fixed_ms + per_item_ms * (j - i)
        done = start + service
        for k in range(i, j):
            latencies[k] = done - arrivals_ms[k]
        busy += service
        batches += 1
        free_at, i = done, j
    if n == 0:
        return {"latencies_ms": [], "p99_ms": None, "throughput_rps": 0.0, "busy_ms": 0.0, "batches": 0, "mean_batch_size": None}
    span = free_at - arrivals_ms[0]
    return {
        "latencies_ms": latencies,
        "p99_ms": nearest_rank(latencies, 0.99),
        "throughput_rps": n / span * 1000.0,
        "busy_ms": busy,
        "batches": batches,
        "mean_batch_size": n / batches,
    }


def cost_per_1k(result, n_requests, gpu_hour_usd):
    """Dollars per 1,000 requests when GPU time is billed per second of use (an autoscaled fleet)."""
    if n_requests == 0:
        return 0.0
    return result["busy_ms"] / 3_600_000 * gpu_hour_usd / n_requests * 1000


def choose_config(arrivals_ms, configs, p99_slo_ms, fixed_ms, per_item_ms, gpu_hour_usd):
    """The cheapest (max_batch_size, max_wait_ms) whose p99 meets the SLO; ties by lower p99, then order."""
    best, best_key = None, None
    for index, (size, wait) in enumerate(configs):
        result = simulate(arrivals_ms, size, wait, fixed_ms, per_item_ms)
        if result["p99_ms"] is None or result["p99_ms"] > p99_slo_ms:
            continue
        key = (round(cost_per_1k(result, len(arrivals_ms), gpu_hour_usd), 12), result["p99_ms"], index)
        if best_key is None or key < best_key:
            best, best_key = (size, wait), key
    return best
