"""The fitted model of fit.py as scikit-learn's KernelDensity."""
import os

import numpy as np
from sklearn.neighbors import KernelDensity


def load(model_directory):
    """(KernelDensity fitted to the training points, the training points)."""
    model = np.load(os.path.join(model_directory, "kde.npz"))
    points = model["points"]
    return KernelDensity(kernel="gaussian", bandwidth=float(model["bandwidth"])).fit(points), points
