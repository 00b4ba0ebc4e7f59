#!/usr/bin/env python3
"""Baseline near-duplicate detector: exact hash of normalised text.

    scripts/dedup_baseline.py DIR > predicted.json

Every *.txt file in DIR (not recursive) is read as UTF-8 and normalised:
Unicode NFC, lower case, curly quotes made straight, runs of whitespace
collapsed to one space, leading/trailing whitespace dropped. Files whose
normalised text has the same SHA-256 form a cluster. Prints the clusters of
two or more files as JSON, shaped like `artstore dupes --json`:
[{"members": [{"origin": "<file name>", "id": "<hash16 of the raw bytes>"}, ...]}, ...]
Standard library only.
"""

import hashlib
import json
import os
import re
import sys
import unicodedata

QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
})
SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower().translate(QUOTES)
    return SPACE.sub(" ", text).strip()


def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    folder = argv[1]
    groups = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if not name.endswith(".txt") or not os.path.isfile(path):
            continue
        with open(path, "rb") as f:
            raw = f.read()
        key = hashlib.sha256(normalise(raw.decode("utf-8", errors="replace")).encode("utf-8")).hexdigest()
        groups.setdefault(key, []).append({"origin": name, "id": hashlib.sha256(raw).hexdigest()[:16]})
    clusters = [{"members": members} for members in groups.values() if len(members) > 1]
    json.dump(clusters, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
