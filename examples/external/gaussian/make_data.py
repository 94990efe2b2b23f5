"""Writes n draws of N(0, sigma2 * I_d) as JSONL, one list of d numbers per line (the real or the test data)."""
import argparse
import json

import numpy as np

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--dim", type=int, default=1)
parser.add_argument("--n", type=int, required=True)
parser.add_argument("--sigma2", type=float, default=1.0)
parser.add_argument("--seed", type=int, required=True)
parser.add_argument("--out", required=True)
args = parser.parse_args()

x = np.random.default_rng(args.seed).normal(0.0, np.sqrt(args.sigma2), size=(args.n, args.dim))
with open(args.out, "w") as f:
    for row in x:
        f.write(json.dumps(row.tolist()) + "\n")
