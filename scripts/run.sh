#!/usr/bin/env bash
# `make run`: migrate, load demo data once, then serve gunicorn and the background worker
# together until Ctrl-C, which stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${HATECRIME_RUN_BIN:-.venv/bin}"  # another only for tests/core/test_make_run.py
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-hatecrime.settings.base}"
# Links in messages (console in development) point at this server.
export HATECRIME_SITE_URL="${HATECRIME_SITE_URL:-http://127.0.0.1:${PORT}}"

# What an earlier `make run` left running (its script killed outright, so it could not stop
# them) still holds the port and the worker's jobs: stop those processes first, by the ids it
# wrote, and only if they are still ours.
VAR_DIR="${HATECRIME_VAR_DIR:-var}"
PIDS="$VAR_DIR/run.pids"
ours() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -qE 'gunicorn|hatecrime run_worker'; }
if [ -f "$PIDS" ]; then
  left=()
  while read -r pid; do
    if ours "$pid"; then left+=("$pid"); fi
  done <"$PIDS"
  if [ "${#left[@]}" -gt 0 ]; then
    echo "Stopping what an earlier make run left running (processes ${left[*]})..."
    kill -TERM "${left[@]}" 2>/dev/null || true
    for _ in $(seq 1 30); do
      alive=0
      for pid in "${left[@]}"; do if ours "$pid"; then alive=1; fi; done
      [ "$alive" = 0 ] && break
      sleep 0.5
    done
    for pid in "${left[@]}"; do if ours "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi; done
  fi
  rm -f "$PIDS"
fi

$BIN/hatecrime migrate --no-input
$BIN/hatecrime collectstatic --no-input --verbosity 0
$BIN/hatecrime demo --if-empty

# Workers and threads: src/hatecrime/gunicorn_conf.py (WEB_CONCURRENCY, WEB_THREADS).
$BIN/gunicorn -c python:hatecrime.gunicorn_conf hatecrime.wsgi:application --bind "127.0.0.1:${PORT}" \
  --access-logfile - --access-logformat '%(t)s "%(r)s" %(s)s %(b)s %(M)sms' &
web=$!
$BIN/hatecrime run_worker &
worker=$!
mkdir -p "$VAR_DIR"
printf '%s\n' "$web" "$worker" >"$PIDS"

stop() {
  trap - INT TERM
  echo; echo "Stopping the web server and the worker..."
  kill -TERM "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
  rm -f "$PIDS"
  exit 0
}
trap stop INT TERM

cat <<TXT

  hatecrime is running.
    Report a hate crime:   http://127.0.0.1:${PORT}/
    Track a report:        http://127.0.0.1:${PORT}/track/
    Staff sign in:         http://127.0.0.1:${PORT}/staff/
    API docs:              http://127.0.0.1:${PORT}/api/v1/docs
  Demo staff (password: $($BIN/hatecrime demo --print-password)):
    officer.hackney  officer.camden  supervisor.hackney  callhandler  analyst  command  partner  admin
    (and officer2.hackney, officer.newham, supervisor.camden, supervisor.newham, supervisor.triage)
  Then a code from an authenticator app set up with the demo secret (time-based, 6 digits):
    $($BIN/hatecrime demo --print-totp-secret)
  or print the current code with:  $BIN/hatecrime totp officer.hackney
  Security keys and passkeys: use http://localhost:${PORT}/staff/ (browsers refuse them on an IP address).
  Press Ctrl-C to stop.

TXT
# Until either stops (killed, crashed, or the port was taken): then stop the other too, so a
# new `make run` starts clean. A loop rather than `wait -n`, which misses a process that ended
# before it was called.
while kill -0 "$web" 2>/dev/null && kill -0 "$worker" 2>/dev/null; do
  sleep 1 &
  wait $! || true
done
stop
