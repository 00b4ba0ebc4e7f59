#!/usr/bin/env bash
# Builds the DocC documentation of the library modules with warnings as
# errors (unresolved links, missing symbols, malformed markup), and checks
# that every public symbol has a documentation comment.
#
#   scripts/docs.sh [OUTPUT_DIR]      (default .build/docs)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-.build/docs}"
mkdir -p "$out"
for target in ArticleStore ArticleStoreServer ArticleStoreHTTP ArticleStorePostgres; do
  echo "== $target" >&2
  swift package --allow-writing-to-directory "$out" generate-documentation --target "$target" \
    --warnings-as-errors --output-path "$out/$target" --transform-for-static-hosting \
    --experimental-documentation-coverage --coverage-summary-level brief >"$out/$target.log" 2>&1 || {
    cat "$out/$target.log" >&2
    exit 1
  }
  tail -n 20 "$out/$target.log" >&2
done
