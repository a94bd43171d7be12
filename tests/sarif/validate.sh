#!/usr/bin/env bash
# Validates openlock's SARIF output with Microsoft's SARIF validator (npm @microsoft/sarif-multitool).
# Usage: validate.sh OPENLOCK_BIN SOURCE_DIR NPM_PREFIX. Exits 77 (skipped) when the validator
# is not installed there (.ci/run installs it; a plain `tools/test` machine may not have node).
set -uo pipefail
bin=$1 src=$2 prefix=$3
tool=$prefix/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
if [[ ! -e $tool ]]; then
  echo "SKIP: SARIF validator not installed under $prefix (npm install --prefix $prefix @microsoft/sarif-multitool)"
  exit 77
fi
chmod u+x "$tool"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
# deployment-repo has its own .openlock.yaml: the generated policy rules are checked too.
for target in "$src/examples/demo-repo" "$src/tests/cli/fixtures/broken-card" "$src/tests/cli/fixtures/deployment-repo"; do
  "$bin" scan "$target" --format sarif --output "$work/report.sarif" -q
  rc=$?
  if ((rc > 1)); then echo "openlock failed on $target (exit $rc)"; exit 1; fi
  rm -f "$work/validation.sarif"
  out=$("$tool" validate "$work/report.sarif" --output "$work/validation.sarif" 2>&1)
  echo "$out" | grep -E ': (error|warning) ' || true
  if ! echo "$out" | grep -q 'Analysis completed successfully'; then
    echo "$out"
    echo "FAIL: the validator did not run to completion on $target"
    status=1
    continue
  fi
  # Errors fail the test; SARIF2005 (no informationUri: the project has no public home yet) is allowed.
  if echo "$out" | grep -E ': error ' >/dev/null || echo "$out" | grep -E ': warning ' | grep -v SARIF2005 >/dev/null; then
    echo "FAIL: $target"
    status=1
  else
    echo "ok: $target"
  fi
done
exit $status
