#!/usr/bin/env bash
# Start throwaway PostgreSQL and Redis servers on loopback for the tests, and print
# the environment to use them:   eval "$(bash .ci/services.sh start)"
#                                bash .ci/services.sh stop
set -euo pipefail
STATE=${CRAWLER_SERVICES_DIR:-/tmp/inquirer-crawler-services}
PG_PORT=${PG_PORT:-55432}
REDIS_PORT=${REDIS_PORT:-56379}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

start() {
  mkdir -p "$STATE"
  local bin; bin=$(pg_bin)
  if [ -z "$bin" ]; then echo "postgresql is not installed (apt-get install postgresql)" >&2; exit 1; fi
  if [ ! -f "$STATE/pg/PG_VERSION" ]; then
    mkdir -p "$STATE/pg"; chown postgres "$STATE/pg" "$STATE" 2>/dev/null || true
    su postgres -s /bin/sh -c "$bin/initdb -D $STATE/pg -A trust -U postgres -E UTF8 --locale=C.UTF-8" >"$STATE/initdb.log" 2>&1
  fi
  if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D $STATE/pg status" >/dev/null 2>&1; then
    su postgres -s /bin/sh -c "$bin/pg_ctl -D $STATE/pg -w -l $STATE/pg.log -o \"-p $PG_PORT -k $STATE -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200\" start" >&2
  fi
  if command -v redis-server >/dev/null 2>&1; then
    if ! redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping >/dev/null 2>&1; then
      redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
        --daemonize yes --logfile "$STATE/redis.log" --dir "$STATE" >&2
    fi
    echo "export TEST_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0"
  fi
  echo "export TEST_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
}

stop() {
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] && [ -d "$STATE/pg" ] && su postgres -s /bin/sh -c "$bin/pg_ctl -D $STATE/pg -m fast stop" >/dev/null 2>&1 || true
  redis-cli -h 127.0.0.1 -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
