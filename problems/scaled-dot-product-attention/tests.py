import math

from solution import *


def _assert_close_matrix(actual, expected, msg="", rel_tol=1e-9, abs_tol=1e-12):
    assert isinstance(actual, list), f"{msg}: expected a list of rows, got {type(actual).__name__}"
    assert len(actual) == len(expected), f"{msg}: expected {len(expected)} rows, got {len(actual)}: {actual!r}"
    for i, (row, exp_row) in enumerate(zip(actual, expected)):
        assert isinstance(row, list) and len(row) == len(exp_row), (
            f"{msg}: row {i} should be a list of {len(exp_row)} floats, got {row!r}"
        )
        for j, (a, e) in enumerate(zip(row, exp_row)):
            assert math.isclose(a, e, rel_tol=rel_tol, abs_tol=abs_tol), (
                f"{msg}: element [{i}][{j}] is {a!r}, expected {e!r} (row {row!r})"
            )


def test_single_key_returns_its_value():
    _assert_close_matrix(attention([[0.3, -1.2]], [[2.0, 5.0]], [[7.0, 8.0, 9.0]]), [[7.0, 8.0, 9.0]], "one key")
    _assert_close_matrix(attention_weights([[0.3, -1.2]], [[2.0, 5.0]]), [[1.0]], "weights with one key")


def test_small_example():
    Q = [[1.0, 0.0]]
    K = [[1.0, 0.0], [0.0, 1.0]]
    V = [[1.0, 2.0], [3.0, 4.0]]
    s = 1.0 / math.sqrt(2.0)  # scores [1/sqrt(2), 0]
    w0 = math.exp(s) / (math.exp(s) + 1.0)
    _assert_close_matrix(attention_weights(Q, K), [[w0, 1.0 - w0]], "weights")
    expected = [[w0 * 1.0 + (1.0 - w0) * 3.0, w0 * 2.0 + (1.0 - w0) * 4.0]]
    _assert_close_matrix(attention(Q, K, V), expected, "attention")


def test_rows_sum_to_one():
    Q = [[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]]
    K = [[1.0, 1.0, 0.0], [0.0, -2.0, 1.0], [3.0, 0.5, 0.5], [-1.0, 0.0, 2.0]]
    weights = attention_weights(Q, K)
    assert len(weights) == 2 and all(len(row) == 4 for row in weights), f"expected 2 x 4 weights, got {weights!r}"
    for i, row in enumerate(weights):
        assert math.isclose(math.fsum(row), 1.0, rel_tol=1e-9), f"row {i} sums to {math.fsum(row)!r}: {row!r}"
        assert all(0.0 <= w <= 1.0 for w in row), f"row {i} has weights outside [0, 1]: {row!r}"


def test_causal_mask():
    Q = K = [[1.0], [2.0], [3.0]]
    V = [[10.0], [20.0], [30.0]]
    causal = [[True, False, False], [True, True, False], [True, True, True]]
    weights = attention_weights(Q, K, mask=causal)
    for i in range(3):
        for j in range(i + 1, 3):
            assert weights[i][j] == 0.0, f"masked weight [{i}][{j}] is {weights[i][j]!r}, expected 0.0"
    # Query 1 sees keys 0 and 1 with scores 2 and 4.
    _assert_close_matrix([weights[1]], [[1.0 / (1.0 + math.exp(2.0)), 1.0 / (1.0 + math.exp(-2.0)), 0.0]], "row 1")
    out = attention(Q, K, V, mask=causal)
    _assert_close_matrix([out[0]], [[10.0]], "query 0 may only attend to key 0")


def test_output_shape_uses_d_v():
    Q = [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    K = [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 1.0, 0.0], [1.0, 1.0, 1.0]]
    V = [[1.0], [2.0], [3.0], [4.0]]
    out = attention(Q, K, V)
    assert len(out) == 2 and all(len(row) == 1 for row in out), f"expected a 2 x 1 output, got {out!r}"


def test_mismatched_q_and_k_raise():
    try:
        attention([[1.0, 2.0]], [[1.0, 2.0, 3.0]], [[1.0]])
    except ValueError:
        return
    assert False, "Q with 2 columns and K with 3 columns should raise ValueError"
