#!/usr/bin/env bash
# Storekeeper's one set-up script, for a fresh Debian 12 machine.
#
#   build-aux/setup.sh run  [ARGS...]  install what is missing, build, start the app
#   build-aux/setup.sh test            install what is missing, build, run every test
#
# Safe to run again: it installs only missing packages and builds incrementally.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
mode=${1:-run}
shift || true

say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# --- Debian packages ---------------------------------------------------------
packages=(
  # build
  gcc pkg-config meson ninja-build gettext libxml2-utils
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  # run
  libsecret-tools gnome-keyring dbus
  # validation and tests
  desktop-file-utils appstream xvfb xauth dbus-x11 curl
)
if [ "$mode" = test ]; then
  packages+=( valgrind clang libclang-rt-14-dev )
  # the accessibility and keyboard tests: AT-SPI from python, X key events
  packages+=( at-spi2-core python3-pyatspi xdotool )
fi

as_root () {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "$mode" = test ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "Installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- Node tools used by the tests (prism, newman), pinned by package-lock ----
if [ "$mode" = test ] && [ -f tests/node/package.json ]; then
  stamp=tests/node/node_modules/.sk-stamp
  if [ ! -f "$stamp" ] || [ tests/node/package-lock.json -nt "$stamp" ]; then
    say "Installing test tools from npm (tests/node)"
    (cd tests/node && npm ci --no-audit --no-fund --loglevel=error)
    touch "$stamp"
  fi
fi

# --- Build ---------------------------------------------------------------------
build=_build
if [ ! -f "$build/build.ninja" ]; then
  say "Configuring $build"
  meson setup "$build" --buildtype=debugoptimized
fi
say "Building"
meson compile -C "$build"

case "$mode" in
  run)
    export GSETTINGS_SCHEMA_DIR="$here/$build/data"
    args=("$@")
    if [ ${#args[@]} -eq 0 ] && [ -z "${OPENAI_API_KEY:-}" ] \
       && ! timeout 5 secret-tool lookup application io.github.storekeeper.Storekeeper >/dev/null 2>&1; then
      say "No OpenAI key configured: opening the simulated account (--demo)"
      args=(--demo)
    fi
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
      say "No display: serving the local API headless instead (http://127.0.0.1:8000/docs)"
      exec "$build/src/storekeeper" --serve "${args[@]}"
    fi
    exec "$build/src/storekeeper" "${args[@]}"
    ;;
  test)
    status=0
    say "Running the test suite (UI tests under Xvfb)"
    # A private session bus (GTK and the keyring test want one) and a private X server.
    dbus-run-session -- xvfb-run -a -s '-screen 0 1280x1024x24' \
      meson test -C "$build" --print-errorlogs --num-processes 2 || status=1

    # Meson's results, counted before test-extra.sh runs other setups.
    read -r passed failed < <(python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = 0
for line in open(sys.argv[1], encoding='utf-8'):
    result = json.loads(line).get('result')
    if result in ('OK', 'EXPECTEDFAIL', 'SKIP'):
        passed += result != 'SKIP'
    else:
        failed += 1
print(passed, failed)
PY
) || true
    passed=${passed:-0} failed=${failed:-1}

    if [ -x build-aux/test-extra.sh ]; then
      extra_log=$(mktemp)
      build-aux/test-extra.sh | tee "$extra_log" || status=1
      passed=$((passed + $(grep -c '^ok ' "$extra_log" || true)))
      failed=$((failed + $(grep -c '^not ok ' "$extra_log" || true)))
      rm -f "$extra_log"
    fi
    [ "$failed" -eq 0 ] || status=1
    if [ $status -eq 0 ]; then say "All tests passed"; else say "Some tests failed"; fi
    echo "$passed passed, $failed failed"
    exit $status
    ;;
  *)
    echo "usage: $0 run [ARGS...] | test" >&2
    exit 2
    ;;
esac
