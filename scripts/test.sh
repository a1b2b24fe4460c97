#!/usr/bin/env bash
# The whole suite on SQLite and on a throw-away PostgreSQL, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

# System packages the browser tests and documents need: Debian's Chromium and CJK fonts.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || need+=(fonts-noto-cjk)
if [ ${#need[@]} -gt 0 ]; then
  echo "安装系统软件包：${need[*]}" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

pgdir=$(mktemp -d /tmp/yifa-pg.XXXXXX)
trap 'bash scripts/pg.sh stop "$pgdir"' EXIT
pg_url=$(bash scripts/pg.sh start "$pgdir")

export YIFA_HTTPS=0
export YIFA_VAR_DIR=${YIFA_VAR_DIR:-$PWD/var}
# The two passes run side by side (one core each); their output is printed one after the other, each with its
# fifteen slowest tests (to keep `make test` under 15 minutes, trim those first).
logdir=$(mktemp -d /tmp/yifa-test-logs.XXXXXX)
run_pass() {
  local name=$1 url=$2; shift 2
  local rc=0
  DATABASE_URL="$url" $PY -m pytest --durations=15 "$@" >"$logdir/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$logdir/$name.rc"
}
run_pass sqlite "sqlite:///$YIFA_VAR_DIR/yifa-test-main.sqlite3" "$@" &
run_pass postgresql "$pg_url" "$@" &
wait
status=0
for name in sqlite postgresql; do
  echo "== ${name} =="
  cat "$logdir/$name.log"
  rc=$(cat "$logdir/$name.rc" 2>/dev/null || echo "missing")
  [ "$rc" = 0 ] || { echo "!! ${name}: pytest exited with $rc"; status=1; }
done
rm -rf "$logdir"
exit $status
