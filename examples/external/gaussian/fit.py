"""Fits a Gaussian to the training set: the sample mean and the maximum-likelihood (divide by N) covariance."""
import argparse
import json
import os

import numpy as np

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--train", required=True, help="JSONL file, one list of d numbers per line")
parser.add_argument("--model", required=True, help="directory to write model.npz into")
args = parser.parse_args()

with open(args.train) as f:
    x = np.array([json.loads(line) for line in f if line.strip()], dtype=float)  # (N, d)
mean = x.mean(axis=0)
centred = x - mean
covariance = centred.T @ centred / len(x)  # ML estimate, as docs/semantics.md §4.1
np.savez(os.path.join(args.model, "model.npz"), mean=mean, covariance=covariance)
