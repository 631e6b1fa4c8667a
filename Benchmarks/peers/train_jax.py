"""A second peer for TrainingBenchmark: the same MLPs trained with SGD in
JAX on the CPU, the whole step (forward, cross-entropy, gradients, update)
compiled once with jax.jit; float32, same batch sizes, printed in the same
JSON-lines format. Needs `pip install "jax[cpu]"`."""
import json
import time

import jax
import jax.numpy as jnp
import numpy as np


def measure(sizes, batch, steps):
    rng = np.random.default_rng(1)
    params = [(rng.uniform(-1 / np.sqrt(a), 1 / np.sqrt(a), (a, b)).astype(np.float32),
               rng.uniform(-1 / np.sqrt(a), 1 / np.sqrt(a), b).astype(np.float32))
              for a, b in zip(sizes, sizes[1:])]
    params = jax.tree_util.tree_map(jnp.asarray, params)
    x = jnp.asarray(rng.standard_normal((batch, sizes[0])).astype(np.float32))
    y = jnp.asarray(rng.integers(0, sizes[-1], batch))

    def loss(params):
        h = x
        for i, (w, b) in enumerate(params):
            h = h @ w + b
            if i < len(params) - 1:
                h = jnp.maximum(h, 0)
        logp = jax.nn.log_softmax(h, axis=1)
        return -jnp.mean(jnp.take_along_axis(logp, y[:, None], axis=1))

    @jax.jit
    def step(params):
        grads = jax.grad(loss)(params)
        return jax.tree_util.tree_map(lambda p, g: p - 0.01 * g, params, grads)

    for _ in range(max(3, steps // 20)):
        params = step(params)
    jax.block_until_ready(params)
    start = time.perf_counter()
    for _ in range(steps):
        params = step(params)
    jax.block_until_ready(params)
    return time.perf_counter() - start


for name, sizes, batch, steps in [("mlp-784-256-10", [784, 256, 10], 128, 200), ("mlp-32-32-2", [32, 32, 2], 8, 2000)]:
    seconds = measure(sizes, batch, steps)
    print(json.dumps({"model": name, "batch": batch, "steps": steps, "seconds": seconds,
                      "steps_per_second": steps / seconds, "microseconds_per_step": seconds / steps * 1e6}))
