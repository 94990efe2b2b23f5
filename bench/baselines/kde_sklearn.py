#!/usr/bin/env python3
"""scikit-learn baseline for the KDE setting (docs/benchmarks.md, "Kernel density estimation").

Times, with scikit-learn's KernelDensity (exact: rtol = atol = 0, default tree algorithm):
  1. scoring 500 test points against N training points (kernel evaluations per second), and
  2. one Accumulate run of moons, n = 1000, h = 0.5, as CollapseLab runs it: fit on the whole pool, score the 500
     real test points, sample n points, append, for T iterations.
Not a CollapseLab dependency: install with `apt-get install python3-sklearn` and run with the system Python,
    /usr/bin/python3 bench/baselines/kde_sklearn.py [--iterations 100] [--n 1000]
"""
import argparse
import os
import platform
import time

import numpy as np
import sklearn
from sklearn.datasets import make_moons
from sklearn.neighbors import KernelDensity


def scoring_rate(n_train, bandwidth=0.5, repeats=3):
    rng = np.random.default_rng(1)
    train = rng.standard_normal((n_train, 2))
    test = rng.standard_normal((500, 2))
    kde = KernelDensity(bandwidth=bandwidth).fit(train)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        kde.score_samples(test)
        best = min(best, time.perf_counter() - start)
    return best, 500 * n_train / best


def accumulate_run(n, iterations, bandwidth=0.5, seed=0):
    rng = np.random.default_rng(seed)
    real, _ = make_moons(n, noise=0.05, random_state=seed)
    test, _ = make_moons(500, noise=0.05, random_state=seed + 1)
    pool = [real]
    nll = []
    start = time.perf_counter()
    for t in range(1, iterations + 1):
        train = np.concatenate(pool)
        kde = KernelDensity(bandwidth=bandwidth).fit(train)
        nll.append(-kde.score_samples(test).mean())
        if t < iterations:
            pool.append(kde.sample(n, random_state=rng.integers(2**31)))
    return time.perf_counter() - start, nll


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--n", type=int, default=1000)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}, "
          f"scikit-learn {sklearn.__version__}, NumPy {np.__version__}")
    for n_train in (1_000, 100_000):
        seconds, rate = scoring_rate(n_train)
        print(f"score_samples, 500 test x {n_train} training points (2-D, h=0.5): {seconds * 1e3:.1f} ms, "
              f"{rate / 1e6:.1f} M kernel evaluations/s")
    seconds, nll = accumulate_run(args.n, args.iterations)
    print(f"accumulate run, moons n={args.n} h=0.5, {args.iterations} iterations: {seconds:.1f} s "
          f"(test_nll t=1 {nll[0]:.4f}, t={args.iterations} {nll[-1]:.4f})")


if __name__ == "__main__":
    main()
