#!/usr/bin/env bash
# The README's test command: install what is missing, build, run every ctest test
# (labels unit, sim, integration). Usage: scripts/test.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
shift || true
bash scripts/deps.sh
cmake -S . -B "$build" -G Ninja -DZANRYO_BUILD_TESTS=ON "$@"
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" --timeout 300
