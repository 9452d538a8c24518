import math
import random

from solution import *


def _epoch(loader):
    pairs, sizes = [], []
    for X_batch, y_batch in loader:
        assert len(X_batch) == len(y_batch), f"batch with {len(X_batch)} rows but {len(y_batch)} labels"
        sizes.append(len(X_batch))
        pairs.extend(zip(X_batch, y_batch))
    return pairs, sizes


def _separable(seed, n):
    """Two clusters, label 1 iff x0 + x1 > 0, with a margin."""
    rng = random.Random(seed)
    X, y = [], []
    while len(X) < n:
        x = [rng.uniform(-3.0, 3.0), rng.uniform(-3.0, 3.0)]
        if abs(x[0] + x[1]) < 0.5:
            continue
        X.append(x)
        y.append(int(x[0] + x[1] > 0))
    return X, y


def test_pairs_stay_aligned_without_a_seed():
    X = [[float(i)] for i in range(50)]
    y = [f"label-{i}" for i in range(50)]
    for _ in range(3):
        pairs, _ = _epoch(DataLoader(X, y, batch_size=7, shuffle=True))
        for x, label in pairs:
            assert label == f"label-{int(x[0])}", f"features {x} arrived with {label!r}"


def test_pairs_stay_aligned_over_many_epochs():
    X = [[float(i), -float(i)] for i in range(33)]
    y = list(range(33))
    loader = DataLoader(X, y, batch_size=5, shuffle=True, seed=3)
    for epoch in range(5):
        pairs, sizes = _epoch(loader)
        assert sizes == [5] * 6 + [3], f"epoch {epoch}: batch sizes {sizes}"
        assert sorted(label for _, label in pairs) == y, f"epoch {epoch}: not every example seen exactly once"
        for x, label in pairs:
            assert x[0] == label, f"epoch {epoch}: features {x} arrived with label {label}"


def test_shuffle_actually_shuffles():
    X = [[float(i)] for i in range(40)]
    y = list(range(40))
    pairs, _ = _epoch(DataLoader(X, y, batch_size=10, shuffle=True, seed=1))
    assert [label for _, label in pairs] != y, "shuffle=True returned the original order"


def test_epochs_differ_over_several_passes():
    X = [[float(i)] for i in range(30)]
    y = list(range(30))
    loader = DataLoader(X, y, batch_size=4, shuffle=True, seed=7)
    orders = [tuple(label for _, label in _epoch(loader)[0]) for _ in range(4)]
    assert len(set(orders)) == 4, "four epochs should give four different orders"


def test_batch_size_larger_than_dataset():
    X, y = [[1.0], [2.0], [3.0]], [1, 2, 3]
    pairs, sizes = _epoch(DataLoader(X, y, batch_size=8, shuffle=True, seed=0))
    assert sizes == [3], f"expected a single batch of 3, got sizes {sizes}"
    assert len(DataLoader(X, y, batch_size=8)) == 1
    pairs, sizes = _epoch(DataLoader(X, y, batch_size=8, drop_last=True))
    assert sizes == [], f"drop_last=True with batch_size > n should yield nothing, got {sizes}"
    assert len(DataLoader(X, y, batch_size=8, drop_last=True)) == 0


def test_exact_multiple_of_batch_size():
    X = [[float(i)] for i in range(12)]
    y = list(range(12))
    for drop_last in (False, True):
        loader = DataLoader(X, y, batch_size=4, shuffle=True, seed=0, drop_last=drop_last)
        _, sizes = _epoch(loader)
        assert sizes == [4, 4, 4], f"drop_last={drop_last}: sizes {sizes}"
        assert len(loader) == 3


def test_len_matches_iteration():
    for n in (1, 7, 16, 17):
        for batch_size in (1, 3, 16):
            for drop_last in (False, True):
                loader = DataLoader([[0.0]] * n, [0] * n, batch_size, drop_last=drop_last, seed=0)
                batches = sum(1 for _ in loader)
                assert len(loader) == batches, (
                    f"n={n}, batch_size={batch_size}, drop_last={drop_last}: len()={len(loader)} but {batches} batches"
                )


def test_caller_data_not_modified():
    X = [[float(i)] for i in range(10)]
    y = list(range(10))
    X_copy, y_copy = [list(r) for r in X], list(y)
    loader = DataLoader(X, y, batch_size=3, shuffle=True, seed=0)
    _epoch(loader)
    _epoch(loader)
    assert X == X_copy and y == y_copy, "iterating the loader changed the caller's lists"


def test_invalid_arguments_raise():
    for args in (([[1.0]], [1, 2], 1), ([[1.0]], [1], 0)):
        try:
            DataLoader(*args)
        except ValueError:
            continue
        assert False, f"DataLoader{args!r} should raise ValueError"


def test_training_learns_a_separable_problem():
    X, y = _separable(0, 200)
    weights, bias = train_logistic_regression(X, y, epochs=20, lr=0.5, batch_size=16, seed=0)
    acc = accuracy(weights, bias, X, y)
    assert acc >= 0.95, f"training accuracy {acc:.2f} on linearly separable data: are the labels shuffled?"
    assert weights[0] > 0 and weights[1] > 0, f"learned weights {weights} should both be positive"
