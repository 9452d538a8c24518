"""A dynamic-batching simulator for one GPU worker: p99 latency against cost."""
import math


def nearest_rank(values, q):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def simulate(arrivals_ms, max_batch_size, max_wait_ms, fixed_ms, per_item_ms):
    """Latency of every request (arrival order) and the batcher's totals. See problem.md."""
    raise NotImplementedError


def cost_per_1k(result, n_requests, gpu_hour_usd):
    """Dollars per 1,000 requests when GPU time is billed per second of use (an autoscaled fleet)."""
    raise NotImplementedError


def choose_config(arrivals_ms, configs, p99_slo_ms, fixed_ms, per_item_ms, gpu_hour_usd):
    """The cheapest (max_batch_size, max_wait_ms) whose p99 meets the SLO; ties by lower p99, then order."""
    raise NotImplementedError
