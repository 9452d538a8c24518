Word = tuple[str, ...]  # a word as a sequence of symbols, e.g. ("l", "o", "w", "</w>")
Pair = tuple[str, str]


def count_pairs(vocab: dict[Word, int]) -> dict[Pair, int]:
    """Return how often every adjacent symbol pair occurs, weighted by word frequency."""
    # TODO
    raise NotImplementedError("count_pairs is not implemented yet")


def best_pair(pair_counts: dict[Pair, int]) -> Pair | None:
    """Return the most frequent pair (ties: the smallest pair), or None if there are none."""
    # TODO
    raise NotImplementedError("best_pair is not implemented yet")


def merge_pair(vocab: dict[Word, int], pair: Pair) -> dict[Word, int]:
    """Return a new vocabulary with every occurrence of `pair` merged into one symbol."""
    # TODO
    raise NotImplementedError("merge_pair is not implemented yet")


def bpe_merge_step(vocab: dict[Word, int]) -> tuple[Pair | None, dict[Word, int]]:
    """One BPE training step: pick the best pair and merge it everywhere."""
    pair = best_pair(count_pairs(vocab))
    if pair is None:
        return None, dict(vocab)
    return pair, merge_pair(vocab, pair)
