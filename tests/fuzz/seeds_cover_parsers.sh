#!/bin/sh
# Every parser in lib/parse/registry.cpp has a seed folder tests/fuzz/seeds/<name>[@path], so
# a new parser is fuzzed (tests/fuzz/run.sh) and replayed (CTest) from its first commit.
root=$1
status=0
for name in $(grep -o '^ *{"[a-z_]*", FileKind' "$root/lib/parse/registry.cpp" | sed 's/^ *{"\([a-z_]*\)".*/\1/'); do
  found=no
  for dir in "$root/tests/fuzz/seeds/$name" "$root/tests/fuzz/seeds/$name@"*; do
    [ -d "$dir" ] && found=yes
  done
  if [ $found = no ]; then
    echo "parser $name has no seed folder tests/fuzz/seeds/$name" >&2
    status=1
  fi
done
exit $status
