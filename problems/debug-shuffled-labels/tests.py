from solution import *


def _epoch(loader):
    """All (x, y) pairs of one pass over the loader, in order, and the batch sizes."""
    pairs, sizes = [], []
    for X_batch, y_batch in loader:
        assert len(X_batch) == len(y_batch), f"batch with {len(X_batch)} rows but {len(y_batch)} labels"
        sizes.append(len(X_batch))
        pairs.extend(zip(X_batch, y_batch))
    return pairs, sizes


# Example i has features [i, 10 * i] and label i: a misaligned pair is easy to spot.
X = [[float(i), 10.0 * i] for i in range(10)]
Y = list(range(10))


def test_features_and_labels_stay_paired_when_shuffled():
    loader = DataLoader(X, Y, batch_size=4, shuffle=True, seed=0)
    pairs, _ = _epoch(loader)
    for x, label in pairs:
        assert x[0] == label, f"features {x} arrived with label {label}: X and y are out of step"


def test_every_example_once_per_epoch_including_partial_batch():
    loader = DataLoader(X, Y, batch_size=4, shuffle=True, seed=0)
    pairs, sizes = _epoch(loader)
    assert sizes == [4, 4, 2], f"batch sizes {sizes}, expected [4, 4, 2] (drop_last=False keeps the last 2)"
    assert sorted(label for _, label in pairs) == Y, "an epoch must visit every example exactly once"


def test_len_counts_the_partial_batch():
    assert len(DataLoader(X, Y, batch_size=4)) == 3, "10 examples in batches of 4 is 3 batches"
    assert len(DataLoader(X, Y, batch_size=4, drop_last=True)) == 2, "with drop_last=True it is 2"
    assert len(DataLoader(X, Y, batch_size=5)) == 2, "10 examples in batches of 5 is 2 batches"


def test_drop_last_skips_the_partial_batch():
    pairs, sizes = _epoch(DataLoader(X, Y, batch_size=4, shuffle=False, drop_last=True))
    assert sizes == [4, 4], f"batch sizes {sizes}, expected [4, 4]"
    assert [label for _, label in pairs] == list(range(8))


def test_no_shuffle_keeps_the_original_order():
    pairs, sizes = _epoch(DataLoader(X, Y, batch_size=3, shuffle=False))
    assert sizes == [3, 3, 3, 1], f"batch sizes {sizes}, expected [3, 3, 3, 1]"
    assert pairs == list(zip(X, Y)), "shuffle=False must keep the original order"


def test_each_epoch_has_a_new_order_reproducible_from_the_seed():
    X20, Y20 = [[float(i)] for i in range(20)], list(range(20))
    loader = DataLoader(X20, Y20, batch_size=8, shuffle=True, seed=42)
    first = [label for _, label in _epoch(loader)[0]]
    second = [label for _, label in _epoch(loader)[0]]
    assert first != second, f"two epochs came out in the same order {first}: the data is not reshuffled"
    again = DataLoader(X20, Y20, batch_size=8, shuffle=True, seed=42)
    assert [label for _, label in _epoch(again)[0]] == first, "the same seed must give the same first epoch"
    assert [label for _, label in _epoch(again)[0]] == second, "the same seed must give the same second epoch"
