#!/usr/bin/env bash
# Remakes the pictures of the README and docs/GUIDE.md from the golden
# files of the views the ui tests hold, so a picture never shows what the
# code no longer draws:
#
#   docs/pictures/make.sh
#
# Each picture is a styled golden file (its colours spelt out, as
# internal/golden writes them) turned back into what a terminal receives
# (ansi.go) and drawn as an SVG by freeze, in JetBrains Mono cut down to
# the characters the picture shows: a few kilobytes, the same in every
# browser. `sums` records the SHA-256 of each golden file drawn; a ui test
# (TestPicturesAreCurrent) fails when a golden file changes and its
# picture is not remade.
#
# Needs Go and a python3 with fontTools and brotli (on Debian: apt-get
# install python3-fonttools python3-brotli).
set -euo pipefail
cd "$(dirname "$0")/../.."

FREEZE=github.com/charmbracelet/freeze@v0.2.2

# The pictures: name, golden file (ui/testdata), background.
PICTURES='
session   theme-dark-session   #1E1B18
checkin   theme-dark-checkin   #1E1B18
insights  theme-dark-insights  #1E1B18
present   theme-dark-present   #1E1B18
'

python=
for p in python3 /usr/bin/python3; do
  if "$p" -c 'import fontTools.subset, brotli' 2>/dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
  echo "make.sh: needs python3 with fontTools and brotli (apt-get install python3-fonttools python3-brotli)" >&2
  exit 1
fi
dir=$(go mod download -json "$FREEZE" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
font="$dir/font/JetBrainsMono-Regular.ttf"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=docs/pictures
: > "$tmp/sums"
while read -r name golden background <&3; do
  [ -n "$name" ] || continue
  src=ui/testdata/$golden.golden
  go run "$out/ansi.go" "$src" > "$tmp/$name.ansi"
  sed 's/\x1b\[[0-9;]*m//g' "$tmp/$name.ansi" > "$tmp/$name.txt"
  "$python" -m fontTools.subset "$font" --text-file="$tmp/$name.txt" --flavor=woff2 \
    --layout-features='' --no-hinting --output-file="$tmp/$name.woff2"
  go run "$FREEZE" "$tmp/$name.ansi" --language ansi --output "$out/$name.svg" \
    --font.file "$tmp/$name.woff2" --font.family "JetBrains Mono" --background "$background" \
    --window --border.radius 8 --padding 20,24 --margin 0 >/dev/null
  printf '%s  %s  %s\n' "$(sha256sum < "$src" | cut -d' ' -f1)" "$golden" "$name.svg" >> "$tmp/sums"
  echo "$out/$name.svg  from $src"
done 3<<< "$PICTURES"
mv "$tmp/sums" "$out/sums"
