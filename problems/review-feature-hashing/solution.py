"""Feature hashing ("the hashing trick") for our click-through-rate model.

Raw features are dicts such as
    {"country": "DE", "device": "mobile", "price": 9.99, "tags": ["sale", "shoes"]}
and are mapped to sparse vectors {index: value} with a fixed number of dimensions,
so the model never needs a vocabulary. The same code runs in the offline training
job and in the online prediction service.
"""
import hashlib

_LOW_63_BITS = (1 << 63) - 1


def _token_hash(token):
    """A 64-bit hash that is the same in every process, machine and Python version.

    The built-in hash() of a str is salted per process (PYTHONHASHSEED), so the
    training job and the prediction service would disagree on every column.
    """
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8"), digest_size=8).digest(), "little")


def feature_index(token, n_features):
    """The column of a token (the low 63 bits of its stable hash, modulo n_features)."""
    return (_token_hash(token) & _LOW_63_BITS) % n_features


def feature_sign(token):
    """+1.0 or -1.0 from the top bit of the hash: independent of the column bits."""
    return -1.0 if _token_hash(token) >> 63 else 1.0


def _tokens(name, value):
    if value is None:
        return []  # missing feature
    if isinstance(value, str):
        return [(f"{name}={value}", 1.0)]
    if isinstance(value, (int, float)):  # bool is an int: True -> 1.0
        return [(name, float(value))]
    if isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            if not isinstance(item, (str, int)) or isinstance(item, bool):
                raise TypeError(f"feature {name!r}: unsupported item {item!r} of type {type(item).__name__}")
        return [(f"{name}={item}", 1.0) for item in value]
    # str() of other objects is ambiguous or not even deterministic (memory addresses, set order).
    raise TypeError(f"feature {name!r}: unsupported value type {type(value).__name__}")


def hash_features(features, n_features=2**18, out=None):
    """Hash one example's raw features into a sparse vector {index: value}.

    - a string value v gives the token "name=v" with value 1.0 (one-hot category);
    - a number v gives the token "name" with value v (numeric feature);
    - a list, tuple or set of strings gives one token "name=item" per item, 1.0 each;
    - a missing value (None) means the feature is absent; other types raise TypeError.
    Signed hashing: each token's value is multiplied by feature_sign(token), so that
    colliding tokens cancel in expectation instead of piling up. Pass `out` to
    accumulate several groups of features (user, item, context) into one vector.
    """
    if not isinstance(n_features, int) or n_features < 1:
        raise ValueError(f"n_features must be a positive int, got {n_features!r}")
    if out is None:
        out = {}  # a fresh vector per call: a mutable default would be shared by every call
    for name, value in features.items():
        for token, v in _tokens(name, value):
            h = _token_hash(token)
            index = (h & _LOW_63_BITS) % n_features
            sign = -1.0 if h >> 63 else 1.0
            out[index] = out.get(index, 0.0) + sign * v
    return out


def hash_batch(rows, n_features=2**18):
    """Hash a list of examples (one independent vector per row)."""
    return [hash_features(row, n_features) for row in rows]
