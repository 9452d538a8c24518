import random
import re

from solution import *


def _sennrich_vocab():
    return {
        ("l", "o", "w", "</w>"): 5,
        ("l", "o", "w", "e", "r", "</w>"): 2,
        ("n", "e", "w", "e", "s", "t", "</w>"): 6,
        ("w", "i", "d", "e", "s", "t", "</w>"): 3,
    }


def _reference_merge(vocab, pair):
    """Sennrich et al.'s regex formulation: whole symbols only, left to right."""
    pattern = re.compile(r"(?<!\S)" + re.escape(" ".join(pair)) + r"(?!\S)")
    out = {}
    for word, freq in vocab.items():
        new = tuple(pattern.sub("".join(pair), " ".join(word)).split(" "))
        out[new] = out.get(new, 0) + freq
    return out


def _reference_counts(vocab):
    counts = {}
    for word, freq in vocab.items():
        for i in range(len(word) - 1):
            counts[(word[i], word[i + 1])] = counts.get((word[i], word[i + 1]), 0) + freq
    return counts


def _random_vocab(rng, n_words, alphabet="abcde", max_len=8):
    vocab = {}
    for _ in range(n_words):
        word = tuple(rng.choice(alphabet) for _ in range(rng.randint(1, max_len))) + ("</w>",)
        vocab[word] = vocab.get(word, 0) + rng.randint(1, 20)
    return vocab


def test_overlapping_runs():
    assert count_pairs({("a", "a", "a"): 1}) == {("a", "a"): 2}, "('a', 'a', 'a') contains the pair ('a', 'a') twice"
    cases = [
        (("a", "a"), ("aa",)),
        (("a", "a", "a", "a"), ("aa", "aa")),
        (("a", "a", "a", "a", "a"), ("aa", "aa", "a")),
        (("b", "a", "a", "a", "b"), ("b", "aa", "a", "b")),
    ]
    for word, expected in cases:
        merged = merge_pair({word: 1}, ("a", "a"))
        assert merged == {expected: 1}, f"merging ('a', 'a') in {word!r}: got {merged!r}, expected {{{expected!r}: 1}}"


def test_only_whole_symbols_match():
    # Joining symbols into a string and using str.replace gets these wrong.
    merged = merge_pair({("ne", "s", "t"): 4}, ("e", "s"))
    assert merged == {("ne", "s", "t"): 4}, f"('ne', 's', 't') has no ('e', 's') pair, got {merged!r}"
    merged = merge_pair({("es", "t"): 2, ("e", "st"): 3}, ("e", "st"))
    assert merged == {("es", "t"): 2, ("est",): 3}, f"got {merged!r}"
    merged = merge_pair({("a", "bc", "d"): 1}, ("b", "c"))
    assert merged == {("a", "bc", "d"): 1}, f"('a', 'bc', 'd') has no ('b', 'c') pair, got {merged!r}"
    assert count_pairs({("ne", "s"): 1}) == {("ne", "s"): 1}, "pairs are pairs of whole symbols"


def test_tie_break_uses_tuple_order():
    # Both pairs concatenate to "abc"; tuple order compares "a" < "ab".
    vocab = {("ab", "c", "y"): 2, ("x", "a", "bc"): 2}
    counts = count_pairs(vocab)
    assert best_pair(counts) == ("a", "bc"), f"best_pair({counts!r}) should be ('a', 'bc')"
    assert best_pair({("b", "a"): 4, ("a", "z"): 4}) == ("a", "z"), "ties compare the first symbol first"
    assert best_pair({("a", "c"): 4, ("a", "b"): 4}) == ("a", "b"), "then the second symbol"
    assert best_pair({("z", "z"): 3, ("a", "a"): 2}) == ("z", "z"), "a higher count beats a smaller pair"
    assert best_pair({("</w>", "a"): 1, ("a", "</w>"): 1}) == ("</w>", "a"), "'<' sorts before letters"


def test_frequency_weighting():
    vocab = {("a", "b", "c"): 1, ("a", "b", "d"): 1, ("a", "b", "e"): 1, ("x", "y"): 10}
    pair, merged = bpe_merge_step(vocab)
    assert pair == ("x", "y"), f"('x', 'y') occurs 10 times (in one word), ('a', 'b') 3 times; got {pair!r}"
    assert merged[("xy",)] == 10, f"vocabulary after merging: {merged!r}"


def test_words_that_become_identical_add_up():
    merged = merge_pair({("a", "b", "c"): 2, ("ab", "c"): 3, ("c",): 1}, ("a", "b"))
    assert merged == {("ab", "c"): 5, ("c",): 1}, f"got {merged!r}, expected {{('ab', 'c'): 5, ('c',): 1}}"


def test_no_pairs():
    assert count_pairs({}) == {}, "an empty vocabulary has no pairs"
    assert count_pairs({("a",): 3, ("b",): 1}) == {}, "single-symbol words have no pairs"
    assert best_pair({}) is None, "best_pair of no pairs should be None"
    vocab = {("abc",): 3, ("d",): 1}
    pair, merged = bpe_merge_step(vocab)
    assert pair is None and merged == vocab, f"nothing to merge: got {(pair, merged)!r}"
    assert bpe_merge_step({}) == (None, {}), "empty vocabulary"


def test_pair_not_present_leaves_vocab_unchanged():
    vocab = _sennrich_vocab()
    assert merge_pair(vocab, ("q", "z")) == _sennrich_vocab(), "merging an absent pair changed the vocabulary"


def test_inputs_are_not_modified():
    vocab = _sennrich_vocab()
    count_pairs(vocab)
    merged = merge_pair(vocab, ("e", "s"))
    assert vocab == _sennrich_vocab(), "merge_pair modified its input vocabulary"
    assert merged is not vocab, "merge_pair should return a new dict"
    pair, stepped = bpe_merge_step(vocab)
    assert vocab == _sennrich_vocab(), "bpe_merge_step modified its input vocabulary"
    counts = {("a", "b"): 2, ("c", "d"): 2}
    best_pair(counts)
    assert counts == {("a", "b"): 2, ("c", "d"): 2}, "best_pair modified its input"


def test_words_stay_tuples_of_strings():
    merged = merge_pair(_sennrich_vocab(), ("l", "o"))
    for word in merged:
        assert isinstance(word, tuple) and all(isinstance(s, str) for s in word), (
            f"vocabulary keys must be tuples of symbols, got {word!r}"
        )


def test_sennrich_merge_sequence():
    expected = [
        ("e", "s"), ("es", "t"), ("est", "</w>"), ("l", "o"), ("lo", "w"), ("e", "w"),
        ("ew", "est</w>"), ("n", "ewest</w>"), ("low", "</w>"), ("d", "est</w>"),
        ("i", "dest</w>"), ("w", "idest</w>"),
    ]
    vocab = _sennrich_vocab()
    merges = []
    for _ in range(len(expected)):
        pair, vocab = bpe_merge_step(vocab)
        merges.append(pair)
    assert merges == expected, f"merges {merges!r}, expected {expected!r}"
    assert vocab == {("low</w>",): 5, ("low", "e", "r", "</w>"): 2, ("newest</w>",): 6, ("widest</w>",): 3}, (
        f"final vocabulary {vocab!r}"
    )
    pair, _ = bpe_merge_step(vocab)
    assert pair == ("e", "r"), f"13th merge is {pair!r}, expected ('e', 'r')"


def test_random_vocab_matches_reference():
    rng = random.Random(1)
    for trial in range(5):
        vocab = _random_vocab(rng, 200)
        assert count_pairs(vocab) == _reference_counts(vocab), f"trial {trial}: count_pairs differs from the reference"
        for pair in [("a", "a"), ("a", "b"), ("e", "</w>"), ("c", "c")]:
            assert merge_pair(vocab, pair) == _reference_merge(vocab, pair), (
                f"trial {trial}: merge_pair(..., {pair!r}) differs from the reference"
            )


def test_many_steps_match_reference():
    rng = random.Random(2)
    vocab = _random_vocab(rng, 1_000, alphabet="abcdefgh", max_len=10)
    reference = dict(vocab)
    for step in range(30):
        counts = _reference_counts(reference)
        top = max(counts.values())
        expected_pair = min(p for p, c in counts.items() if c == top)
        reference = _reference_merge(reference, expected_pair)
        pair, vocab = bpe_merge_step(vocab)
        assert pair == expected_pair, f"step {step}: merged {pair!r}, expected {expected_pair!r}"
        assert vocab == reference, f"step {step}: the vocabulary differs from the reference after merging {pair!r}"
