"""The peer for StatsBenchmark: scipy.stats.bootstrap (percentile and BCa), a
hand-written numpy percentile bootstrap, and scikit-learn's
calibration_curve, on the data StatsBenchmark wrote (so both sides measure the
same values), printed in the same JSON-lines format. Needs numpy, scipy and scikit-learn
(`pip install numpy scipy scikit-learn`), for the benchmark only.

scipy's BCa with its default batch runs out of memory on 1e5 × 2000, so
both scipy methods run with batch=100 resamples at a time.
"""
import json
import sys
import time

import numpy as np
from scipy import stats
from sklearn.calibration import calibration_curve


def best(repeats, body, clock=time.perf_counter):
    body()
    fastest = float("inf")
    for _ in range(repeats):
        start = clock()
        body()
        fastest = min(fastest, clock() - start)
    return fastest


def report(task, n, seconds, interval=None, cpu_seconds=None):
    row = {"task": task, "n": n, "seconds": seconds}
    if cpu_seconds is not None:
        row["cpu_seconds"] = cpu_seconds
    if interval is not None:
        row["lower"], row["upper"] = float(interval[0]), float(interval[1])
    print(json.dumps(row), flush=True)


# The data StatsBenchmark wrote to the folder given as the first argument:
# the same values the Swift side measured.
folder = sys.argv[1]
sample = np.fromfile(f"{folder}/sample.f64", dtype="<f8")
# One timed run each: scipy's BCa alone takes tens of seconds.
# time.thread_time is the CPU time of this thread, as the Swift side's
# one-thread figures are.
for method in ("percentile", "bca"):
    start, cpu = time.perf_counter(), time.thread_time()
    interval = stats.bootstrap(
        (sample,), np.mean, n_resamples=2000, method="BCa" if method == "bca" else method,
        batch=100, random_state=np.random.default_rng(7)).confidence_interval
    report(f"bootstrap-mean-{method}", sample.size, time.perf_counter() - start, interval,
           time.thread_time() - cpu)


def numpy_percentile():
    local = np.random.default_rng(7)
    means = np.empty(2000)
    for b in range(2000):
        means[b] = sample[local.integers(0, sample.size, sample.size)].mean()
    return np.quantile(means, [0.025, 0.975])


interval = numpy_percentile()
start, cpu = time.perf_counter(), time.thread_time()
numpy_percentile()
report("bootstrap-generic-percentile", sample.size, time.perf_counter() - start, interval,
       time.thread_time() - cpu)

confidences = np.fromfile(f"{folder}/confidences.f64", dtype="<f8")
correct = np.fromfile(f"{folder}/correct.u8", dtype=np.uint8).astype(bool)
def curve():
    return calibration_curve(correct, confidences, n_bins=15, strategy="uniform")


report("calibration-uniform-15", confidences.size, best(5, curve),
       cpu_seconds=best(5, curve, clock=time.thread_time))
