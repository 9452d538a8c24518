import math

from solution import *

_X = [[0.0, 1.0], [1.0, 2.0], [3.0, 0.5], [4.0, 1.5]]
_Y = [0, 0, 1, 1]


def test_sigmoid_values():
    for z, expected in [(0.0, 0.5), (2.0, 0.8807970779778823), (-2.0, 0.11920292202211755)]:
        result = sigmoid(z)
        assert math.isclose(result, expected, rel_tol=1e-12), f"sigmoid({z}) = {result!r}, expected {expected!r}"


def test_fit_returns_self_and_sets_parameters():
    model = LogisticRegression(learning_rate=0.5, n_iters=10)
    returned = model.fit(_X, _Y)
    assert returned is model, "fit should return self"
    assert isinstance(model.weights, list) and len(model.weights) == 2, (
        f"expected one weight per feature (2), got {model.weights!r}"
    )
    assert all(isinstance(w, float) for w in model.weights), f"weights should be floats: {model.weights!r}"
    assert isinstance(model.bias, float), f"bias should be a float, got {model.bias!r}"


def test_loss_history_starts_at_log_two():
    model = LogisticRegression(learning_rate=0.5, n_iters=25).fit(_X, _Y)
    assert len(model.loss_history) == 25, f"expected 25 loss values, got {len(model.loss_history)}"
    assert math.isclose(model.loss_history[0], math.log(2), rel_tol=1e-12), (
        f"loss_history[0] = {model.loss_history[0]!r}; with zero weights every p is 0.5, so it is log(2)"
    )


def test_loss_decreases():
    X = [[0.5, 1.0], [1.5, -0.5], [-1.0, 0.0], [2.0, 2.0], [0.0, -1.5], [-0.5, 0.5]]
    y = [1, 0, 0, 1, 0, 1]  # not linearly separable
    model = LogisticRegression(learning_rate=0.1, n_iters=200).fit(X, y)
    history = model.loss_history
    for t in range(1, len(history)):
        assert history[t] <= history[t - 1] + 1e-12, (
            f"loss went up at step {t}: {history[t - 1]!r} -> {history[t]!r}"
        )
    assert history[-1] < history[0] - 0.05, f"loss barely moved: {history[0]!r} -> {history[-1]!r}"


def test_separable_data_is_classified_correctly():
    model = LogisticRegression(learning_rate=0.5, n_iters=500).fit(_X, _Y)
    assert model.predict(_X) == _Y, f"predict(X) = {model.predict(_X)!r}, expected {_Y!r}"
    assert model.loss_history[-1] < 0.05, f"final loss {model.loss_history[-1]!r} is still high"
    assert model.predict([[-1.0, 3.0], [6.0, 0.0]]) == [0, 1], "wrong predictions for new points"


def test_predict_proba_is_consistent_with_predict():
    model = LogisticRegression(learning_rate=0.5, n_iters=50).fit(_X, _Y)
    probs = model.predict_proba(_X)
    assert isinstance(probs, list) and len(probs) == 4, f"expected 4 probabilities, got {probs!r}"
    assert all(0.0 < p < 1.0 for p in probs), f"probabilities out of (0, 1): {probs!r}"
    assert probs[0] < probs[3], f"p(y=1) should be higher for the positive example: {probs!r}"
    assert model.predict(_X) == [1 if p >= 0.5 else 0 for p in probs], "predict disagrees with predict_proba"
