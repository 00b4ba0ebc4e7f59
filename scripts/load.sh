#!/usr/bin/env bash
# Load and faults against one `artstore serve` on 127.0.0.1:
#   scripts/load.sh [--no-build] [--debug] [--clients 64] [--seconds 60] [--kill-every SECONDS]
# Serves a store of 2,000 articles and runs artstore-load (Benchmarks/LoadTest):
# CLIENTS clients, each with its own store, loop over clones, pulls, pushes
# of new articles and no-op syncs for SECONDS. It reports requests/s, p50/p99
# per operation and errors by kind, reruns what failed, and checks that every
# push the server acknowledged is on it. Then `artstore verify` runs on the
# served store. With --kill-every, the server is killed with SIGKILL that
# often and restarted on the same port.
set -euo pipefail
cd "$(dirname "$0")/.."
build=1 config=release clients=64 seconds=60 kill_every=0
while (($#)); do
  case "$1" in
    --no-build) build=0; shift ;;
    --debug) config=debug; shift ;;
    --clients) clients="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --kill-every) kill_every="$2"; shift 2 ;;
    *) echo "load.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
if [ "$build" = 1 ]; then
  for product in artstore artstore-load make-corpus; do swift build -c "$config" --product "$product" >&2; done
fi
bin=".build/$config"

work="$(mktemp -d)"
server=""
stop_server() { [ -n "$server" ] && kill -9 "$server" 2>/dev/null; wait "$server" 2>/dev/null || true; server=""; }
trap 'stop_server; rm -rf "$work"' EXIT
"$bin/make-corpus" bench --n 2000 --out "$work/corpus" >/dev/null
"$bin/artstore" import --store "$work/served" "$work/corpus" >/dev/null
"$bin/artstore" token create --store "$work/served" --scope write >"$work/token"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start_server() {
  "$bin/artstore" serve --store "$work/served" --listen "127.0.0.1:$port" >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/v1/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "load.sh: the server did not start" >&2
  exit 1
}
start_server

"$bin/artstore-load" "http://127.0.0.1:$port" "$work/token" "$work/clients" \
  --clients "$clients" --seconds "$seconds" &
load=$!
kills=0
if [ "$kill_every" != 0 ]; then
  while kill -0 "$load" 2>/dev/null; do
    sleep "$kill_every"
    kill -0 "$load" 2>/dev/null || break
    stop_server
    kills=$((kills + 1))
    start_server
  done
fi
status=0
wait "$load" || status=$?
echo "  server killed and restarted $kills times ($(grep -c 'Server started' "$work/server.log") starts in its log)"
echo "  server answered $(grep -c ' /v1/' "$work/server.log" || true) requests in its log"
stop_server
if "$bin/artstore" verify --store "$work/served" >"$work/verify.txt" 2>&1; then
  echo "  verify: clean ($(tail -1 "$work/verify.txt"))"
else
  echo "  verify: FAILED" >&2
  cat "$work/verify.txt" >&2
  status=1
fi
exit "$status"
