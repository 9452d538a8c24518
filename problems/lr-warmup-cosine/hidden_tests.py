import math

from solution import *


def test_warmup_equals_total():
    got = schedule(5, base_lr=1.0, warmup_steps=3, total_steps=3, min_lr=0.1)
    want = [1 / 3, 2 / 3, 1.0, 0.1, 0.1]
    assert all(math.isclose(a, b) for a, b in zip(got, want)), f"got {got!r}, want {want!r}"


def test_monotone_after_warmup():
    lrs = schedule(1000, base_lr=3e-4, warmup_steps=100, total_steps=900, min_lr=3e-5)
    decay = lrs[100:901]
    assert all(a >= b - 1e-18 for a, b in zip(decay, decay[1:])), "cosine decay must never increase"
    warm = lrs[:100]
    assert all(a < b for a, b in zip(warm, warm[1:])), "warm-up must strictly increase"


def test_midpoint_is_halfway():
    v = lr_at(55, base_lr=1.0, warmup_steps=10, total_steps=100, min_lr=0.2)
    assert math.isclose(v, 0.6), f"half-way through the decay the lr is the mean of base and min, got {v!r}"


def test_bounds_everywhere():
    for s in range(0, 2000, 7):
        v = lr_at(s, base_lr=0.5, warmup_steps=37, total_steps=1500, min_lr=0.05)
        assert 0.05 - 1e-15 <= v <= 0.5 + 1e-15 or s < 37, f"step {s}: {v!r} out of [min_lr, base_lr]"


def test_invalid_arguments_raise():
    bad = [
        dict(base_lr=0.0, warmup_steps=1, total_steps=2),
        dict(base_lr=-1.0, warmup_steps=1, total_steps=2),
        dict(base_lr=1.0, warmup_steps=-1, total_steps=2),
        dict(base_lr=1.0, warmup_steps=5, total_steps=2),
        dict(base_lr=1.0, warmup_steps=1, total_steps=2, min_lr=-0.1),
        dict(base_lr=1.0, warmup_steps=1, total_steps=2, min_lr=2.0),
    ]
    for kwargs in bad:
        try:
            lr_at(0, **kwargs)
        except ValueError:
            continue
        assert False, f"lr_at(0, **{kwargs!r}) should raise ValueError"


def test_returns_floats():
    assert all(isinstance(v, float) for v in schedule(20, base_lr=1, warmup_steps=5, total_steps=10, min_lr=0)), "floats only"


def test_long_schedule_end_points():
    total = 1_000_000
    assert math.isclose(lr_at(total, base_lr=1e-3, warmup_steps=2000, total_steps=total, min_lr=1e-5), 1e-5)
    assert math.isclose(lr_at(2000, base_lr=1e-3, warmup_steps=2000, total_steps=total, min_lr=1e-5), 1e-3)
