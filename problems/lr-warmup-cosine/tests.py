import math

from solution import *


def _close_list(actual, expected, msg):
    assert len(actual) == len(expected), f"{msg}: {len(actual)} values, expected {len(expected)}"
    for i, (a, e) in enumerate(zip(actual, expected)):
        assert math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12), f"{msg}: step {i} is {a!r}, expected {e!r}"


def test_example():
    got = schedule(8, base_lr=1.0, warmup_steps=2, total_steps=6)
    c = lambda p: 0.5 * (1 + math.cos(math.pi * p))
    _close_list(got, [0.5, 1.0, c(0), c(0.25), c(0.5), c(0.75), 0.0, 0.0], "schedule example")


def test_warmup_starts_above_zero():
    assert lr_at(0, base_lr=0.1, warmup_steps=10, total_steps=100) > 0, "step 0 must not have lr 0"


def test_peak_right_after_warmup():
    assert math.isclose(lr_at(10, base_lr=0.1, warmup_steps=10, total_steps=100), 0.1), "lr at the end of warm-up"


def test_min_lr_floor():
    assert math.isclose(lr_at(100, base_lr=0.1, warmup_steps=10, total_steps=100, min_lr=0.01), 0.01)
    assert math.isclose(lr_at(500, base_lr=0.1, warmup_steps=10, total_steps=100, min_lr=0.01), 0.01), "after total_steps"


def test_no_warmup():
    assert math.isclose(lr_at(0, base_lr=2.0, warmup_steps=0, total_steps=4), 2.0)


def test_negative_step_raises():
    try:
        lr_at(-1, base_lr=0.1, warmup_steps=1, total_steps=2)
    except ValueError:
        return
    assert False, "a negative step should raise ValueError"
