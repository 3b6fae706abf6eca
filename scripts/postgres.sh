#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests (and bench/), on 127.0.0.1 at a free port.
#
#   scripts/postgres.sh start DIR   install Debian's postgresql when missing (as root), create a
#                                   cluster in DIR/data, start it; print its SQLAlchemy URL
#   scripts/postgres.sh stop DIR    stop the cluster and remove DIR
#
# The superuser "plandesk" logs in over TCP with a random password (scram-sha-256), so the
# tests go through real password authentication. As root the server runs as the "postgres"
# user (the server refuses to run as root), which Debian's package creates.
set -euo pipefail

say() { printf 'postgres.sh: %s\n' "$*" >&2; }

bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
  done
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"; return 0
  fi
  return 1
}

install_postgres() {
  bindir >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's postgresql"
    "$(dirname "${BASH_SOURCE[0]}")/apt-install.sh" -- postgresql
    # the package starts a cluster of its own: the tests use their own, so stop it
    command -v pg_ctlcluster >/dev/null 2>&1 && service postgresql stop >/dev/null 2>&1 || true
  fi
  bindir >/dev/null || { say "PostgreSQL is not installed (apt-get install postgresql)"; return 1; }
}

free_port() {  # a random port that nothing listens on (pg_ctl fails and we retry if it is taken)
  local port
  for _ in $(seq 1 50); do
    port=$(( 20000 + $(od -An -tu2 -N2 /dev/urandom | tr -d ' ') % 40000 ))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

as_owner() {  # run a command as the cluster's owner
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir="$1" bin port pw
  install_postgres
  bin="$(bindir)"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  pw="$(od -An -tx1 -N18 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$pw" > "$dir/pwfile"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" postgres
    chown -R postgres "$dir"
    chmod 700 "$dir"
    # the owner must be able to reach DIR through its parents (a temp dir under /tmp is)
  fi
  as_owner "$bin/initdb" -D "$dir/data" -U plandesk --pwfile="$dir/pwfile" --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  rm -f "$dir/pwfile"
  for _ in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
         -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
         start >/dev/null; then
      echo "$port" > "$dir/port"
      echo "postgresql+psycopg://plandesk:$pw@127.0.0.1:$port/postgres"
      return 0
    fi
    tail -5 "$dir/server.log" >&2 || true
  done
  say "could not start PostgreSQL"; return 1
}

stop() {
  local dir="$1" bin
  [ -d "$dir" ] || return 0
  bin="$(bindir)" || true
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start "${2:?DIR}" ;;
  stop) stop "${2:?DIR}" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
