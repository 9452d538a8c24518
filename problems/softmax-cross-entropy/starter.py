import math


def softmax(logits: list[float]) -> list[float]:
    """Return the softmax probabilities of `logits` (same length, sums to 1).

    Must be numerically stable for logits of large magnitude.
    Raises ValueError if `logits` is empty.
    """
    # TODO
    raise NotImplementedError("softmax is not implemented yet")


def cross_entropy(logits: list[float], target: int) -> float:
    """Return -log(softmax(logits)[target]), computed in a numerically stable way.

    Raises ValueError if `logits` is empty and IndexError if `target` is not
    in range(len(logits)).
    """
    # TODO
    raise NotImplementedError("cross_entropy is not implemented yet")
