#!/bin/bash
# zanryod at rest: resident memory, wakeups when no poll is due, and start-up time.
#
#   tests/bench/bench_idle.sh [BUILD_DIR] [RUNS] [WAKEUP_SECONDS]
#
# Each of RUNS runs (default 5) starts a private dbus-daemon and zanryod and prints:
# - start: time from the exec of zanryod to org.zanryo.Zanryo1 owned, without modems,
#   from dbus-monitor's time stamp of the NameOwnerChanged signal (no polling);
# - rss0: VmRSS once started without modems;
# - rss1: VmRSS with one simulated modem (ru-prepaid, identity read, method = "none"),
#   2 s after its object appeared; with its anonymous part (RssAnon: heap, stacks, the
#   daemon's own data), PSS (shared library pages divided by their users) and private
#   dirty memory (Private_Dirty: what only this process holds and the kernel cannot
#   drop; code pages are clean and are read back from the file when needed).
# - floor: the same figures for idle_floor, the smallest program on the same D-Bus stack
#   (sdbus-c++, libsystemd, libstdc++) owning a name, and zanryod's ratio to it.
# Then the medians, and once: wakeups per minute of the one-modem daemon over
# WAKEUP_SECONDS (default 60) with no poll due: times its threads were scheduled in
# (field 3 of /proc/PID/task/*/schedstat), as bench_usage.sh counts them.
set -euo pipefail

BUILD=${1:-build}
RUNS=${2:-5}
WAKE=${3:-60}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$BUILD" && pwd)

TMP=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

BUS="unix:path=$TMP/bus"
dbus-daemon --session --nofork --address="$BUS" 2>"$TMP/bus.log" &
PIDS+=($!)
"$BUILD/tests/sim/zanryo-modem-sim" --scenario "$SRC/tests/sim/scenarios/ru-prepaid.toml" \
	--link "$TMP/ttyUSB2" --control "$TMP/control.sock" >"$TMP/sim.out" 2>"$TMP/sim.err" &
PIDS+=($!)
for _ in $(seq 100); do [ -e "$TMP/bus" ] && [ -e "$TMP/ttyUSB2" ] && break; sleep 0.05; done

: >"$TMP/none.toml"
printf '[[modem]]\ndevice = "%s"\nmethod = "none"\n' "$TMP/ttyUSB2" >"$TMP/one.toml"

rss() { awk '/^VmRSS/ {print $2}' /proc/"$1"/status; }
anon() { awk '/^RssAnon/ {print $2}' /proc/"$1"/status; }
pss() { awk '/^Pss:/ {print $2}' /proc/"$1"/smaps_rollup; }
dirty() { awk '/^Private_Dirty:/ {print $2}' /proc/"$1"/smaps_rollup; }
sched() { cat /proc/"$1"/task/*/schedstat | awk '{n += $3} END {print n}'; }
median() { sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
modem_ready() {
	local path
	path=$(busctl --address="$BUS" --list tree org.zanryo.Zanryo1 2>/dev/null | grep -o '/org/zanryo/Zanryo1/modem/[0-9a-f]*' | head -1)
	[ -n "$path" ] && busctl --address="$BUS" get-property org.zanryo.Zanryo1 "$path" org.zanryo.Zanryo1.Modem State 2>/dev/null | grep -q '"ready"'
}

starts=() rss0s=() rss1s=() anons=() psss=() dirty0s=() dirty1s=()
for run in $(seq "$RUNS"); do
	# start-up: dbus-monitor prints the NameOwnerChanged signal with the bus's time stamp.
	dbus-monitor --address "$BUS" "type='signal',member='NameOwnerChanged',arg0='org.zanryo.Zanryo1'" \
		>"$TMP/monitor.out" 2>&1 &
	mon=$!
	PIDS+=($mon)
	for _ in $(seq 200); do grep -q NameAcquired "$TMP/monitor.out" && break; sleep 0.01; done
	t0=$(date +%s.%N)
	"$BUILD/daemon/zanryod" --bus "$BUS" --state-dir "$TMP/state-$run" --config "$TMP/none.toml" 2>"$TMP/z0.log" &
	pid=$!
	PIDS+=($pid)
	for _ in $(seq 500); do grep -q 'string "org.zanryo.Zanryo1"' "$TMP/monitor.out" && break; sleep 0.01; done
	t1=$(grep -o 'signal time=[0-9.]*' "$TMP/monitor.out" | tail -1 | cut -d= -f2)
	starts+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) * 1000}')")
	sleep 1
	rss0s+=("$(rss "$pid")")
	dirty0s+=("$(dirty "$pid")")
	kill "$pid"; wait "$pid" 2>/dev/null || true
	kill "$mon"; wait "$mon" 2>/dev/null || true

	"$BUILD/daemon/zanryod" --bus "$BUS" --state-dir "$TMP/state-$run" --config "$TMP/one.toml" 2>"$TMP/z1.log" &
	pid=$!
	PIDS+=($pid)
	for _ in $(seq 300); do modem_ready && break; sleep 0.05; done
	modem_ready || { echo "bench_idle.sh: the modem never became ready" >&2; cat "$TMP/z1.log" >&2; exit 1; }
	sleep 2
	rss1s+=("$(rss "$pid")")
	anons+=("$(anon "$pid")")
	psss+=("$(pss "$pid")")
	dirty1s+=("$(dirty "$pid")")
	echo "run $run: start ${starts[-1]} ms, rss0 ${rss0s[-1]} KiB (private dirty ${dirty0s[-1]} KiB)," \
		"rss1 ${rss1s[-1]} KiB (anon ${anons[-1]} KiB, pss ${psss[-1]} KiB, private dirty ${dirty1s[-1]} KiB)"
	if [ "$run" -lt "$RUNS" ]; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
done
med_rss0=$(printf '%s\n' "${rss0s[@]}" | median)
med_dirty0=$(printf '%s\n' "${dirty0s[@]}" | median)
echo "median of $RUNS: start $(printf '%s\n' "${starts[@]}" | median) ms," \
	"VmRSS without modems $med_rss0 KiB," \
	"with one modem $(printf '%s\n' "${rss1s[@]}" | median) KiB" \
	"(anon $(printf '%s\n' "${anons[@]}" | median) KiB, pss $(printf '%s\n' "${psss[@]}" | median) KiB)"
echo "private dirty: without modems $med_dirty0 KiB, with one modem $(printf '%s\n' "${dirty1s[@]}" | median) KiB"

"$BUILD/tests/bench/idle_floor" "$BUS" 2>"$TMP/floor.log" &
floor=$!
PIDS+=($floor)
for _ in $(seq 200); do
	busctl --address="$BUS" status org.zanryo.IdleFloor >/dev/null 2>&1 && break
	sleep 0.01
done
sleep 1
frss=$(rss "$floor") fdirty=$(dirty "$floor")
kill "$floor"; wait "$floor" 2>/dev/null || true
awk -v r="$med_rss0" -v d="$med_dirty0" -v fr="$frss" -v fd="$fdirty" 'BEGIN {
	printf "floor (idle_floor: sdbus-c++ owning a name): VmRSS %d KiB, private dirty %d KiB; " \
		"zanryod without modems is %.2fx its VmRSS, %.2fx its private dirty\n", fr, fd, r / fr, d / fd }'

n0=$(sched "$pid"); t0=$(date +%s%N)
sleep "$WAKE"
n1=$(sched "$pid"); t1=$(date +%s%N)
awk -v n0="$n0" -v n1="$n1" -v t0="$t0" -v t1="$t1" 'BEGIN {
	printf "wakeups with one idle modem: %d in %.0f s = %.2f/min\n", n1 - n0, (t1 - t0) / 1e9, (n1 - n0) * 60e9 / (t1 - t0) }'
