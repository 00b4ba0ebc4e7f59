#!/usr/bin/env bash
# Sync benchmark (run by `scripts/bench.sh --sync [--peers] [--n N]`).
#
# Serves a store of N articles over HTTP on 127.0.0.1 and measures, for
# `artstore`: clone, no-op sync, pull of the 10%-edited re-export, push of
# 1,000 new articles, and reconciliation of two stores that grew apart
# (1,000 new articles on each side, no shared checkpoint).
# With --peers: the same steps with git over smart HTTP (git http-backend
# behind python3's CGI server) and `fossil server`.
#
# Every server sits behind scripts/tcp_count.py, a relay that counts bytes,
# so "bytes on the wire" is measured the same way for every tool (HTTP
# headers included). Round trips: artstore's report, the HTTP requests in the
# CGI server's log for git, fossil's own "Round-trips" count.
# For the reconciliation, the packs are saved (--trace-packs) and compared by
# scripts/pack_baseline.py with zstd -3 of the objects that actually moved.
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
# A previous run's files (hundreds of thousands, in work trees) are moved
# aside now and deleted at the end: ext4 is slow for minutes after a mass
# deletion, which would otherwise fall on the timed steps.
OLD="$WORK.old.$$"
[[ -e "$WORK" ]] && mv "$WORK" "$OLD"
mkdir -p "$WORK" && cd "$WORK"
export USER="${USER:-bench}" # fossil needs a user name
log() { echo "bench_sync: $*" >&2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 |"); }
copy_txt() { (cd "$1" && find . -maxdepth 1 -name '*.txt' -print0 | xargs -0 cp -t "$2"); }
PIDS=()
trap 'kill "${PIDS[@]}" 2>/dev/null || true; rm -rf "$OLD"' EXIT
PORT=$((20000 + RANDOM % 20000))

# relay NAME TARGET_PORT: starts a counting relay on a new port, RELAY_PORT.
relay() {
    RELAY_PORT=$((PORT + ${#PIDS[@]} + 10))
    python3 "$ROOT/scripts/tcp_count.py" "$RELAY_PORT" "$2" "$WORK/$1.bytes" >/dev/null 2>&1 &
    PIDS+=($!)
}
# wire NAME: bytes counted by relay NAME so far (closed connections).
wire() { sleep 0.3; awk '{s += $1 + $2} END {print s + 0}' "$WORK/$1.bytes" 2>/dev/null || echo 0; }
# timed NAME STEP TOOL ROUNDTRIPS_FN COMMAND...: runs COMMAND, adds a row.
timed() {
    local name="$1" step="$2" tool="$3" rtfn="$4"; shift 4
    local before t0 t
    before=$(wire "$name")
    sync # earlier steps' writes are flushed first, not during this one
    t0=$(now)
    if "$@" >step.out 2>step.err; then
        t=$(secs "$t0" "$(now)")
        row "$step" "$tool" "$t s" "$(($(wire "$name") - before))" "$($rtfn)"
    else
        log "$tool: '$step' failed: $(cat step.out step.err | tr '\r' '\n' | tail -3 | tr '\n' ' ')"
        row "$step" "$tool" "failed" "$(($(wire "$name") - before))" "-"
    fi
}

log "corpora: $N articles, their 10% revision, 3 x 1,000 new articles"
"$MAKE_CORPUS" bench --out corpus --n "$N" --seed 1 >/dev/null
"$MAKE_CORPUS" revise --src corpus --out revised --rate 0.1 --seed 2 >/dev/null
# New articles get numbers clear of the corpus's (prefixes 9, 8, 7).
for i in 1 2 3; do
    "$MAKE_CORPUS" bench --out "new$i" --n 1000 --seed $((6 + i)) >/dev/null
    (cd "new$i" && for f in *.txt; do mv "$f" "$((10 - i))$f"; done)
done

# ------------------------------------------------------------------ artstore
log "artstore: importing the hub store"
"$BIN" import --store hub corpus >/dev/null
"$BIN" token create --store hub --scope write >token
"$BIN" serve --store hub --listen "127.0.0.1:$PORT" >serve.log 2>&1 &
PIDS+=($!)
relay artstore "$PORT" && APORT=$RELAY_PORT
sleep 1
URL="http://127.0.0.1:$APORT"
export ARTSTORE_TOKEN="$(cat token)"
ours_rt() { python3 -c "import json; print(json.load(open('step.out'))['roundTrips'])"; }
ours() { timed artstore "$1" artstore ours_rt "$BIN" "${@:2}" --json; }

ours "clone over HTTP" clone "$URL" mine
ours "no-op sync" sync --store mine
"$BIN" import --store hub revised >/dev/null
ours "pull of the 10%-edited re-export" pull --store mine
"$BIN" import --store mine new1 >/dev/null
ours "push of 1,000 new articles" push --store mine
# Two stores that grew apart: 1,000 articles on each side that the other
# lacks, and `mine` forgets its checkpoints.
"$BIN" import --store hub new2 >/dev/null
"$BIN" import --store mine new3 >/dev/null
"$BIN" remote remove origin --store mine
ours "reconcile, 99% shared, no checkpoint" sync "$URL" --store mine --trace-packs packs
cp step.out reconcile.json
python3 - reconcile.json <<'PY' >&2
import json, sys
d = json.load(open(sys.argv[1]))
print(f"reconciliation: reconciled={d['reconciled']}, {d['roundTrips']} round trips, "
      f"{d['reconciliationBytes']} reconciliation bytes, {d['packBytes']} pack bytes, "
      f"{d['received']} objects received, {d['sent']} sent")
PY
echo "packs against zstd -3 of the objects they carry: $(python3 "$ROOT/scripts/pack_baseline.py" packs)" >&2

if ((PEERS)); then
    # ---------------------------------------------------------------- git
    log "git: preparing the hub repository"
    # A large postBuffer makes git send Content-Length, which the CGI server needs.
    GITC=(-c user.name=bench -c user.email=bench@localhost -c gc.auto=0 -c core.autocrlf=false
        -c init.defaultBranch=main -c pull.ff=only -c http.postBuffer=1073741824)
    git "${GITC[@]}" init -q gitwork && copy_txt corpus "$WORK/gitwork"
    git "${GITC[@]}" -C gitwork add -A && git "${GITC[@]}" -C gitwork commit -qm import
    mkdir -p gitsrv/cgi-bin gitsrv/repos
    git "${GITC[@]}" clone -q --bare gitwork gitsrv/repos/hub.git
    git -C gitsrv/repos/hub.git config http.receivepack true
    git -C gitsrv/repos/hub.git gc -q
    # python3's CGI server runs scripts as nobody when started as root.
    # Local pushes into it run as the owner again (git refuses others' repositories).
    own() { [[ $(id -u) -ne 0 ]] || chown -R "$1" gitsrv/repos; }
    own nobody
    cat >gitsrv/cgi-bin/git <<SH
#!/bin/sh
export GIT_PROJECT_ROOT="$WORK/gitsrv/repos" GIT_HTTP_EXPORT_ALL=1 HOME="$WORK/gitsrv"
exec git http-backend
SH
    chmod +x gitsrv/cgi-bin/git
    (cd gitsrv && exec python3 -m http.server --cgi "$((PORT + 1))" --bind 127.0.0.1) >git-http.log 2>&1 &
    PIDS+=($!)
    relay git "$((PORT + 1))" && GPORT=$RELAY_PORT
    sleep 1
    GURL="http://127.0.0.1:$GPORT/cgi-bin/git/hub.git"
    GIT_REQUESTS=0
    git_rt() {
        local n; n=$(grep -c '"GET\|"POST' git-http.log || true)
        echo $((n - GIT_REQUESTS)); GIT_REQUESTS=$n
    }
    gitstep() { git_rt >/dev/null; timed git "$1" git git_rt git "${GITC[@]}" "${@:2}"; }

    gitstep "clone over HTTP" clone -q "$GURL" gitmine
    gitstep "no-op sync" -C gitmine pull -q
    find gitwork -maxdepth 1 -name '*.txt' -delete && copy_txt revised "$WORK/gitwork"
    git "${GITC[@]}" -C gitwork add -A && git "${GITC[@]}" -C gitwork commit -qm revised
    own "$(id -u)" && git "${GITC[@]}" -C gitwork push -q "$WORK/gitsrv/repos/hub.git" HEAD:main && own nobody
    gitstep "pull of the 10%-edited re-export" -C gitmine pull -q
    copy_txt new1 "$WORK/gitmine"
    git "${GITC[@]}" -C gitmine add -A && git "${GITC[@]}" -C gitmine commit -qm new
    gitstep "push of 1,000 new articles" -C gitmine push -q
    # Unrelated histories: the same files committed independently, plus 1,000 others.
    git "${GITC[@]}" init -q gitother && copy_txt revised "$WORK/gitother"
    copy_txt new1 "$WORK/gitother" && copy_txt new3 "$WORK/gitother"
    git "${GITC[@]}" -C gitother add -A && git "${GITC[@]}" -C gitother commit -qm other
    gitstep "reconcile, 99% shared, no checkpoint" -C gitother fetch -q "$GURL" main

    # ------------------------------------------------------------- fossil
    log "fossil: preparing the hub repository"
    fossil init hub.fossil >/dev/null
    mkdir fosswork
    (cd fosswork && fossil open ../hub.fossil >/dev/null && copy_txt ../corpus "$WORK/fosswork" &&
        fossil addremove >/dev/null && fossil commit -m import --no-warnings >/dev/null)
    fossil server hub.fossil --port "$((PORT + 2))" --localhost --localauth >fossil.log 2>&1 &
    PIDS+=($!)
    relay fossil "$((PORT + 2))" && FPORT=$RELAY_PORT
    sleep 1
    FURL="http://127.0.0.1:$FPORT"
    foss_rt() { cat step.out step.err | tr '\r' '\n' | grep -o 'Round-trips: *[0-9]*' | tail -1 | awk '{print $2}'; }
    fossstep() { timed fossil "$1" fossil foss_rt "${@:2}"; }

    fossstep "clone over HTTP" fossil clone "$FURL" mine.fossil
    fossstep "no-op sync" fossil sync -R mine.fossil
    (cd fosswork && find . -maxdepth 1 -name '*.txt' -delete && copy_txt ../revised "$WORK/fosswork" &&
        fossil addremove >/dev/null && fossil commit -m revised --no-warnings >/dev/null)
    fossstep "pull of the 10%-edited re-export" fossil pull -R mine.fossil
    mkdir fossmine
    (cd fossmine && fossil open ../mine.fossil >/dev/null && fossil settings autosync off &&
        copy_txt ../new1 "$WORK/fossmine" && fossil addremove >/dev/null &&
        fossil commit -m new --no-warnings >/dev/null)
    fossstep "push of 1,000 new articles" fossil push -R mine.fossil
    fossil init other.fossil >/dev/null
    fossstep "reconcile, 99% shared, no checkpoint" fossil pull -R other.fossil "$FURL"
    if grep -q "wrong project" step.out step.err; then
        ROWS[${#ROWS[@]} - 1]="| reconcile, 99% shared, no checkpoint | fossil | refused: \"wrong project\" | - | - |"
    fi
fi

echo
echo "| step | tool | wall | bytes on the wire | round trips |"
echo "|---|---|---|---|---|"
printf '%s\n' "${ROWS[@]}"
