# Reference inertia for bench/train.mjs: scikit-learn's KMeans (Lloyd, k-means++, n_init=5)
# on exactly the matrix `edgeseg train` builds from the UCI file with
# demo/segments/uci.spec.json: the six page-count and duration columns, log1p, then
# z-scaled with the population deviation. Prints one JSON line per k.
#   /usr/bin/python3 bench/reference/sklearn-kmeans.py DATA.csv 2 10
import csv, gzip, json, sys, time
import numpy as np
import sklearn
from sklearn.cluster import KMeans

COLUMNS = ["Administrative", "Administrative_Duration", "Informational",
           "Informational_Duration", "ProductRelated", "ProductRelated_Duration"]
with (gzip.open if sys.argv[1].endswith(".gz") else open)(sys.argv[1], "rt") as f:
    X = np.log1p(np.maximum(np.array([[float(r[c]) for c in COLUMNS] for r in csv.DictReader(f, delimiter=";")]), 0))
X = (X - X.mean(axis=0)) / X.std(axis=0)
for k in range(int(sys.argv[2]), int(sys.argv[3]) + 1):
    started = time.perf_counter()
    km = KMeans(n_clusters=k, n_init=5, random_state=0, algorithm="lloyd", tol=1e-10, max_iter=300).fit(X)
    print(json.dumps({"k": k, "inertia": float(km.inertia_), "ms": (time.perf_counter() - started) * 1000, "version": sklearn.__version__}))
