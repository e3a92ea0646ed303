#!/usr/bin/env bash
# The README's demo: a private dbus-daemon, the simulated modem of a Japanese MVNO
# (balance by SMS keyword, UCS-2 multipart reply delivered out of order), and zanryod
# between them. Shows the balance with busctl and zanryoctl, triggers a Refresh, then
# stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake -S . -B build -G Ninja -DZANRYO_BUILD_TESTS=ON >/dev/null
cmake --build build -j"$(nproc)" --target zanryod zanryoctl zanryo-modem-sim

ctl=build/dbus/zanryoctl/zanryoctl
work=$(mktemp -d /tmp/zanryo-demo.XXXXXX)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	[ -n "${ZANRYO_DEMO_KEEP:-}" ] && echo "demo: kept $work" || rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/private-bus.sh
await_prefix=demo
. scripts/private-bus.sh

start_private_bus

build/tests/sim/zanryo-modem-sim --scenario tests/sim/scenarios/jp-mvno.toml \
	--link "$work/ttyUSB2" --control "$work/sim.sock" >"$work/sim.out" 2>"$work/sim.log" &
pids+=($!)
await 10 test -e "$work/ttyUSB2"

cat >"$work/zanryod.toml" <<CONF
[daemon]
discover = "off"      # only the simulator, never this machine's own modems

[[modem]]
device = "$work/ttyUSB2"
method = "sms"
sms_number = "00000"   # the simulator's fictional short number
sms_text = "残高"
min_interval = "0s"
CONF
build/daemon/zanryod --bus "$bus" --config "$work/zanryod.toml" --state-dir "$work/state" \
	2>"$work/zanryod.log" &
pids+=($!)

echo "== zanryod is asking the simulated carrier (SMS 残高 to 00000) ..."
has_source() {
	path=$(busctl --address="$bus" --list tree org.zanryo.Zanryo1 2>/dev/null | grep -o '/org/zanryo/Zanryo1/modem/[0-9a-f]*' | head -1)
	[ -n "$path" ] && busctl --address="$bus" get-property org.zanryo.Zanryo1 "$path" \
		org.zanryo.Zanryo1.Balance Source | grep -q sms:
}
if ! await 60 has_source; then cat "$work/zanryod.log" >&2; exit 1; fi
path=$(busctl --address="$bus" --list tree org.zanryo.Zanryo1 | grep -o '/org/zanryo/Zanryo1/modem/[0-9a-f]*' | head -1)

echo
echo "\$ busctl get-property org.zanryo.Zanryo1 $path org.zanryo.Zanryo1.Balance DataRemaining Expires"
busctl --address="$bus" get-property org.zanryo.Zanryo1 "$path" org.zanryo.Zanryo1.Balance DataRemaining Expires
echo
echo "\$ zanryoctl status"
"$ctl" status --bus "$bus"
echo
echo "\$ zanryoctl refresh"
"$ctl" refresh --bus "$bus"
echo
echo "demo: done (everything started here is stopped on exit)"
