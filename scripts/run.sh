#!/usr/bin/env bash
# `make run`: migrate, load demo data once, then serve gunicorn and the background worker
# together until Ctrl-C, which stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
PORT="${PORT:-8000}"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-hatecrime.settings.base}"
# Links in messages (console in development) point at this server.
export HATECRIME_SITE_URL="${HATECRIME_SITE_URL:-http://127.0.0.1:${PORT}}"

$BIN/hatecrime migrate --no-input
$BIN/hatecrime collectstatic --no-input --verbosity 0
$BIN/hatecrime demo --if-empty

# Workers and threads: src/hatecrime/gunicorn_conf.py (WEB_CONCURRENCY, WEB_THREADS).
$BIN/gunicorn -c python:hatecrime.gunicorn_conf hatecrime.wsgi:application --bind "127.0.0.1:${PORT}" \
  --access-logfile - --access-logformat '%(t)s "%(r)s" %(s)s %(b)s %(M)sms' &
web=$!
$BIN/hatecrime run_worker &
worker=$!

stop() {
  trap - INT TERM
  echo; echo "Stopping the web server and the worker..."
  kill -TERM "$web" "$worker" 2>/dev/null || true
  wait "$web" "$worker" 2>/dev/null || true
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
wait -n "$web" "$worker" || true
stop
