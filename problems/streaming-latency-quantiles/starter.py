"""A mergeable latency sketch with a relative-error guarantee (the idea behind DDSketch)."""
import bisect
import math


class LatencySketch:
    """Quantiles of a stream of non-negative values.

    The first version keeps every value, sorted. It is exact, but each host sends its sketch to
    the aggregator every ten seconds, and at 5,000 requests per second that is far too big.
    """

    def __init__(self, relative_accuracy=0.01):
        self.relative_accuracy = relative_accuracy
        self.values = []
        self.count = 0
        self.min = math.inf
        self.max = -math.inf

    def add(self, value):
        bisect.insort(self.values, value)
        self.count += 1
        self.min = min(self.min, value)
        self.max = max(self.max, value)

    def quantile(self, q):
        rank = max(1, math.ceil(q * self.count))
        return self.values[rank - 1]

    def merge(self, other):
        for v in other.values:
            self.add(v)
        return self

    def bucket_count(self):
        return len(self.values)
