#!/usr/bin/env bash
# Renders the one-page CV of cv.yaml in every built-in style to docs/styles/<style>.png,
# the pictures README.md shows under "Styles". Run it after changing a style:
#   scripts/style-previews.sh [path/to/cvpress]      (default: build/cvpress)
# Needs pdftoppm (poppler-utils). SOURCE_DATE_EPOCH keeps the PDFs reproducible.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cvpress=${1:-$root/build/cvpress}
[[ -x "$cvpress" ]] || { echo "no cvpress at $cvpress; build it first (make, or cmake)" >&2; exit 2; }
command -v pdftoppm >/dev/null || { echo "pdftoppm is missing: apt-get install poppler-utils" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$root/docs/styles"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1767225600}

for file in "$root"/styles/*.yaml; do
  style=$(basename "$file" .yaml)
  "$cvpress" build "$root/cv.yaml" --style "$style" --variant onepage --format pdf \
    -o "$work/$style" >/dev/null
  pdftoppm -png -r 60 -singlefile "$work/$style/cv-onepage.pdf" "$work/$style/page"
  cp "$work/$style/page.png" "$root/docs/styles/$style.png"
  echo "docs/styles/$style.png"
done
