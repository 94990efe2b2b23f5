"""Prints the log-density of every line of a JSONL file under the KDE, one per line (for --curate model-top:Q)."""
import argparse
import json

import numpy as np

import kde_model

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--model", required=True)
parser.add_argument("--samples", required=True)
args = parser.parse_args()

kde, _ = kde_model.load(args.model)
with open(args.samples) as f:
    x = np.array([json.loads(line) for line in f if line.strip()], dtype=float)
for value in kde.score_samples(x):
    print(repr(float(value)))
