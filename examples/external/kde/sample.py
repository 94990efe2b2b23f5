"""Draws n samples from scikit-learn's KernelDensity (a training point chosen uniformly plus N(0, h² I))."""
import argparse
import json

import kde_model

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--model", required=True)
parser.add_argument("--n", type=int, required=True)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", type=int, required=True)
args = parser.parse_args()

kde, _ = kde_model.load(args.model)
with open(args.out, "w") as f:
    for row in kde.sample(args.n, random_state=args.seed):
        f.write(json.dumps(row.tolist()) + "\n")
