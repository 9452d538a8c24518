import heapq
from collections import Counter


def top_k_ngrams(documents, n, k):
    """The k most frequent n-grams of a tokenised corpus.

    documents is a list of documents, each a list of string tokens; n-grams never
    cross a document boundary. Returns a list of (ngram, count) pairs, where ngram is
    a tuple of n tokens, sorted by count (highest first) and, for equal counts, by
    the n-gram itself (ascending); at most k pairs. Raises ValueError if n < 1 or k < 0.

    One pass with a hash map (Counter) instead of list.count per distinct n-gram:
    O(N) counting for N tokens instead of O(N * U) for U distinct n-grams, then
    heapq.nsmallest for the top k in O(U log k) instead of sorting all U.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if k < 0:
        raise ValueError("k must be non-negative")

    counts = Counter()
    for doc in documents:
        # zip(doc, doc[1:], ..., doc[n-1:]) yields the n-grams of one document as tuples;
        # it yields nothing when the document is shorter than n.
        counts.update(zip(*(doc[i:] for i in range(n))))
    return heapq.nsmallest(k, counts.items(), key=lambda item: (-item[1], item[0]))
