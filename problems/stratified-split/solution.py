import random


def stratified_split(labels: list, test_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Stratified train/test split of the indices of `labels`.

    Per class: n_test = round(n_c * test_fraction), clamped to 1..n_c - 1 when
    n_c >= 2; a class with a single example goes to train. Which examples go
    to test is random (a local Random(seed)), so the split is reproducible.
    """
    if not 0 < test_fraction < 1:  # also rejects nan: every comparison is False
        raise ValueError(f"test_fraction must be strictly between 0 and 1, got {test_fraction!r}")

    # Group indices by class in one pass (O(n)), classes in order of first appearance
    # so that the sequence of random draws, and hence the split, is reproducible.
    by_class: dict = {}
    for i, label in enumerate(labels):
        by_class.setdefault(label, []).append(i)

    rng = random.Random(seed)  # never the global random state
    train: list[int] = []
    test: list[int] = []
    for indices in by_class.values():
        n_c = len(indices)
        if n_c == 1:
            n_test = 0
        else:
            n_test = min(max(round(n_c * test_fraction), 1), n_c - 1)
        rng.shuffle(indices)  # our own list, not the caller's
        test.extend(indices[:n_test])
        train.extend(indices[n_test:])

    train.sort()
    test.sort()
    return train, test
