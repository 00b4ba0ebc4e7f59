#!/usr/bin/env bash
# Sync benchmark (run by `scripts/bench.sh --sync [--peers] [--n N]`).
#
# Serves a store of N articles over HTTP on 127.0.0.1 and measures, for
# `artstore`: clone, no-op sync, pull of the 10%-edited re-export, push of
# 1,000 new articles, and reconciliation of two stores that grew apart
# (1,000 new articles on each side, no shared checkpoint). Prints wall time,
# bytes on the wire and round trips as reported by `--json`.
# With --peers: git over smart HTTP (git http-backend behind python3's CGI
# server) and `fossil server`, on the same corpora and steps; their bytes and
# round trips come from git's progress output and the CGI server's request
# log, and from fossil's own sync statistics.
set -euo pipefail

N=100000
PEERS=0
while (($#)); do
    case "$1" in
        --n) N="$2"; shift 2 ;;
        --peers) PEERS=1; shift ;;
        --no-build) shift ;;
        *) echo "bench_sync: unknown argument $1" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/artstore-bench}/sync"
BIN="${ARTSTORE_BIN:-$ROOT/.build/release/artstore}"
MAKE_CORPUS="${MAKE_CORPUS_BIN:-$ROOT/.build/release/make-corpus}"
rm -rf "$WORK" && mkdir -p "$WORK" && cd "$WORK"
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
field() { python3 -c "import json,sys; d=json.load(open('$1')); print(d['$2'])"; }
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 |"); }

echo "corpora: $N articles, their 10% revision, 1,000 new articles, 1,000 more for the other side" >&2
"$MAKE_CORPUS" bench --out corpus --n "$N" --seed 1 >/dev/null
"$MAKE_CORPUS" revise --src corpus --out revised --rate 0.1 --seed 2 >/dev/null
"$MAKE_CORPUS" bench --out new1 --n 1000 --seed 7 >/dev/null
"$MAKE_CORPUS" bench --out new2 --n 1000 --seed 8 >/dev/null
# New articles keep their own numbers clear of the corpus's.
for d in new1 new2; do (cd "$d" && for f in *.txt; do mv "$f" "9${f}"; done); done

"$BIN" import --store hub corpus >/dev/null
"$BIN" token create --store hub --scope write >token
PORT=$((20000 + RANDOM % 20000))
"$BIN" serve --store hub --listen "127.0.0.1:$PORT" >serve.log 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; kill ${GITSRV:-0} ${FOSSRV:-0} 2>/dev/null || true' EXIT
sleep 1
URL="http://127.0.0.1:$PORT"
export ARTSTORE_TOKEN="$(cat token)"

ours() { # LABEL COMMAND... ; runs with --json into LABEL.json, adds a row
    local label="$1" step="$2"; shift 2
    local t0; t0=$(now)
    "$BIN" "$@" --json >"$label.json"
    local t; t=$(secs "$t0" "$(now)")
    local bytes rt
    bytes=$(python3 -c "import json; d=json.load(open('$label.json')); print(d['bytesSent'] + d['bytesReceived'])")
    rt=$(field "$label.json" roundTrips)
    row "$step" artstore "$t s" "$bytes" "$rt"
}

ours clone "clone over HTTP" clone "$URL" mine
ours noop "no-op sync" sync --store mine
"$BIN" import --store hub revised >/dev/null
ours pull "pull of the 10%-edited re-export" pull --store mine
"$BIN" import --store mine new1 >/dev/null
ours push "push of 1,000 new articles" push --store mine
# Two stores that grew apart: each gets 1,000 articles the other lacks, and
# `mine` forgets its checkpoints.
"$BIN" import --store hub new2 >/dev/null
"$BIN" import --store mine "$("$MAKE_CORPUS" bench --out new3 --n 1000 --seed 9 >/dev/null; (cd new3 && for f in *.txt; do mv "$f" "8$f"; done); echo new3)" >/dev/null
"$BIN" remote remove origin --store mine
ours reconcile "reconcile, 99% shared, no checkpoint" sync "$URL" --store mine
python3 - reconcile.json <<'PY' >&2
import json, sys
d = json.load(open(sys.argv[1]))
print(f"reconciliation: {d['roundTrips']} round trips, {d['reconciliationBytes']} reconciliation bytes, "
      f"{d['packBytes']} pack bytes for {d['received']} objects received and {d['sent']} sent")
PY

if ((PEERS)); then
    GITC=(-c user.name=bench -c user.email=bench@localhost -c gc.auto=0 -c core.autocrlf=false)
    mkdir -p gitsrv/cgi-bin gitsrv/repos
    git "${GITC[@]}" init -q gitwork && cp corpus/*.txt gitwork/
    git "${GITC[@]}" -C gitwork add -A && git "${GITC[@]}" -C gitwork commit -qm import
    git "${GITC[@]}" clone -q --bare gitwork gitsrv/repos/hub.git
    git -C gitsrv/repos/hub.git config http.receivepack true
    git -C gitsrv/repos/hub.git gc -q
    cat >gitsrv/cgi-bin/git <<SH
#!/bin/sh
export GIT_PROJECT_ROOT="$WORK/gitsrv/repos" GIT_HTTP_EXPORT_ALL=1
exec git http-backend
SH
    chmod +x gitsrv/cgi-bin/git
    GPORT=$((PORT + 1))
    (cd gitsrv && exec python3 -m http.server --cgi "$GPORT" --bind 127.0.0.1) >git-http.log 2>&1 &
    GITSRV=$!
    sleep 1
    GURL="http://127.0.0.1:$GPORT/cgi-bin/git/hub.git"
    gitstep() { # STEP COMMAND... ; bytes from git's progress, round trips = HTTP requests logged
        local step="$1"; shift
        local before; before=$(grep -c '"GET\|"POST' git-http.log || true)
        local t0; t0=$(now)
        "$@" >git-step.out 2>&1
        local t; t=$(secs "$t0" "$(now)")
        local after; after=$(grep -c '"GET\|"POST' git-http.log || true)
        local bytes; bytes=$(grep -o '[0-9.]* [KMG]iB' git-step.out | tail -1 || true)
        row "$step" git "$t s" "${bytes:-n/a}" "$((after - before))"
    }
    gitstep "clone over HTTP" git "${GITC[@]}" clone --progress "$GURL" gitmine
    gitstep "no-op sync" git "${GITC[@]}" -C gitmine pull --progress
    cp revised/*.txt gitwork/ && git "${GITC[@]}" -C gitwork add -A && git "${GITC[@]}" -C gitwork commit -qm revised
    git "${GITC[@]}" -C gitwork push -q "$WORK/gitsrv/repos/hub.git" HEAD:master 2>/dev/null || git "${GITC[@]}" -C gitwork push -q "$WORK/gitsrv/repos/hub.git" HEAD:main
    gitstep "pull of the 10%-edited re-export" git "${GITC[@]}" -C gitmine pull --progress
    cp new1/*.txt gitmine/ && git "${GITC[@]}" -C gitmine add -A && git "${GITC[@]}" -C gitmine commit -qm new
    gitstep "push of 1,000 new articles" git "${GITC[@]}" -C gitmine push --progress
    # Unrelated histories: the same files committed independently, plus 1,000 others.
    git "${GITC[@]}" init -q gitother && cp corpus/*.txt new3/*.txt gitother/
    git "${GITC[@]}" -C gitother add -A && git "${GITC[@]}" -C gitother commit -qm other
    gitstep "reconcile, 99% shared, no checkpoint" git "${GITC[@]}" -C gitother fetch --progress "$GURL"

    if command -v fossil >/dev/null 2>&1; then
        fossil init hub.fossil >/dev/null
        mkdir fosswork && (cd fosswork && fossil open -q ../hub.fossil >/dev/null && cp ../corpus/*.txt . &&
            fossil addremove >/dev/null && fossil commit -q -m import --no-warnings >/dev/null)
        FPORT=$((PORT + 2))
        fossil server hub.fossil --port "$FPORT" --localhost >fossil.log 2>&1 &
        FOSSRV=$!
        sleep 1
        fossstep() { # STEP COMMAND... ; bytes and round trips from fossil's statistics
            local step="$1"; shift
            local t0; t0=$(now)
            "$@" >foss-step.out 2>&1
            local t; t=$(secs "$t0" "$(now)")
            local bytes rt
            bytes=$(grep -o 'Bytes sent: *[0-9]* *received: *[0-9]*' foss-step.out | awk '{s+=$3+$5} END {print s+0}')
            rt=$(grep -o 'Round-trips: *[0-9]*' foss-step.out | awk '{s+=$2} END {print s+0}')
            row "$step" fossil "$t s" "$bytes" "$rt"
        }
        fossstep "clone over HTTP" fossil clone -u bench "http://127.0.0.1:$FPORT" mine.fossil
        fossstep "no-op sync" fossil sync -R mine.fossil
    fi
fi

echo
echo "| step | tool | wall | bytes on the wire | round trips |"
echo "|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
