#!/usr/bin/env python3
"""Scores predicted duplicate clusters against a labeled near-duplicate set.

    scripts/dedup_eval.py LABELS PREDICTED.json [--by-kind]

LABELS is the labels.json written by `make-corpus neardup`
({"clusters": [[file name, ...], ...]}). PREDICTED.json is a list of
{"members": [{"origin": file name or path, ...}, ...]} (the shape of
`artstore dupes --json` and scripts/dedup_baseline.py). Files that appear in
no predicted cluster count as singletons; members whose origin is not in the
labels are ignored.

Pairwise scores: a pair of files is "predicted" when both are in the same
predicted cluster and "true" when both are in the same label cluster.
precision = |predicted & true| / |predicted| (1 when nothing is predicted),
recall = |predicted & true| / |true|, F1 their harmonic mean. Also counts the
predicted clusters that join files from two or more different label clusters.
Prints one line:
  precision 0.9876 recall 1.0000 F1 0.9937 clusters joining different stories: 0
With --by-kind (labels.json has "kinds"), adds the recall of each variant kind
(share of variants put in a cluster with their story's original) to stderr.
Standard library only.
"""

import json
import os
import sys
from itertools import combinations


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    by_kind = "--by-kind" in argv[1:]
    if len(args) != 2 or "-h" in argv or "--help" in argv:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        labels = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        predicted = json.load(f)
    if isinstance(predicted, dict):  # tolerate {"clusters": [...]}
        predicted = predicted.get("clusters", [])

    label_of = {}
    for i, cluster in enumerate(labels["clusters"]):
        for name in cluster:
            label_of[name] = i

    pred_clusters = []
    seen = set()
    for cluster in predicted:
        names = []
        for m in cluster.get("members", []):
            origin = m.get("origin") if isinstance(m, dict) else m
            if not origin:
                continue
            name = os.path.basename(origin)
            if name in label_of and name not in seen:  # a file counts once
                seen.add(name)
                names.append(name)
        if len(names) > 1:
            pred_clusters.append(names)

    true_pairs = sum(len(c) * (len(c) - 1) // 2 for c in labels["clusters"])
    pred_pairs = 0
    correct = 0
    joining = 0
    cluster_of = {}
    for k, names in enumerate(pred_clusters):
        for n in names:
            cluster_of[n] = k
        pred_pairs += len(names) * (len(names) - 1) // 2
        correct += sum(1 for a, b in combinations(names, 2) if label_of[a] == label_of[b])
        if len({label_of[n] for n in names}) > 1:
            joining += 1

    precision = correct / pred_pairs if pred_pairs else 1.0
    recall = correct / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"precision {precision:.4f} recall {recall:.4f} F1 {f1:.4f} clusters joining different stories: {joining}")

    if by_kind and "kinds" in labels:
        kinds = labels["kinds"]
        stats = {}
        for cluster in labels["clusters"]:
            original = next((n for n in cluster if kinds.get(n) == "original"), None)
            if original is None:
                continue
            for n in cluster:
                if n == original:
                    continue
                kind = kinds.get(n, "?")
                hit = n in cluster_of and cluster_of.get(original) == cluster_of[n]
                s = stats.setdefault(kind, [0, 0])
                s[0] += hit
                s[1] += 1
        # Single kinds first, then combinations; each with found/total.
        for kind in sorted(stats, key=lambda k: ("+" in k, k)):
            found, total = stats[kind]
            print(f"  {kind:<28} {found:4d}/{total:<4d} with their original", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
