"""Prints the metrics of docs/semantics.md §4.1 for the fitted Gaussian as one JSON object (truth N(0, sigma2 I))."""
import argparse
import json
import os

import numpy as np

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--model", required=True)
parser.add_argument("--test", required=True)
parser.add_argument("--sigma2", type=float, default=1.0)
args = parser.parse_args()

model = np.load(os.path.join(args.model, "model.npz"))
mean, covariance = model["mean"], model["covariance"]
d = len(mean)
with open(args.test) as f:
    test = np.array([json.loads(line) for line in f if line.strip()], dtype=float)
sign, logdet = np.linalg.slogdet(covariance)
if sign > 0:
    centred = test - mean
    mahalanobis = np.einsum("ij,ij->i", centred @ np.linalg.inv(covariance), centred)
    test_nll = float(np.mean(0.5 * (d * np.log(2 * np.pi) + logdet + mahalanobis)))
else:
    test_nll = "Infinity"  # singular covariance: the density is 0 off its support
print(json.dumps({
    "mean_sq_error": float(mean @ mean),
    "cov_trace_ratio": float(np.trace(covariance) / (args.sigma2 * d)),
    "test_nll": test_nll,
}))
