#!/usr/bin/env bash
# Times whole commands side by side in one run, with hyperfine:
#   - `cvpress build cv.yaml` (both variants, PDF and LaTeX, the fit included)
#     against one xelatex and one lualatex pass over the generated full .tex;
#   - `cvpress build` of cv.yaml made 1x, 10x and 100x larger (linearity);
# and the peak memory (maximum RSS) of each with /usr/bin/time -v.
#
#   bench/compare.sh [BUILD_DIR]      BUILD_DIR: a CMake build dir (default: build)
#
# Environment: RUNS (hyperfine --runs for the first table; default: hyperfine's
# own choice, at least 10 runs and 3 s). Needs hyperfine, xelatex, lualatex,
# GNU time and python3 (scripts/install-deps.sh test). Writes only under
# BUILD_DIR/bench/compare.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
cvpress=$build/cvpress
gencv=$build/bench/cvpress_gencv
work=$build/bench/compare

for tool in hyperfine xelatex lualatex python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || {
    echo "compare.sh: $tool is missing (scripts/install-deps.sh test)" >&2
    exit 1
  }
done
for binary in "$cvpress" "$gencv"; do
  [[ -x $binary ]] || {
    echo "compare.sh: $binary is missing; build first: cmake --build $build" >&2
    exit 1
  }
done

rm -rf "$work"
mkdir -p "$work/out" "$work/xelatex" "$work/lualatex"
cd "$root"
for n in 1 10 100; do "$gencv" cv.yaml "$n" >"$work/cv-x$n.yaml"; done
"$cvpress" build cv.yaml -o "$work/out" >/dev/null
cp "$work/out/cv-full.tex" "$work/xelatex/"
cp "$work/out/cv-full.tex" "$work/lualatex/"

build_cv="$cvpress build cv.yaml -o $work/out"
xelatex_cmd="xelatex -interaction=batchmode -halt-on-error -output-directory=$work/xelatex $work/xelatex/cv-full.tex"
lualatex_cmd="lualatex -interaction=batchmode -halt-on-error -output-directory=$work/lualatex $work/lualatex/cv-full.tex"

echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo "== cvpress $("$cvpress" --version), $(xelatex --version | head -1), $(lualatex --version | head -1)"
echo

runs=()
[[ -n ${RUNS:-} ]] && runs=(--runs "$RUNS")
hyperfine -N --warmup 3 "${runs[@]}" --style basic --export-json "$work/tex.json" \
  -n "cvpress build cv.yaml" "$build_cv" \
  -n "xelatex, 1 pass" "$xelatex_cmd" \
  -n "lualatex, 1 pass" "$lualatex_cmd"
echo
hyperfine -N --warmup 1 --min-runs 5 --style basic --export-json "$work/sizes.json" \
  -n "cvpress build cv-x1.yaml" "$cvpress build $work/cv-x1.yaml -o $work/out" \
  -n "cvpress build cv-x10.yaml" "$cvpress build $work/cv-x10.yaml -o $work/out" \
  -n "cvpress build cv-x100.yaml" "$cvpress build $work/cv-x100.yaml -o $work/out"

# Peak memory: GNU time's "Maximum resident set size", one run each.
peak() {
  /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}
{
  echo "cvpress build cv.yaml=$(peak $build_cv)"
  echo "xelatex, 1 pass=$(peak $xelatex_cmd)"
  echo "lualatex, 1 pass=$(peak $lualatex_cmd)"
  for n in 1 10 100; do
    echo "cvpress build cv-x$n.yaml=$(peak "$cvpress" build "$work/cv-x$n.yaml" -o "$work/out")"
  done
} >"$work/peak.txt"
pages=$(python3 - "$work/out/cv-x100-full.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
print(len(re.findall(rb"/Type\s*/Page\b", data)))
PY
)

echo
python3 - "$work" "$pages" <<'PY'
import json, sys
work, pages = sys.argv[1], sys.argv[2]
peak = dict(line.rstrip("\n").split("=", 1) for line in open(f"{work}/peak.txt"))
def load(name):
    return {r["command"]: r for r in json.load(open(f"{work}/{name}"))["results"]}
tex, sizes = load("tex.json"), load("sizes.json")

def ms(r):
    return f'{r["mean"] * 1000:9.1f} ± {r["stddev"] * 1000:5.1f} ms'
def mb(name):
    return f'{int(peak[name]) / 1024:7.1f} MB' if peak.get(name) else "      ?"

base = tex["cvpress build cv.yaml"]["mean"]
print(f'{"command":28} {"wall time (mean ± σ)":>22} {"ratio":>8} {"peak RSS":>10}')
for name, r in tex.items():
    print(f'{name:28} {ms(r):>22} {r["mean"] / base:7.1f}x {mb(name):>10}')
print()
x1 = sizes["cvpress build cv-x1.yaml"]["mean"]
print(f'{"input size":28} {"wall time (mean ± σ)":>22} {"vs 1x":>8} {"peak RSS":>10}')
for name, r in sizes.items():
    print(f'{name:28} {ms(r):>22} {r["mean"] / x1:7.1f}x {mb(name):>10}')
print(f"(the 100x CV's full PDF has {pages} pages)")

xe = tex["xelatex, 1 pass"]["mean"] / base
lua = tex["lualatex, 1 pass"]["mean"] / base
t100 = sizes["cvpress build cv-x100.yaml"]["mean"]
t10 = sizes["cvpress build cv-x10.yaml"]["mean"]
rss = int(peak["cvpress build cv.yaml"]) / 1024
print()
print("targets (issue 9):")
checks = [
    (f"cv.yaml build vs one xelatex pass: {xe:.1f}x faster (>= 20x, aim 50x)", xe >= 20),
    (f"cv.yaml build vs one lualatex pass: {lua:.1f}x faster", True),
    (f"100x CV: {t100:.2f} s (< 2 s)", t100 < 2),
    (f"100x / 10x time: {t100 / t10:.1f} (<= 15)", t100 / t10 <= 15),
    (f"peak memory for cv.yaml: {rss:.1f} MB (< 50 MB)", rss < 50),
]
for text, ok in checks:
    print(f'  {"ok  " if ok else "MISS"} {text}')
PY
