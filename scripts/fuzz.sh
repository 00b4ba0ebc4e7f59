#!/usr/bin/env bash
# Fuzzes one parser (or `all`, one after another) with libFuzzer:
#   scripts/fuzz.sh TARGET SECONDS [more libFuzzer flags]
#   scripts/fuzz.sh list
#   scripts/fuzz.sh seeds      (rewrites Fuzz/Corpus from the project's encoders)
# Targets are FuzzEntryPoints.names (Sources/ArticleStore/Fuzzing). The build
# lives in .build-fuzz (release, -sanitize=fuzzer,address). New inputs go to
# .build-fuzz/corpus/TARGET, findings to .build-fuzz/findings/TARGET/; copy a
# finding to Fuzz/Regressions/TARGET/ and `swift test` replays it forever.
# Each input may take 1 s and 2 GiB of memory; one malloc, 256 MiB.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: scripts/fuzz.sh TARGET|all|list SECONDS [libFuzzer flags]}"
# FUZZ_CONFIG=debug builds faster and runs slower (CI uses it).
config="${FUZZ_CONFIG:-release}"
scratch=".build-fuzz"
[ "$config" = release ] || scratch=".build-fuzz-$config"
ARTSTORE_FUZZ=1 swift build -c "$config" --scratch-path "$scratch" --product artstore-fuzz \
  -Xswiftc -sanitize=fuzzer,address >&2
binary="$scratch/$config/artstore-fuzz"
targets=$(sed -n '/public static let names = \[/,/\]/p' Sources/ArticleStore/Fuzzing/FuzzEntryPoints.swift \
  | grep -o '"[a-z-]*"' | tr -d '"')
if [ "$target" = list ]; then echo "$targets"; exit 0; fi
if [ "$target" = seeds ]; then
  # Rewrites the committed seed corpora from FuzzEntryPoints.seeds.
  for name in $targets; do
    rm -rf "Fuzz/Corpus/$name"
    ARTSTORE_FUZZ_TARGET="$name" ARTSTORE_FUZZ_WRITE_SEEDS="Fuzz/Corpus/$name" "$binary"
  done
  exit 0
fi
seconds="${2:?give the seconds to fuzz for}"
shift 2
[ "$target" = all ] && run="$targets" || run="$target"

for name in $run; do
  mkdir -p "$scratch/corpus/$name" "$scratch/findings/$name" "Fuzz/Corpus/$name"
  echo "== $name: $seconds s" >&2
  before=$(find "$scratch/findings/$name" -type f | wc -l)
  # Swift's backtracer hung under AddressSanitizer after a finding, so that
  # the run never ended; libFuzzer's own report names the input.
  SWIFT_BACKTRACE=enable=no ARTSTORE_FUZZ_TARGET="$name" "$binary" "$scratch/corpus/$name" "Fuzz/Corpus/$name" \
    -max_total_time="$seconds" -timeout=1 -rss_limit_mb=2048 -malloc_limit_mb=256 \
    -print_final_stats=1 -artifact_prefix="$scratch/findings/$name/" "$@" 2>&1 \
    | tee "$scratch/$name.log" | grep -E "^#[0-9]+[[:space:]]+(INITED|DONE)|stat::number_of_executed_units|ERROR|SUMMARY" || true
  # A new finding (earlier ones stay until copied away): say so and stop.
  if [ "$(find "$scratch/findings/$name" -type f | wc -l)" -gt "$before" ]; then
    echo "findings in $scratch/findings/$name (log: $scratch/$name.log)" >&2
    exit 1
  fi
done
