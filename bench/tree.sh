#!/usr/bin/env bash
# Whole-tree benchmark: `openlock scan` against ripgrep searching the same pattern set
# (`openlock rules patterns`) over the same tree, in the same hyperfine run, each with its default
# threads and with one; then peak memory with /usr/bin/time -v. Prints the time ratio, the gain
# from one thread to all, files/s, MB/s and peak RSS. ripgrep runs with --no-unicode (ASCII word
# boundaries, as openlock's matching uses): with Unicode classes its DFA gives up on these patterns.
# Usage: bench/tree.sh [DIR]   (default: a synthetic tree from bench/make_tree.sh, 5000 files)
#        SIZES="5000 10000 20000" bench/tree.sh --scale   (cost against tree size: synthetic trees)
# Needs: a build (tools/build), hyperfine and ripgrep (Debian packages hyperfine, ripgrep).
set -euo pipefail
cd "$(dirname "$0")/.."
openlock=${OPENLOCK:-build/bin/openlock}
for tool in hyperfine rg; do
  command -v "$tool" >/dev/null || { echo "bench/tree.sh: needs $tool (apt-get install hyperfine ripgrep)" >&2; exit 1; }
done
patterns=$(mktemp)
results=$(mktemp)
trap 'rm -f "$patterns" "$results"' EXIT
"$openlock" rules patterns > "$patterns"
synthetic() {  # a synthetic tree of $1 files, made once
  local dir=${TMPDIR:-/tmp}/openlock-bench-tree${2:-}
  [[ -d $dir && $(find "$dir" -type f | wc -l) -eq $1 ]] || bench/make_tree.sh "$dir" "$1" >/dev/null
  echo "$dir"
}
means() { sed -n 's/.*"mean": *\([0-9.e+-]*\).*/\1/p' "$results" | paste -sd' '; }
# CPU seconds (user + system) per command: steadier than wall time on a machine shared with others.
cpu_times() {
  paste -d' ' <(sed -n 's/.*"user": *\([0-9.e+-]*\).*/\1/p' "$results") <(sed -n 's/.*"system": *\([0-9.e+-]*\).*/\1/p' "$results") |
    awk '{ printf "%s ", $1 + $2 } END { print "" }'
}
peak_rss() { { /usr/bin/time -v "$@" 2>&1 >/dev/null || true; } | sed -n 's/.*Maximum resident set size (kbytes): //p'; }

if [[ ${1:-} == --scale ]]; then
  echo "cost against tree size (openlock and ripgrep, default threads, mean of ${RUNS:-3} runs)"
  for n in ${SIZES:-5000 10000 20000}; do
    dir=$(synthetic "$n" "-$n")
    hyperfine -i -N --warmup 1 --runs "${RUNS:-3}" --export-json "$results" \
      "$openlock scan $dir -q --format json -o /dev/null" "rg -c --no-unicode -f $patterns $dir" >/dev/null 2>&1
    read -r t_o t_r < <(means)
    awk -v n="$n" -v mb="$(du -sm "$dir" | cut -f1)" -v a="$t_o" -v b="$t_r" -v r="$(peak_rss "$openlock" scan "$dir" -q --format json -o /dev/null)" \
      'BEGIN { printf "  %6d files %5d MB: openlock %.3f s (%.1f us/file, peak %d MB), ripgrep %.3f s, ratio %.2fx\n", n, mb, a, a / n * 1e6, r / 1024, b, a / b }'
  done
  exit 0
fi

dir=${1:-$(synthetic 5000)}
files=$(find "$dir" -type f | wc -l)
mb=$(du -sm "$dir" | cut -f1)
echo "tree: $dir ($files files, $mb MB); patterns: $(wc -l < "$patterns"); cores: $(nproc)"
# -i: openlock exits 1 when it has findings, which is the point of the tree.
hyperfine -i --warmup 1 --runs "${RUNS:-5}" --export-json "$results" \
  -n openlock "$openlock scan '$dir' -q --format json -o /dev/null" \
  -n "openlock --jobs 1" "$openlock scan '$dir' -q --format json -o /dev/null --jobs 1" \
  -n ripgrep "rg -c --no-unicode -f '$patterns' '$dir' > /dev/null || true" \
  -n "ripgrep -j1" "rg -j1 -c --no-unicode -f '$patterns' '$dir' > /dev/null || true"
read -r t_openlock t_openlock1 t_rg t_rg1 < <(means)
read -r c_openlock c_openlock1 c_rg c_rg1 < <(cpu_times)
rss=$(peak_rss "$openlock" scan "$dir" -q --format json -o /dev/null)
rg_rss=$(peak_rss rg -c --no-unicode -f "$patterns" "$dir")
awk -v a="$t_openlock" -v a1="$t_openlock1" -v b="$t_rg" -v b1="$t_rg1" -v f="$files" -v m="$mb" -v r="$rss" -v rr="$rg_rss" \
    -v c="$c_openlock" -v c1="$c_openlock1" -v d="$c_rg" -v d1="$c_rg1" 'BEGIN {
  printf "openlock %.3f s, ripgrep --no-unicode %.3f s: ratio %.2fx\n", a, b, a / b
  printf "CPU time (user + system), all threads: openlock %.3f s, ripgrep %.3f s: ratio %.2fx; one thread: %.3f s vs %.3f s: %.2fx\n", c, d, c / d, c1, d1, c1 / d1
  printf "one thread to all: openlock %.2fx, ripgrep %.2fx\n", a1 / a, b1 / b
  printf "openlock %.0f files/s, %.1f MB/s; peak RSS openlock %d MB, ripgrep %d MB\n", f / a, m / a, r / 1024, rr / 1024
}'
