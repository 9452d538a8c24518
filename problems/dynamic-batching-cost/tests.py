import math
import random

from solution import *


def test_hand_worked_example():
    r = simulate([0, 1, 2, 10, 30], max_batch_size=2, max_wait_ms=5, fixed_ms=4, per_item_ms=1)
    # Batch [0, 1] starts at 1 (full), ends at 7. Request 2 waits for the worker (free at 7, past
    # its deadline 7): alone, ends at 12. Request 10 waits until 15 for a partner, ends at 20.
    # Request 30 waits until 35, ends at 40.
    assert r["latencies_ms"] == [7, 6, 10, 10, 10], r["latencies_ms"]
    assert r["p99_ms"] == 10 and r["batches"] == 4 and r["busy_ms"] == 21, r
    assert math.isclose(r["throughput_rps"], 5 / 40 * 1000), r
    assert math.isclose(r["mean_batch_size"], 5 / 4), r


def test_no_waiting_means_no_batching_under_light_load():
    r = simulate([0, 100, 200], max_batch_size=8, max_wait_ms=0, fixed_ms=5, per_item_ms=1)
    assert r["latencies_ms"] == [6, 6, 6] and r["batches"] == 3, r


def test_a_queue_built_while_busy_is_served_in_full_batches():
    r = simulate([0] * 10, max_batch_size=4, max_wait_ms=2, fixed_ms=10, per_item_ms=1)
    assert r["latencies_ms"] == [14] * 4 + [28] * 4 + [40] * 2, r["latencies_ms"]


def test_cost_per_1k_requests():
    r = simulate([0, 1, 2, 10, 30], 2, 5, 4, 1)
    assert math.isclose(cost_per_1k(r, 5, gpu_hour_usd=3.6), 21 / 3_600_000 * 3.6 / 5 * 1000)


def _poisson(seed, n, mean_gap_ms):
    rng = random.Random(seed)
    t, arrivals = 0.0, []
    for _ in range(n):
        t += rng.expovariate(1 / mean_gap_ms)
        arrivals.append(t)
    return arrivals


def test_batching_under_light_and_heavy_load():
    light = _poisson(3, 3000, 10.0)  # 100 requests per second: batching only adds waiting
    small, big = simulate(light, 1, 0, 1.5, 0.2), simulate(light, 16, 10, 1.5, 0.2)
    assert big["p99_ms"] > small["p99_ms"], ("light load", big["p99_ms"], small["p99_ms"])
    heavy = _poisson(4, 3000, 2.0)  # 500 per second: one at a time the worker is 85 % busy
    small, big = simulate(heavy, 1, 0, 1.5, 0.2), simulate(heavy, 16, 10, 1.5, 0.2)
    assert big["busy_ms"] < small["busy_ms"] / 2, ("heavy load busy", big["busy_ms"], small["busy_ms"])
    assert big["p99_ms"] < small["p99_ms"], ("heavy load: the queue, not the wait, dominates", big["p99_ms"], small["p99_ms"])


def test_choose_the_cheapest_config_within_the_slo():
    arrivals = [i * 2.0 for i in range(2000)]  # one request every 2 ms
    configs = [(1, 0), (4, 4), (8, 8), (32, 64)]
    # (1, 0): 2000 batches of one, the dearest; (4, 4): batches of 3, p99 6.1 ms; (8, 8): batches
    # of 5, p99 10.5 ms; (32, 64) is the cheapest but its p99 (69.9 ms) misses both SLOs.
    assert choose_config(arrivals, configs, 15.0, 1.5, 0.2, 2.5) == (8, 8)
    assert choose_config(arrivals, configs, 9.0, 1.5, 0.2, 2.5) == (4, 4)
    assert choose_config(arrivals, configs, 1.0, 1.5, 0.2, 2.5) is None
