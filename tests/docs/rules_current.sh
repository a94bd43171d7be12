#!/bin/sh
# docs/rules/ must be what `openlock rules docs` writes from the current rule packs.
set -eu
openlock=$1 docs=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$openlock" rules docs "$tmp" >/dev/null
# format.md is written by hand: how to write rules.
if ! diff -ru -x format.md "$docs" "$tmp"; then
  echo "docs/rules is stale: run 'cmake --build build --target rules_docs'" >&2
  exit 1
fi
