#!/bin/bash
# test-postman-import.sh: the local API's /openapi.json as a Postman user meets it.
#
# Copyright 2026 The Storekeeper authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fetches /openapi.json from `storekeeper --serve --demo`, converts it with
# Postman's own converter (openapi-to-postmanv2, default options, pinned in
# tests/node), runs the generated collection as it is with newman, giving it
# only the key and the server's address, and holds every answer against the
# document (tests/node/check-against-openapi.js): a 2xx whose status, media
# type and body schema the document declares. TAP output, one line a request.

set -u

if ! command -v node >/dev/null 2>&1; then
  echo "1..0 # SKIP node is not installed"
  exit 0
fi

root="${SK_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
bin="${STOREKEEPER_BIN:-}"
tools="$root/tests/node/node_modules/.bin"

if [ ! -x "$tools/openapi2postmanv2" ] || [ ! -x "$tools/newman" ]; then
  echo "1..1"
  echo "not ok 1 - openapi-to-postmanv2 or newman is not installed: run build-aux/setup.sh test"
  exit 1
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "1..1"
  echo "not ok 1 - STOREKEEPER_BIN does not name the storekeeper executable"
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sk-postman.XXXXXX")"
server_pid=""
cleanup () {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail () {
  echo "1..1"
  echo "not ok 1 - $1"
  [ -f "$2" ] && sed 's/^/# /' "$2"
  exit 1
}

"$bin" --serve --demo --port 0 > "$work/out" 2> "$work/err" &
server_pid=$!
for _ in $(seq 100); do
  grep -q "Interactive documentation" "$work/out" && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
base_url="$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$work/out" | sed 's/listening on //')"
[ -n "$base_url" ] || fail "the demo server did not start" "$work/err"

curl -sf "$base_url/openapi.json" -o "$work/openapi.json" \
  || fail "GET /openapi.json failed" /dev/null
timeout 120 "$tools/openapi2postmanv2" -s "$work/openapi.json" -o "$work/collection.json" \
  > "$work/convert.log" 2>&1 || fail "Postman's converter refused the document" "$work/convert.log"

# What a Postman user sets: the key (the collection's apiKey variable); the
# address only because this server is not on the default port 8000.
timeout 300 "$tools/newman" run "$work/collection.json" \
  --env-var "baseUrl=$base_url" --env-var "apiKey=sk-demo-postman-import" \
  --reporters json --reporter-json-export "$work/report.json" \
  --timeout-request 60000 > "$work/newman.log" 2>&1
[ -f "$work/report.json" ] || fail "newman did not run the collection" "$work/newman.log"

node "$root/tests/node/check-against-openapi.js" "$work/openapi.json" "$work/report.json"
status=$?
if grep -q "sk-demo-postman-import" "$work/err"; then
  echo "# the key reached the server log"
  status=1
fi
exit $status
