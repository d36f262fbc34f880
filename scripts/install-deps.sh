#!/usr/bin/env bash
# Installs the Debian packages cvpress needs, and nothing when all are present.
#   scripts/install-deps.sh build   compilers, libraries and the styles' fonts
#   scripts/install-deps.sh test    the build set plus poppler, qpdf, mupdf, TeX, benchmark
#                                   and fuzzing tools, and python3's jsonschema
# The fonts are the `package:` of every face in styles/*.yaml, so a new style
# brings its fonts along. Uses sudo when not root; when it cannot install,
# prints the exact command.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t font_pkgs < <(grep -oh 'package: *[a-z0-9.+-]*' styles/*.yaml | sed 's/package: *//' | sort -u)
build_pkgs=(
  cmake make g++ pkg-config
  libpodofo-dev libyaml-cpp-dev libfmt-dev libcli11-dev catch2
  libharfbuzz-dev libfreetype-dev libfontconfig-dev fontconfig zlib1g-dev
  "${font_pkgs[@]}"
)
test_pkgs=(
  poppler-utils qpdf mupdf-tools python3 python3-jsonschema python3-yaml
  texlive-xetex texlive-luatex texlive-latex-recommended texlive-fonts-recommended
  libbenchmark-dev hyperfine time clang libclang-rt-14-dev
)

case "${1:-build}" in
  build) wanted=("${build_pkgs[@]}") ;;
  test) wanted=("${build_pkgs[@]}" "${test_pkgs[@]}") ;;
  *) echo "usage: $0 build|test" >&2; exit 2 ;;
esac

missing=()
for pkg in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

install_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=""
elif command -v sudo >/dev/null && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
  sudo="sudo DEBIAN_FRONTEND=noninteractive "  # asks for the password at a terminal
else
  echo "cvpress needs these packages; please run as root:" >&2
  echo "  apt-get update && $install_line" >&2
  exit 1
fi

echo "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086  # the words of the command are meant to split
if ! { ${sudo}apt-get update -qq && ${sudo}$install_line -qq; }; then
  echo "installation failed; the command was:" >&2
  echo "  ${sudo}apt-get update && ${sudo}$install_line" >&2
  exit 1
fi
