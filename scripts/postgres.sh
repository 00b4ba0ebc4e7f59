#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on 127.0.0.1 for the hub's tests and benchmark:
#   eval "$(scripts/postgres.sh start DIR)"   # prints the exports to use it
#   scripts/postgres.sh pause DIR     # stops the server, keeping the cluster
#   scripts/postgres.sh resume DIR    # starts it again on the same port
#   scripts/postgres.sh stop DIR
# DIR is created (owned by the postgres user when run as root, since the
# server refuses to run as root). The cluster trusts local connections: it
# is for tests only. The exports are ARTSTORE_TEST_DATABASE_URL (a role
# that may create databases) and ARTSTORE_TEST_PG_PAUSE and _RESUME
# (commands that stop and start the server, for the fault test).
set -euo pipefail
action="${1:?usage: postgres.sh start|restart|stop DIR}"
dir="${2:?usage: postgres.sh start|restart|stop DIR}"
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/pg_ctl" ] || { echo "postgres.sh: no PostgreSQL server installed (apt-get install postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl() { as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" "$@" >&2; }
case "$action" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -A trust -U postgres >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    echo "$port" >"$dir/port"
    "$self" resume "$dir"
    echo "export ARTSTORE_TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/postgres?sslmode=disable'"
    echo "export ARTSTORE_TEST_PG_PAUSE='$self pause $dir'"
    echo "export ARTSTORE_TEST_PG_RESUME='$self resume $dir'"
    ;;
  resume)
    port="$(cat "$dir/port")"
    pg_ctl -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" -w start
    ;;
  pause) pg_ctl -m fast -w stop ;;
  stop) pg_ctl -m fast -w stop || true ;;
  *) echo "postgres.sh: unknown action $action" >&2; exit 2 ;;
esac
