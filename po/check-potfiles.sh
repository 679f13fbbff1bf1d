#!/usr/bin/env bash
# Checks po/POTFILES.in against the tree (TAP):
#  - every file it lists exists (xgettext stops on a missing one);
#  - every file with user-visible strings is listed: C files using _() N_() C_()
#    NC_() ngettext(), .ui files with translatable="yes", and the desktop,
#    metainfo and schema sources in data/.
# Usage: check-potfiles.sh [--update] [SOURCE_ROOT]
#   --update rewrites po/POTFILES.in: drops missing files, adds unlisted ones, sorts.
set -u
update=0
if [ "${1:-}" = --update ]; then update=1; shift; fi
root=${1:-${SK_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}}
cd "$root" || exit 1

n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $*"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $*"; }

listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' po/POTFILES.in)

needed=$(
  {
    grep -lE '(^|[^A-Za-z0-9_])(N?C?_|ngettext) ?\(' \
      $(find src -name '*.c' -not -path 'src/tools/*' | LC_ALL=C sort) 2>/dev/null
    grep -l 'translatable="yes"' $(find src -name '*.ui' | LC_ALL=C sort) 2>/dev/null
    ls data/*.desktop.in.in data/*.metainfo.xml.in.in data/*.gschema.xml.in 2>/dev/null
  } | LC_ALL=C sort -u
)

if [ $update = 1 ]; then
  for f in $listed $needed; do
    if [ -f "$f" ]; then echo "$f"; fi
  done | LC_ALL=C sort -u > po/POTFILES.in.tmp && mv po/POTFILES.in.tmp po/POTFILES.in
  listed=$(cat po/POTFILES.in)
fi

for f in $listed; do
  if [ -f "$f" ]; then ok "listed file exists: $f"; else not_ok "listed file is missing: $f"; fi
done

sorted=$(printf '%s\n' $listed | LC_ALL=C sort)
if [ "$sorted" = "$(printf '%s\n' $listed)" ]; then
  ok "POTFILES.in is sorted"
else
  not_ok "POTFILES.in is not sorted (LC_ALL=C sort)"
fi

for f in $needed; do
  if printf '%s\n' $listed | grep -qxF "$f"; then
    ok "has user-visible strings and is listed: $f"
  else
    not_ok "has user-visible strings but is not in po/POTFILES.in: $f"
  fi
done

echo "1..$n"
exit $fail
