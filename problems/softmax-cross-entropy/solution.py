import math


def softmax(logits: list[float]) -> list[float]:
    """Numerically stable softmax: shift by the max so the largest exponent is exp(0)."""
    if not logits:
        raise ValueError("logits must not be empty")
    m = max(logits)
    exps = [math.exp(x - m) for x in logits]  # every term is in [0, 1]
    total = math.fsum(exps)  # >= 1, because the max contributes exp(0)
    return [e / total for e in exps]


def log_sum_exp(logits: list[float]) -> float:
    """log(sum(exp(x))) without overflow: m + log(sum(exp(x - m)))."""
    m = max(logits)
    if math.isinf(m):
        return m  # all -inf (everything masked) or some +inf
    return m + math.log(math.fsum(math.exp(x - m) for x in logits))


def cross_entropy(logits: list[float], target: int) -> float:
    """-log softmax(logits)[target] = log_sum_exp(logits) - logits[target]."""
    if not logits:
        raise ValueError("logits must not be empty")
    if not 0 <= target < len(logits):
        raise IndexError(f"target {target} out of range for {len(logits)} classes")
    return log_sum_exp(logits) - logits[target]
