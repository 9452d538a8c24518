class RunningStats:
    """Streaming count, mean and variance in O(1) memory (Welford's algorithm),
    mergeable across shards (Chan et al.'s parallel formula)."""

    def __init__(self) -> None:
        self.count = 0
        self._mean = 0.0
        self._m2 = 0.0  # sum of squared deviations from the current mean

    def update(self, x: float) -> None:
        self.count += 1
        delta = x - self._mean
        self._mean += delta / self.count
        # delta * (x - new mean) = delta^2 * (n - 1) / n >= 0: M2 can never go negative.
        self._m2 += delta * (x - self._mean)

    def mean(self) -> float:
        if self.count == 0:
            raise ValueError("mean of an empty stream")
        return float(self._mean)

    def variance(self, sample: bool = True) -> float:
        if sample:
            if self.count < 2:
                raise ValueError("sample variance needs at least two values")
            return self._m2 / (self.count - 1)
        if self.count == 0:
            raise ValueError("variance of an empty stream")
        return self._m2 / self.count

    def merge(self, other: "RunningStats") -> "RunningStats":
        """A new accumulator equivalent to having seen both streams; neither operand changes."""
        result = RunningStats()
        n = self.count + other.count
        if n == 0:
            return result
        delta = other._mean - self._mean
        result.count = n
        # Weighted by the other side's share; exact when either side is empty.
        result._mean = self._mean + delta * (other.count / n)
        result._m2 = self._m2 + other._m2 + delta * delta * (self.count * other.count / n)
        return result
