"""A mergeable latency sketch with a relative-error guarantee (the idea behind DDSketch)."""
import math


class LatencySketch:
    """Quantiles of a stream of non-negative values within a relative error, in bounded memory.

    Values are counted in logarithmic buckets (gamma^(i-1), gamma^i] with
    gamma = (1 + a) / (1 - a); the bucket's representative 2 gamma^i / (gamma + 1) is within a
    relative error a of every value in it, and the order of buckets is the order of values, so the
    bucket holding the rank-k value answers the quantile.
    """

    def __init__(self, relative_accuracy=0.01):
        if not 0 < relative_accuracy < 1:
            raise ValueError("relative_accuracy must be in (0, 1)")
        self.relative_accuracy = relative_accuracy
        self.gamma = (1 + relative_accuracy) / (1 - relative_accuracy)
        self._log_gamma = math.log(self.gamma)
        self.buckets = {}
        self.zeros = 0
        self.count = 0
        self.min = math.inf
        self.max = -math.inf

    def add(self, value):
        if not value >= 0 or value == math.inf:  # also catches NaN
            raise ValueError(f"latency must be a finite non-negative number, got {value!r}")
        if value == 0:
            self.zeros += 1
        else:
            i = math.ceil(math.log(value) / self._log_gamma)
            self.buckets[i] = self.buckets.get(i, 0) + 1
        self.count += 1
        self.min = min(self.min, value)
        self.max = max(self.max, value)

    def quantile(self, q):
        if not 0 <= q <= 1:
            raise ValueError("q must be in [0, 1]")
        if self.count == 0:
            raise ValueError("the sketch is empty")
        rank = max(1, math.ceil(q * self.count))  # nearest rank, 1-based
        if rank == 1:
            return self.min  # the extremes are kept exactly
        if rank == self.count:
            return self.max
        seen = self.zeros
        if rank <= seen:
            return 0.0
        for i in sorted(self.buckets):
            seen += self.buckets[i]
            if seen >= rank:
                estimate = 2 * self.gamma**i / (self.gamma + 1)
                # Clipping to the exact extremes only brings the estimate closer to the truth.
                return min(max(estimate, self.min), self.max)
        return self.max

    def merge(self, other):
        if other.relative_accuracy != self.relative_accuracy:
            raise ValueError("only sketches with the same relative accuracy can be merged")
        for i, n in other.buckets.items():
            self.buckets[i] = self.buckets.get(i, 0) + n
        self.zeros += other.zeros
        self.count += other.count
        self.min = min(self.min, other.min)
        self.max = max(self.max, other.max)
        return self

    def bucket_count(self):
        return len(self.buckets) + (1 if self.zeros else 0)
