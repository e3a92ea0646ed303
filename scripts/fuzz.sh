#!/usr/bin/env bash
# Build every libFuzzer target with clang-14 and run each for SECONDS on a copy of
# its seed corpus (tests/fuzz/corpus/<name>). Usage: scripts/fuzz.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-fuzz}
seconds=${2:-30}
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DZANRYO_FUZZ=ON \
	-DZANRYO_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"
status=0
for bin in "$build"/tests/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	name=${name#fuzz_}
	work=$(mktemp -d)
	[ -d "tests/fuzz/corpus/$name" ] && cp -r "tests/fuzz/corpus/$name/." "$work/"
	echo "-- fuzz_$name for ${seconds}s"
	if ! "$bin" -max_total_time="$seconds" -print_final_stats=1 -max_len=4096 \
		-artifact_prefix="$build/fuzz_$name-" "$work" 2>"$build/fuzz_$name.log"; then
		echo "fuzz_$name FAILED"; tail -40 "$build/fuzz_$name.log"; status=1
	fi
	grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$build/fuzz_$name.log" || true
	rm -rf "$work"
done
exit $status
