#!/usr/bin/env bash
# Whole-tree benchmark: `openlock scan` against ripgrep searching the same pattern set
# (`openlock rules patterns`) over the same tree, in the same hyperfine run; then peak memory with
# /usr/bin/time -v. Prints the time ratio, files/s and MB/s.
# Usage: bench/tree.sh [DIR]   (default: a synthetic tree from bench/make_tree.sh, 5000 files)
# Needs: a build (tools/build), hyperfine and ripgrep (Debian packages hyperfine, ripgrep).
set -euo pipefail
cd "$(dirname "$0")/.."
openlock=${OPENLOCK:-build/bin/openlock}
dir=${1:-}
if [[ -z $dir ]]; then
  dir=${TMPDIR:-/tmp}/openlock-bench-tree
  [[ -d $dir ]] || bench/make_tree.sh "$dir" 5000
fi
for tool in hyperfine rg; do
  command -v "$tool" >/dev/null || { echo "bench/tree.sh: needs $tool (apt-get install hyperfine ripgrep)" >&2; exit 1; }
done
patterns=$(mktemp)
trap 'rm -f "$patterns" /tmp/openlock-bench.json' EXIT
"$openlock" rules patterns > "$patterns"
files=$(find "$dir" -type f | wc -l)
mb=$(du -sm "$dir" | cut -f1)
echo "tree: $dir ($files files, $mb MB); patterns: $(wc -l < "$patterns")"
# -i: openlock exits 1 when it has findings, which is the point of the tree.
hyperfine -i --warmup 1 --runs "${RUNS:-5}" --export-json /tmp/openlock-bench.json \
  -n openlock "$openlock scan '$dir' -q --format json -o /dev/null" \
  -n ripgrep "rg -c -f '$patterns' '$dir' > /dev/null || true"
read -r t_openlock t_rg < <(jq -r '[.results[0].mean, .results[1].mean] | @tsv' /tmp/openlock-bench.json 2>/dev/null ||
  sed -n 's/.*"mean": *\([0-9.e-]*\).*/\1/p' /tmp/openlock-bench.json | paste -sd' ')
peak_rss() { { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | sed -n 's/.*Maximum resident set size (kbytes): //p'; }
rss=$(peak_rss "$openlock" scan "$dir" -q --format json -o /dev/null)
rg_rss=$(peak_rss rg -c -f "$patterns" "$dir")
awk -v a="$t_openlock" -v b="$t_rg" -v f="$files" -v m="$mb" -v r="$rss" -v rr="$rg_rss" 'BEGIN {
  printf "openlock %.3f s, ripgrep %.3f s: ratio %.2fx\n", a, b, a / b
  printf "openlock %.0f files/s, %.1f MB/s; peak RSS openlock %d MB, ripgrep %d MB\n", f / a, m / a, r / 1024, rr / 1024
}'
