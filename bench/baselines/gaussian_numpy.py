#!/usr/bin/env python3
"""A straightforward numpy implementation of one Gaussian run (the reference study's algorithm), for timing
side by side with `collapse bench gaussian`. Not a product dependency: run with Debian's python3-numpy.

    python3 bench/baselines/gaussian_numpy.py --dim 100 --samples 1000 --iterations 100 --workflow accumulate-subsample
"""
import argparse
import time

import numpy as np


def run(dim, n, iterations, workflow, seed):
    rng = np.random.default_rng(seed)
    pool = [rng.normal(size=(n, dim))]
    test = rng.normal(size=(500, dim))
    for t in range(1, iterations + 1):
        if workflow == "replace":
            train = pool[-1]
        elif workflow == "accumulate":
            train = np.concatenate(pool)
        else:
            everything = np.concatenate(pool)
            train = everything[rng.choice(len(everything), size=n, replace=False)]
        mean = train.mean(axis=0)
        cov = np.cov(train, rowvar=False, bias=True).reshape(dim, dim)
        sign, logdet = np.linalg.slogdet(cov)
        if sign > 0:
            centered = test - mean
            np.mean(np.einsum("ij,ij->i", centered @ np.linalg.inv(cov), centered))
        if t < iterations:
            pool.append(rng.multivariate_normal(mean, cov, size=n, method="eigh"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--samples", type=int, default=1000)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--workflow", default="accumulate-subsample")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    start = time.perf_counter()
    run(args.dim, args.samples, args.iterations, args.workflow, args.seed)
    print(f"numpy: one run, d={args.dim} n={args.samples} {args.workflow}, {args.iterations} iterations: "
          f"{time.perf_counter() - start:.3f} s")


if __name__ == "__main__":
    main()
