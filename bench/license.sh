#!/usr/bin/env bash
# License-identification benchmark: the texts of DIR identified by `openlock license --file`
# against Debian's licensecheck. Each tool runs once over all N texts (one process, every file an
# argument) and once over one text, in one hyperfine run; prints both times, the marginal cost
# per text ((T(all) - T(one)) / (N - 1): the cost of a text once the process is up), the time
# ratios (wall and CPU time), and how many texts each names (openlock: identified or a modified variant;
# licensecheck: anything but UNKNOWN).
# Usage: bench/license.sh [DIR]   (default: ../shared/corpus/model-licenses; RUNS=N, default 5;
#        ONE=FILE, the one text, default the first of DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
openlock=${OPENLOCK:-build/bin/openlock}
dir=${1:-../shared/corpus/model-licenses}
for tool in hyperfine licensecheck; do
  command -v "$tool" >/dev/null || { echo "bench/license.sh: needs $tool (apt-get install hyperfine licensecheck)" >&2; exit 1; }
done
[ -x "$openlock" ] || { echo "bench/license.sh: no $openlock (build first, or set OPENLOCK)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
list=$work/list
find "$dir" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.md' \) | sort > "$list"
n=$(wc -l < "$list")
[ "$n" -ge 2 ] || { echo "bench/license.sh: needs at least 2 texts in $dir" >&2; exit 1; }
one=${ONE:-$(head -n 1 "$list")}

# Agreement, from one run of each over all texts. openlock prints one "identified:" or "modified
# variant of:" line per text it names (docs/usage.md).
named_openlock=$(xargs -d '\n' "$openlock" license --file < "$list" | grep -cE '^  (identified|modified variant of): ' || true)
named_licensecheck=$(xargs -d '\n' licensecheck < "$list" | grep -vc ': UNKNOWN$' || true)
echo "texts: $n; named by openlock: $named_openlock; named by licensecheck: $named_licensecheck"
echo "one text: $one"

q() { printf '%q' "$1"; }
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-csv "$work/times.csv" \
  -n openlock-all "xargs -d '\n' $(q "$openlock") license --file < $(q "$list") > /dev/null" \
  -n openlock-one "$(q "$openlock") license --file $(q "$one") > /dev/null" \
  -n licensecheck-all "xargs -d '\n' licensecheck < $(q "$list") > /dev/null" \
  -n licensecheck-one "licensecheck $(q "$one") > /dev/null"

# times.csv: command,mean,stddev,median,user,system,min,max (seconds). Wall time (mean) is what a
# user waits; CPU time (user + system) is steadier on a busy machine, so both are printed.
awk -F, -v n="$n" '
  function ratio(a, b) { return (a > 0 && b > 0) ? sprintf("%.2fx", a / b) : "n/a" }
  NR > 1 { wall[$1] = $2; cpu[$1] = $5 + $6 }
  END {
    printf "\n%-13s %-5s %15s %10s %20s\n", "", "", "all " n " texts", "one text", "marginal per text"
    for (t = 1; t <= 2; ++t) {
      tool = t == 1 ? "openlock" : "licensecheck"
      for (k = 1; k <= 2; ++k) {
        if (k == 1) { all = wall[tool "-all"]; one = wall[tool "-one"]; what = "wall" }
        else { all = cpu[tool "-all"]; one = cpu[tool "-one"]; what = "cpu" }
        T[tool, what, "all"] = all; T[tool, what, "one"] = one; T[tool, what, "marginal"] = (all - one) / (n - 1)
        printf "%-13s %-5s %12.1f ms %7.1f ms %17.2f ms\n", tool, what, all * 1000, one * 1000, T[tool, what, "marginal"] * 1000
      }
    }
    for (k = 1; k <= 2; ++k) {
      what = k == 1 ? "wall" : "cpu"
      printf "licensecheck / openlock (%s): all texts %s, one text %s, marginal per text %s\n", what,
             ratio(T["licensecheck", what, "all"], T["openlock", what, "all"]),
             ratio(T["licensecheck", what, "one"], T["openlock", what, "one"]),
             ratio(T["licensecheck", what, "marginal"], T["openlock", what, "marginal"])
    }
  }' "$work/times.csv"
