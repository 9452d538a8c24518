from solution import *

EXAMPLE = {"country": "DE", "device": "mobile", "price": 9.5, "tags": ["sale", "shoes"]}


def _magnitudes(vector):
    return sorted(abs(v) for v in vector.values())


def test_one_example():
    vector = hash_features(EXAMPLE, n_features=2**20)
    assert isinstance(vector, dict), f"expected a dict {{index: value}}, got {type(vector).__name__}"
    assert all(isinstance(i, int) and 0 <= i < 2**20 for i in vector), f"indices out of range: {sorted(vector)}"
    # Five tokens: country=DE, device=mobile, price, tags=sale, tags=shoes (2**20 columns: no collision).
    assert _magnitudes(vector) == [1.0, 1.0, 1.0, 1.0, 9.5], f"got values {sorted(vector.values())}"


def test_repeated_tag_accumulates():
    vector = hash_features({"tags": ["sale", "sale", "sale"]}, n_features=2**20)
    assert _magnitudes(vector) == [3.0], f"three identical tags should give one entry of magnitude 3, got {vector}"


def test_same_input_same_vector():
    assert hash_features({"country": "FR"}, n_features=1024) == hash_features({"country": "FR"}, n_features=1024)


def test_hash_batch_gives_one_independent_vector_per_row():
    rows = [{"country": "DE"}, {"country": "FR"}, {"device": "desktop"}]
    vectors = hash_batch(rows, n_features=2**20)
    assert len(vectors) == 3, f"expected 3 vectors, got {len(vectors)}"
    for i, vector in enumerate(vectors):
        assert _magnitudes(vector) == [1.0], f"row {i} has one feature, but its vector is {vector}"
    assert vectors[0] is not vectors[1], "two rows share the same vector object"


def test_out_accumulates_feature_groups():
    vector = {}
    hash_features({"user_country": "DE"}, n_features=2**20, out=vector)
    hash_features({"item_category": "shoes"}, n_features=2**20, out=vector)
    assert _magnitudes(vector) == [1.0, 1.0], f"expected two entries after two groups, got {vector}"
