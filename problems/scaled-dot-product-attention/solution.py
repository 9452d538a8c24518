import math

Matrix = list[list[float]]


def _check_matrix(m: Matrix, name: str) -> int:
    """Validate a non-empty, non-ragged matrix and return its number of columns."""
    if not m:
        raise ValueError(f"{name} must not be empty")
    cols = len(m[0])
    if cols == 0:
        raise ValueError(f"{name} must have at least one column")
    if any(len(row) != cols for row in m):
        raise ValueError(f"all rows of {name} must have the same length")
    return cols


def attention_weights(Q: Matrix, K: Matrix, mask: list[list[bool]] | None = None) -> Matrix:
    """softmax(Q K^T / sqrt(d_k)) row by row, over the keys each query may attend to."""
    d_k = _check_matrix(Q, "Q")
    if _check_matrix(K, "K") != d_k:
        raise ValueError("Q and K must have the same number of columns")
    n_q, n_k = len(Q), len(K)
    if mask is not None:
        if len(mask) != n_q or any(len(row) != n_k for row in mask):
            raise ValueError(f"mask must have shape {n_q} x {n_k}")

    scale = 1.0 / math.sqrt(d_k)
    weights = []
    for i, q in enumerate(Q):
        allowed = [mask is None or bool(mask[i][j]) for j in range(n_k)]
        scores = [
            math.fsum(a * b for a, b in zip(q, k)) * scale if ok else 0.0
            for k, ok in zip(K, allowed)
        ]
        visible = [s for s, ok in zip(scores, allowed) if ok]
        if not visible:
            # Every key is masked: attend to nothing (a zero row, not nan).
            weights.append([0.0] * n_k)
            continue
        # Shift by the max over the *visible* scores: every exponent is <= 0 and at
        # least one is exactly 0, so nothing overflows and the sum is >= 1.
        m = max(visible)
        exps = [math.exp(s - m) if ok else 0.0 for s, ok in zip(scores, allowed)]
        total = math.fsum(exps)
        weights.append([e / total for e in exps])
    return weights


def attention(Q: Matrix, K: Matrix, V: Matrix, mask: list[list[bool]] | None = None) -> Matrix:
    """Scaled dot-product attention: softmax(Q K^T / sqrt(d_k)) V."""
    d_v = _check_matrix(V, "V")
    if len(V) != len(K):
        raise ValueError("K and V must have the same number of rows")
    weights = attention_weights(Q, K, mask)
    return [
        [math.fsum(w * v[c] for w, v in zip(row, V)) for c in range(d_v)]
        for row in weights
    ]
