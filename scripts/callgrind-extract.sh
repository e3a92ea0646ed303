#!/usr/bin/env bash
# Instructions per reply of BalanceExtractor::extract on the corpus mix, counted by
# callgrind (deterministic, unlike timings on a shared machine). Runs one pass of
# bench_extract's BM_ExtractCorpusPass (every reply of tests/data/replies once, with the
# shipped reply rules loaded) and divides the instructions spent inside extract(), less
# the one-time build of the lexicon index, by the number of calls.
# Usage: scripts/callgrind-extract.sh [BUILD_DIR] [OUT_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
out=${2:-$(mktemp /tmp/callgrind-extract.XXXXXX)}
valgrind --tool=callgrind --callgrind-out-file="$out" \
	"$build/tests/bench/bench_extract" --benchmark_filter=CorpusPass \
	--benchmark_min_time=0 >/dev/null 2>&1
python3 - "$out" <<'EOF'
import re, subprocess, sys
out = sys.argv[1]
ann = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", out],
                     capture_output=True, text=True, check=True).stdout
def incl(pattern):
    total = 0
    for line in ann.splitlines():
        m = re.match(r"\s*([\d,]+)\s.*?(\S*:)?(.*)$", line)
        if m and re.search(pattern, line):
            total = max(total, int(m.group(1).replace(",", "")))
    return total
extract = incl(r"BalanceExtractor::extract\(")
index = incl(r"extract::\(anonymous namespace\)::buildIndex\(")
# Calls into extract(): callgrind writes "cfn=(id) name" then "calls=N target".
names, calls, pending = {}, 0, None
for line in open(out, encoding="utf-8", errors="replace"):
    m = re.match(r"fn=\((\d+)\) (.*)", line)
    if m:
        names[m.group(1)] = m.group(2)
    m = re.match(r"cfn=\((\d+)\)(?: (.*))?", line)
    if m:
        if m.group(2):
            names[m.group(1)] = m.group(2)
        pending = names.get(m.group(1), "")
        continue
    m = re.match(r"calls=(\d+)", line)
    if m and pending is not None and "BalanceExtractor::extract(" in pending:
        calls += int(m.group(1))
    pending = None if not line.startswith("calls=") else pending
print(f"extract() calls: {calls}")
print(f"instructions in extract(): {extract} (lexicon index build: {index})")
if calls:
    print(f"instructions per reply: {(extract - index) / calls:.0f}")
EOF
