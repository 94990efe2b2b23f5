"""Writes scikit-learn's two moons (make_moons) as JSONL, one [x, y] per line."""
import argparse
import json

from sklearn.datasets import make_moons

parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--n", type=int, required=True)
parser.add_argument("--noise", type=float, default=0.05)
parser.add_argument("--seed", type=int, required=True)
parser.add_argument("--out", required=True)
args = parser.parse_args()

x, _ = make_moons(n_samples=args.n, noise=args.noise, random_state=args.seed)
with open(args.out, "w") as f:
    for row in x:
        f.write(json.dumps(row.tolist()) + "\n")
