import math


def _validate(step, base_lr, warmup_steps, total_steps, min_lr):
    if step < 0:
        raise ValueError("step must not be negative")
    if base_lr <= 0:
        raise ValueError("base_lr must be positive")
    if min_lr < 0 or min_lr > base_lr:
        raise ValueError("min_lr must be between 0 and base_lr")
    if warmup_steps < 0:
        raise ValueError("warmup_steps must not be negative")
    if total_steps < warmup_steps:
        raise ValueError("total_steps must be at least warmup_steps")


def lr_at(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    """Linear warm-up to base_lr, cosine decay to min_lr at total_steps, then flat."""
    _validate(step, base_lr, warmup_steps, total_steps, min_lr)
    if step < warmup_steps:
        return base_lr * (step + 1) / warmup_steps
    if step >= total_steps:
        return float(min_lr)
    # total_steps > warmup_steps here, so the division is safe.
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * 0.5 * (1.0 + math.cos(math.pi * progress))


def schedule(n_steps, **kwargs):
    return [lr_at(s, **kwargs) for s in range(n_steps)]
