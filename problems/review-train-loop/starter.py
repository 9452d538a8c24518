"""Training loop with early stopping, shared by our hyperparameter sweeps."""
import copy


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


def train(model, train_batches, val_batches, max_epochs=100, patience=3, min_delta=0.0, history=[]):
    """Train `model` with early stopping on the validation loss.

    Every epoch runs model.train_step on each training batch, then computes the
    validation loss (the mean loss over all validation examples). Training stops
    once the validation loss has not improved by more than `min_delta` for
    `patience` consecutive epochs, or after `max_epochs` epochs. The model ends up
    with the weights of its best epoch.

    Returns (best_state, history): the state with the lowest validation loss and
    the list of validation losses, one per epoch run.
    """
    best_loss = float("inf")
    best_state = None
    bad_epochs = 0
    for epoch in range(max_epochs):
        for batch in train_batches:
            model.train_step(batch)
        val_loss = sum(model.loss(batch) for batch in val_batches) / len(val_batches)
        history.append(val_loss)
        if val_loss < best_loss - min_delta:
            best_loss = val_loss
            best_state = model.state_dict()
            bad_epochs = 0
        else:
            bad_epochs += 1
            if bad_epochs > patience:
                print(f"Early stopping at epoch {epoch}")
                break
    return best_state, history
