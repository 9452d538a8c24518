import random


def stratified_split(labels: list, test_fraction: float, seed: int) -> tuple[list[int], list[int]]:
    """Split the indices of `labels` into (train, test), both sorted ascending.

    Should be stratified: per class, n_test = round(n_c * test_fraction),
    clamped to 1..n_c - 1 when n_c >= 2; a class with a single example goes
    to train. Deterministic for a given seed. Raises ValueError unless
    0 < test_fraction < 1.
    """
    # This is the split our pipeline uses today: a plain random split.
    # It is NOT stratified (a rare class can end up only in train or only in test).
    indices = list(range(len(labels)))
    random.seed(seed)
    random.shuffle(indices)
    n_test = round(len(labels) * test_fraction)
    return sorted(indices[n_test:]), sorted(indices[:n_test])
