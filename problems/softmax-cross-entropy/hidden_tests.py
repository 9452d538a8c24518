import math
import random

from solution import *

# log(1 + e^-1 + e^-2): the loss of the largest of three logits spaced 1 apart.
_LSE_OFFSET = math.log(1.0 + math.exp(-1.0) + math.exp(-2.0))
_P_SPACED = [
    math.exp(-2.0) / (1.0 + math.exp(-1.0) + math.exp(-2.0)),
    math.exp(-1.0) / (1.0 + math.exp(-1.0) + math.exp(-2.0)),
    1.0 / (1.0 + math.exp(-1.0) + math.exp(-2.0)),
]


def _assert_close_list(actual, expected, msg="", rel_tol=1e-9, abs_tol=1e-12):
    assert isinstance(actual, list), f"{msg}: expected a list, got {type(actual).__name__}"
    assert len(actual) == len(expected), (
        f"{msg}: expected {len(expected)} probabilities, got {len(actual)}"
    )
    for i, (a, e) in enumerate(zip(actual, expected)):
        assert isinstance(a, float), f"{msg}: element {i} is {a!r}, expected a float"
        assert not math.isnan(a), f"{msg}: element {i} is nan"
        assert math.isclose(a, e, rel_tol=rel_tol, abs_tol=abs_tol), (
            f"{msg}: element {i} is {a!r}, expected {e!r}"
        )


def _assert_close(actual, expected, msg="", rel_tol=1e-9, abs_tol=1e-12):
    assert isinstance(actual, (int, float)), f"{msg}: expected a float, got {actual!r}"
    assert not math.isnan(actual), f"{msg}: got nan, expected {expected!r}"
    assert math.isclose(actual, expected, rel_tol=rel_tol, abs_tol=abs_tol), (
        f"{msg}: got {actual!r}, expected {expected!r}"
    )


def _call(fn, *args):
    """Call fn, turning overflow into an assertion with a clear message."""
    try:
        return fn(*args)
    except OverflowError as e:
        shown = ", ".join(repr(a) for a in args)
        assert False, f"{fn.__name__}({shown}) overflowed ({e}); is it numerically stable?"
    except ValueError as e:
        shown = ", ".join(repr(a) for a in args)
        assert False, f"{fn.__name__}({shown}) raised ValueError ({e}); log(0) somewhere?"


def test_softmax_large_positive_logits():
    logits = [1000.0, 1001.0, 1002.0]
    _assert_close_list(_call(softmax, logits), _P_SPACED, "softmax([1000, 1001, 1002])")


def test_softmax_large_negative_logits():
    logits = [-1002.0, -1001.0, -1000.0]
    _assert_close_list(_call(softmax, logits), _P_SPACED, "softmax([-1002, -1001, -1000])")


def test_softmax_all_very_negative_is_uniform():
    _assert_close_list(_call(softmax, [-1000.0, -1000.0]), [0.5, 0.5], "softmax([-1000, -1000])")


def test_softmax_huge_spread():
    result = _call(softmax, [-10_000.0, 0.0, 10_000.0])
    _assert_close_list(result, [0.0, 0.0, 1.0], "softmax([-1e4, 0, 1e4])")


def test_softmax_integer_logits():
    result = _call(softmax, [1000, 1001, 1002])
    _assert_close_list(result, _P_SPACED, "softmax of int logits [1000, 1001, 1002]")


def test_softmax_single_logit():
    _assert_close_list(_call(softmax, [42.0]), [1.0], "softmax([42.0])")
    _assert_close_list(_call(softmax, [-1e6]), [1.0], "softmax([-1e6])")


def test_softmax_masked_logits():
    # Attention masks use -inf: masked entries get probability exactly 0.
    result = _call(softmax, [0.0, float("-inf"), 0.0])
    _assert_close_list(result, [0.5, 0.0, 0.5], "softmax([0, -inf, 0])")


def test_softmax_large_shift_invariance():
    logits = [0.3, -2.0, 1.7, 0.0]
    base = _call(softmax, logits)
    for shift in (500.0, -500.0, 1e5):
        shifted = [x + shift for x in logits]
        _assert_close_list(
            _call(softmax, shifted), base, f"softmax(x + {shift}) vs softmax(x)", rel_tol=1e-6
        )


def test_softmax_empty_raises():
    try:
        softmax([])
    except ValueError:
        return
    assert False, "softmax([]) should raise ValueError"


def test_softmax_does_not_modify_input():
    logits = [3.0, 1.0, 2.0]
    snapshot = list(logits)
    softmax(logits)
    assert logits == snapshot, f"softmax modified its input: {snapshot!r} became {logits!r}"


def test_softmax_large_vector():
    rng = random.Random(7)
    logits = [rng.uniform(-50.0, 50.0) for _ in range(20_000)]
    probs = _call(softmax, logits)
    assert len(probs) == len(logits), f"expected {len(logits)} probabilities, got {len(probs)}"
    total = math.fsum(probs)
    assert math.isclose(total, 1.0, rel_tol=1e-9), f"probabilities sum to {total!r}, not 1"
    m = max(logits)
    z = math.fsum(math.exp(x - m) for x in logits)
    for i in range(0, len(logits), 1_999):
        expected = math.exp(logits[i] - m) / z
        assert math.isclose(probs[i], expected, rel_tol=1e-9, abs_tol=1e-300), (
            f"probability {i} is {probs[i]!r}, expected {expected!r}"
        )


def test_cross_entropy_large_positive_logits():
    result = _call(cross_entropy, [1000.0, 1001.0, 1002.0], 2)
    _assert_close(result, _LSE_OFFSET, "cross_entropy([1000, 1001, 1002], 2)")
    result = _call(cross_entropy, [1000.0, 1001.0, 1002.0], 0)
    _assert_close(result, _LSE_OFFSET + 2.0, "cross_entropy([1000, 1001, 1002], 0)")


def test_cross_entropy_large_negative_logits():
    result = _call(cross_entropy, [-1000.0, -1001.0, -1002.0], 0)
    _assert_close(result, _LSE_OFFSET, "cross_entropy([-1000, -1001, -1002], 0)")
    result = _call(cross_entropy, [-1000.0, -1001.0, -1002.0], 2)
    _assert_close(result, _LSE_OFFSET + 2.0, "cross_entropy([-1000, -1001, -1002], 2)")


def test_cross_entropy_confidently_wrong():
    # softmax gives the target probability exp(-1000), which underflows to 0:
    # computing -log(softmax(...)[target]) would take log(0).
    result = _call(cross_entropy, [0.0, 1000.0], 0)
    _assert_close(result, 1000.0, "cross_entropy([0, 1000], 0)")
    result = _call(cross_entropy, [-10_000.0, 0.0, 10_000.0], 0)
    _assert_close(result, 20_000.0, "cross_entropy([-1e4, 0, 1e4], 0)")


def test_cross_entropy_confidently_right():
    result = _call(cross_entropy, [0.0, 1000.0], 1)
    _assert_close(result, 0.0, "cross_entropy([0, 1000], 1)")
    assert result >= 0.0, f"cross-entropy must be non-negative, got {result!r}"


def test_cross_entropy_single_class_is_zero():
    _assert_close(_call(cross_entropy, [123.0], 0), 0.0, "cross_entropy([123.0], 0)")


def test_cross_entropy_integer_logits():
    _assert_close(_call(cross_entropy, [1, 2, 3], 2), _LSE_OFFSET, "cross_entropy([1, 2, 3], 2)")


def test_cross_entropy_empty_raises():
    try:
        cross_entropy([], 0)
    except ValueError:
        return
    assert False, "cross_entropy([], 0) should raise ValueError"


def test_cross_entropy_target_out_of_range_raises():
    for target in (3, 10, -1):
        try:
            cross_entropy([0.1, 0.2, 0.3], target)
        except IndexError:
            continue
        assert False, f"cross_entropy([0.1, 0.2, 0.3], {target}) should raise IndexError"


def test_cross_entropy_large_vector():
    rng = random.Random(11)
    logits = [rng.uniform(-30.0, 30.0) for _ in range(20_000)]
    m = max(logits)
    lse = m + math.log(math.fsum(math.exp(x - m) for x in logits))
    for target in (0, 1, 5_000, 19_999, logits.index(m)):
        result = _call(cross_entropy, logits, target)
        _assert_close(result, lse - logits[target], f"cross_entropy(20000 logits, {target})", rel_tol=1e-9, abs_tol=1e-9)


def test_cross_entropy_does_not_modify_input():
    logits = [3.0, 1.0, 2.0]
    snapshot = list(logits)
    cross_entropy(logits, 1)
    assert logits == snapshot, f"cross_entropy modified its input: {snapshot!r} became {logits!r}"
