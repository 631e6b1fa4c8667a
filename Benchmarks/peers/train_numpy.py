"""The peer for TrainingBenchmark: the same MLPs trained with SGD and
hand-written backpropagation in numpy (float32, same batch sizes), printed
in the same JSON-lines format."""
import json
import time

import numpy as np


def measure(sizes, batch, steps):
    rng = np.random.default_rng(1)
    weights = [rng.uniform(-1 / np.sqrt(a), 1 / np.sqrt(a), (a, b)).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
    biases = [rng.uniform(-1 / np.sqrt(a), 1 / np.sqrt(a), b).astype(np.float32) for a, b in zip(sizes, sizes[1:])]
    x = rng.standard_normal((batch, sizes[0])).astype(np.float32)
    y = rng.integers(0, sizes[-1], batch)
    onehot = np.eye(sizes[-1], dtype=np.float32)[y]

    def step():
        activations = [x]
        for i, (w, b) in enumerate(zip(weights, biases)):
            z = activations[-1] @ w + b
            activations.append(np.maximum(z, 0) if i < len(weights) - 1 else z)
        logits = activations[-1]
        shifted = logits - logits.max(axis=1, keepdims=True)
        p = np.exp(shifted)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) / batch
        for i in reversed(range(len(weights))):
            gw = activations[i].T @ grad
            gb = grad.sum(axis=0)
            if i > 0:
                grad = (grad @ weights[i].T) * (activations[i] > 0)
            weights[i] -= 0.01 * gw
            biases[i] -= 0.01 * gb

    for _ in range(max(3, steps // 20)):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return time.perf_counter() - start


for name, sizes, batch, steps in [("mlp-784-256-10", [784, 256, 10], 128, 200), ("mlp-32-32-2", [32, 32, 2], 8, 2000)]:
    seconds = measure(sizes, batch, steps)
    print(json.dumps({"model": name, "batch": batch, "steps": steps, "seconds": seconds,
                      "steps_per_second": steps / seconds, "microseconds_per_step": seconds / steps * 1e6}))
