from solution import *


def test_example():
    model = KNNClassifier(k=3).fit([[0, 0], [0, 1], [5, 5], [6, 5]], ["a", "a", "b", "b"])
    result = model.predict([[0.2, 0.1], [5.5, 5.2]])
    assert result == ["a", "b"], f"predict returned {result!r}, expected ['a', 'b']"


def test_k_one_is_nearest_neighbour():
    model = KNNClassifier(k=1).fit([[0.0], [10.0], [20.0]], [0, 1, 2])
    result = model.predict([[1.0], [9.0], [16.0], [14.0]])
    assert result == [0, 1, 2, 1], f"got {result!r}"


def test_tie_goes_to_closest_label():
    # k=2: one "far" and one "near" neighbour, one vote each; the nearer label wins.
    model = KNNClassifier(k=2).fit([[0.0], [3.0]], ["far", "near"])
    result = model.predict([[2.0]])
    assert result == ["near"], f"a 1-1 tie should go to the nearer label, got {result!r}"


def test_k_larger_than_training_set_uses_all():
    model = KNNClassifier(k=10).fit([[0.0], [1.0], [2.0]], ["x", "y", "y"])
    result = model.predict([[0.0]])
    assert result == ["y"], f"k > n should vote over all rows, got {result!r}"


def test_bad_k_raises():
    for k in (0, -1):
        try:
            KNNClassifier(k=k)
        except ValueError:
            continue
        assert False, f"KNNClassifier(k={k}) should raise ValueError"


def test_predict_before_fit_raises():
    try:
        KNNClassifier(k=1).predict([[0.0]])
    except ValueError:
        return
    assert False, "predict before fit should raise ValueError"
