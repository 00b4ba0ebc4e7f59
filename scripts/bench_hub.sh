#!/usr/bin/env bash
# Hub benchmark (run by `scripts/bench.sh --hub [--n N]`): the SQLite hub
# (`artstore serve --store`) against the PostgreSQL hub (`artstore serve
# --database`) with one and with two servers on one database, all in one run.
#
# Each hub starts with the N-article corpus (the PostgreSQL ones through
# `artstore hub load`, timed). Then, per hub:
#   1. push: 16 clients at once, each pushing 1,000 new articles of its own
#      (the two-server hub gets half of them through each server)
#   2. clone of the whole hub (the SQLite hub sends a snapshot; the
#      PostgreSQL hub sends objects)
#   3. incremental pull of 1,000 articles another client pushed
#   4. no-op sync (hyperfine, median of 10)
# PostgreSQL is a throwaway cluster from scripts/postgres.sh, with its
# default settings (fsync and synchronous_commit on).
set -euo pipefail

N=100000
CLIENTS=16
while (($#)); do
    case "$1" in
        --n) N="$2"; shift 2 ;;
        --clients) CLIENTS="$2"; shift 2 ;;
        --no-build) shift ;;
        *) echo "bench_hub: unknown argument $1" >&2; exit 2 ;;
    esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WORK="${BENCH_DIR:-/tmp/artstore-bench}/hub"
BIN="${ARTSTORE_BIN:-$ROOT/.build/release/artstore}"
MAKE_CORPUS="${MAKE_CORPUS_BIN:-$ROOT/.build/release/make-corpus}"
OLD="$WORK.old.$$"
[[ -e "$WORK" ]] && mv "$WORK" "$OLD"
mkdir -p "$WORK" && cd "$WORK"
log() { echo "bench_hub: $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
PIDS=()
PGDIR="$(mktemp -d)"
cleanup() {
    kill "${PIDS[@]}" 2>/dev/null || true
    "$ROOT/scripts/postgres.sh" stop "$PGDIR" 2>/dev/null || true
    rm -rf "$OLD" "$PGDIR"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_up() { for _ in $(seq 200); do curl -sf "$1/v1/health" >/dev/null && return; sleep 0.1; done; log "$1 did not start"; exit 1; }

log "corpora: $N articles; $CLIENTS x 1,000 new articles to push; 1,000 more to pull"
"$MAKE_CORPUS" bench --out corpus --n "$N" --seed 1 >/dev/null
# New articles get numbers clear of the corpus's.
for i in $(seq 0 "$CLIENTS"); do
    "$MAKE_CORPUS" bench --out "new$i" --n 1000 --seed $((20 + i)) >/dev/null
    (cd "new$i" && for f in *.txt; do mv "$f" "$((100 + i))$f"; done)
    "$BIN" import --store "client$i.template" "new$i" >/dev/null
done
"$BIN" import --store base corpus >/dev/null

eval "$("$ROOT/scripts/postgres.sh" start "$PGDIR" 2>/dev/null)"
ADMIN="$ARTSTORE_TEST_DATABASE_URL"
PGURL() { echo "${ADMIN/\/postgres\?//$1?}"; }

declare -A FIG
# measure NAME URL...: the four measurements against a hub served at the URLs.
measure() {
    local name="$1"; shift
    local urls=("$@") t0 i token
    token="$(cat "$name.token")"
    export ARTSTORE_TOKEN="$token"
    for i in $(seq 1 "$CLIENTS"); do rm -rf "c$i" && cp -r "client$i.template" "c$i"; done
    sync
    t0=$(now)
    local pushes=()
    for i in $(seq 1 "$CLIENTS"); do
        "$BIN" push --store "c$i" "${urls[$((i % ${#urls[@]}))]}" >"push$i.out" 2>&1 &
        pushes+=($!)
    done
    local failed=0
    for pid in "${pushes[@]}"; do wait "$pid" || failed=$((failed + 1)); done
    local t; t=$(secs "$t0" "$(now)")
    FIG["$name,push"]="$t s ($(awk -v t="$t" -v n="$CLIENTS" 'BEGIN { printf "%.0f", n * 1000 / t }') articles/s)"
    ((failed == 0)) || { log "$name: $failed pushes failed"; cat push*.out >&2; FIG["$name,push"]="$failed failed"; }
    rm -rf "clone.$name"
    t0=$(now); "$BIN" clone "${urls[0]}" "clone.$name" >clone.out 2>&1; FIG["$name,clone"]="$(secs "$t0" "$(now)") s"
    rm -rf pusher && cp -r client0.template pusher
    "$BIN" push --store pusher "${urls[0]}" >/dev/null
    t0=$(now); "$BIN" pull --store "clone.$name" "${urls[0]}" >pull.out 2>&1; FIG["$name,pull"]="$(secs "$t0" "$(now)") s"
    FIG["$name,noop"]="$(hyperfine -N --runs 10 --export-json noop.json "$BIN sync --store clone.$name ${urls[0]}" >/dev/null 2>&1 &&
        python3 -c "import json; print('%.0f ms' % (json.load(open('noop.json'))['results'][0]['median'] * 1000))")"
    "$BIN" verify --store "clone.$name" >/dev/null || log "$name: the clone does not verify"
}

log "SQLite hub"
cp -r base sqlite
"$BIN" token create --store sqlite --scope write >sqlite.token
PORT=$(free_port)
"$BIN" serve --store sqlite --no-web --listen "127.0.0.1:$PORT" >sqlite.log 2>&1 &
PIDS+=($!)
wait_up "http://127.0.0.1:$PORT"
measure sqlite "http://127.0.0.1:$PORT"
kill "${PIDS[@]}"; PIDS=()

for servers in 1 2; do
    name="pg$servers"
    log "PostgreSQL hub, $servers server(s)"
    psql -q "$ADMIN" -c "CREATE DATABASE $name" >/dev/null
    export ARTSTORE_DATABASE_URL="$(PGURL "$name")"
    "$BIN" hub init >/dev/null
    t0=$(now); "$BIN" hub load base >/dev/null; FIG["$name,load"]="$(secs "$t0" "$(now)") s"
    "$BIN" token create --scope write >"$name.token"
    urls=()
    for _ in $(seq "$servers"); do
        PORT=$(free_port)
        "$BIN" serve --listen "127.0.0.1:$PORT" >>"$name.log" 2>&1 &
        PIDS+=($!)
        wait_up "http://127.0.0.1:$PORT"
        urls+=("http://127.0.0.1:$PORT")
    done
    measure "$name" "${urls[@]}"
    FIG["$name,size"]="$(psql -tA "$ADMIN" -c "SELECT pg_size_pretty(pg_database_size('$name'))")"
    kill "${PIDS[@]}"; PIDS=()
    unset ARTSTORE_DATABASE_URL
done
FIG["sqlite,size"]="$(du -sh sqlite | cut -f1)"

echo
echo "| $N articles, then $CLIENTS x 1,000 pushed | SQLite hub | PostgreSQL, 1 server | PostgreSQL, 2 servers |"
echo "|---|---|---|---|"
for key in "load:seed from the store (hub load)" "push:push, $CLIENTS clients at once" "clone:clone of the whole hub" \
    "pull:incremental pull of 1,000 articles" "noop:no-op sync (median of 10)" "size:hub size on disk"; do
    k="${key%%:*}"
    echo "| ${key#*:} | ${FIG[sqlite,$k]:--} | ${FIG[pg1,$k]:--} | ${FIG[pg2,$k]:--} |"
done
