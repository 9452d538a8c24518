import gc
import math
import random
import time

from solution import *


def _naive_top_k_ngrams(documents, n, k):
    """The original implementation, kept as the reference for results and timing."""
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
    """Best wall-clock time of up to `repeats` calls (GC paused while timing), and the result.

    Stops early once a run is faster than `good_enough`, or when a run is slower than
    `hopeless` (no later run will be several times faster).
    """
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


def _corpus(seed, n_docs, vocab_size):
    """Documents of 5-30 tokens drawn from a Zipf-like vocabulary (a few very common words)."""
    rng = random.Random(seed)
    vocab = [f"w{i}" for i in range(vocab_size)]
    weights = [1.0 / (rank + 1) for rank in range(vocab_size)]
    return [rng.choices(vocab, weights=weights, k=rng.randint(5, 30)) for _ in range(n_docs)]


def test_small_example():
    docs = [["the", "cat", "sat"], ["the", "cat", "ran"]]
    assert top_k_ngrams(docs, 2, 2) == [(("the", "cat"), 2), (("cat", "ran"), 1)]


def test_ngrams_do_not_cross_documents():
    docs = [["a", "b"], ["c", "d"], ["b", "c"]]
    assert top_k_ngrams(docs, 2, 10) == [(("a", "b"), 1), (("b", "c"), 1), (("c", "d"), 1)]


def test_unigrams_with_ties():
    docs = [["b", "a", "c", "a"], ["c", "b", "d"]]
    assert top_k_ngrams(docs, 1, 3) == [(("a",), 2), (("b",), 2), (("c",), 2)]


def test_k_larger_than_the_number_of_ngrams():
    docs = [["x", "y", "x", "y"]]
    assert top_k_ngrams(docs, 2, 100) == [(("x", "y"), 2), (("y", "x"), 1)]


def test_matches_reference_on_random_corpus():
    docs = _corpus(seed=3, n_docs=60, vocab_size=50)
    for n, k in ((1, 10), (2, 25), (3, 5)):
        assert top_k_ngrams(docs, n, k) == _naive_top_k_ngrams(docs, n, k), f"n={n}, k={k}"


def test_at_least_10x_faster_than_the_naive_version():
    docs = _corpus(seed=1, n_docs=140, vocab_size=400)  # about 2 500 tokens, 1 700 distinct bigrams
    n, k = 2, 20
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
