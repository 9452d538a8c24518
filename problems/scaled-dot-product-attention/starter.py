import math

Matrix = list[list[float]]


def dot(a: list[float], b: list[float]) -> float:
    """Dot product of two vectors of the same length."""
    return sum(x * y for x, y in zip(a, b))


def attention_weights(Q: Matrix, K: Matrix, mask: list[list[bool]] | None = None) -> Matrix:
    """Return softmax(Q K^T / sqrt(d_k)) as an n_q x n_k matrix, row by row.

    mask[i][j] is True if query i may attend to key j. Raises ValueError on
    shape errors.
    """
    # TODO
    raise NotImplementedError("attention_weights is not implemented yet")


def attention(Q: Matrix, K: Matrix, V: Matrix, mask: list[list[bool]] | None = None) -> Matrix:
    """Return softmax(Q K^T / sqrt(d_k)) V as an n_q x d_v matrix."""
    # TODO
    raise NotImplementedError("attention is not implemented yet")
