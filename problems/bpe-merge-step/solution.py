from collections import Counter

Word = tuple[str, ...]
Pair = tuple[str, str]


def count_pairs(vocab: dict[Word, int]) -> dict[Pair, int]:
    """Frequency of every adjacent symbol pair, weighted by word frequency."""
    counts: Counter = Counter()
    for word, freq in vocab.items():
        for pair in zip(word, word[1:]):
            counts[pair] += freq
    return dict(counts)


def best_pair(pair_counts: dict[Pair, int]) -> Pair | None:
    """The most frequent pair; ties go to the lexicographically smallest pair. None if empty."""
    if not pair_counts:
        return None
    # Highest count first, then the smallest (left, right) tuple.
    return min(pair_counts, key=lambda pair: (-pair_counts[pair], pair))


def merge_pair(vocab: dict[Word, int], pair: Pair) -> dict[Word, int]:
    """Replace every occurrence of `pair` by one merged symbol, scanning each word left to right."""
    left, right = pair
    merged_symbol = left + right
    new_vocab: dict[Word, int] = {}
    for word, freq in vocab.items():
        out = []
        i = 0
        while i < len(word):
            if i + 1 < len(word) and word[i] == left and word[i + 1] == right:
                out.append(merged_symbol)
                i += 2  # non-overlapping: "a a a" with ("a", "a") becomes "aa a"
            else:
                out.append(word[i])
                i += 1
        new_word = tuple(out)
        # Two different segmentations can become the same word: their counts add up.
        new_vocab[new_word] = new_vocab.get(new_word, 0) + freq
    return new_vocab


def bpe_merge_step(vocab: dict[Word, int]) -> tuple[Pair | None, dict[Word, int]]:
    """One BPE training step: pick the best pair and merge it everywhere."""
    pair = best_pair(count_pairs(vocab))
    if pair is None:
        return None, dict(vocab)
    return pair, merge_pair(vocab, pair)
