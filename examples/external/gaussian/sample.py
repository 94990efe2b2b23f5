"""Draws n samples from the fitted Gaussian (works for a singular covariance: eigenvalues clipped at 0)."""
import argparse
import json
import os

import numpy as np

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--model", required=True)
parser.add_argument("--n", type=int, required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", type=int, required=True)
args = parser.parse_args()

model = np.load(os.path.join(args.model, "model.npz"))
mean, covariance = model["mean"], model["covariance"]
values, vectors = np.linalg.eigh(covariance)
factor = vectors * np.sqrt(np.clip(values, 0.0, None))  # covariance = factor @ factor.T
z = np.random.default_rng(args.seed).standard_normal((args.n, len(mean)))
x = mean + z @ factor.T
with open(args.out, "w") as f:
    for row in x:
        f.write(json.dumps(row.tolist()) + "\n")
