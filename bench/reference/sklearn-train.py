# The scikit-learn side of bench/train-vs-sklearn.mjs: the same job `edgeseg train` does
# on the generated million-row CSV, timed by phase, as one JSON line:
#   /usr/bin/python3 bench/reference/sklearn-train.py ROWS.csv N_INIT
# import (numpy, scikit-learn), read (np.loadtxt), scale (StandardScaler: population
# deviation, as edgeseg's z scaling), fit (KMeans: k-means++ with its greedy trials,
# Lloyd, n_init starts, the default tol, labels and inertia of the best). CPU is the
# process's, all threads (scikit-learn's Lloyd runs on OpenMP threads, one per core).
import json, resource, sys, time

t0, c0 = time.perf_counter(), time.process_time()
import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.preprocessing import StandardScaler

t1 = time.perf_counter()
X = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
t2 = time.perf_counter()
Z = StandardScaler().fit_transform(X)
t3 = time.perf_counter()
km = KMeans(n_clusters=8, n_init=int(sys.argv[2]), random_state=0, algorithm="lloyd").fit(Z)
t4 = time.perf_counter()
print(json.dumps({
    "version": sklearn.__version__,
    "importMs": (t1 - t0) * 1000, "readMs": (t2 - t1) * 1000, "scaleMs": (t3 - t2) * 1000, "fitMs": (t4 - t3) * 1000,
    "cpuMs": (time.process_time() - c0) * 1000,
    "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "inertia": float(km.inertia_), "iterations": int(km.n_iter_),
}))
