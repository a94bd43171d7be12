#!/usr/bin/env bash
# License-identification benchmark: every text of DIR identified by `openlock license --file`
# against Debian's licensecheck, in one hyperfine run; prints the time ratio and how many texts
# each names (openlock: identified or modified variant; licensecheck: anything but UNKNOWN).
# Usage: bench/license.sh [DIR]   (default: ../shared/corpus/model-licenses)
set -euo pipefail
cd "$(dirname "$0")/.."
openlock=${OPENLOCK:-build/bin/openlock}
dir=${1:-../shared/corpus/model-licenses}
for tool in hyperfine licensecheck; do
  command -v "$tool" >/dev/null || { echo "bench/license.sh: needs $tool (apt-get install hyperfine licensecheck)" >&2; exit 1; }
done
list=$(mktemp)
trap 'rm -f "$list"' EXIT
find "$dir" -maxdepth 1 -type f \( -name '*.txt' -o -name '*.md' \) | sort > "$list"
n=$(wc -l < "$list")
named_openlock=0
while read -r f; do
  "$openlock" license --file "$f" | sed -n 2p | grep -qv "unknown license" && named_openlock=$((named_openlock + 1))
done < "$list"
named_licensecheck=$(xargs -d '\n' licensecheck < "$list" | grep -vc ': UNKNOWN$' || true)
echo "texts: $n; named by openlock: $named_openlock; named by licensecheck: $named_licensecheck"
hyperfine --warmup 1 --runs "${RUNS:-3}" \
  -n openlock "xargs -d '\n' -n1 $openlock license --file < '$list' > /dev/null" \
  -n licensecheck "xargs -d '\n' licensecheck < '$list' > /dev/null"
