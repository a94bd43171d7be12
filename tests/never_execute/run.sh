#!/usr/bin/env bash
# Never execute: audits tests/never_execute/repo, whose setup.py, conftest.py, package.json
# scripts, Makefile, Dockerfile, CMakeLists.txt, build backend and .envrc would each leave an
# EXECUTED-* marker if anything ran them, under strace: no marker may appear and no process
# may be started but openlock itself, and git in --diff-base mode. Exit 77 (skip) without strace.
set -euo pipefail
openlock=$1
here=$(cd "$(dirname "$0")" && pwd)
command -v strace >/dev/null || { echo "strace not installed; skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/repo" "$work/repo"
cd "$work/repo"
git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm fixture
echo "# change" >> requirements.txt
status=0
check() {  # LOG ALLOWED_REGEX: every execve in LOG but the first must match ALLOWED_REGEX
  local log=$1 allowed=$2
  local others
  others=$(grep -E 'execve\(' "$log" | grep -v -- '-1 E' | tail -n +2 | grep -Ev "$allowed" || true)
  if [[ -n $others ]]; then echo "unexpected process started:"; echo "$others"; status=1; fi
}
strace -f -qq -e trace=execve -o "$work/scan.log" "$openlock" scan . --format json -q >/dev/null || true
check "$work/scan.log" 'NONE^'
strace -f -qq -e trace=execve -o "$work/diff.log" "$openlock" scan . --diff-base HEAD --format json -q >/dev/null || true
check "$work/diff.log" 'execve\("[^"]*/git"'
grep -q 'execve("[^"]*/git"' "$work/diff.log" || { echo "diff mode did not run git (is the check blind?)"; status=1; }
if ls "$work/repo"/EXECUTED-* / 2>/dev/null | grep -q EXECUTED; then
  echo "a marker appeared:"; ls "$work/repo"/EXECUTED-* /EXECUTED-* 2>/dev/null; status=1
fi
# The scan itself read the trap files: their findings prove they were parsed, not skipped.
"$openlock" scan . --format json -q >"$work/report.json" || true
grep -q '"lockin.hardware.cuda-wheels"' "$work/report.json" || { echo "trap repo not audited"; status=1; }
[[ $status == 0 ]] && echo "no marker, no child process but git in diff mode"
exit $status
