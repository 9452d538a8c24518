import gc
import math
import random
import time

from solution import *


def _naive_top_k_ngrams(documents, n, k):
    grams = []
    for doc in documents:
        for i in range(len(doc) - n + 1):
            grams.append(tuple(doc[i : i + n]))
    unique = []
    for gram in grams:
        if gram not in unique:
            unique.append(gram)
    counts = [(gram, grams.count(gram)) for gram in unique]
    counts.sort(key=lambda item: (-item[1], item[0]))
    return counts[:k]


def _best_time(fn, args, repeats=3, good_enough=None, hopeless=None):
    best, result = math.inf, None
    for _ in range(repeats):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            result = fn(*args)
            elapsed = time.perf_counter() - start
        finally:
            gc.enable()
        best = min(best, elapsed)
        if (good_enough is not None and best <= good_enough) or (hopeless is not None and elapsed > hopeless):
            break
    return best, result


def _corpus(seed, n_docs, vocab_size, min_len=5, max_len=30):
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(vocab_size)]
    weights = [1.0 / (rank + 1) for rank in range(vocab_size)]
    return [rng.choices(vocab, weights=weights, k=rng.randint(min_len, max_len)) for _ in range(n_docs)]


def _expect_value_error(n, k):
    try:
        top_k_ngrams([["a", "b"]], n, k)
    except ValueError:
        return
    assert False, f"top_k_ngrams(..., n={n}, k={k}) should raise ValueError"


def test_invalid_n_or_k_raises():
    _expect_value_error(0, 3)
    _expect_value_error(-2, 3)
    _expect_value_error(2, -1)


def test_k_zero_gives_empty_list():
    assert top_k_ngrams([["a", "b", "a"]], 1, 0) == []


def test_empty_inputs():
    assert top_k_ngrams([], 2, 5) == []
    assert top_k_ngrams([[], ["only"], ["a", "b"]], 3, 5) == []
    assert top_k_ngrams([[], ["only"], ["a", "b"]], 2, 5) == [(("a", "b"), 1)]


def test_result_types():
    result = top_k_ngrams([["a", "b", "a", "b"]], 2, 1)
    assert result == [(("a", "b"), 2)]
    (gram, count), = result
    assert type(gram) is tuple and type(count) is int, (
        f"expected (tuple, int), got ({type(gram).__name__}, {type(count).__name__})"
    )


def test_tuple_documents():
    docs = [("a", "b", "c"), ("a", "b")]
    assert top_k_ngrams(docs, 2, 5) == [(("a", "b"), 2), (("b", "c"), 1)]


def test_ties_across_the_cut_are_broken_by_ngram():
    docs = [["d", "c", "b", "a"], ["a", "b", "c", "d"]]
    # Every unigram appears twice: the top 2 are the alphabetically smallest.
    assert top_k_ngrams(docs, 1, 2) == [(("a",), 2), (("b",), 2)]


def test_long_ngrams_and_repeated_documents():
    doc = ["to", "be", "or", "not", "to", "be"]
    docs = [doc, list(doc), doc]
    assert top_k_ngrams(docs, 5, 3) == [(("be", "or", "not", "to", "be"), 3), (("to", "be", "or", "not", "to"), 3)]
    assert top_k_ngrams(docs, 6, 3) == [(tuple(doc), 3)]


def test_input_not_modified():
    docs = [["b", "a", "b"], ["a", "b"]]
    snapshot = [list(d) for d in docs]
    top_k_ngrams(docs, 2, 2)
    assert docs == snapshot, f"documents changed: {snapshot!r} became {docs!r}"


def test_matches_reference_for_several_n_and_k():
    docs = _corpus(seed=4, n_docs=80, vocab_size=30, min_len=0, max_len=12)
    for n in (1, 2, 3, 4):
        for k in (1, 7, 1000):
            assert top_k_ngrams(docs, n, k) == _naive_top_k_ngrams(docs, n, k), f"n={n}, k={k}"


def test_at_least_10x_faster_on_trigrams():
    docs = _corpus(seed=2, n_docs=150, vocab_size=200)  # about 2 600 tokens, 2 100 distinct trigrams
    n, k = 3, 15
    ref_time, expected = _best_time(_naive_top_k_ngrams, (docs, n, k))
    budget = ref_time / 10
    time_taken, result = _best_time(
        top_k_ngrams, (docs, n, k), repeats=5, good_enough=budget, hopeless=ref_time / 3
    )
    assert result == expected, "results differ from the reference on the timing input"
    assert time_taken <= budget, (
        f"top_k_ngrams took {time_taken * 1000:.1f} ms, the naive version {ref_time * 1000:.1f} ms: "
        f"{ref_time / time_taken:.1f}x faster, 10x needed"
    )
