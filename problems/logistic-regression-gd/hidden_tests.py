import math
import random

from solution import *


def _softplus(z):
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def _objective(weights, bias, X, y, l2):
    """J(w, b) computed stably from logits (independent of the candidate's code)."""
    z = [math.fsum(w * x for w, x in zip(weights, row)) + bias for row in X]
    data = math.fsum(_softplus(zi) - yi * zi for zi, yi in zip(z, y)) / len(y)
    return data + 0.5 * l2 * math.fsum(w * w for w in weights)


def _gradient(weights, bias, X, y, l2):
    n = len(y)
    r = []
    for row, yi in zip(X, y):
        z = math.fsum(w * x for w, x in zip(weights, row)) + bias
        p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
        r.append(p - yi)
    gw = [math.fsum(ri * row[j] for ri, row in zip(r, X)) / n + l2 * weights[j] for j in range(len(weights))]
    return gw, math.fsum(r) / n


def _assert_close(actual, expected, msg, rel_tol=1e-9, abs_tol=1e-12):
    assert isinstance(actual, (int, float)), f"{msg}: expected a number, got {actual!r}"
    assert math.isfinite(actual), f"{msg}: got {actual!r}, expected {expected!r}"
    assert math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=abs_tol), f"{msg}: got {actual!r}, expected {expected!r}"


def _call(fn, *args, what=""):
    """Call fn, turning overflow / log(0) into an assertion with a clear message."""
    try:
        return fn(*args)
    except OverflowError as e:
        assert False, f"{what} overflowed ({e}); is it numerically stable?"
    except ValueError as e:
        assert False, f"{what} raised ValueError ({e}); log(0) somewhere?"
    except ZeroDivisionError as e:
        assert False, f"{what} divided by zero ({e})"


def _noisy_data(n, seed):
    rng = random.Random(seed)
    X, y = [], []
    for _ in range(n):
        row = [rng.gauss(0.0, 1.0), rng.gauss(0.0, 1.0)]
        z = 1.5 * row[0] - 2.0 * row[1] + 0.3
        X.append(row)
        y.append(1 if rng.random() < 1.0 / (1.0 + math.exp(-z)) else 0)
    return X, y


def _expect(exc, fn, *args, what=""):
    try:
        fn(*args)
    except exc:
        return
    assert False, f"{what} should raise {exc.__name__}"


def test_sigmoid_extreme_inputs():
    _assert_close(_call(sigmoid, 1000.0, what="sigmoid(1000)"), 1.0, "sigmoid(1000)")
    _assert_close(_call(sigmoid, -1000.0, what="sigmoid(-1000)"), 0.0, "sigmoid(-1000)", abs_tol=1e-300)
    _assert_close(_call(sigmoid, 1e6, what="sigmoid(1e6)"), 1.0, "sigmoid(1e6)")
    _assert_close(_call(sigmoid, -1e6, what="sigmoid(-1e6)"), 0.0, "sigmoid(-1e6)", abs_tol=1e-300)
    # Small probabilities must keep their relative accuracy.
    _assert_close(_call(sigmoid, -30.0, what="sigmoid(-30)"), math.exp(-30.0) / (1.0 + math.exp(-30.0)), "sigmoid(-30)", rel_tol=1e-12)
    _assert_close(_call(sigmoid, -700.0, what="sigmoid(-700)"), math.exp(-700.0), "sigmoid(-700)", rel_tol=1e-12)


def test_sigmoid_symmetry_and_integer_input():
    for z in (0.1, 1.0, 3.5, 10.0, 36.0):
        total = sigmoid(z) + sigmoid(-z)
        assert math.isclose(total, 1.0, rel_tol=1e-12), f"sigmoid({z}) + sigmoid({-z}) = {total!r}, expected 1"
    result = sigmoid(0)
    assert isinstance(result, float) and result == 0.5, f"sigmoid(0) = {result!r}, expected 0.5"


def test_one_gradient_step_exact():
    X = [[1.0, 2.0], [3.0, -1.0], [0.0, 1.0]]
    y = [1, 0, 1]
    model = LogisticRegression(learning_rate=0.5, n_iters=1, l2=3.0).fit(X, y)
    # At w = 0, b = 0: p = 0.5 for every row, so grad_w = mean((0.5 - y) * x) = [1/3, -2/3]
    # (the L2 term l2 * w is 0) and grad_b = mean(0.5 - y) = -1/6.
    _assert_close(model.weights[0], -1.0 / 6.0, "weights[0] after one step")
    _assert_close(model.weights[1], 1.0 / 3.0, "weights[1] after one step")
    _assert_close(model.bias, 1.0 / 12.0, "bias after one step")
    assert len(model.loss_history) == 1, f"expected 1 loss value, got {model.loss_history!r}"


def test_l2_optimum_is_stationary():
    # With l2 > 0 the objective is strongly convex; after enough steps the gradient
    # (l2 on the weights only, never on the bias) must vanish.
    X, y = _noisy_data(30, seed=1)
    l2 = 0.2
    model = LogisticRegression(learning_rate=0.5, n_iters=2000, l2=l2).fit(X, y)
    gw, gb = _gradient(model.weights, model.bias, X, y, l2)
    assert abs(gb) < 1e-7, (
        f"d J / d bias = {gb!r} at the end of training, expected ~0 "
        "(the bias gradient is mean(p - y), with no L2 term)"
    )
    for j, g in enumerate(gw):
        assert abs(g) < 1e-7, (
            f"d J / d w[{j}] = {g!r} at the end of training; the L2 gradient of (l2/2)*|w|^2 is l2 * w"
        )
    unregularised = LogisticRegression(learning_rate=0.5, n_iters=500).fit(X, y)
    norm = math.hypot(*model.weights)
    assert norm < math.hypot(*unregularised.weights), "L2 regularisation should shrink the weights"


def test_loss_history_includes_the_penalty():
    X, y = _noisy_data(20, seed=2)
    l2 = 0.5
    a = LogisticRegression(learning_rate=0.3, n_iters=40, l2=l2).fit(X, y)
    b = LogisticRegression(learning_rate=0.3, n_iters=41, l2=l2).fit(X, y)
    expected = _objective(a.weights, a.bias, X, y, l2)
    _assert_close(b.loss_history[40], expected, "loss_history[40] vs J(w, b) after 40 steps, including (l2/2)*|w|^2")
    for t in range(40):
        _assert_close(b.loss_history[t], a.loss_history[t], f"loss_history[{t}] differs between runs")


def test_loss_is_finite_when_confidently_wrong():
    # After one step w = 550/3, b = -1/6, and the third point (label 0) gets the logit
    # 165000 - 1/6: p rounds to 1.0, so -log(1 - p) would be log(0).
    X = [[-1000.0], [1000.0], [900.0]]
    y = [0, 1, 0]
    one_step = _call(LogisticRegression(learning_rate=1.0, n_iters=1).fit, X, y, what="fit")
    _assert_close(one_step.weights[0], 550.0 / 3.0, "weight after one step")
    _assert_close(one_step.bias, -1.0 / 6.0, "bias after one step")
    model = _call(LogisticRegression(learning_rate=1.0, n_iters=2).fit, X, y, what="fit")
    _assert_close(model.loss_history[1], (165000.0 - 1.0 / 6.0) / 3.0, "loss_history[1] (a confidently wrong prediction)")
    model = _call(LogisticRegression(learning_rate=1.0, n_iters=30).fit, X, y, what="fit")
    assert all(math.isfinite(v) for v in model.loss_history), f"non-finite loss values: {model.loss_history!r}"
    probs = _call(model.predict_proba, X, what="predict_proba")
    assert all(0.0 <= p <= 1.0 for p in probs), f"probabilities out of [0, 1]: {probs!r}"


def test_predict_proba_with_huge_features():
    X, y = _noisy_data(20, seed=3)
    model = LogisticRegression(learning_rate=0.5, n_iters=50).fit(X, y)
    probs = _call(model.predict_proba, [[1e6, -1e6], [-1e6, 1e6]], what="predict_proba on huge features")
    assert probs[0] == 1.0 and probs[1] == 0.0 or probs[0] == 0.0 and probs[1] == 1.0, (
        f"expected saturated probabilities, got {probs!r}"
    )


def test_zero_iterations_and_threshold():
    X = [[1.0, 2.0], [3.0, 4.0]]
    model = LogisticRegression(n_iters=0).fit(X, [0, 1])
    assert model.weights == [0.0, 0.0] and model.bias == 0.0, "n_iters=0 leaves the zero initialisation"
    assert model.loss_history == [], f"n_iters=0: expected no loss values, got {model.loss_history!r}"
    assert model.predict(X) == [1, 1], "p = 0.5 >= threshold 0.5 should predict 1"
    assert model.predict(X, threshold=0.6) == [0, 0], "p = 0.5 < threshold 0.6 should predict 0"
    trained = LogisticRegression(learning_rate=0.5, n_iters=200).fit([[0.0], [1.0], [2.0], [3.0]], [0, 0, 1, 1])
    probs = trained.predict_proba([[0.0], [3.0]])
    assert trained.predict([[0.0], [3.0]], threshold=probs[1]) == [0, 1], "threshold is inclusive (p >= threshold)"


def test_refit_starts_from_scratch():
    X1, y1 = _noisy_data(15, seed=4)
    X2, y2 = _noisy_data(15, seed=5)
    model = LogisticRegression(learning_rate=0.3, n_iters=30).fit(X1, y1)
    model.fit(X2, y2)
    fresh = LogisticRegression(learning_rate=0.3, n_iters=30).fit(X2, y2)
    assert len(model.loss_history) == 30, f"loss_history should be reset by fit, has {len(model.loss_history)} entries"
    for j in range(2):
        _assert_close(model.weights[j], fresh.weights[j], f"weights[{j}] after refitting")
    _assert_close(model.bias, fresh.bias, "bias after refitting")


def test_invalid_input_raises():
    model = LogisticRegression()
    _expect(ValueError, model.fit, [], [], what="fit([], [])")
    _expect(ValueError, model.fit, [[1.0], [2.0]], [0], what="fit with len(y) != len(X)")
    _expect(ValueError, model.fit, [[1.0], [2.0]], [0, 2], what="fit with label 2")
    _expect(ValueError, model.fit, [[1.0], [2.0]], [-1, 1], what="fit with label -1")
    _expect(ValueError, model.fit, [[1.0, 2.0], [3.0]], [0, 1], what="fit with ragged X")
    _expect(RuntimeError, LogisticRegression().predict_proba, [[1.0]], what="predict_proba before fit")
    _expect(RuntimeError, LogisticRegression().predict, [[1.0]], what="predict before fit")
    fitted = LogisticRegression(n_iters=5).fit([[1.0, 0.0], [0.0, 1.0]], [0, 1])
    _expect(ValueError, fitted.predict_proba, [[1.0, 2.0, 3.0]], what="predict_proba with 3 features for a 2-feature model")
    _expect(ValueError, LogisticRegression, 0.0, what="LogisticRegression(learning_rate=0)")
    _expect(ValueError, LogisticRegression, 0.1, -1, what="LogisticRegression(n_iters=-1)")
    _expect(ValueError, LogisticRegression, 0.1, 10, -0.5, what="LogisticRegression(l2=-0.5)")


def test_inputs_are_not_modified():
    X, y = _noisy_data(10, seed=6)
    X_snapshot, y_snapshot = [list(r) for r in X], list(y)
    model = LogisticRegression(learning_rate=0.3, n_iters=20, l2=0.1).fit(X, y)
    model.predict(X)
    assert X == X_snapshot, "fit/predict modified X"
    assert y == y_snapshot, "fit modified y"


def test_larger_noisy_dataset():
    rng = random.Random(7)
    true_w, true_b = [2.0, -1.0, 0.5, 0.0], -0.5
    X, y = [], []
    for _ in range(400):
        row = [rng.gauss(0.0, 1.0) for _ in range(4)]
        z = math.fsum(w * x for w, x in zip(true_w, row)) + true_b
        X.append(row)
        y.append(1 if rng.random() < 1.0 / (1.0 + math.exp(-z)) else 0)
    model = LogisticRegression(learning_rate=1.0, n_iters=300).fit(X, y)
    w = model.weights
    cosine = math.fsum(a * b for a, b in zip(w, true_w)) / (math.hypot(*w) * math.hypot(*true_w))
    assert cosine > 0.97, f"learned weights {w!r} point away from the true weights (cosine {cosine:.3f})"
    accuracy = sum(p == t for p, t in zip(model.predict(X), y)) / len(y)
    assert accuracy > 0.75, f"training accuracy {accuracy:.3f} is too low"
    gw, gb = _gradient(w, model.bias, X, y, 0.0)
    assert max(abs(g) for g in gw + [gb]) < 1e-3, "gradient descent has not converged on a well-conditioned problem"
