#!/usr/bin/env bash
# Renders the one-page CV of cv.yaml in every built-in style (styles/*.yaml) to
# docs/styles/<style>.png, the pictures README.md shows under "Styles". Run it after
# changing a style, from any folder, also in a fresh clone:
#
#   scripts/style-previews.sh [-o DIR] [-r DPI] [path/to/cvpress]
#
#   -o DIR   write the PNGs to DIR instead of docs/styles
#   -r DPI   resolution (default 80: an A4 page is 662 x 936 pixels)
#   cvpress  the binary to use; default $BUILD/cvpress (BUILD defaults to build),
#            configured and built with CMake first when it is not there yet
#
# Needs pdftoppm and pdfinfo (poppler-utils; scripts/install-deps.sh test installs them).
# SOURCE_DATE_EPOCH keeps the PDFs, and so the PNGs, the same from run to run. The script
# fails when a style's one-page CV is not exactly one page.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$root/docs/styles
dpi=80
usage() { sed -n '6,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while getopts "o:r:h" opt; do
  case $opt in
    o) out=$OPTARG ;;
    r) dpi=$OPTARG ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
(($# <= 1)) || usage

for tool in pdftoppm pdfinfo; do
  command -v "$tool" >/dev/null ||
    { echo "$tool is missing: apt-get install poppler-utils" >&2; exit 2; }
done

build=$root/${BUILD:-build}
cvpress=${1:-$build/cvpress}
if [[ $# -eq 0 && ! -x $cvpress ]]; then
  echo "building cvpress in $build (scripts/install-deps.sh build installs what it needs)" >&2
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" --target cvpress -j "$(nproc)" >/dev/null
fi
[[ -x $cvpress ]] || { echo "no cvpress at $cvpress" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

for file in "$root"/styles/*.yaml; do
  style=$(basename "$file" .yaml)
  "$cvpress" build "$root/cv.yaml" --style "$style" --variant onepage --format pdf \
    -o "$work/$style" >/dev/null
  pdf=$work/$style/cv-onepage.pdf
  pages=$(pdfinfo "$pdf" | awk '/^Pages:/ {print $2}')
  [[ $pages == 1 ]] || { echo "$style: the one-page CV has $pages pages" >&2; exit 1; }
  pdftoppm -png -r "$dpi" -singlefile "$pdf" "$work/$style/page"
  cp "$work/$style/page.png" "$out/$style.png"
  echo "$out/$style.png"
done
