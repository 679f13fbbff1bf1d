#!/usr/bin/env bash
# Takes the screenshots of the cleanup rules in docs/screenshots/ from the
# demo account, under Xvfb with openbox:
#   rules-editor.png          the rule editor over the rules dialog, 1280x800
#   rules-preview.png         the preview of "Files in no vector store", 1280x800
#   rules-preview-dark.png    the same in the dark style
#   rules-preview-narrow.png  the same, 700x800
#
#   build-aux/screenshots.sh [BUILD_DIR]     (default: _build)
#
# Needs xvfb-run, dbus-run-session, openbox, xdotool and ImageMagick
# (import, convert). Look at the results before committing them.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$here/_build}" && pwd)
out=$here/docs/screenshots

if [ -z "${SK_SHOT_VARIANT:-}" ]; then
  for tool in xvfb-run dbus-run-session openbox xdotool import convert; do
    command -v "$tool" >/dev/null || { echo "missing: $tool" >&2; exit 1; }
  done
  mkdir -p "$out"
  for variant in rules-editor:1280x800:light rules-preview:1280x800:light \
                 rules-preview-dark:1280x800:dark rules-preview-narrow:700x800:light; do
    size=$(echo "$variant" | cut -d: -f2)
    SK_SHOT_VARIANT=$variant xvfb-run -a -s "-screen 0 ${size}x24" dbus-run-session -- "$0" "$build"
  done
  ls -l "$out"/rules-*.png
  exit 0
fi

# Inside Xvfb and a private D-Bus session: one screenshot
IFS=: read -r name size scheme <<<"$SK_SHOT_VARIANT"
width=${size%x*}
height=${size#*x}
# throw-away settings (the window sized like the screen) and rules
config=$(mktemp -d)
data=$(mktemp -d)
trap 'rm -rf "$config" "$data"' EXIT
mkdir -p "$config/glib-2.0/settings"
printf '[io/github/storekeeper/Storekeeper]\nwindow-width=%s\nwindow-height=%s\n' "$width" "$height" \
  > "$config/glib-2.0/settings/keyfile"
export XDG_CONFIG_HOME=$config XDG_DATA_HOME=$data GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$build/data
export GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1
unset OPENAI_API_KEY
if [ "$scheme" = dark ]; then export ADW_DEBUG_COLOR_SCHEME=prefer-dark; fi

openbox >/dev/null 2>&1 &
wm=$!
sleep 1
"$build/src/storekeeper" --demo >/dev/null 2>&1 &
app=$!
sleep 6

# Main menu (F10) -> Cleanup Rules
xdotool key F10
sleep 1
xdotool key Down Down Return
sleep 2
# the rules dialog: its buttons sit at fixed places from its corner
read -r x y < <(xdotool search --sync --onlyvisible --name '^Cleanup Rules$' getwindowgeometry \
                | awk '/Position/ { split ($2, p, ","); print p[1], p[2] }')
if [ "$name" = rules-editor ]; then
  xdotool mousemove $((x + 425)) $((y + 141)) click 1     # Edit "Batch files older than 30 days"
  sleep 2
else
  xdotool mousemove $((x + 355)) $((y + 196)) click 1     # Preview "Files in no vector store"
  sleep 4
fi
xdotool mousemove $((width - 1)) $((height - 1))
sleep 1
# 256 colours: a third of the size, no visible loss on flat UI colours
import -window root png:- | convert - -strip -dither None -colors 256 "PNG8:$out/$name.png"

kill "$app" "$wm"
wait 2>/dev/null || true
