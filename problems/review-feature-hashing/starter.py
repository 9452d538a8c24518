"""Feature hashing ("the hashing trick") for our click-through-rate model.

Raw features are dicts such as
    {"country": "DE", "device": "mobile", "price": 9.99, "tags": ["sale", "shoes"]}
and are mapped to sparse vectors {index: value} with a fixed number of dimensions,
so the model never needs a vocabulary. The same code runs in the offline training
job and in the online prediction service.
"""


def feature_index(token, n_features):
    """The column of a token: its hash modulo the number of features."""
    return hash(token) % n_features


def hash_features(features, n_features=2**18, out={}):
    """Hash one example's raw features into a sparse vector {index: value}.

    - a string value v gives the token "name=v" with value 1.0 (one-hot category);
    - a number v gives the token "name" with value v (numeric feature);
    - a list of strings gives one token "name=item" per item, 1.0 each (bag of tags);
    - a missing value (None) means the feature is absent.
    Values of tokens that land in the same column are added. Pass `out` to
    accumulate several groups of features (user, item, context) into one vector.
    """
    for name, value in features.items():
        if isinstance(value, str):
            tokens = [(f"{name}={value}", 1.0)]
        elif isinstance(value, (int, float)):
            tokens = [(name, float(value))]
        elif isinstance(value, list):
            tokens = [(f"{name}={item}", 1.0) for item in value]
        else:
            tokens = [(f"{name}={value}", 1.0)]
        for token, v in tokens:
            index = feature_index(token, n_features)
            out[index] = out.get(index, 0.0) + v
    return out


def hash_batch(rows, n_features=2**18):
    """Hash a list of examples."""
    return [hash_features(row, n_features) for row in rows]
