"""Fits a Gaussian-kernel KDE with a fixed bandwidth: its model is the training set and the bandwidth.

scikit-learn's KernelDensity.fit only stores the points (in a search tree), so the model directory keeps them and the
sample and score programs build the KernelDensity from them; this program needs numpy only, which keeps it quick.
"""
import argparse
import json
import os

import numpy as np

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--train", required=True)
parser.add_argument("--model", required=True)
parser.add_argument("--bandwidth", type=float, required=True)
args = parser.parse_args()

with open(args.train) as f:
    x = np.array([json.loads(line) for line in f if line.strip()], dtype=float)  # (N, d)
np.savez(os.path.join(args.model, "kde.npz"), points=x, bandwidth=args.bandwidth)
