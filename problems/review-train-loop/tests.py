import math
import random

from solution import *


class ScriptedModel:
    """A fake model whose validation loss follows a script, one value per epoch.

    Its weights record how many training steps produced them, so a state can be
    traced back to its epoch. A validation batch is a list of numbers; loss(batch)
    is script[epoch] times the batch mean. state_dict() returns the live
    parameters, like LinearModel and torch.
    """

    def __init__(self, script, batches_per_epoch):
        self.script = list(script)
        self.batches_per_epoch = batches_per_epoch
        self.steps = 0
        self.params = {"w": [0.0], "b": [0.0]}

    def train_step(self, batch):
        self.steps += 1
        self.params["w"][0] = float(self.steps)

    def loss(self, batch):
        epoch = self.steps // self.batches_per_epoch - 1
        return self.script[epoch] * sum(batch) / len(batch)

    def state_dict(self):
        return self.params

    def load_state_dict(self, state):
        self.params = {k: list(v) for k, v in state.items()}


def _linear_data(seed, n):
    rng = random.Random(seed)
    xs = [rng.uniform(-2.0, 2.0) for _ in range(n)]
    return [(x, 3.0 * x - 1.0 + rng.gauss(0.0, 0.1)) for x in xs]


def _batches(pairs, size):
    return [pairs[i : i + size] for i in range(0, len(pairs), size)]


def test_linear_model_learns():
    model = LinearModel(lr=0.05)
    train_batches = _batches(_linear_data(0, 64), 8)
    val_batches = _batches(_linear_data(1, 32), 8)
    best_state, history = train(model, train_batches, val_batches, max_epochs=30, patience=3, history=[])
    assert 1 <= len(history) <= 30, f"history has {len(history)} entries for max_epochs=30"
    assert history[-1] < history[0] / 10, f"validation loss barely moved: {history[0]!r} -> {history[-1]!r}"
    assert math.isclose(best_state["w"][0], 3.0, abs_tol=0.2), f"w = {best_state['w'][0]!r}, expected about 3"
    assert math.isclose(best_state["b"][0], -1.0, abs_tol=0.2), f"b = {best_state['b'][0]!r}, expected about -1"


def test_history_has_one_loss_per_epoch():
    model = ScriptedModel([5.0, 4.0, 3.0, 2.0, 1.0], batches_per_epoch=2)
    _, history = train(model, [[1.0], [1.0]], [[1.0, 1.0]], max_epochs=5, patience=2, history=[])
    assert history == [5.0, 4.0, 3.0, 2.0, 1.0], f"history {history!r}, expected [5.0, 4.0, 3.0, 2.0, 1.0]"


def test_returns_the_best_epoch_not_the_last():
    # Validation loss is lowest after epoch 2 (0-based), then gets worse: overfitting.
    model = ScriptedModel([5.0, 4.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0], batches_per_epoch=2)
    best_state, _ = train(model, [[1.0], [1.0]], [[1.0]], max_epochs=8, patience=3, history=[])
    assert best_state["w"][0] == 6.0, (
        f"best_state comes from training step {best_state['w'][0]:.0f}, "
        "but the best epoch (validation loss 1.0) ended at step 6"
    )


def test_two_runs_do_not_share_history():
    # Sweeps call train() many times without passing `history`.
    _, first = train(ScriptedModel([3.0, 2.0, 1.0], 1), [[1.0]], [[1.0]], max_epochs=3, patience=2)
    _, second = train(ScriptedModel([3.0, 2.0, 1.0], 1), [[1.0]], [[1.0]], max_epochs=3, patience=2)
    assert second == [3.0, 2.0, 1.0], f"the second run's history is {second!r}: it kept entries of earlier runs"
    assert first == [3.0, 2.0, 1.0], f"the first run's history changed to {first!r} after a second run"
