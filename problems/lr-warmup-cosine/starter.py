import math


def lr_at(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0):
    # TODO: finish the schedule as the statement describes (and validate the inputs).
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = (step - warmup_steps) / (total_steps - warmup_steps)
    return base_lr * 0.5 * (1.0 + math.cos(math.pi * progress))


def schedule(n_steps, **kwargs):
    return [lr_at(s, **kwargs) for s in range(n_steps)]
