class RunningStats:
    """Streaming count, mean and variance of a stream of numbers.

    This is the version currently in our metrics library. It is O(1) in memory,
    but users report wrong (sometimes negative) variances on real metrics.
    """

    def __init__(self) -> None:
        self.count = 0
        self._sum = 0.0
        self._sum_sq = 0.0

    def update(self, x: float) -> None:
        self.count += 1
        self._sum += x
        self._sum_sq += x * x

    def mean(self) -> float:
        if self.count == 0:
            raise ValueError("mean of an empty stream")
        return self._sum / self.count

    def variance(self, sample: bool = True) -> float:
        if self.count < (2 if sample else 1):
            raise ValueError("not enough values")
        sq_dev = self._sum_sq - self._sum * self._sum / self.count
        return sq_dev / (self.count - 1 if sample else self.count)

    def merge(self, other: "RunningStats") -> "RunningStats":
        """Return a new accumulator equivalent to having seen both streams."""
        # TODO
        raise NotImplementedError("merge is not implemented yet")
