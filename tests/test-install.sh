#!/usr/bin/env bash
# Installs the build into a temporary DESTDIR and checks what lands there (TAP).
#
# Run by `meson test` (suite integration, not parallel) with SK_BUILD_ROOT and
# SK_SOURCE_ROOT set, or by hand after building:
#   SK_BUILD_ROOT=_build bash tests/test-install.sh
# It never builds: `meson install --no-rebuild`, so it cannot race a build
# running in the same directory; build first.
#
# Checks: the screenshots named by the metainfo are PNGs in data/screenshots/;
# the binary, desktop file, metainfo, GSettings schema, both icons and a
# .mo per language of po/LINGUAS are installed under the configured prefix; the
# installed desktop file, metainfo and schema validate; the desktop file's Exec
# and Icon name what is installed; nothing else is installed (no headers,
# static libraries, test or tool programs); the Flatpak manifest is valid JSON
# with the expected id, command and permissions.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
src=${SK_SOURCE_ROOT:-$here}
build=${SK_BUILD_ROOT:-$src/_build}
app_id=io.github.storekeeper.Storekeeper

n=0
failed=0
ok () { n=$((n + 1)); echo "ok $n - $*"; }
not_ok () { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
skip () { n=$((n + 1)); echo "ok $n # SKIP $*"; }
check () { # check DESCRIPTION COMMAND...
  local what=$1; shift
  local out
  if out=$("$@" 2>&1); then
    ok "$what"
  else
    not_ok "$what"
    printf '%s\n' "$out" | sed 's/^/# /'
  fi
}
finish () { echo "1..$n"; exit $failed; }

# --- Flatpak manifest (needs no build) -----------------------------------------
manifest=$src/flatpak/$app_id.json
if [ -f "$manifest" ]; then
  check "flatpak manifest is valid JSON" python3 -m json.tool "$manifest"
  check "flatpak manifest: id, command, runtime, permissions" python3 - "$manifest" "$app_id" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
errors = []
def want(cond, msg):
    if not cond:
        errors.append(msg)
want(m.get("id") == sys.argv[2], "id is not " + sys.argv[2])
want(m.get("command") == "storekeeper", "command is not storekeeper")
want(m.get("runtime") == "org.gnome.Platform", "runtime is not org.gnome.Platform")
want(m.get("sdk") == "org.gnome.Sdk", "sdk is not org.gnome.Sdk")
want(str(m.get("runtime-version", "")).isdigit(), "runtime-version is not a GNOME version")
args = m.get("finish-args", [])
for a in ["--share=network", "--socket=wayland", "--socket=fallback-x11", "--share=ipc",
          "--device=dri"]:
    want(a in args, "finish-args lacks " + a)
allowed = {"--share=network", "--socket=wayland", "--socket=fallback-x11", "--share=ipc",
           "--device=dri"}
for a in args:
    want(a in allowed, "finish-args has " + a + " (broader than needed; the secret "
         "portal serves libsecret, see docs/flatpak.md)")
mods = m.get("modules", [])
want(len(mods) > 0 and mods[-1].get("name") == "storekeeper"
     and mods[-1].get("buildsystem") == "meson", "last module is not storekeeper (meson)")
for e in errors:
    print(e)
sys.exit(1 if errors else 0)
EOF
else
  not_ok "flatpak manifest $manifest exists"
fi

# --- Screenshots named by the metainfo are in the repository ---------------------
metainfo_in=$src/data/$app_id.metainfo.xml.in.in
if [ -f "$metainfo_in" ]; then
  shots=$(sed -n 's|.*<image[^>]*>[^<]*/main/\(data/screenshots/[^<]*\)</image>.*|\1|p' "$metainfo_in")
  if [ -z "$shots" ]; then
    not_ok "the metainfo names screenshots under data/screenshots/"
  fi
  for shot in $shots; do
    if [ -s "$src/$shot" ] && [ "$(head -c 8 "$src/$shot" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]; then
      ok "screenshot $shot is a PNG in the repository"
    else
      not_ok "screenshot $shot is a PNG in the repository"
    fi
  done
fi

# --- Install into a temporary DESTDIR ------------------------------------------
if [ ! -f "$build/build.ninja" ]; then
  not_ok "build directory $build is configured (set SK_BUILD_ROOT)"
  finish
fi

opts=$(meson introspect "$build" --buildoptions) || { not_ok "meson introspect $build"; finish; }
opt () {
  printf '%s' "$opts" | python3 -c '
import json, sys
for o in json.load(sys.stdin):
    if o["name"] == sys.argv[1]:
        print(o["value"])' "$1"
}
prefix=$(opt prefix)
bindir=$(opt bindir)
datadir=$(opt datadir)
localedir=$(opt localedir)
gui=$(opt gui)
case "$bindir" in /*) ;; *) bindir=$prefix/$bindir ;; esac
case "$datadir" in /*) ;; *) datadir=$prefix/$datadir ;; esac
case "$localedir" in /*) ;; *) localedir=$prefix/$localedir ;; esac

if [ "$gui" = disabled ]; then
  skip "core-only build (gui=disabled) installs nothing"
  finish
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sk-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

if out=$(meson install -C "$build" --no-rebuild --destdir "$tmp" 2>&1); then
  ok "meson install --destdir"
else
  not_ok "meson install --destdir"
  printf '%s\n' "$out" | sed 's/^/# /'
  finish
fi

root=$tmp
bin=$root$bindir
share=$root$datadir
expected=(
  "$bin/storekeeper"
  "$share/applications/$app_id.desktop"
  "$share/metainfo/$app_id.metainfo.xml"
  "$share/icons/hicolor/scalable/apps/$app_id.svg"
  "$share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
)
if [ -f "$src/data/$app_id.gschema.xml.in" ]; then
  expected+=("$share/glib-2.0/schemas/$app_id.gschema.xml")
fi
for lang in $(sed -e 's/#.*//' "$src/po/LINGUAS" 2>/dev/null); do
  expected+=("$root$localedir/$lang/LC_MESSAGES/storekeeper.mo")
done

for f in "${expected[@]}"; do
  if [ -s "$f" ]; then ok "installed ${f#"$root"}"; else not_ok "installed ${f#"$root"}"; fi
done
if [ -x "$bin/storekeeper" ]; then ok "storekeeper is executable"; else not_ok "storekeeper is executable"; fi

# Nothing else: compare the whole installed list with the expected one.
unexpected=$(cd "$root" && find . -type f -o -type l | sed 's|^\.||' | LC_ALL=C sort \
             | grep -vxF -f <(printf '%s\n' "${expected[@]#"$root"}"))
if [ -z "$unexpected" ]; then
  ok "nothing else is installed"
else
  not_ok "nothing else is installed"
  printf '%s\n' "$unexpected" | sed 's/^/# unexpected: /'
fi

desktop=$share/applications/$app_id.desktop
if [ -f "$desktop" ]; then
  check "installed desktop file validates" desktop-file-validate "$desktop"
  exec_line=$(sed -n 's/^Exec=//p' "$desktop" | head -n1)
  exec_bin=${exec_line%% *}
  if [ "$exec_bin" = storekeeper ] && [ -x "$bin/$exec_bin" ]; then
    ok "Exec=$exec_line runs the installed binary"
  else
    not_ok "Exec=$exec_line runs the installed binary"
  fi
  icon=$(sed -n 's/^Icon=//p' "$desktop" | head -n1)
  if [ -f "$share/icons/hicolor/scalable/apps/$icon.svg" ]; then
    ok "Icon=$icon is installed"
  else
    not_ok "Icon=$icon is installed"
  fi
fi

metainfo=$share/metainfo/$app_id.metainfo.xml
if [ -f "$metainfo" ]; then
  check "installed metainfo validates" appstreamcli validate --no-net "$metainfo"
  if grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"; then
    ok "metainfo launches the installed desktop file"
  else
    not_ok "metainfo launches the installed desktop file"
  fi
fi

schemas=$share/glib-2.0/schemas
if [ -f "$schemas/$app_id.gschema.xml" ]; then
  check "installed schema compiles (--strict)" glib-compile-schemas --strict --dry-run "$schemas"
fi

for f in "${expected[@]}"; do
  case "$f" in
    *.mo) check "${f#"$root"} is a valid catalogue" msgunfmt -o /dev/null "$f" ;;
  esac
done

finish
