def top_k_ngrams(documents, n, k):
    """The k most frequent n-grams of a tokenised corpus.

    documents is a list of documents, each a list of string tokens; n-grams never
    cross a document boundary. Returns a list of (ngram, count) pairs, where ngram is
    a tuple of n tokens, sorted by count (highest first) and, for equal counts, by
    the n-gram itself (ascending); at most k pairs. Raises ValueError if n < 1 or k < 0.
    """
    if n < 1:
        raise ValueError("n must be at least 1")
    if k < 0:
        raise ValueError("k must be non-negative")

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
