#!/usr/bin/env bash
# Never execute: audits tests/never_execute/repo, whose setup.py, conftest.py, package.json
# scripts, Makefile, Dockerfile, CMakeLists.txt, build backend and .envrc would each leave an
# EXECUTED-* marker if anything ran them, under strace: no marker may appear and no process
# may be started but openlock itself, and git in --diff-base mode. For that mode the test adds a
# .git/config and .gitattributes naming a program everywhere git could run one (filters,
# textconv, diff drivers, fsmonitor, hooks, pagers, credential helper, ssh, askpass): none may
# run, and the finding on the changed line must still be reported. Exit 77 (skip) without strace.
set -euo pipefail
openlock=$1
here=$(cd "$(dirname "$0")" && pwd)
command -v strace >/dev/null || { echo "strace not installed; skipped"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here/repo" "$work/repo"
cd "$work/repo"
git init -q . && git add -A && git -c user.name=t -c user.email=t@t commit -qm fixture
echo "openai" >> requirements.txt  # line 4: the one finding diff mode must report

# The git traps, set after the commit: each would leave EXECUTED-git-<what>.
printf '#!/bin/sh\ntouch "%s/EXECUTED-git-$1"\ncat\n' "$work/repo" >"$work/trap.sh"
mkdir "$work/hooks"
for hook in pre-commit post-checkout post-index-change reference-transaction fsmonitor-watchman; do
  printf '#!/bin/sh\ntouch "%s/EXECUTED-git-hook-%s"\n' "$work/repo" "$hook" >"$work/hooks/$hook"
done
chmod +x "$work/trap.sh" "$work/hooks"/*
t="$work/trap.sh"
cat >>.git/config <<CONFIG
[filter "trap"]
	clean = $t filter-clean
	smudge = $t filter-smudge
	process = $t filter-process
[diff "trap"]
	textconv = $t textconv
	command = $t diff-driver
[diff]
	external = $t diff-external
[core]
	fsmonitor = $t fsmonitor
	hooksPath = $work/hooks
	pager = $t core-pager
	sshCommand = $t ssh
	askPass = $t askpass
[pager]
	diff = $t pager-diff
[credential]
	helper = !$t credential
CONFIG
echo '* filter=trap diff=trap' >.gitattributes

status=0
check() {  # LOG ALLOWED_REGEX: every execve in LOG but the first must match ALLOWED_REGEX
  local log=$1 allowed=$2
  local others
  others=$(grep -E 'execve\(' "$log" | grep -v -- '-1 E' | tail -n +2 | grep -Ev "$allowed" || true)
  if [[ -n $others ]]; then echo "unexpected process started:"; echo "$others"; status=1; fi
}
strace -f -qq -e trace=execve -o "$work/scan.log" "$openlock" scan . --format json -q >/dev/null || true
check "$work/scan.log" 'NONE^'
strace -f -qq -e trace=execve -o "$work/diff.log" "$openlock" scan . --diff-base HEAD --format json -q >"$work/diff.json" || true
check "$work/diff.log" 'execve\("[^"]*/git"'
grep -q 'execve("[^"]*/git"' "$work/diff.log" || { echo "diff mode did not run git (is the check blind?)"; status=1; }
# Just the new line's finding: requirements.txt line 4 (other.txt's, unchanged, is left out).
flat=$(tr -d ' \n' <"$work/diff.json")
listing=${flat#*\"findings\":[}
listing=${listing%%\"diagnostics\":*}
findings=$(grep -o '"rule_id":"[^"]*"' <<<"$listing" | tr '\n' ' ' || true)
if [[ $findings != '"rule_id":"lockin.model_provider.openai-sdk" ' ]] || ! grep -q '"path":"requirements.txt","line":4,' <<<"$listing"; then
  echo "diff mode did not report just the finding on the changed line: ${findings:-none}"; status=1
fi
if ls "$work/repo"/EXECUTED-* / 2>/dev/null | grep -q EXECUTED; then
  echo "a marker appeared:"; ls "$work/repo"/EXECUTED-* /EXECUTED-* 2>/dev/null; status=1
fi
# The scan itself read the trap files: their findings prove they were parsed, not skipped.
"$openlock" scan . --format json -q >"$work/report.json" || true
grep -q '"lockin.hardware.cuda-wheels"' "$work/report.json" || { echo "trap repo not audited"; status=1; }
[[ $status == 0 ]] && echo "no marker, no child process but git in diff mode"
exit $status
