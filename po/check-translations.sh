#!/usr/bin/env bash
# Checks that every language of po/LINGUAS translates every user-visible string
# of the current sources, and, for French, the GNOME French team's typography (TAP).
#
#   check-translations.sh [SOURCE_ROOT]
#
# Extracts a fresh template from po/POTFILES.in into a temporary folder (the
# source tree is not written), merges each catalogue with it, and fails on any
# untranslated or fuzzy message, on msgfmt --check errors, and in fr.po on:
# a plain space or no space before « : ; ! ? » (U+00A0 before the colon,
# U+202F before ; ! ?), straight quotes or apostrophes.
# To update a catalogue after the sources changed:
#   meson compile -C BUILD storekeeper-pot && msgmerge -U po/fr.po po/storekeeper.pot
set -u
root=${1:-${SK_SOURCE_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}}
cd "$root" || exit 1

n=0
fail=0
ok () { n=$((n + 1)); echo "ok $n - $*"; }
not_ok () { n=$((n + 1)); fail=1; echo "not ok $n - $*"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sk-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# The options of meson's i18n "glib" preset (po/meson.build).
if xgettext --package-name=storekeeper --output="$tmp/storekeeper.pot" \
     --files-from=po/POTFILES.in --directory=. \
     --from-code=UTF-8 --add-comments \
     --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
     --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
     --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
     --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
     --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
     --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
     --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
     --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
     --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
     2> "$tmp/xgettext.log"; then
  ok "xgettext extracts the strings of po/POTFILES.in"
else
  not_ok "xgettext extracts the strings of po/POTFILES.in"
  sed 's/^/# /' "$tmp/xgettext.log"
  echo "1..$n"
  exit 1
fi

for lang in $(sed -e 's/#.*//' po/LINGUAS); do
  po=po/$lang.po
  if [ ! -f "$po" ]; then
    not_ok "$po exists (listed in po/LINGUAS)"
    continue
  fi
  merged=$tmp/$lang.po
  msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$merged" "$po" "$tmp/storekeeper.pot"

  missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$merged" | msgcat --no-wrap - 2>/dev/null \
            | sed -n 's/^msgid "\(..*\)"$/\1/p')
  if [ -z "$missing" ]; then
    ok "$po translates every string"
  else
    not_ok "$po translates every string ($(printf '%s\n' "$missing" | wc -l) missing)"
    printf '%s\n' "$missing" | sed 's/^/# untranslated: /'
  fi

  fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$merged" | sed -n 's/^msgid "\(..*\)"$/\1/p')
  if [ -z "$fuzzy" ]; then
    ok "$po has no fuzzy message"
  else
    not_ok "$po has no fuzzy message"
    printf '%s\n' "$fuzzy" | sed 's/^/# fuzzy: /'
  fi

  if out=$(msgfmt --check --output-file=/dev/null "$merged" 2>&1); then
    ok "$po passes msgfmt --check (formats, plurals, header)"
  else
    not_ok "$po passes msgfmt --check (formats, plurals, header)"
    printf '%s\n' "$out" | sed 's/^/# /'
  fi

  if [ "$lang" = fr ]; then
    if out=$(python3 - "$merged" <<'EOF'
import re, sys

def unquote(s):
    return bytes(s, "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

entries, cur, key = [], {}, None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("#"):
        continue
    if not line.strip():
        if cur:
            entries.append(cur)
        cur, key = {}, None
        continue
    m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) "(.*)"$', line)
    if m:
        key = m.group(1)
        cur[key] = unquote(m.group(2))
    elif line.startswith('"') and key:
        cur[key] += unquote(line[1:-1])
if cur:
    entries.append(cur)

problems = []
for e in entries:
    msgid = e.get("msgid", "")
    if not msgid:
        continue
    source = msgid + e.get("msgid_plural", "")
    for k, s in e.items():
        if not k.startswith("msgstr") or not s:
            continue
        def bad(why):
            problems.append(f"{why}: {s!r}")
        # U+202F before ; ! ? and U+00A0 before :, never a plain space
        for m in re.finditer(r"(.)([;!?:])", s):
            before, mark = m.group(1), m.group(2)
            want = "\u00a0" if mark == ":" else "\u202f"
            if before == want or (mark == ":" and before == "\u202f"):
                continue
            # literals kept from the English text: URLs, HTTP headers, --options, formats
            word = re.search(r"[\w.-]*$", s[:m.end() - 1]).group(0)
            if mark == ":" and s[m.end():m.end() + 2] == "//":
                continue
            if word and word + mark in source:
                continue
            if mark == ";" and msgid.endswith(";"):
                continue  # a desktop file's Keywords list
            if mark in "?!" and s[m.end():m.end() + 1] not in ("", " ", "\n", "\u00a0", "»"):
                continue  # inside a literal such as a URL query
            bad(f"no U+{ord(want):04X} before «{mark}»")
        if re.search(r"(?<!%)'", s):
            bad("straight apostrophe (use ’)")
        if '"' in s and '"' not in source:
            bad("straight double quote (use « »)")
        for m in re.finditer(r"«(.)|(.)»", s):
            ch = m.group(1) or m.group(2)
            if ch != "\u00a0":
                bad("« » without U+00A0 inside")
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
EOF
    ); then
      ok "$po follows French typography (U+00A0/U+202F, ’, « »)"
    else
      not_ok "$po follows French typography (U+00A0/U+202F, ’, « »)"
      printf '%s\n' "$out" | sed 's/^/# /'
    fi
  fi
done

echo "1..$n"
exit $fail
