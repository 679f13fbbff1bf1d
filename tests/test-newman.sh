#!/bin/bash
# test-newman.sh: the guide's Postman workflows against `storekeeper --serve --demo`.
#
# Copyright 2026 The Storekeeper authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs tests/postman/storekeeper.postman_collection.json with newman (npm
# package, tests/node/node_modules, installed by build-aux/setup.sh; this
# script runs `npm ci` there once if it is missing). Each folder runs against
# a fresh `storekeeper --serve --demo` ($STOREKEEPER_BIN) on a free port, since
# the workflows delete the account. TAP output, one test per folder.

set -u

if ! command -v node >/dev/null 2>&1; then
  echo "1..0 # SKIP node is not installed"
  exit 0
fi

root="${SK_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}"
bin="${STOREKEEPER_BIN:-}"
newman="$root/tests/node/node_modules/.bin/newman"
collection="$root/tests/postman/storekeeper.postman_collection.json"
folders=(
  "Service et erreurs"
  "Workflow 1: Nettoyer tous les vector stores"
  "Workflow 2: Nettoyer tous les fichiers"
  "Workflow 3: Nettoyer seulement les fichiers assistants"
  "Workflow 4: Nettoyer un vector store et ses fichiers"
)

if [ ! -x "$newman" ] && command -v npm >/dev/null 2>&1; then
  (cd "$root/tests/node" && timeout 600 npm ci --no-audit --no-fund >/dev/null 2>&1)
fi
if [ ! -x "$newman" ]; then
  echo "1..1"
  echo "not ok 1 - newman is not installed: run build-aux/setup.sh test (npm ci in tests/node)"
  exit 1
fi
if [ -z "$bin" ] || [ ! -x "$bin" ]; then
  echo "1..1"
  echo "not ok 1 - STOREKEEPER_BIN does not name the storekeeper executable"
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/sk-newman.XXXXXX")"
server_pid=""

stop_server () {
  if [ -n "$server_pid" ]; then
    kill -TERM "$server_pid" 2>/dev/null
    for _ in $(seq 50); do
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$server_pid" 2>/dev/null
    wait "$server_pid" 2>/dev/null
    server_pid=""
  fi
}
cleanup () {
  stop_server
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Starts the demo server on a free port; sets base_url and token.
start_server () {
  : > "$work/out"
  "$bin" --serve --demo --port 0 > "$work/out" 2> "$work/err" &
  server_pid=$!
  for _ in $(seq 100); do
    grep -q "Interactive documentation" "$work/out" && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
  base_url="$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$work/out" | sed 's/listening on //')"
  token="$(grep -o 'Local token.*: [0-9a-f]*' "$work/out" | sed 's/.*: //')"
  [ -n "$base_url" ] && [ -n "$token" ]
}

echo "1..${#folders[@]}"
n=0
failed=0
for folder in "${folders[@]}"; do
  n=$((n + 1))
  if ! start_server; then
    echo "not ok $n - $folder # the demo server did not start"
    sed 's/^/# /' "$work/err"
    failed=1
    stop_server
    continue
  fi
  status=0
  timeout 300 "$newman" run "$collection" --folder "$folder" \
    --env-var "base_url=$base_url" --env-var "api_key=sk-demo-postman-user" \
    --env-var "local_token=$token" \
    --reporters cli --color off --disable-unicode --timeout-request 60000 \
    > "$work/newman.log" 2>&1 || status=$?
  stop_server
  if [ "$status" -eq 0 ] && grep -q -e "sk-demo-postman-user" -e "$token" "$work/err"; then
    echo "# the key or the token reached the server log"
    status=1
  fi
  if [ "$status" -eq 0 ]; then
    echo "ok $n - $folder"
  else
    echo "not ok $n - $folder"
    sed 's/^/# /' "$work/newman.log"
    failed=1
  fi
done

exit $failed
