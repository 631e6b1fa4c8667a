"""The numpy peer of `groundwork bench`: the same operations, sizes and
timing rule (one warm-up call, then the best of several timed batches, each
long enough for the clock's resolution not to matter). Prints numpy's BLAS
configuration on stderr and one JSON object per line on stdout:
{"op", "dtype", "size", "seconds"}.

Usage: ops_numpy.py MATMUL_SIZES ELEMENT_COUNTS REPETITIONS (comma-separated)."""
import json
import sys
import time

import numpy as np


def best_time(f, reps):
    f()
    start = time.perf_counter()
    f()
    once = time.perf_counter() - start
    calls = 1 if once >= 2e-3 else int(2e-3 / max(once, 1e-9)) + 1
    best = float("inf")
    for _ in range(reps):
        start = time.perf_counter()
        for _ in range(calls):
            f()
        best = min(best, (time.perf_counter() - start) / calls)
    return best


def blas_description():
    try:
        from threadpoolctl import threadpool_info
        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                return (f"numpy {np.__version__}: {pool.get('internal_api')} {pool.get('version')}; "
                        f"core {pool.get('architecture')}; {pool.get('num_threads')} threads")
    except ImportError:
        pass
    config = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    return f"numpy {np.__version__}: {config.get('openblas configuration', config.get('name'))}"


def emit(op, dtype, size, seconds):
    print(json.dumps({"op": op, "dtype": dtype, "size": size, "seconds": seconds}), flush=True)


def main():
    sizes = [int(s) for s in sys.argv[1].split(",") if s]
    counts = [int(s) for s in sys.argv[2].split(",") if s]
    reps = int(sys.argv[3])
    print(blas_description(), file=sys.stderr)
    rng = np.random.default_rng(2024)
    for dtype in (np.float32, np.float64):
        for n in sizes:
            a = rng.random((n, n)).astype(dtype)
            b = rng.random((n, n)).astype(dtype)
            emit("matmul", np.dtype(dtype).name, n, best_time(lambda: a @ b, reps))
    for n in counts:
        a = rng.uniform(0.5, 1.5, n).astype(np.float32)
        b = rng.uniform(0.5, 1.5, n).astype(np.float32)
        emit("add", "float32", n, best_time(lambda: a + b, reps))
        emit("mul", "float32", n, best_time(lambda: a * b, reps))
        emit("exp", "float32", n, best_time(lambda: np.exp(a), reps))
        emit("sum", "float32", n, best_time(lambda: a.sum(), reps))


main()
