import math
import random

from solution import *


def _reference(train_X, train_y, k, row):
    order = sorted(range(len(train_X)), key=lambda i: (math.dist(row, train_X[i]), i))[: min(k, len(train_X))]
    counts, closest, first = {}, {}, {}
    for i, lab in enumerate(train_y):
        first.setdefault(lab, i)
    for rank, i in enumerate(order):
        lab = train_y[i]
        counts[lab] = counts.get(lab, 0) + 1
        closest.setdefault(lab, rank)
    return min(counts, key=lambda lab: (-counts[lab], closest[lab], first[lab]))


def test_equal_distances_prefer_earlier_rows():
    model = KNNClassifier(k=1).fit([[1.0], [-1.0]], ["first", "second"])
    assert model.predict([[0.0]]) == ["first"], "equidistant rows: the earlier one counts as nearer"


def test_three_way_tie_uses_nearest():
    model = KNNClassifier(k=3).fit([[5.0], [1.0], [3.0]], ["a", "b", "c"])
    assert model.predict([[0.0]]) == ["b"], "1-1-1 tie: the label of the nearest row wins"


def test_majority_beats_nearest():
    model = KNNClassifier(k=3).fit([[0.1], [1.0], [1.1]], ["near", "far", "far"])
    assert model.predict([[0.0]]) == ["far"], "a 2-1 majority must win over the single nearest"


def test_fit_copies_its_inputs():
    X = [[0.0], [10.0]]
    y = ["a", "b"]
    model = KNNClassifier(k=1).fit(X, y)
    X[0][0] = 100.0
    y[1] = "changed"
    assert model.predict([[1.0], [9.0]]) == ["a", "b"], "changing the caller's lists after fit changed the model"


def test_mismatched_lengths_raise():
    for X, y in (([[0.0], [1.0]], ["a"]), ([], []), ([[0.0, 1.0], [1.0]], ["a", "b"])):
        try:
            KNNClassifier(k=1).fit(X, y)
        except ValueError:
            continue
        assert False, f"fit({X!r}, {y!r}) should raise ValueError"


def test_predict_row_of_wrong_length_raises():
    model = KNNClassifier(k=1).fit([[0.0, 0.0]], ["a"])
    try:
        model.predict([[0.0]])
    except ValueError:
        return
    assert False, "a row of the wrong length should raise ValueError"


def test_labels_of_any_hashable_type():
    model = KNNClassifier(k=1).fit([[0.0], [1.0]], [(1, "x"), None])
    assert model.predict([[0.1], [0.9]]) == [(1, "x"), None]


def test_random_matches_reference():
    rng = random.Random(5)
    X = [[rng.uniform(0, 10), rng.uniform(0, 10)] for _ in range(300)]
    y = [rng.choice("abcd") for _ in range(300)]
    queries = [[rng.uniform(0, 10), rng.uniform(0, 10)] for _ in range(100)]
    for k in (1, 2, 4, 7, 300, 500):
        model = KNNClassifier(k=k).fit(X, y)
        got = model.predict(queries)
        want = [_reference(X, y, k, q) for q in queries]
        assert got == want, f"k={k}: first difference at {next(i for i in range(len(got)) if got[i] != want[i])}"


def test_integer_grid_with_many_equal_distances():
    X = [[float(i), float(j)] for i in range(6) for j in range(6)]
    y = [(i + j) % 3 for i in range(6) for j in range(6)]
    model = KNNClassifier(k=4).fit(X, y)
    queries = [[i + 0.5, j + 0.5] for i in range(5) for j in range(5)]
    assert model.predict(queries) == [_reference(X, y, 4, q) for q in queries], "grid with many ties"
