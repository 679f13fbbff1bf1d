#!/usr/bin/env bash
# Takes the AppStream screenshots of data/*.metainfo.xml.in.in from the demo
# account, under Xvfb, at 1200x800 (light style).
#
#   data/screenshots/take-screenshots.sh [BUILD_DIR]     (default: _build)
#
# Needs xvfb-run, dbus-run-session, gnome-keyring-daemon (all installed by
# build-aux/setup.sh) and, to capture and drive the window: x11-apps (xwd),
# netpbm (xwdtopnm, pnmtopng) and xdotool; openbox, when installed, places the
# confirmation dialog over the window as GNOME does (without a window manager
# it lands in the top-left corner). Look at the results before committing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build=$(cd "${1:-$here/_build}" && pwd)
out=$here/data/screenshots

if [ -z "${SK_SCREENSHOTS_INNER:-}" ]; then
  for tool in xvfb-run dbus-run-session gnome-keyring-daemon xwd xwdtopnm pnmtopng xdotool; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
  done
  export SK_SCREENSHOTS_INNER=1
  exec xvfb-run -a -s '-screen 0 1200x800x24' dbus-run-session -- "$0" "$build"
fi

# Inside Xvfb and a private D-Bus session, with an unlocked, empty keyring.
echo -n storekeeper | gnome-keyring-daemon --unlock --components=secrets >/dev/null
# A throw-away settings file that sizes the window like the screen.
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
mkdir -p "$config/glib-2.0/settings"
printf '[io/github/storekeeper/Storekeeper]\nwindow-width=1200\nwindow-height=800\n' \
  > "$config/glib-2.0/settings/keyfile"
export XDG_CONFIG_HOME=$config GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data
export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
unset OPENAI_API_KEY

capture () { xwd -root -silent | xwdtopnm 2>/dev/null | pnmtopng -compression 9 > "$out/$1"; }
wm=
if command -v openbox >/dev/null; then openbox >/dev/null 2>&1 & wm=$!; sleep 1; fi
app=
start () { "$build/src/storekeeper" "$@" >/dev/null 2>&1 & app=$!; sleep 6; }
stop () { kill "$app"; wait "$app" 2>/dev/null || true; }

start --demo
capture vector-stores.png
xdotool key alt+2
sleep 3
xdotool mousemove 180 74 click 1 mousemove 1199 799   # "Not in any vector store"
sleep 3
capture files.png
stop

start
capture welcome.png
stop

# The confirmation of the guide's use case 2: every file in no vector store
start --demo
xdotool key alt+2
sleep 3
xdotool key alt+o      # "Select All Orphans"
sleep 3
xdotool key Delete
sleep 2
capture delete-files.png
xdotool key Escape
stop

if [ -n "$wm" ]; then kill "$wm"; fi

ls -l "$out"/*.png
