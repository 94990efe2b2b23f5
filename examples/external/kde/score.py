"""Prints test_nll (mean negative log-density of the test points under the KDE) and train_spread (mean per-dimension
biased variance of the training set), the metrics of the built-in kde setting, and test_nll_se, the standard error of
test_nll from the finite test set (what a fixed test file adds to the Monte-Carlo error), as one JSON object."""
import argparse
import json

import numpy as np

import kde_model

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--model", required=True)
parser.add_argument("--test", required=True)
args = parser.parse_args()

kde, points = kde_model.load(args.model)
with open(args.test) as f:
    test = np.array([json.loads(line) for line in f if line.strip()], dtype=float)
log_density = kde.score_samples(test)
print(json.dumps({
    "test_nll": float(-np.mean(log_density)),
    "train_spread": float(np.mean(np.var(points, axis=0))),
    "test_nll_se": float(np.std(log_density, ddof=1) / np.sqrt(len(log_density))),
}))
