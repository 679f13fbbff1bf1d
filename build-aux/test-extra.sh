#!/usr/bin/env bash
# Hardening steps run by `build-aux/setup.sh test` after the main suite:
#
#   1. the core and its tests built with AddressSanitizer + UBSan in
#      _build-asan, every report fatal (the GUI stays out of this build:
#      GTK under ASan reports leaks of its own and of the drivers);
#   2. the core suite under valgrind memcheck in _build (the `valgrind`
#      test setup of the root meson.build; the 20,000-deletion soak is left
#      out there, it runs natively and under ASan);
#   3. the libFuzzer targets built with clang in _build-fuzz, each replaying
#      its corpus and then fuzzing for FUZZ_SECONDS (default 10);
#   4. the local API load run (bench/bench-load, bounded) in _build.
#
# Each step prints a summary line "ok N - ..." / "not ok N - ..." (TAP);
# the script exits non-zero when any step failed. Usage:
#
#   build-aux/test-extra.sh [asan] [valgrind] [fuzz] [load]   (default: all)
#
# Environment: FUZZ_SECONDS, LOAD_SECONDS (default 20), SK_JOBS (default 2).
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

steps=("$@")
[ ${#steps[@]} -eq 0 ] && steps=(asan valgrind fuzz load)
jobs=${SK_JOBS:-2}
fuzz_seconds=${FUZZ_SECONDS:-10}
load_seconds=${LOAD_SECONDS:-20}

say () { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

n=0
failed=0
result () {
  # result STATUS DESCRIPTION
  n=$((n + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    failed=1
  fi
}

# Any sanitizer report ends the process with an error.
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=0:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=0:check_initialization_order=1:fast_unwind_on_malloc=0"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$here/build-aux/lsan.supp:print_suppressions=0"

asan_setup () {
  if [ ! -f _build-asan/build.ninja ]; then
    say "Configuring _build-asan (ASan + UBSan, no GUI)"
    meson setup _build-asan -Dgui=disabled -Db_sanitize=address,undefined \
      -Db_lundef=false --buildtype=debug >/dev/null || return 1
  fi
  say "Building _build-asan"
  ninja -C _build-asan -j "$jobs" >/dev/null || ninja -C _build-asan -j 1
}

step_asan () {
  local status=0
  asan_setup || { result 1 "asan: build"; return; }
  say "Core tests under AddressSanitizer + UndefinedBehaviorSanitizer"
  # ASan slows the soak and the large generated dataset three to five times
  meson test -C _build-asan --no-rebuild --suite core --print-errorlogs --timeout-multiplier 2 \
    --num-processes "$jobs" || status=1
  result $status "asan: core suite under ASan + UBSan (GUI tests not in this build)"
}

step_valgrind () {
  local status=0 tests
  if ! command -v valgrind >/dev/null; then
    result 1 "valgrind: not installed"
    return
  fi
  if [ ! -f _build/build.ninja ]; then
    result 1 "valgrind: _build not configured (run build-aux/setup.sh test)"
    return
  fi
  # every core test but the soak
  tests=$(meson test -C _build --no-rebuild --list --suite core 2>/dev/null \
            | sed -n 's/^storekeeper:core \/ //p; s/^storekeeper \/ //p' | grep -vx soak | sort -u)
  if [ -z "$tests" ]; then
    result 1 "valgrind: no core test found in _build"
    return
  fi
  say "Core tests under valgrind memcheck: $(echo $tests)"
  # shellcheck disable=SC2086
  meson test -C _build --no-rebuild --setup=valgrind --print-errorlogs \
    --num-processes "$jobs" $tests || status=1
  result $status "valgrind: core suite (no soak), zero errors, definite leaks are errors"
}

step_fuzz () {
  local status t work out
  if ! command -v clang >/dev/null; then
    result 1 "fuzz: clang not installed"
    return
  fi
  if [ ! -f _build-fuzz/build.ninja ]; then
    say "Configuring _build-fuzz (clang, libFuzzer, ASan + UBSan)"
    CC=clang meson setup _build-fuzz -Dgui=disabled -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false >/dev/null \
      || { result 1 "fuzz: configure"; return; }
  fi
  targets=$(cd tests/fuzz && ls fuzz-*.c | sed 's/\.c$//')
  say "Building fuzz targets"
  # shellcheck disable=SC2046
  ninja -C _build-fuzz -j "$jobs" $(for t in $targets; do echo "tests/fuzz/$t"; done) >/dev/null \
    || { result 1 "fuzz: build"; return; }
  for t in $targets; do
    status=0
    work=$(mktemp -d)
    out=$(mktemp -d)
    corpus=tests/fuzz/corpus/${t#fuzz-}
    say "$t: ${fuzz_seconds}s on $corpus"
    # New inputs go to $work (the seed corpus stays clean); a crash is
    # written to $out and shown.
    "_build-fuzz/tests/fuzz/$t" -max_total_time="$fuzz_seconds" -timeout=10 -rss_limit_mb=2048 \
      -print_final_stats=1 -artifact_prefix="$out/" "$work" "$corpus" \
      >"$out/log" 2>&1 || status=1
    grep -E '^(stat::number_of_executed_units|stat::new_units_added|Done)' "$out/log" | sed 's/^/# /'
    if [ $status -ne 0 ]; then
      tail -n 40 "$out/log"
      for a in "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*; do
        [ -f "$a" ] || continue
        echo "# input kept at $a: copy it to $corpus/regress-NAME once fixed"
        cp "$a" "/tmp/$t-$(basename "$a")"
      done
    fi
    rm -rf "$work"
    result $status "fuzz: $t (${fuzz_seconds}s, seed corpus $(ls "$corpus" | wc -l) inputs)"
  done
}

step_load () {
  local status=0
  # the ordinary build: under ASan the quarantine keeps freed memory, so
  # VmRSS would say nothing
  if [ ! -f _build/build.ninja ]; then
    result 1 "load: _build not configured (run build-aux/setup.sh test)"
    return
  fi
  ninja -C _build bench/bench-load src/storekeeper >/dev/null || { result 1 "load: build"; return; }
  say "Local API load: 200 connections for ${load_seconds}s with upstream faults"
  # the server journals its deletions: into a folder of this run, never the user's
  local data_home
  data_home=$(mktemp -d)
  XDG_DATA_HOME="$data_home" _build/bench/bench-load --seconds "$load_seconds" --connections 200 \
    --bin _build/src/storekeeper || status=1
  rm -rf "$data_home"
  result $status "load: 200 concurrent connections, contract statuses only, memory back"
}

for s in "${steps[@]}"; do
  case "$s" in
    asan) step_asan ;;
    valgrind) step_valgrind ;;
    fuzz) step_fuzz ;;
    load) step_load ;;
    *) echo "unknown step $s" >&2; exit 2 ;;
  esac
done

echo "1..$n"
exit $failed
