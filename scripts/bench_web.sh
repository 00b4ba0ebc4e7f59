#!/usr/bin/env bash
# The web view under load (run through scripts/bench.sh --web):
#   scripts/bench_web.sh [--n N] [--connections C] [--seconds S]
# Builds a store of N articles (make-corpus bench) plus its 10%-edited
# revision, serves it with `artstore serve` on 127.0.0.1, and runs wrk with
# C connections for S seconds against each kind of page in turn, each
# request a random page of that kind: home, the articles list (random pages
# across the whole store, by number, by title and by last change), an
# article's history, a diff between two versions, and search. Prints p50 and
# p99 latency and requests/s per kind, and the server's resident memory
# after the load (VmHWM: the peak). Needs wrk and python3.
set -euo pipefail
N=100000 CONNECTIONS=16 SECONDS_PER=15
while (($#)); do
  case "$1" in
    --n) N="$2"; shift 2 ;;
    --connections) CONNECTIONS="$2"; shift 2 ;;
    --seconds) SECONDS_PER="$2"; shift 2 ;;
    *) echo "bench_web: unknown argument $1" >&2; exit 2 ;;
  esac
done
command -v wrk >/dev/null || { echo "bench_web: needs wrk (apt-get install wrk)" >&2; exit 2; }
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ARTSTORE="${ARTSTORE_BIN:-$ROOT/.build/release/artstore}"
MAKE_CORPUS="${MAKE_CORPUS_BIN:-$ROOT/.build/release/make-corpus}"
WORK="${BENCH_DIR:-/tmp/artstore-bench}/web"
rm -rf "$WORK"
mkdir -p "$WORK"
server=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null || true' EXIT

echo "building a store of $N articles and its 10% revision..." >&2
"$MAKE_CORPUS" bench --n "$N" --out "$WORK/corpus" >/dev/null
"$MAKE_CORPUS" revise --src "$WORK/corpus" --out "$WORK/revised" --rate 0.1 --seed 2 >/dev/null
"$ARTSTORE" import --store "$WORK/store" "$WORK/corpus" >/dev/null
"$ARTSTORE" import --store "$WORK/store" "$WORK/revised" >/dev/null
token="$("$ARTSTORE" token create --store "$WORK/store" --scope read)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$ARTSTORE" serve --store "$WORK/store" --listen "127.0.0.1:$port" >"$WORK/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -fs "$base/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done

# The pages to ask for, per kind: random articles, cursors from across the
# list, versions of edited articles, and words from the corpus.
python3 - "$base" "$token" "$WORK" "$N" <<'PY'
import json, random, sys, urllib.request
base, token, work, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
random.seed(1)
def get(path):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    return json.load(urllib.request.urlopen(request))
kinds = {"home": ["/"], "articles": [], "article": [], "diff": [], "search": []}
for sort in ("number", "title", "changed"):
    path = "/api/v1/articles?sort=%s&limit=500" % sort
    page = get(path)
    # Walk the listing 500 at a time and keep cursors from all over it.
    for step in range(n // 500):
        if "next" not in page["page"]:
            break
        if step % max(1, n // 500 // 40) == 0:
            kinds["articles"].append("/articles?sort=%s&after=%s" % (sort, page["page"]["next"]))
        page = get(path + "&after=" + page["page"]["next"])
edited = get("/api/v1/articles?versions=several&limit=500")["page"]["articles"]
for article in random.sample(edited, min(200, len(edited))):
    history = get("/api/v1/articles/%d" % article["number"])["history"]
    kinds["article"].append("/articles/%d" % article["number"])
    kinds["diff"].append("/diff/%s/%s" % (history[1]["id"][:16], history[0]["id"][:16]))
for number in random.sample(range(n), 200):
    kinds["article"].append("/articles/%d" % number)
words = ["minister", "election", "harbour", "rebels", "market", "storm", "council", "bank", "police", "court",
         "talks", "prices", "\"prime minister\"", "aid AND city", "elect*"]
kinds["search"] = ["/search?q=" + urllib.request.quote(word) for word in words]
for kind, paths in kinds.items():
    with open("%s/%s.paths" % (work, kind), "w") as out:
        out.write("\n".join(paths) + "\n")
PY
cat >"$WORK/random.lua" <<'LUA'
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("WRK_TOKEN")
math.randomseed(1)
request = function() return wrk.format("GET", paths[math.random(#paths)]) end
LUA

printf '| page | p50 | p99 | requests/s | non-2xx |\n|---|---|---|---|---|\n' >"$WORK/table.md"
for kind in home articles article diff search; do
  echo "== $kind ($(wc -l <"$WORK/$kind.paths") pages, $CONNECTIONS connections, $SECONDS_PER s)" >&2
  WRK_PATHS="$WORK/$kind.paths" WRK_TOKEN="$token" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER}s" --latency \
    -s "$WORK/random.lua" "$base" >"$WORK/$kind.wrk"
  p50=$(awk '$1 == "50%" { print $2 }' "$WORK/$kind.wrk")
  p99=$(awk '$1 == "99%" { print $2 }' "$WORK/$kind.wrk")
  rate=$(awk '/Requests\/sec/ { print $2 }' "$WORK/$kind.wrk")
  bad=$(awk '/Non-2xx/ { print $NF }' "$WORK/$kind.wrk")
  printf '| %s | %s | %s | %s | %s |\n' "$kind" "$p50" "$p99" "$rate" "${bad:-0}" >>"$WORK/table.md"
done
rss=$(awk '/VmRSS/ { print $2 }' "/proc/$server/status")
hwm=$(awk '/VmHWM/ { print $2 }' "/proc/$server/status")
echo
echo "web view, $N articles + 10% edited, $CONNECTIONS connections, ${SECONDS_PER} s per page kind ($(date -u +%Y-%m-%d)):"
cat "$WORK/table.md"
echo "server memory after the load: $((rss / 1024)) MiB resident, peak $((hwm / 1024)) MiB"
