import builtins

from solution import *

EXAMPLE = {"country": "DE", "device": "mobile", "price": 9.5, "tags": ["sale", "shoes"]}
_real_hash = builtins.hash


def _other_process_hash(obj):
    """What hash() returns in another process: str/bytes hashes are salted per process."""
    h = _real_hash(obj)
    if isinstance(obj, (str, bytes)):
        return h ^ 0x5DEECE66D
    return h


def _magnitudes(vector):
    return sorted(abs(v) for v in vector.values())


def test_indices_do_not_depend_on_the_process_hash_seed():
    # Training and serving run in different processes; PYTHONHASHSEED differs between them.
    here = hash_features(EXAMPLE, n_features=2**20, out={})
    builtins.hash = _other_process_hash
    try:
        there = hash_features(EXAMPLE, n_features=2**20, out={})
    finally:
        builtins.hash = _real_hash
    assert here == there, (
        "the vector changes when str hashes are salted differently (another process): "
        f"{here} vs {there}. The built-in hash() is not stable across processes."
    )


def test_default_vector_is_fresh_on_every_call():
    first = hash_features({"country": "DE"}, n_features=2**20)
    second = hash_features({"country": "DE"}, n_features=2**20)
    assert _magnitudes(second) == [1.0], f"second call returned {second}: state leaked from the first call"
    assert first is not second, "two calls returned the same dict object"
    assert _magnitudes(first) == [1.0], f"the first result changed to {first} after a second call"


def test_signed_hashing_cancels_collisions():
    # 200 distinct tags in 2 columns: about 100 per column. Without random signs each
    # column holds ~100; with signs the sums are ~N(0, 10).
    tags = [f"tag{i}" for i in range(200)]
    vector = hash_features({"tags": tags}, n_features=2, out={})
    assert set(vector) <= {0, 1}, f"indices {sorted(vector)} out of range for n_features=2"
    for index, value in vector.items():
        assert abs(value) < 60, (
            f"column {index} sums to {value} over ~100 colliding tokens: use a ±1 sign from an "
            "independent hash bit so collisions cancel"
        )


def test_signs_are_balanced():
    negatives = 0
    for i in range(2000):
        vector = hash_features({"user": f"u{i}"}, n_features=2**20, out={})
        (value,) = vector.values()
        assert abs(value) == 1.0, f"token user=u{i} has value {value}"
        negatives += value < 0
    assert 800 <= negatives <= 1200, f"{negatives} of 2000 tokens got a negative sign, expected about half"


def test_numeric_value_keeps_its_magnitude():
    for value in (0.25, -3.0, 7, 1e6):
        vector = hash_features({"price": value}, n_features=2**20, out={})
        assert _magnitudes(vector) == [abs(float(value))], f"price={value!r} gave {vector}"


def test_missing_value_is_skipped():
    vector = hash_features({"country": None, "device": "mobile"}, n_features=2**20, out={})
    assert _magnitudes(vector) == [1.0], f"None must mean 'absent', not a token 'country=None': got {vector}"
    assert hash_features({"country": None}, n_features=2**20, out={}) == {}


def test_tuple_and_set_are_bags_like_lists():
    as_list = hash_features({"tags": ["sale", "shoes"]}, n_features=2**20, out={})
    as_tuple = hash_features({"tags": ("sale", "shoes")}, n_features=2**20, out={})
    as_set = hash_features({"tags": {"sale", "shoes"}}, n_features=2**20, out={})
    assert as_tuple == as_list, f"a tuple of tags gave {as_tuple}, a list gave {as_list}"
    assert as_set == as_list, f"a set of tags gave {as_set}, a list gave {as_list}"


def test_unsupported_value_types_raise_type_error():
    for value in ({"nested": "dict"}, object()):
        try:
            hash_features({"meta": value}, n_features=1024, out={})
        except TypeError:
            continue
        assert False, f"a value of type {type(value).__name__} should raise TypeError, not be hashed via str()"


def test_invalid_n_features_raises_value_error():
    for n in (0, -8):
        try:
            hash_features(EXAMPLE, n_features=n, out={})
        except ValueError:
            continue
        except ZeroDivisionError:
            assert False, f"n_features={n} should raise ValueError, not ZeroDivisionError"
        assert False, f"n_features={n} should raise ValueError"


def test_hash_batch_matches_hash_features():
    rows = [EXAMPLE, {"country": "FR", "price": 1.5}, {}]
    vectors = hash_batch(rows, n_features=4096)
    for i, row in enumerate(rows):
        expected = hash_features(row, n_features=4096, out={})
        assert vectors[i] == expected, f"row {i}: hash_batch gave {vectors[i]}, hash_features gave {expected}"
