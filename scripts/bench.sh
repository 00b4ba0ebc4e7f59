#!/usr/bin/env bash
# Benchmarks for artstore on a synthetic news corpus (Benchmarks/MakeCorpus).
#
#   scripts/bench.sh [--n N] [--peers] [--search-runs R] [--no-build] [--keep]
#   scripts/bench.sh --dedup [--n N] [--stories S] [--no-build]
#   scripts/bench.sh --web [--n N] [--no-build]   (the web view under wrk: scripts/bench_web.sh)
#   scripts/bench.sh --hub [--n N] [--no-build]   (SQLite and PostgreSQL hubs: scripts/bench_hub.sh)
#
# Workloads (all on a warm page cache, wall-clock seconds):
#   1. fresh import of N articles into an empty store      -> articles/s
#   2. re-import of the same corpus (everything duplicate)  -> articles/s
#   3. import of the revised corpus (10% of articles edited) -> articles/s
#   4. export of the store                                   -> articles/s
#   5. search latency (CLI round trip, --json)               -> median ms
#   6. verify                                                -> s
#   7. peak RSS of the fresh import, store size on disk
# With --peers the same run also measures a floor (cat + sha256sum of every
# file), git (add+commit, fast-import, gc, fsck) and fossil (addremove+commit)
# on the same corpora, and prints our/peer ratios.
#
# Ends with a markdown table of all figures.
#
# With --dedup the run measures near-duplicate detection instead (and only):
#   1. quality on a labeled set (make-corpus neardup: S stories, 6 variants
#      each, plus pairs of different stories sharing one site footer):
#      pairwise precision / recall / F1 of `artstore dupes` and of a baseline
#      (exact hash of normalised text, scripts/dedup_baseline.py), scored by
#      scripts/dedup_eval.py, and the clusters joining different stories
#   2. import of the N-article corpus with the near-duplicate index (default)
#      and without it (--near-duplicates off), alternating, twice each; the
#      faster of each pair of runs gives the overhead
#   3. reindex of that store (every signature recomputed, candidates looked
#      up, index and links rebuilt)                          -> articles/s
#   4. signatures + candidate lookup on one thread (`artstore dupes --of`)
#      against that store: 20,000 new texts (make-corpus bench --seed 9), and
#      20,000 texts it holds (found, so verified)             -> texts/s
#      and the baseline script over the same new texts
# Needs python3.
#
# Environment:
#   BENCH_DIR          work directory (default /tmp/artstore-bench)
#   ARTSTORE_BIN       use this artstore binary instead of building one
#   MAKE_CORPUS_BIN    use this make-corpus binary instead of building one
#
# Note: ext4 allocates inodes slowly for a few minutes after a mass deletion,
# so the export directory and peer work trees are removed at the end of a run
# (not right before a timed step). Use --keep to leave everything in place.

set -euo pipefail

N=100000
PEERS=0
BUILD=1
KEEP=0
SEARCH_RUNS=20
SEED=1
REVISE_RATE=0.1
REVISE_SEED=2
DEDUP=0
SYNC=0
HUB=0
WEB=0
ND_STORIES=300
ND_SEED=3
ND_PAIRS=20
PROBE_N=20000
PROBE_SEED=9

usage() {
    sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'
    cat <<'EOF'
Options:
  --n N              number of articles (default 100000)
  --peers            also benchmark the floor, git and fossil
  --search-runs R    timed runs per search query (default 20)
  --no-build         do not run swift build (use existing release binaries)
  --keep             keep the export and peer directories afterwards
  --dedup            near-duplicate workloads only (see above)
  --stories S        stories in the labeled near-duplicate set (default 300)
  --web              the web view under load only (scripts/bench_web.sh; needs wrk)
  --sync             sync workloads only, over HTTP (scripts/bench_sync.sh); with --peers also git and fossil
  --hub              the SQLite hub against PostgreSQL hubs of 1 and 2 servers (scripts/bench_hub.sh; needs postgresql, hyperfine)
EOF
}

while (($#)); do
    case "$1" in
        --n) N="${2:?--n needs a value}"; shift 2 ;;
        --n=*) N="${1#--n=}"; shift ;;
        --peers) PEERS=1; shift ;;
        --search-runs) SEARCH_RUNS="${2:?--search-runs needs a value}"; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        --keep) KEEP=1; shift ;;
        --dedup) DEDUP=1; shift ;;
        --stories) ND_STORIES="${2:?--stories needs a value}"; shift 2 ;;
        --sync) SYNC=1; shift ;;
        --hub) HUB=1; shift ;;
        --web) WEB=1; shift ;;
        -h | --help) usage; exit 0 ;;
        *) echo "bench: unknown argument: $1" >&2; usage >&2; exit 2 ;;
    esac
done
[[ "$N" =~ ^[0-9]+$ ]] && ((N > 0)) || { echo "bench: --n must be a positive integer" >&2; exit 2; }
[[ "$SEARCH_RUNS" =~ ^[0-9]+$ ]] && ((SEARCH_RUNS > 0)) || { echo "bench: --search-runs must be positive" >&2; exit 2; }
[[ "$ND_STORIES" =~ ^[0-9]+$ ]] && ((ND_STORIES > 0)) || { echo "bench: --stories must be a positive integer" >&2; exit 2; }
if ((DEDUP && PEERS)); then echo "bench: --peers is ignored with --dedup" >&2; PEERS=0; fi
if ((DEDUP)) && ! command -v python3 >/dev/null 2>&1; then echo "bench: --dedup needs python3" >&2; exit 2; fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/artstore-bench}"
CORPUS="$WORK/corpus"
REVISED="$WORK/revised"
STORE="$WORK/store"
EXPORT="$WORK/export"
PEERDIR="$WORK/peers"
LOGS="$WORK/logs"
mkdir -p "$WORK" "$LOGS"

# ---------------------------------------------------------------- helpers

log() { printf '%s\n' "$*" >&2; }
die() { log "bench: $*"; exit 1; }

# Arithmetic and formatting via awk (no bc needed).
calc() { awk "BEGIN { printf \"%.6f\", $* }"; }
fmt1() { awk -v x="$1" 'BEGIN { printf "%.1f", x }'; }
fmt2() { awk -v x="$1" 'BEGIN { printf "%.2f", x }'; }
fmt0() { awk -v x="$1" 'BEGIN { printf "%.0f", x }'; }
per_sec() { awk -v n="$1" -v t="$2" 'BEGIN { if (t > 0) printf "%.0f", n / t; else print "inf" }'; }
mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1048576 }'; }
rss_mb() { awk -v k="$1" 'BEGIN { if (k > 0) printf "%.1f MiB", k / 1024; else print "n/a (no GNU time)" }'; }

# Wall clock in seconds with sub-millisecond resolution.
if [[ "$(date +%N)" =~ ^[0-9]+$ ]]; then
    now() { date +%s.%N; }
else
    now() { perl -MTime::HiRes=time -e 'printf "%.6f\n", time'; }
fi

# GNU time for peak RSS, if usable.
HAVE_GNU_TIME=0
if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%M' -o /dev/null true 2>/dev/null; then
    HAVE_GNU_TIME=1
fi

# timed LABEL CMD...   Runs CMD with stdout/stderr in $LOGS/LABEL.{out,err}.
# Sets T (wall seconds) and RSS_KB (peak resident set, 0 if unknown).
T=0
RSS_KB=0
timed() {
    local label="$1"
    shift
    local out="$LOGS/$label.out" err="$LOGS/$label.err" tf="$LOGS/$label.time"
    local start end status=0
    start=$(now)
    if ((HAVE_GNU_TIME)); then
        /usr/bin/time -f '%M' -o "$tf" "$@" >"$out" 2>"$err" || status=$?
    else
        "$@" >"$out" 2>"$err" || status=$?
    fi
    end=$(now)
    T=$(calc "$end - $start")
    RSS_KB=0
    if ((HAVE_GNU_TIME)) && [[ -s "$tf" ]]; then RSS_KB=$(tail -n 1 "$tf"); fi
    [[ "$RSS_KB" =~ ^[0-9]+$ ]] || RSS_KB=0
    if ((status != 0)); then
        log "bench: '$label' failed (exit $status): $*"
        tail -n 20 "$err" >&2 || true
        exit 1
    fi
}

# timed_sh LABEL 'shell pipeline'
timed_sh() {
    local label="$1"
    shift
    timed "$label" bash -c "set -euo pipefail; $1"
}

count_txt() { find "$1" -maxdepth 1 -type f -name '*.txt' 2>/dev/null | wc -l | tr -d ' '; }
dir_bytes() { du -sb "$1" 2>/dev/null | cut -f1; }

# ratio_line LABEL OURS_SECONDS PEER_SECONDS
ratio_line() {
    awk -v l="$1" -v a="$2" -v b="$3" 'BEGIN {
        if (a <= 0 || b <= 0) { printf "%s: n/a\n", l; exit }
        if (b >= a) printf "%s: %.1fx faster\n", l, b / a
        else printf "%s: %.1fx slower\n", l, a / b }'
}

# Markdown table rows, filled as figures come in.
declare -A CELL=()
ROWS=()
row() { ROWS+=("$1"); CELL["$1|label"]="$2"; }
cell() { CELL["$1|$2"]="$3"; }

row fresh "fresh import"
row fastimport "fresh import (git fast-import)"
row reimport "re-import (all duplicates)"
row revised "import revised corpus (10% edited)"
row export "export"
row search "search latency (median / p90)"
row verify "verify / fsck"
row rss "peak RSS, fresh import"
row size "size on disk (after all imports)"
row size1 "size on disk (after fresh import)"

# ---------------------------------------------------------------- build

cd "$ROOT"
if [[ -n "${ARTSTORE_BIN:-}" && -n "${MAKE_CORPUS_BIN:-}" ]]; then
    BUILD=0
fi
if ((BUILD)); then
    log "building (release)..."
    swift build -c release --product artstore >&2
    swift build -c release --product make-corpus >&2
fi
ARTSTORE="${ARTSTORE_BIN:-$ROOT/.build/release/artstore}"
MAKE_CORPUS="${MAKE_CORPUS_BIN:-$ROOT/.build/release/make-corpus}"
[[ -x "$ARTSTORE" ]] || die "artstore binary not found at $ARTSTORE (build it or set ARTSTORE_BIN)"
[[ -x "$MAKE_CORPUS" ]] || die "make-corpus binary not found at $MAKE_CORPUS (build it or set MAKE_CORPUS_BIN)"
if ((WEB)); then
    ARTSTORE_BIN="$ARTSTORE" MAKE_CORPUS_BIN="$MAKE_CORPUS" BENCH_DIR="$WORK" exec "$ROOT/scripts/bench_web.sh" --n "$N"
fi
if ((HUB)); then
    ARTSTORE_BIN="$ARTSTORE" MAKE_CORPUS_BIN="$MAKE_CORPUS" BENCH_DIR="$WORK" exec "$ROOT/scripts/bench_hub.sh" --n "$N"
fi
if ((SYNC)); then
    peers=()
    ((PEERS)) && peers=(--peers)
    ARTSTORE_BIN="$ARTSTORE" MAKE_CORPUS_BIN="$MAKE_CORPUS" BENCH_DIR="$WORK" \
        exec "$ROOT/scripts/bench_sync.sh" --n "$N" "${peers[@]}"
fi

# Leftovers from an earlier --keep run are removed now, well before any
# timed step writes many files (see the ext4 note above).
rm -rf "$EXPORT" "$PEERDIR" "$STORE"

# ---------------------------------------------------------------- corpus

CORPUS_STAMP="n=$N seed=$SEED"
REVISED_STAMP="$CORPUS_STAMP rate=$REVISE_RATE seed=$REVISE_SEED"
if [[ "$(count_txt "$CORPUS")" == "$N" && "$(cat "$WORK/corpus.stamp" 2>/dev/null)" == "$CORPUS_STAMP" ]]; then
    log "re-using corpus $CORPUS ($N articles)"
else
    log "generating corpus: $N articles..."
    rm -rf "$CORPUS" "$REVISED" "$WORK/corpus.stamp" "$WORK/revised.stamp"
    timed make-corpus "$MAKE_CORPUS" bench --out "$CORPUS" --n "$N" --seed "$SEED"
    log "  $(cat "$LOGS/make-corpus.err") [$(fmt2 "$T") s]"
    echo "$CORPUS_STAMP" >"$WORK/corpus.stamp"
fi
if ((DEDUP)); then
    : # the near-duplicate workloads do not use the revised corpus
elif [[ "$(count_txt "$REVISED")" == "$N" && "$(cat "$WORK/revised.stamp" 2>/dev/null)" == "$REVISED_STAMP" ]]; then
    log "re-using revised corpus $REVISED"
else
    log "generating revised corpus (rate $REVISE_RATE)..."
    rm -rf "$REVISED"
    timed make-corpus-revise "$MAKE_CORPUS" revise --src "$CORPUS" --out "$REVISED" \
        --rate "$REVISE_RATE" --seed "$REVISE_SEED"
    log "  $(cat "$LOGS/make-corpus-revise.err")"
    echo "$REVISED_STAMP" >"$WORK/revised.stamp"
fi
CORPUS_BYTES=$(find "$CORPUS" -maxdepth 1 -type f -name '*.txt' -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
EDITED=0
if ((DEDUP == 0)); then
    EDITED=$(comm -13 <(find "$CORPUS" -maxdepth 1 -name '*.txt' -printf '%f\n' | sort) \
        <(find "$REVISED" -maxdepth 1 -name '*.txt' -printf '%f\n' | sort) | wc -l | tr -d ' ')
fi

echo "# artstore benchmark"
echo "date: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), host: $(uname -sm), cpus: $(nproc 2>/dev/null || echo '?')"
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)
[[ -n "$cpu" ]] && echo "cpu: $cpu"
if ((DEDUP)); then
    echo "corpus: $N articles, $(mb "$CORPUS_BYTES") MiB ($CORPUS_BYTES bytes)"
else
    echo "corpus: $N articles, $(mb "$CORPUS_BYTES") MiB ($CORPUS_BYTES bytes); revised: $EDITED articles edited"
fi
echo "work dir: $WORK (logs in $LOGS)"
echo

# ---------------------------------------------------------------- near-duplicates (--dedup)

# eval_fields LINE -> "precision P recall R F1 F joined: J" from a dedup_eval.py line.
eval_fields() {
    awk '{ printf "precision %s recall %s F1 %s joined: %s", $2, $4, $6, $NF }' <<<"$1"
}

run_dedup() {
    local nd="$WORK/neardup" nd_store="$WORK/neardup-store"
    local s1="$WORK/store-index" s2="$WORK/store-noindex" probe="$WORK/probe-off"
    rm -rf "$nd" "$nd_store" "$s1" "$s2" "$probe"

    # 1. quality on the labeled set
    timed make-corpus-neardup "$MAKE_CORPUS" neardup --out "$nd" --stories "$ND_STORIES" --seed "$ND_SEED" \
        --footer-only-pairs "$ND_PAIRS" --sentence-footer-pairs "$ND_PAIRS"
    log "  $(cat "$LOGS/make-corpus-neardup.err")"
    local nd_files
    nd_files=$(count_txt "$nd")
    echo "labeled set: $nd_files files, $ND_STORIES stories x (1 + 6 variants), $ND_PAIRS pairs of different" \
        "stories sharing only a footer and $ND_PAIRS sharing a footer and one sentence (make-corpus neardup --seed $ND_SEED)"

    timed neardup-import "$ARTSTORE" import --store "$nd_store" "$nd"
    timed neardup-dupes "$ARTSTORE" dupes --json --store "$nd_store"
    cp "$LOGS/neardup-dupes.out" "$LOGS/neardup-artstore.json"
    local q_ours q_base
    q_ours=$(python3 "$ROOT/scripts/dedup_eval.py" "$nd/labels.json" "$LOGS/neardup-artstore.json" --by-kind \
        2>"$LOGS/neardup-artstore-kinds.txt") || die "dedup_eval.py failed on the artstore clusters"
    echo "near-duplicates (artstore): $(eval_fields "$q_ours")"
    # Variant kinds that were not always found (details in the log).
    awk '{ split($2, a, "/"); if (a[1] != a[2]) printf "  missed: %s %s\n", $1, $2 }' \
        "$LOGS/neardup-artstore-kinds.txt"

    timed neardup-baseline python3 "$ROOT/scripts/dedup_baseline.py" "$nd"
    cp "$LOGS/neardup-baseline.out" "$LOGS/neardup-baseline.json"
    q_base=$(python3 "$ROOT/scripts/dedup_eval.py" "$nd/labels.json" "$LOGS/neardup-baseline.json" --by-kind \
        2>"$LOGS/neardup-baseline-kinds.txt") || die "dedup_eval.py failed on the baseline clusters"
    echo "near-duplicates (baseline, exact normalised hash): $(eval_fields "$q_base")"

    # 2. import speed with and without the near-duplicate index. The corpus
    # is read once first so that neither import pays for a cold page cache.
    find "$CORPUS" -maxdepth 1 -type f -name '*.txt' -print0 | xargs -0 cat >/dev/null
    local off_ok=1 off_msg=""
    mkdir -p "$probe/in"
    cp "$(find "$nd" -maxdepth 1 -name '*.txt' | sort | head -n 1)" "$probe/in/"
    if ! "$ARTSTORE" import --near-duplicates off --store "$probe/store" "$probe/in" \
        >"$LOGS/probe-off.out" 2>"$LOGS/probe-off.err"; then
        off_ok=0
        off_msg=$(grep -m1 -i 'error' "$LOGS/probe-off.err" || head -n 1 "$LOGS/probe-off.err")
    fi
    rm -rf "$probe"

    # Two rounds of one import with the index and one without, alternating,
    # each into a new store after earlier writes are flushed (sync). The
    # faster run of each counts, since noise here only ever adds time; all
    # runs are printed.
    local t_on="" rss_on=0 t_off="" rss_off=0 runs_on="" runs_off="" round
    for round in 1 2; do
        rm -rf "$s1" && sync
        timed import-index "$ARTSTORE" import --store "$s1" "$CORPUS"
        runs_on+="${runs_on:+, }$(fmt2 "$T")"
        t_on=$(awk -v a="${t_on:-$T}" -v b="$T" 'BEGIN { print (b < a ? b : a) }')
        ((RSS_KB > rss_on)) && rss_on=$RSS_KB
        if ((off_ok)); then
            rm -rf "$s2" && sync
            timed import-noindex "$ARTSTORE" import --near-duplicates off --store "$s2" "$CORPUS"
            runs_off+="${runs_off:+, }$(fmt2 "$T")"
            t_off=$(awk -v a="${t_off:-$T}" -v b="$T" 'BEGIN { print (b < a ? b : a) }')
            ((RSS_KB > rss_off)) && rss_off=$RSS_KB
        fi
    done
    if ((off_ok)); then
        local overhead
        overhead=$(awk -v a="$t_on" -v b="$t_off" 'BEGIN { printf "%+.0f%%", (a / b - 1) * 100 }')
        echo "import with index: $(fmt1 "$t_on") s, without: $(fmt1 "$t_off") s, $overhead" \
            "($(per_sec "$N" "$t_on") vs $(per_sec "$N" "$t_off") articles/s; runs with: $runs_on s, without: $runs_off s)"
    else
        echo "import with index: $(fmt1 "$t_on") s ($(per_sec "$N" "$t_on") articles/s; runs: $runs_on s)," \
            "without: unavailable (this artstore rejects --near-duplicates off: ${off_msg:-exit status non-zero})"
    fi

    # 3. signatures + candidate lookup + index/link rebuild
    timed reindex "$ARTSTORE" reindex --store "$s1"
    local t_reindex=$T
    echo "reindex ($N articles: signatures, candidate lookup, index and links): $(fmt2 "$t_reindex") s," \
        "$(per_sec "$N" "$t_reindex") articles/s"
    echo "peak RSS: import with index $(rss_mb "$rss_on")$( ((off_ok)) && echo ", without $(rss_mb "$rss_off")")"

    # 4. signatures + candidate lookup on one thread against the N-article
    # store (`dupes --of` times only that part, not reading the files):
    # texts the store has never seen, and texts it holds (each candidate
    # found is verified, which decompresses the stored text). The baseline's
    # figure is the whole script over the same new texts.
    local fresh="$WORK/probe-new" held="$WORK/probe-held"
    rm -rf "$fresh" "$held"
    timed make-corpus-probe "$MAKE_CORPUS" bench --out "$fresh" --n "$PROBE_N" --seed "$PROBE_SEED"
    mkdir -p "$held"
    # (awk, not head: head's early exit would fail the pipeline under pipefail)
    find "$CORPUS" -maxdepth 1 -name '*.txt' | sort | awk -v n="$PROBE_N" 'NR <= n' | xargs ln -s -t "$held"
    timed lookup-new "$ARTSTORE" dupes --store "$s1" --of "$fresh"
    local rate_new rate_held
    rate_new=$(sed -n 's/.*s (\([0-9]*\) texts\/s.*/\1/p' "$LOGS/lookup-new.err")
    timed lookup-held "$ARTSTORE" dupes --store "$s1" --of "$held"
    rate_held=$(sed -n 's/.*s (\([0-9]*\) texts\/s.*/\1/p' "$LOGS/lookup-held.err")
    timed lookup-baseline python3 "$ROOT/scripts/dedup_baseline.py" "$fresh"
    local rate_base
    rate_base=$(per_sec "$PROBE_N" "$T")
    echo "signatures + lookup, one thread: ${rate_new:-?} new texts/s, ${rate_held:-?} stored texts/s" \
        "($PROBE_N each); baseline script: $rate_base texts/s"

    echo
    echo "## summary (near-duplicates; labeled set $nd_files files; corpus $N articles, $(mb "$CORPUS_BYTES") MiB)"
    echo
    echo "| Workload | artstore | baseline (exact normalised hash) |"
    echo "|---|---|---|"
    pr() { awk '{ printf "%s / %s / %s", $2, $4, $6 }' <<<"$1"; }
    echo "| near-duplicates: precision / recall / F1 | $(pr "$q_ours") | $(pr "$q_base") |"
    echo "| clusters joining different stories | $(awk '{ print $NF }' <<<"$q_ours") | $(awk '{ print $NF }' <<<"$q_base") |"
    echo "| import, near-duplicate index on (faster of $runs_on s) | $(fmt2 "$t_on") s ($(per_sec "$N" "$t_on")/s) | – |"
    if ((off_ok)); then
        echo "| import, index off (faster of $runs_off s) | $(fmt2 "$t_off") s ($(per_sec "$N" "$t_off")/s) | – |"
        echo "| index overhead on import | $(awk -v a="$t_on" -v b="$t_off" 'BEGIN { printf "%+.0f%%", (a / b - 1) * 100 }') | – |"
    else
        echo "| import, index off | unavailable | – |"
    fi
    echo "| reindex (signature + lookup + rebuild) | $(fmt2 "$t_reindex") s ($(per_sec "$N" "$t_reindex")/s) | – |"
    echo "| signatures + lookup, new texts (one thread) | ${rate_new:-?}/s | $rate_base/s (whole script) |"
    echo "| signatures + lookup + verification, stored texts | ${rate_held:-?}/s | – |"
    echo "| peak RSS, import with index | $(rss_mb "$rss_on") | – |"

    if ((KEEP == 0)); then
        rm -rf "$s2" "$fresh" "$held"
        log "(removed $s2 and the lookup probes; labeled set, its store and $s1 kept in $WORK; --keep keeps everything)"
    fi
}

if ((DEDUP)); then
    run_dedup
    exit 0
fi

# ---------------------------------------------------------------- artstore

# 1. fresh import
timed import-fresh "$ARTSTORE" import --store "$STORE" "$CORPUS"
T_FRESH=$T
RSS_FRESH_KB=$RSS_KB
STORE_BYTES_FRESH=$(dir_bytes "$STORE")
echo "fresh import: $(per_sec "$N" "$T_FRESH") articles/s ($(fmt2 "$T_FRESH") s)"
cell fresh ours "$(fmt2 "$T_FRESH") s ($(per_sec "$N" "$T_FRESH")/s)"
cell rss ours "$(rss_mb "$RSS_FRESH_KB")"
cell size1 ours "$(mb "$STORE_BYTES_FRESH") MiB"

# 2. re-import of the same corpus
timed import-again "$ARTSTORE" import --store "$STORE" "$CORPUS"
T_REIMPORT=$T
echo "re-import (all duplicate): $(per_sec "$N" "$T_REIMPORT") articles/s ($(fmt2 "$T_REIMPORT") s)"
cell reimport ours "$(fmt2 "$T_REIMPORT") s ($(per_sec "$N" "$T_REIMPORT")/s)"

# 3. revised corpus
timed import-revised "$ARTSTORE" import --store "$STORE" "$REVISED"
T_REVISED=$T
echo "import revised corpus ($EDITED edited): $(per_sec "$N" "$T_REVISED") articles/s ($(fmt2 "$T_REVISED") s)"
cell revised ours "$(fmt2 "$T_REVISED") s ($(per_sec "$N" "$T_REVISED")/s)"

# 4. export
timed export "$ARTSTORE" export --store "$STORE" "$EXPORT"
T_EXPORT=$T
EXPORTED=$(find "$EXPORT" -type f | wc -l | tr -d ' ')
echo "export: $(per_sec "$EXPORTED" "$T_EXPORT") articles/s ($(fmt2 "$T_EXPORT") s, $EXPORTED files)"
cell export ours "$(fmt2 "$T_EXPORT") s ($(per_sec "$EXPORTED" "$T_EXPORT")/s, $EXPORTED files)"

# 5. search latency. Queries use words the generator always has in its
# vocabulary (Benchmarks/MakeCorpus/Lexicon.swift): very common, topical and
# rarer ones; only words actually present in this corpus are used.
CANDIDATES=("government" "hospital" "election" "wildfire" "tenants" "prosecutor" "Supreme Court" "central bank")
QUERIES=()
for q in "${CANDIDATES[@]}"; do
    first="${q%% *}"
    if grep -rqwF -- "$first" "$CORPUS" 2>/dev/null; then QUERIES+=("$q"); fi
done
((${#QUERIES[@]} > 0)) || QUERIES=("government")
: >"$LOGS/search-times.txt"
qi=0
for q in "${QUERIES[@]}"; do
    qi=$((qi + 1))
    "$ARTSTORE" search --store "$STORE" "$q" --json >"$LOGS/search-$qi.json" 2>"$LOGS/search-$qi.err" ||
        die "search '$q' failed: $(tail -n 5 "$LOGS/search-$qi.err")"
    for ((r = 0; r < SEARCH_RUNS; r++)); do
        s=$(now)
        "$ARTSTORE" search --store "$STORE" "$q" --json >/dev/null 2>&1 || die "search '$q' failed"
        e=$(now)
        echo "$(calc "($e - $s) * 1000") $q" >>"$LOGS/search-times.txt"
    done
done
read -r SEARCH_MED SEARCH_P90 < <(cut -d' ' -f1 "$LOGS/search-times.txt" | sort -g | awk '
    { a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
      p = a[int(NR * 0.9 + 0.999)]; printf "%.1f %.1f\n", m, p }')
echo "search latency: median $SEARCH_MED ms, p90 $SEARCH_P90 ms (${#QUERIES[@]} queries x $SEARCH_RUNS runs: ${QUERIES[*]})"
cell search ours "$SEARCH_MED ms / $SEARCH_P90 ms"

# 6. verify
timed verify "$ARTSTORE" verify --store "$STORE"
T_VERIFY=$T
echo "verify: $(fmt2 "$T_VERIFY") s"
cell verify ours "$(fmt2 "$T_VERIFY") s"

# 7. memory and size
STORE_BYTES=$(dir_bytes "$STORE")
echo "peak RSS (fresh import): $(rss_mb "$RSS_FRESH_KB")"
echo "store size: $(mb "$STORE_BYTES_FRESH") MiB after fresh import, $(mb "$STORE_BYTES") MiB after all imports" \
    "(corpus $(mb "$CORPUS_BYTES") MiB; corpus/store = $(fmt2 "$(calc "$CORPUS_BYTES / $STORE_BYTES_FRESH")")x)"
cell size ours "$(mb "$STORE_BYTES") MiB"
"$ARTSTORE" stats --store "$STORE" --json >"$LOGS/stats.json" 2>"$LOGS/stats.err" || true

# ---------------------------------------------------------------- peers

if ((PEERS)); then
    echo
    echo "## peers"
    mkdir -p "$PEERDIR/home"
    # Keep the user's git/fossil configuration out of the measurements.
    export HOME="$PEERDIR/home" FOSSIL_HOME="$PEERDIR/home" FOSSIL_USER=bench
    export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null
    export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid
    export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid
    GITC=(-c gc.auto=0 -c commit.gpgsign=false -c core.autocrlf=false -c init.defaultBranch=main)

    # Work trees are hard-linked copies of the corpus (nothing below writes
    # into an existing file; revised files arrive under new names), so the
    # corpus directory itself is never touched.
    clone_tree() { # SRC DST
        mkdir -p "$2"
        cp -al "$1/." "$2/" 2>/dev/null || cp -a "$1/." "$2/"
    }
    # apply_revision TREE: make TREE's *.txt match $REVISED (new names in, replaced names out).
    apply_revision() {
        local tree="$1"
        comm -13 <(find "$tree" -maxdepth 1 -name '*.txt' -printf '%f\n' | sort) \
            <(find "$REVISED" -maxdepth 1 -name '*.txt' -printf '%f\n' | sort) |
            (cd "$REVISED" && xargs -r -d '\n' cp -t "$tree")
        comm -23 <(find "$tree" -maxdepth 1 -name '*.txt' -printf '%f\n' | sort) \
            <(find "$REVISED" -maxdepth 1 -name '*.txt' -printf '%f\n' | sort) |
            (cd "$tree" && xargs -r -d '\n' rm -f)
    }

    # Floor: read every byte and hash every file.
    timed_sh floor "find '$CORPUS' -type f -print0 | xargs -0 cat | wc -c >/dev/null
                    find '$CORPUS' -type f -print0 | xargs -0 sha256sum >/dev/null"
    T_FLOOR=$T
    echo "floor (cat + sha256sum of all files): $(fmt2 "$T_FLOOR") s ($(per_sec "$N" "$T_FLOOR") articles/s)"
    cell fresh floor "$(fmt2 "$T_FLOOR") s ($(per_sec "$N" "$T_FLOOR")/s)"
    cell size floor "$(mb "$CORPUS_BYTES") MiB (raw corpus)"
    cell size1 floor "$(mb "$CORPUS_BYTES") MiB (raw corpus)"

    # git: add + commit
    GW="$PEERDIR/git"
    clone_tree "$CORPUS" "$GW"
    git "${GITC[@]}" -C "$GW" init -q
    timed_sh git-fresh "git ${GITC[*]} -C '$GW' add -A && git ${GITC[*]} -C '$GW' commit -q -m import"
    T_GIT_FRESH=$T
    RSS_GIT_KB=$RSS_KB
    GIT_BYTES_FRESH=$(dir_bytes "$GW/.git")
    echo "git add+commit (fresh): $(fmt2 "$T_GIT_FRESH") s ($(per_sec "$N" "$T_GIT_FRESH") articles/s), .git $(mb "$GIT_BYTES_FRESH") MiB before gc"
    cell fresh git "$(fmt2 "$T_GIT_FRESH") s ($(per_sec "$N" "$T_GIT_FRESH")/s)"
    cell rss git "$(rss_mb "$RSS_GIT_KB")"
    cell size1 git "$(mb "$GIT_BYTES_FRESH") MiB (loose objects)"

    timed_sh git-again "git ${GITC[*]} -C '$GW' add -A && git ${GITC[*]} -C '$GW' commit -q --allow-empty -m again"
    T_GIT_AGAIN=$T
    echo "git add+commit (nothing changed): $(fmt2 "$T_GIT_AGAIN") s"
    cell reimport git "$(fmt2 "$T_GIT_AGAIN") s ($(per_sec "$N" "$T_GIT_AGAIN")/s)"

    apply_revision "$GW"
    timed_sh git-revised "git ${GITC[*]} -C '$GW' add -A && git ${GITC[*]} -C '$GW' commit -q -m revised"
    T_GIT_REVISED=$T
    echo "git add+commit (revised): $(fmt2 "$T_GIT_REVISED") s"
    cell revised git "$(fmt2 "$T_GIT_REVISED") s ($(per_sec "$N" "$T_GIT_REVISED")/s)"

    timed git-gc git "${GITC[@]}" -C "$GW" gc -q
    T_GIT_GC=$T
    GIT_BYTES=$(dir_bytes "$GW/.git")
    echo "git gc: $(fmt2 "$T_GIT_GC") s, .git $(mb "$GIT_BYTES") MiB"
    cell size git "$(mb "$GIT_BYTES") MiB (after gc, $(fmt1 "$T_GIT_GC") s)"

    timed git-fsck git "${GITC[@]}" -C "$GW" fsck --full --no-progress
    T_GIT_FSCK=$T
    echo "git fsck --full: $(fmt2 "$T_GIT_FSCK") s"
    cell verify git "$(fmt2 "$T_GIT_FSCK") s (fsck --full)"

    # git fast-import (one commit streamed from the corpus), if perl is around.
    T_GIT_FI=""
    if command -v perl >/dev/null 2>&1; then
        GFI="$PEERDIR/git-fast-import.git"
        git "${GITC[@]}" init -q --bare "$GFI"
        # One commit holding every file, streamed straight from the corpus.
        cat >"$PEERDIR/fast-import-stream.pl" <<'PERL'
my $dir = shift;
opendir(my $dh, $dir) or die "$dir: $!";
my @files = sort grep { /\.txt$/ } readdir($dh);
binmode STDOUT;
print "commit refs/heads/main\ncommitter bench <bench\@example.invalid> 1700000000 +0000\ndata 6\nimport\n";
for my $name (@files) {
    open(my $fh, "<:raw", "$dir/$name") or die "$name: $!";
    local $/;
    my $content = <$fh>;
    close $fh;
    print "M 100644 inline $name\ndata ", length($content), "\n", $content, "\n";
}
PERL
        timed_sh git-fast-import "perl '$PEERDIR/fast-import-stream.pl' '$CORPUS' |
            git ${GITC[*]} --git-dir='$GFI' fast-import --quiet"
        T_GIT_FI=$T
        GFI_BYTES=$(dir_bytes "$GFI")
        echo "git fast-import (fresh): $(fmt2 "$T_GIT_FI") s ($(per_sec "$N" "$T_GIT_FI") articles/s), $(mb "$GFI_BYTES") MiB"
        cell fastimport git "$(fmt2 "$T_GIT_FI") s ($(per_sec "$N" "$T_GIT_FI")/s), $(mb "$GFI_BYTES") MiB"
    else
        echo "git fast-import: skipped (perl not found)"
    fi

    # fossil: addremove + commit
    T_FOSSIL_FRESH=""
    if command -v fossil >/dev/null 2>&1; then
        FW="$PEERDIR/fossil"
        FREPO="$PEERDIR/repo.fossil"
        clone_tree "$CORPUS" "$FW"
        fossil init "$FREPO" >"$LOGS/fossil-init.out" 2>&1
        (cd "$FW" && fossil open "$FREPO" --force >"$LOGS/fossil-open.out" 2>&1)
        timed_sh fossil-fresh "cd '$FW' && fossil addremove && fossil commit -m import --no-warnings"
        T_FOSSIL_FRESH=$T
        RSS_FOSSIL_KB=$RSS_KB
        FOSSIL_BYTES_FRESH=$(dir_bytes "$FREPO")
        echo "fossil addremove+commit (fresh): $(fmt2 "$T_FOSSIL_FRESH") s ($(per_sec "$N" "$T_FOSSIL_FRESH") articles/s)"
        cell fresh fossil "$(fmt2 "$T_FOSSIL_FRESH") s ($(per_sec "$N" "$T_FOSSIL_FRESH")/s)"
        cell rss fossil "$(rss_mb "$RSS_FOSSIL_KB")"
        cell size1 fossil "$(mb "$FOSSIL_BYTES_FRESH") MiB"

        timed_sh fossil-again "cd '$FW' && fossil addremove && fossil commit -m again --no-warnings --allow-empty"
        T_FOSSIL_AGAIN=$T
        echo "fossil addremove+commit (nothing changed): $(fmt2 "$T_FOSSIL_AGAIN") s"
        cell reimport fossil "$(fmt2 "$T_FOSSIL_AGAIN") s ($(per_sec "$N" "$T_FOSSIL_AGAIN")/s)"

        apply_revision "$FW"
        timed_sh fossil-revised "cd '$FW' && fossil addremove && fossil commit -m revised --no-warnings"
        T_FOSSIL_REVISED=$T
        FOSSIL_BYTES=$(dir_bytes "$FREPO")
        echo "fossil addremove+commit (revised): $(fmt2 "$T_FOSSIL_REVISED") s, repository $(mb "$FOSSIL_BYTES") MiB"
        cell revised fossil "$(fmt2 "$T_FOSSIL_REVISED") s ($(per_sec "$N" "$T_FOSSIL_REVISED")/s)"
        cell size fossil "$(mb "$FOSSIL_BYTES") MiB"

        timed fossil-integrity fossil test-integrity -R "$FREPO"
        T_FOSSIL_INTEGRITY=$T
        echo "fossil test-integrity: $(fmt2 "$T_FOSSIL_INTEGRITY") s"
        cell verify fossil "$(fmt2 "$T_FOSSIL_INTEGRITY") s (test-integrity)"
        (cd "$FW" && fossil close --force >/dev/null 2>&1) || true
    else
        echo "fossil: skipped (not installed)"
    fi

    echo
    echo "## ratios (artstore vs peer; wall time)"
    ratio_line "fresh import vs git add+commit" "$T_FRESH" "$T_GIT_FRESH"
    if [[ -n "$T_GIT_FI" ]]; then ratio_line "fresh import vs git fast-import" "$T_FRESH" "$T_GIT_FI"; fi
    if [[ -n "$T_FOSSIL_FRESH" ]]; then
        ratio_line "fresh import vs fossil addremove+commit" "$T_FRESH" "$T_FOSSIL_FRESH"
    fi
    ratio_line "re-import vs git add+commit (unchanged)" "$T_REIMPORT" "$T_GIT_AGAIN"
    if [[ -n "$T_FOSSIL_FRESH" ]]; then ratio_line "re-import vs fossil (unchanged)" "$T_REIMPORT" "$T_FOSSIL_AGAIN"; fi
    ratio_line "revised import vs git add+commit" "$T_REVISED" "$T_GIT_REVISED"
    if [[ -n "$T_FOSSIL_FRESH" ]]; then ratio_line "revised import vs fossil" "$T_REVISED" "$T_FOSSIL_REVISED"; fi
    ratio_line "verify vs git fsck --full" "$T_VERIFY" "$T_GIT_FSCK"
    if [[ -n "$T_FOSSIL_FRESH" ]]; then ratio_line "verify vs fossil test-integrity" "$T_VERIFY" "$T_FOSSIL_INTEGRITY"; fi
    echo "fresh import vs floor: $(fmt1 "$(calc "$T_FRESH / $T_FLOOR")")x the floor time"
    echo "re-import vs floor: $(fmt1 "$(calc "$T_REIMPORT / $T_FLOOR")")x the floor time"
    echo "store size vs git (after gc): $(fmt2 "$(calc "$STORE_BYTES / $GIT_BYTES")")x"
    if [[ -n "$T_FOSSIL_FRESH" ]]; then
        echo "store size vs fossil: $(fmt2 "$(calc "$STORE_BYTES / $FOSSIL_BYTES")")x"
    fi
fi

# ---------------------------------------------------------------- summary

echo
echo "## summary ($N articles, $(mb "$CORPUS_BYTES") MiB, $EDITED edited in the revision)"
echo
if ((PEERS)); then
    echo "| Workload | artstore | git | fossil | floor (cat + sha256sum) |"
    echo "|---|---|---|---|---|"
    for r in "${ROWS[@]}"; do
        o="${CELL[$r|ours]:-}" g="${CELL[$r|git]:-}" f="${CELL[$r|fossil]:-}" fl="${CELL[$r|floor]:-}"
        [[ -z "$o$g$f$fl" ]] && continue
        echo "| ${CELL[$r|label]} | ${o:-–} | ${g:-–} | ${f:-–} | ${fl:-–} |"
    done
else
    echo "| Workload | artstore |"
    echo "|---|---|"
    for r in "${ROWS[@]}"; do
        o="${CELL[$r|ours]:-}"
        [[ -z "$o" ]] && continue
        echo "| ${CELL[$r|label]} | $o |"
    done
fi

# ---------------------------------------------------------------- cleanup

if ((KEEP == 0)); then
    rm -rf "$EXPORT" "$PEERDIR"
    log "(removed $EXPORT and $PEERDIR; corpus and store kept in $WORK; --keep keeps everything)"
fi
