#!/bin/sh
# Golden tests: every report format on each fixture repository in tests/golden/repos/, compared
# byte for byte with tests/golden/expected/<repo>.<format>. The tool version and the rule-pack
# hash are normalised so a release or a rule edit elsewhere does not churn them.
# Usage: run.sh OPENLOCK SOURCE_DIR        (OPENLOCK_UPDATE_GOLDEN=1 rewrites the expected files)
set -eu
openlock=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
golden=$(cd "$2" && pwd)/tests/golden
version=$("$openlock" --version | awk '{print $2}' | sed 's/\./\\./g')  # a regex: dots literal
rules=$("$openlock" --version | sed -n 's/.*(rules \([0-9a-f]*\)).*/\1/p')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for repo in "$golden"/repos/*/; do
  name=$(basename "$repo")
  for format in text json sarif markdown junit cyclonedx html; do
    expected="$golden/expected/$name.$format"
    (cd "$repo" && "$openlock" scan . --format "$format" -q --jobs 2 || true) |
      sed -e "s/$version/@VERSION@/g" -e "s/$rules/@RULES@/g" \
          -e 's/"serialNumber": "urn:uuid:[0-9a-f-]*"/"serialNumber": "@SERIAL@"/' > "$tmp/actual"
    if [ "${OPENLOCK_UPDATE_GOLDEN:-}" = 1 ]; then
      cp "$tmp/actual" "$expected"
    elif ! diff -u "$expected" "$tmp/actual" > "$tmp/diff"; then
      echo "golden mismatch: $name.$format (OPENLOCK_UPDATE_GOLDEN=1 ctest -R golden to accept)"
      head -40 "$tmp/diff"
      status=1
    fi
  done
done
exit $status
