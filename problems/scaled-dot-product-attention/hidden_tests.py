import math
import random

from solution import *


def _assert_close_matrix(actual, expected, msg="", rel_tol=1e-9, abs_tol=1e-12):
    assert isinstance(actual, list), f"{msg}: expected a list of rows, got {type(actual).__name__}"
    assert len(actual) == len(expected), f"{msg}: expected {len(expected)} rows, got {len(actual)}"
    for i, (row, exp_row) in enumerate(zip(actual, expected)):
        assert isinstance(row, list) and len(row) == len(exp_row), (
            f"{msg}: row {i} should be a list of {len(exp_row)} floats, got {row!r}"
        )
        for j, (a, e) in enumerate(zip(row, exp_row)):
            assert isinstance(a, float), f"{msg}: element [{i}][{j}] is {a!r}, expected a float"
            assert not math.isnan(a), f"{msg}: element [{i}][{j}] is nan, expected {e!r}"
            assert math.isclose(a, e, rel_tol=rel_tol, abs_tol=abs_tol), (
                f"{msg}: element [{i}][{j}] is {a!r}, expected {e!r}"
            )


def _call(fn, *args, what=""):
    """Call fn, turning overflow / division by zero into an assertion with a clear message."""
    try:
        return fn(*args)
    except OverflowError as e:
        assert False, f"{what} overflowed ({e}); is the softmax numerically stable?"
    except ZeroDivisionError as e:
        assert False, f"{what} divided by zero ({e}); every exp underflowed to 0?"


def _reference(Q, K, V, mask=None):
    d = len(Q[0])
    out, weights = [], []
    for i, q in enumerate(Q):
        scores = [math.fsum(a * b for a, b in zip(q, k)) / math.sqrt(d) for k in K]
        keep = [mask is None or mask[i][j] for j in range(len(K))]
        if not any(keep):
            weights.append([0.0] * len(K))
            out.append([0.0] * len(V[0]))
            continue
        m = max(s for s, ok in zip(scores, keep) if ok)
        e = [math.exp(s - m) if ok else 0.0 for s, ok in zip(scores, keep)]
        z = math.fsum(e)
        w = [x / z for x in e]
        weights.append(w)
        out.append([math.fsum(wj * V[j][c] for j, wj in enumerate(w)) for c in range(len(V[0]))])
    return weights, out


def _random_matrix(rng, rows, cols, scale=1.0):
    return [[rng.gauss(0.0, scale) for _ in range(cols)] for _ in range(rows)]


def _expect_value_error(fn, *args, what=""):
    try:
        fn(*args)
    except ValueError:
        return
    assert False, f"{what} should raise ValueError"


def test_large_scores_do_not_overflow():
    Q = [[1000.0, 0.0]]
    K = [[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]]  # scores 1000/sqrt(2) * [1, 2, 3]
    V = [[1.0], [2.0], [3.0]]
    weights = _call(attention_weights, Q, K, what="attention_weights with scores around 2000")
    expected_w, expected_out = _reference(Q, K, V)
    _assert_close_matrix(weights, expected_w, "weights with large scores")
    _assert_close_matrix(_call(attention, Q, K, V, what="attention"), expected_out, "output with large scores")
    assert weights[0][2] > 0.999999, f"the largest score should take (almost) all the weight: {weights!r}"


def test_very_negative_scores_do_not_divide_by_zero():
    # Every score is about -1400, so exp(score) underflows to 0 for all keys.
    Q = [[-1000.0, -1000.0]]
    K = [[1.0, 1.0], [1.0, 1.0], [0.999, 1.0]]
    V = [[1.0, 0.0], [0.0, 1.0], [5.0, 5.0]]
    expected_w, expected_out = _reference(Q, K, V)
    _assert_close_matrix(_call(attention_weights, Q, K, what="attention_weights"), expected_w, "weights with scores around -1400")
    _assert_close_matrix(_call(attention, Q, K, V, what="attention"), expected_out, "output with scores around -1400")


def test_masked_key_with_huge_score_is_ignored():
    # The masked key has score 1000. If the max is taken over all keys, every
    # visible exp(score - 1000) underflows to 0 and the row becomes 0 / 0.
    Q = [[1.0]]
    K = [[1000.0], [1.0], [2.0]]
    V = [[-50.0], [1.0], [3.0]]
    mask = [[False, True, True]]
    weights = _call(attention_weights, Q, K, mask, what="attention_weights with a masked huge score")
    a = 1.0 / (1.0 + math.e)  # softmax([1, 2])
    _assert_close_matrix(weights, [[0.0, a, 1.0 - a]], "weights")
    assert weights[0][0] == 0.0, f"a masked key must get weight exactly 0, got {weights[0][0]!r}"
    out = _call(attention, Q, K, V, mask, what="attention with a masked huge score")
    _assert_close_matrix(out, [[a * 1.0 + (1.0 - a) * 3.0]], "output")


def test_fully_masked_row_is_zero():
    Q = [[1.0, 0.0], [0.0, 1.0]]
    K = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    V = [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]
    mask = [[False, False, False], [True, False, True]]
    expected_w, expected_out = _reference(Q, K, V, mask)
    _assert_close_matrix(_call(attention_weights, Q, K, mask, what="attention_weights"), expected_w, "weights with a fully masked row")
    _assert_close_matrix(_call(attention, Q, K, V, mask, what="attention"), expected_out, "output with a fully masked row")


def test_scale_uses_d_k():
    # d_k = 4, d_v = 1: the scores are divided by sqrt(4) = 2, not by sqrt(d_v) or not at all.
    Q = [[1.0, 1.0, 1.0, 1.0]]
    K = [[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]]  # raw scores 4 and 0, scaled 2 and 0
    V = [[1.0], [0.0]]
    w = 1.0 / (1.0 + math.exp(-2.0))
    _assert_close_matrix(attention_weights(Q, K), [[w, 1.0 - w]], "weights for raw scores [4, 0] with d_k = 4")
    _assert_close_matrix(attention(Q, K, V), [[w]], "output for raw scores [4, 0] with d_k = 4")


def test_shape_errors_raise():
    Q = [[1.0, 0.0], [0.0, 1.0]]
    K = [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]
    V = [[1.0], [2.0], [3.0]]
    _expect_value_error(attention, [], K, V, what="empty Q")
    _expect_value_error(attention, Q, [], [], what="empty K and V")
    _expect_value_error(attention, Q, K, [], what="empty V")
    _expect_value_error(attention, [[]], [[]], [[1.0]], what="Q and K with empty rows")
    _expect_value_error(attention, [[1.0, 0.0], [1.0]], K, V, what="ragged Q")
    _expect_value_error(attention, Q, [[1.0, 0.0], [0.0], [1.0, 1.0]], V, what="ragged K")
    _expect_value_error(attention, Q, K, [[1.0], [2.0, 3.0], [4.0]], what="ragged V")
    _expect_value_error(attention, Q, K, [[1.0], [2.0]], what="K with 3 rows and V with 2")
    _expect_value_error(attention, Q, K, V, [[True, True, True]], what="a mask with 1 row for 2 queries")
    _expect_value_error(attention, Q, K, V, [[True, True], [True, True]], what="a mask with 2 columns for 3 keys")
    _expect_value_error(attention_weights, Q, [[1.0, 0.0, 0.0]], what="attention_weights with mismatched d_k")
    _expect_value_error(attention_weights, Q, K, [[True, True, True], [True, True]], what="a ragged mask")


def test_inputs_are_not_modified():
    rng = random.Random(1)
    Q, K, V = _random_matrix(rng, 3, 4), _random_matrix(rng, 5, 4), _random_matrix(rng, 5, 2)
    mask = [[rng.random() < 0.7 for _ in range(5)] for _ in range(3)]
    snapshots = [[list(r) for r in m] for m in (Q, K, V, mask)]
    attention(Q, K, V, mask)
    attention_weights(Q, K, mask)
    for name, m, snap in zip(("Q", "K", "V", "mask"), (Q, K, V, mask), snapshots):
        assert m == snap, f"{name} was modified"


def test_integer_inputs():
    out = attention([[1, 0]], [[1, 0], [0, 1]], [[1, 2], [3, 4]])
    expected_w, expected_out = _reference([[1.0, 0.0]], [[1.0, 0.0], [0.0, 1.0]], [[1.0, 2.0], [3.0, 4.0]])
    _assert_close_matrix(out, expected_out, "integer Q, K, V")


def test_identical_keys_give_uniform_weights():
    K = [[0.5, -0.5, 2.0]] * 4
    V = [[1.0, 0.0], [2.0, 0.0], [3.0, 1.0], [6.0, 3.0]]
    _assert_close_matrix(attention_weights([[3.0, 1.0, 4.0]], K), [[0.25] * 4], "identical keys")
    _assert_close_matrix(attention([[3.0, 1.0, 4.0]], K, V), [[3.0, 1.0]], "mean of the values")


def test_masking_equals_dropping_keys():
    rng = random.Random(2)
    Q, K, V = _random_matrix(rng, 4, 6), _random_matrix(rng, 7, 6), _random_matrix(rng, 7, 3)
    keep = [True, False, True, True, False, True, False]
    mask = [list(keep) for _ in range(4)]
    dropped = attention(Q, [k for k, ok in zip(K, keep) if ok], [v for v, ok in zip(V, keep) if ok])
    _assert_close_matrix(attention(Q, K, V, mask), dropped, "masking keys vs removing them")
    all_true = [[True] * 7 for _ in range(4)]
    _assert_close_matrix(attention(Q, K, V, all_true), attention(Q, K, V), "an all-True mask vs no mask")


def test_permuting_keys_and_values_together():
    rng = random.Random(3)
    Q, K, V = _random_matrix(rng, 3, 5), _random_matrix(rng, 6, 5), _random_matrix(rng, 6, 4)
    perm = list(range(6))
    rng.shuffle(perm)
    _assert_close_matrix(
        attention(Q, [K[p] for p in perm], [V[p] for p in perm]), attention(Q, K, V), "keys and values permuted together"
    )


def test_random_inputs_match_reference():
    rng = random.Random(4)
    for trial in range(3):
        Q, K, V = _random_matrix(rng, 20, 16, 3.0), _random_matrix(rng, 30, 16, 3.0), _random_matrix(rng, 30, 8)
        mask = [[rng.random() < 0.8 for _ in range(30)] for _ in range(20)]
        mask[0] = [False] * 30
        for m in (None, mask):
            expected_w, expected_out = _reference(Q, K, V, m)
            _assert_close_matrix(attention_weights(Q, K, m), expected_w, f"trial {trial}: weights", rel_tol=1e-9, abs_tol=1e-15)
            _assert_close_matrix(attention(Q, K, V, m), expected_out, f"trial {trial}: output", rel_tol=1e-9, abs_tol=1e-12)


def test_larger_causal_self_attention():
    rng = random.Random(5)
    n, d = 64, 32
    X = _random_matrix(rng, n, d, 10.0)  # large activations: scores in the hundreds
    causal = [[j <= i for j in range(n)] for i in range(n)]
    expected_w, expected_out = _reference(X, X, X, causal)
    out = _call(attention, X, X, X, causal, what="64 x 64 causal self-attention")
    _assert_close_matrix(out, expected_out, "64 x 64 causal self-attention", rel_tol=1e-9, abs_tol=1e-9)
