from solution import *


def _sennrich_vocab():
    # The toy corpus from Sennrich et al. (2016), "</w>" marks the end of a word.
    return {
        ("l", "o", "w", "</w>"): 5,
        ("l", "o", "w", "e", "r", "</w>"): 2,
        ("n", "e", "w", "e", "s", "t", "</w>"): 6,
        ("w", "i", "d", "e", "s", "t", "</w>"): 3,
    }


def test_count_pairs_weighted_by_frequency():
    counts = count_pairs(_sennrich_vocab())
    expected = {
        ("l", "o"): 7, ("o", "w"): 7, ("w", "</w>"): 5, ("w", "e"): 8, ("e", "r"): 2,
        ("r", "</w>"): 2, ("n", "e"): 6, ("e", "w"): 6, ("e", "s"): 9, ("s", "t"): 9,
        ("t", "</w>"): 9, ("w", "i"): 3, ("i", "d"): 3, ("d", "e"): 3,
    }
    assert counts == expected, f"count_pairs returned {counts!r}, expected {expected!r}"


def test_count_pairs_repeated_pair_in_one_word():
    counts = count_pairs({("a", "b", "a", "b"): 3})
    assert counts == {("a", "b"): 6, ("b", "a"): 3}, f"got {counts!r}, expected {{('a', 'b'): 6, ('b', 'a'): 3}}"


def test_best_pair_highest_count():
    result = best_pair({("a", "b"): 2, ("c", "d"): 5, ("e", "f"): 1})
    assert result == ("c", "d"), f"best_pair returned {result!r}, expected ('c', 'd')"


def test_best_pair_ties_go_to_the_smallest_pair():
    result = best_pair({("s", "t"): 9, ("t", "</w>"): 9, ("e", "s"): 9, ("w", "e"): 8})
    assert result == ("e", "s"), f"best_pair returned {result!r}, expected ('e', 's') (smallest of the tied pairs)"


def test_merge_pair_everywhere():
    merged = merge_pair(_sennrich_vocab(), ("e", "s"))
    expected = {
        ("l", "o", "w", "</w>"): 5,
        ("l", "o", "w", "e", "r", "</w>"): 2,
        ("n", "e", "w", "es", "t", "</w>"): 6,
        ("w", "i", "d", "es", "t", "</w>"): 3,
    }
    assert merged == expected, f"merge_pair returned {merged!r}, expected {expected!r}"


def test_merge_is_left_to_right_and_non_overlapping():
    merged = merge_pair({("a", "a", "a"): 1}, ("a", "a"))
    assert merged == {("aa", "a"): 1}, f"got {merged!r}, expected {{('aa', 'a'): 1}}"


def test_bpe_merge_step():
    pair, vocab = bpe_merge_step(_sennrich_vocab())
    assert pair == ("e", "s"), f"first merge is {pair!r}, expected ('e', 's')"
    assert vocab[("n", "e", "w", "es", "t", "</w>")] == 6, f"vocabulary after the merge: {vocab!r}"
    pair, vocab = bpe_merge_step(vocab)
    assert pair == ("es", "t"), f"second merge is {pair!r}, expected ('es', 't')"
