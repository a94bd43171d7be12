#!/usr/bin/env bash
# Fuzzes every seed folder (or the NAMEs given) for SECONDS each (default 60): builds tests/fuzz
# with clang and libFuzzer (ASan+UBSan) in build-fuzz/, one run per seed folder (each parser, each language of the
# C-syntax lexer, the SPDX grammar, the rule loader), JOBS runs at a time (default: cores).
# Grown corpora stay in build-fuzz/corpus/; crashes are written to tests/fuzz/crashes/<name>/,
# where CTest replays them from then on. Exit 1 when any run found a crash.
# Needs clang and its libFuzzer runtime (Debian: clang, libclang-rt-14-dev or clang's own).
set -uo pipefail
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))
cd "$(dirname "$0")/../.."
root=$PWD
build=${BUILD_DIR:-build-fuzz}
jobs=${JOBS:-$(nproc)}
timeout=${TIMEOUT:-10}  # seconds one input may take; raise it on a machine busy with other work
# MB one input may use (also the largest single allocation). The long_lines and toml_keys recipes
# expand to at most 1 MiB, so a parser past 2048 MB holds 2000 times its text: with -timeout, the
# oracle for work that grows as matches x line length.
rss=${RSS_LIMIT_MB:-2048}
CC=clang CXX=clang++ cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPENLOCK_FUZZ=ON \
  -DOPENLOCK_BUILD_TESTS=OFF -DOPENLOCK_BUILD_TOOLS=OFF -DOPENLOCK_BUILD_BENCH=OFF >/dev/null || exit 2
cmake --build "$build" -j "$jobs" --target fuzz_parsers fuzz_spdx fuzz_rule_loader fuzz_toml_keys fuzz_long_lines >/dev/null || exit 2

run_one() {
  local name=$1 target=fuzz_parsers dict=()
  [[ $name == spdx || $name == rule_loader || $name == toml_keys || $name == long_lines ]] && target=fuzz_$name
  [[ -f $root/tests/fuzz/$name.dict ]] && dict=(-dict="$root/tests/fuzz/$name.dict")
  mkdir -p "$build/corpus/$name" "$root/tests/fuzz/crashes/$name"
  OPENLOCK_FUZZ_PARSER=$name "$build/tests/fuzz/$target" "$build/corpus/$name" "$root/tests/fuzz/seeds/$name" \
    -max_total_time="$seconds" -max_len=65536 -timeout="$timeout" -rss_limit_mb="$rss" \
    "${dict[@]}" -print_final_stats=1 \
    -artifact_prefix="$root/tests/fuzz/crashes/$name/" >"$build/corpus/$name.log" 2>&1
  local status=$?
  local runs; runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/corpus/$name.log" | grep -o '[0-9]*$')
  rmdir "$root/tests/fuzz/crashes/$name" 2>/dev/null
  printf '%-28s %s  %s runs\n' "$name" "$([[ $status == 0 ]] && echo ok || echo "CRASH (see $build/corpus/$name.log)")" "${runs:-?}"
  return $status
}
export -f run_one
export build root seconds timeout rss
if (($# > 0)); then printf '%s\n' "$@"; else ls "$root/tests/fuzz/seeds"; fi | xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {}
