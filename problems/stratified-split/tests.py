from collections import Counter

from solution import *

_PETS = ["cat", "dog", "cat", "cat", "dog", "cat", "bird", "cat", "dog", "cat"]


def _check_partition(train, test, n, msg=""):
    assert isinstance(train, list) and isinstance(test, list), (
        f"{msg}: expected two lists, got {type(train).__name__} and {type(test).__name__}"
    )
    assert train == sorted(train), f"{msg}: train is not sorted: {train!r}"
    assert test == sorted(test), f"{msg}: test is not sorted: {test!r}"
    overlap = set(train) & set(test)
    assert not overlap, f"{msg}: indices in both train and test: {sorted(overlap)!r}"
    assert sorted(train + test) == list(range(n)), (
        f"{msg}: train + test must contain every index 0..{n - 1} exactly once, "
        f"got train={train!r}, test={test!r}"
    )


def test_example_per_class_counts():
    result = stratified_split(_PETS, 0.3, seed=0)
    assert isinstance(result, tuple) and len(result) == 2, f"expected a (train, test) tuple, got {result!r}"
    train, test = result
    _check_partition(train, test, len(_PETS), "stratified_split(pets, 0.3, seed=0)")
    test_counts = Counter(_PETS[i] for i in test)
    # cat: round(6 * 0.3) = 2, dog: round(3 * 0.3) = 1, bird: a single example goes to train
    assert test_counts == Counter({"cat": 2, "dog": 1}), (
        f"expected 2 cats and 1 dog in test, got {dict(test_counts)!r} (test={test!r})"
    )


def test_proportions_are_preserved():
    labels = [0] * 80 + [1] * 15 + [2] * 5
    train, test = stratified_split(labels, 0.2, seed=42)
    _check_partition(train, test, len(labels), "80/15/5 split")
    test_counts = Counter(labels[i] for i in test)
    assert test_counts == Counter({0: 16, 1: 3, 2: 1}), (
        f"expected {{0: 16, 1: 3, 2: 1}} in test (20% of each class), got {dict(test_counts)!r}"
    )


def test_rare_class_is_in_both_sets():
    labels = ["a"] * 20 + ["b"] * 3
    train, test = stratified_split(labels, 0.1, seed=3)
    _check_partition(train, test, len(labels), "20 a + 3 b, test_fraction=0.1")
    test_counts = Counter(labels[i] for i in test)
    # a: round(2.0) = 2; b: round(0.3) = 0, clamped up to 1
    assert test_counts == Counter({"a": 2, "b": 1}), (
        f"expected 2 'a' and 1 'b' in test, got {dict(test_counts)!r}"
    )


def test_single_example_class_goes_to_train():
    labels = ["x", "y", "x", "x", "x"]
    train, test = stratified_split(labels, 0.5, seed=0)
    _check_partition(train, test, len(labels), "one 'y'")
    assert 1 in train, f"the only 'y' (index 1) must be in train, got train={train!r}, test={test!r}"
    assert Counter(labels[i] for i in test) == Counter({"x": 2}), f"expected 2 'x' in test, got test={test!r}"


def test_same_seed_same_split():
    labels = [i % 4 for i in range(40)]
    first = stratified_split(labels, 0.25, seed=7)
    second = stratified_split(labels, 0.25, seed=7)
    assert first == second, f"same seed gave different splits: {first!r} vs {second!r}"
    splits = {tuple(stratified_split(labels, 0.25, seed=s)[1]) for s in range(10)}
    assert len(splits) > 1, "10 different seeds all gave the same test set: is the split random?"


def test_invalid_fraction_raises():
    for fraction in (0.0, 1.0, 1.5, -0.1):
        try:
            stratified_split(["a", "a", "b", "b"], fraction, seed=0)
        except ValueError:
            continue
        assert False, f"test_fraction={fraction!r} should raise ValueError"
