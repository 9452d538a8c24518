import math
import random

from solution import *


class ScriptedModel:
    """See tests.py: validation loss follows a script, weights record the training step."""

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


OVERFITTING = [5.0, 4.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0]


def _linear_data(seed, n):
    rng = random.Random(seed)
    xs = [rng.uniform(-2.0, 2.0) for _ in range(n)]
    return [(x, 3.0 * x - 1.0 + rng.gauss(0.0, 0.1)) for x in xs]


def _batches(pairs, size):
    return [pairs[i : i + size] for i in range(0, len(pairs), size)]


def test_model_is_left_with_the_best_weights():
    model = ScriptedModel(OVERFITTING, batches_per_epoch=2)
    train(model, [[1.0], [1.0]], [[1.0]], max_epochs=10, patience=3, history=[])
    w = model.state_dict()["w"][0]
    assert w == 6.0, f"after training the model holds the weights of step {w:.0f}, expected step 6 (best epoch)"


def test_best_state_is_a_snapshot():
    model = ScriptedModel(OVERFITTING, batches_per_epoch=1)
    best_state, _ = train(model, [[1.0]], [[1.0]], max_epochs=10, patience=3, history=[])
    assert best_state["w"][0] == 3.0, f"best_state holds step {best_state['w'][0]:.0f}, expected 3"
    model.train_step([1.0])  # keep training: the returned checkpoint must not change
    assert best_state["w"][0] == 3.0, "best_state changed when the model trained further: it is not a copy"


def test_patience_counts_epochs_without_improvement():
    # Best at epoch 2; epochs 3, 4, 5 do not improve; with patience=3 the run stops after epoch 5.
    model = ScriptedModel(OVERFITTING, batches_per_epoch=1)
    _, history = train(model, [[1.0]], [[1.0]], max_epochs=10, patience=3, history=[])
    assert len(history) == 6, f"ran {len(history)} epochs ({history!r}), expected 6 with patience=3"
    model = ScriptedModel(OVERFITTING, batches_per_epoch=1)
    _, history = train(model, [[1.0]], [[1.0]], max_epochs=10, patience=1, history=[])
    assert len(history) == 4, f"ran {len(history)} epochs ({history!r}), expected 4 with patience=1"


def test_min_delta_still_respected():
    # With min_delta=0.5 a drop of 0.25 or exactly 0.5 is not an improvement.
    model = ScriptedModel([4.0, 3.75, 3.5, 2.0, 1.75, 1.5, 1.0], batches_per_epoch=1)
    _, history = train(model, [[1.0]], [[1.0]], max_epochs=7, patience=3, min_delta=0.5, history=[])
    assert len(history) == 7, f"history {history!r}: never 3 bad epochs in a row, all 7 should run"
    model = ScriptedModel([4.0, 3.75, 3.625, 3.5, 1.0], batches_per_epoch=1)
    best_state, history = train(model, [[1.0]], [[1.0]], max_epochs=5, patience=3, min_delta=0.5, history=[])
    assert len(history) == 4, f"history {history!r}: epochs 1-3 are not improvements by more than 0.5"
    assert best_state["w"][0] == 1.0, f"the best epoch is epoch 0 (step 1), got step {best_state['w'][0]:.0f}"


def test_validation_loss_is_the_mean_over_examples():
    # Batches of 3 and 1 examples: mean over the 4 examples is 2.0, mean of batch means is 3.0.
    model = ScriptedModel([1.0, 1.0], batches_per_epoch=1)
    _, history = train(model, [[1.0]], [[1.0, 1.0, 1.0], [5.0]], max_epochs=1, patience=1, history=[])
    assert math.isclose(history[0], 2.0), (
        f"validation loss {history[0]!r}, expected 2.0 (= (1+1+1+5)/4); averaging batch means gives 3.0"
    )


def test_empty_validation_set_raises_value_error():
    try:
        train(ScriptedModel([1.0], 1), [[1.0]], [], max_epochs=1, patience=1, history=[])
    except ValueError:
        return
    except ZeroDivisionError:
        assert False, "an empty validation set should raise ValueError, not ZeroDivisionError"
    assert False, "an empty validation set should raise ValueError"


def test_nan_validation_loss_raises():
    model = ScriptedModel([3.0, 2.0, float("nan"), 1.0, 1.0, 1.0, 1.0, 1.0], batches_per_epoch=1)
    try:
        train(model, [[1.0]], [[1.0]], max_epochs=8, patience=3, history=[])
    except FloatingPointError:
        return
    assert False, "a nan validation loss (diverged training) should raise FloatingPointError"


def test_one_shot_iterator_of_training_batches():
    # A generator is exhausted after one pass. Either train on every batch in every
    # epoch, or refuse the argument with TypeError/ValueError: never train silently on nothing.
    model = ScriptedModel([3.0, 2.0, 1.0, 0.5], batches_per_epoch=3)
    gen = (batch for batch in [[1.0], [1.0], [1.0]])
    try:
        train(model, gen, [[1.0]], max_epochs=4, patience=2, history=[])
    except (TypeError, ValueError):
        return
    assert model.steps == 12, (
        f"{model.steps} training steps for 4 epochs of 3 batches (expected 12): the generator was exhausted"
    )


def test_linear_model_end_to_end():
    model = LinearModel(lr=0.05)
    train_batches = _batches(_linear_data(2, 90), 16)  # last batch has 10 examples
    val_batches = _batches(_linear_data(3, 50), 16)  # last batch has 2 examples
    best_state, history = train(model, train_batches, val_batches, max_epochs=60, patience=4, history=[])
    pairs = [p for batch in val_batches for p in batch]
    best_loss = sum((best_state["w"][0] * x + best_state["b"][0] - y) ** 2 for x, y in pairs) / len(pairs)
    assert math.isclose(best_loss, min(history), rel_tol=1e-9), (
        f"best_state has validation loss {best_loss!r}, but the lowest in history is {min(history)!r}"
    )
    w = model.state_dict()["w"][0]
    assert w == best_state["w"][0], f"the model was left at w={w!r}, best_state has w={best_state['w'][0]!r}"
