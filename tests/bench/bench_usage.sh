#!/bin/bash
# Wakeups and CPU of zanryod's traffic counting at the default sampling interval (60 s):
# zanryod counts veth v0 in a private network namespace, first idle, then carrying a
# steady UDP stream to an address inside that namespace only.
#
#   sudo tests/bench/bench_usage.sh [BUILD_DIR] [IDLE_SECONDS] [TRAFFIC_SECONDS]
#
# Prints wakeups/min (times zanryod's threads were scheduled in: field 3 of
# /proc/PID/task/*/schedstat) and CPU % (field 1, ns on CPU) for each phase, twice:
# with the packet tap (CAP_NET_RAW) and without it (as the shipped systemd unit runs).
# The simulated modem is idle (method = "none"): zanryod's wakeups are the counting's.
set -euo pipefail

BUILD=${1:-build}
IDLE=${2:-120}
TRAFFIC=${3:-60}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "$BUILD" && pwd)

if [ "${ZANRYO_BENCH_IN_NS:-}" != 1 ]; then
	[ "$(id -u)" = 0 ] || { echo "bench_usage.sh: needs root for a network namespace" >&2; exit 77; }
	export ZANRYO_BENCH_IN_NS=1
	exec unshare --net --mount --propagation private "$0" "$BUILD" "$IDLE" "$TRAFFIC"
fi

mount -t sysfs sysfs /sys
echo 1 >/proc/sys/net/ipv6/conf/default/disable_ipv6
echo 1 >/proc/sys/net/ipv6/conf/all/disable_ipv6
ip link add v0 type veth peer name v1
ip addr add 10.77.0.1/24 dev v0
ip link set v1 up
ip link set v0 up
ip neigh replace 10.77.0.2 lladdr "$(cat /sys/class/net/v1/address)" dev v0 nud permanent

TMP=$(mktemp -d)
PIDS=()
cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$TMP"
}
trap cleanup EXIT

dbus-daemon --session --nofork --address="unix:path=$TMP/bus" &
PIDS+=($!)
BUS="unix:path=$TMP/bus"
"$BUILD/tests/sim/zanryo-modem-sim" --scenario "$SRC/tests/sim/scenarios/ru-prepaid.toml" \
	--link "$TMP/ttyUSB2" --control "$TMP/control.sock" >"$TMP/sim.out" 2>"$TMP/sim.err" &
PIDS+=($!)
for _ in $(seq 100); do [ -e "$TMP/ttyUSB2" ] && break; sleep 0.1; done

# Sum over zanryod's threads: scheduled-in count and ns on CPU.
sched() { cat /proc/"$1"/task/*/schedstat | awk '{ns += $1; n += $3} END {print n, ns}'; }

# sender SECONDS: 2000 datagrams of 1000 bytes a second (~17 Mbit/s) to 10.77.0.2.
sender() {
	python3 - "$1" <<'PY'
import socket, sys, time
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
end = time.monotonic() + float(sys.argv[1]); payload = b"z" * 1000; n = 0
while time.monotonic() < end:
    for _ in range(20):
        s.sendto(payload, ("10.77.0.2", 9)); n += 1
    time.sleep(0.01)
print(n)
PY
}

run_phase() { # label prefix-command...
	local label=$1; shift
	mkdir -p "$TMP/state-$label"
	cat >"$TMP/z-$label.toml" <<TOML
[[modem]]
device = "$TMP/ttyUSB2"
method = "none"
interface = "v0"
TOML
	"$@" "$BUILD/daemon/zanryod" --bus "$BUS" --state-dir "$TMP/state-$label" --config "$TMP/z-$label.toml" \
		2>"$TMP/zanryod-$label.log" &
	local pid=$!
	PIDS+=($pid)
	for _ in $(seq 200); do
		busctl --address="$BUS" --list tree org.zanryo.Zanryo1 2>/dev/null | grep -q /modem/ && break
		sleep 0.1
	done
	# Settle: one sampling interval to find the interface idle.
	sleep 65
	read -r n0 ns0 < <(sched "$pid"); t0=$(date +%s%N)
	sleep "$IDLE"
	read -r n1 ns1 < <(sched "$pid"); t1=$(date +%s%N)
	local sent
	sent=$(sender "$TRAFFIC")
	read -r n2 ns2 < <(sched "$pid"); t2=$(date +%s%N)
	local kernel used
	kernel=$(( $(cat /sys/class/net/v0/statistics/tx_bytes) + $(cat /sys/class/net/v0/statistics/rx_bytes) ))
	used=$(busctl --address="$BUS" get-property org.zanryo.Zanryo1 \
		"$(busctl --address="$BUS" --list tree org.zanryo.Zanryo1 | grep -o '/org/zanryo/Zanryo1/modem/[0-9a-f]*' | head -1)" \
		org.zanryo.Zanryo1.Usage UsedThisPeriod | awk '{print $2}')
	awk -v l="$label" -v n0="$n0" -v n1="$n1" -v n2="$n2" -v ns0="$ns0" -v ns1="$ns1" -v ns2="$ns2" \
		-v t0="$t0" -v t1="$t1" -v t2="$t2" -v sent="$sent" 'BEGIN {
		printf "%-22s idle: %6.2f wakeups/min %8.5f%% CPU over %ds | traffic (%d datagrams): %6.2f wakeups/min %8.5f%% CPU over %ds\n",
			l, (n1 - n0) * 60e9 / (t1 - t0), (ns1 - ns0) * 100 / (t1 - t0), (t1 - t0) / 1e9,
			sent, (n2 - n1) * 60e9 / (t2 - t1), (ns2 - ns1) * 100 / (t2 - t1), (t2 - t1) / 1e9 }'
	echo "$label: v0 rx+tx since creation $kernel bytes; zanryod counted $used since its first sample"
	grep -E "packet tap|counting traffic" "$TMP/zanryod-$label.log" | sed "s/^/  $label log: /" || true
	kill "$pid"; wait "$pid" 2>/dev/null || true
}

run_phase packet-tap env
run_phase no-cap-net-raw setpriv --inh-caps=-net_raw --bounding-set=-net_raw
