#!/usr/bin/env bash
# The Debian packages as a user meets them, on this machine (CI, as root):
# lintian with no error or warning, `apt-get install ./*.deb`, the installed unit verified
# and its exposure score printed, the INSTALLED zanryod and zanryoctl (not the build tree)
# answering a balance query from the simulator on a private bus, then a purge that leaves
# nothing behind but the system user (which Debian policy keeps).
#
#   tests/install/check_packages.sh DIST_DIR SIMULATOR
set -euo pipefail
dist=$(cd "$1" && pwd)
sim=$(realpath "$2")
src=$(cd "$(dirname "$0")/../.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "check_packages.sh: installs packages, run it as root" >&2; exit 1; }
packages=(zanryod zanryo-qmi zanryoctl zanryo-export zanryo-common libzanryo-client0 libzanryo-client-dev)

work=$(mktemp -d /tmp/zanryo-packages.XXXXXX)
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=scripts/private-bus.sh
await_prefix=FAIL
. "$src/scripts/private-bus.sh"

echo "== packages"
for deb in "$dist"/*.deb; do
	printf '%-48s %6s KiB installed, %6s KiB .deb\n' "$(basename "$deb")" \
		"$(dpkg-deb -f "$deb" Installed-Size)" "$(( $(stat -c %s "$deb") / 1024 ))"
done

echo "== lintian (fails on any error or warning)"
lintian --fail-on error,warning --info "$dist"/*.deb
echo "lintian: no errors, no warnings"

echo "== apt-get install ./*.deb"
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$dist"/*.deb >"$work/install.log" 2>&1 || { cat "$work/install.log" >&2; exit 1; }
/usr/sbin/zanryod --version
/usr/bin/zanryoctl --version
getent passwd zanryo >/dev/null || { echo "FAIL: the zanryo user was not created" >&2; exit 1; }
[ -f /etc/zanryo/zanryod.toml ] || { echo "FAIL: no /etc/zanryo/zanryod.toml" >&2; exit 1; }
/usr/sbin/zanryod --check-config
systemd-analyze verify /lib/systemd/system/zanryod.service /lib/systemd/system/zanryo-export.service
echo "systemd-analyze verify: OK"
systemd-analyze security --offline=yes /lib/systemd/system/zanryod.service >"$work/security.txt" 2>&1 || true
grep -E 'Overall exposure level' "$work/security.txt" ||
	{ cat "$work/security.txt" >&2; echo "FAIL: no exposure score" >&2; exit 1; }

echo "== the installed zanryod against the simulator, on a private bus"
start_private_bus
"$sim" --scenario "$src/tests/sim/scenarios/jp-mvno.toml" --link "$work/ttyUSB2" \
	--control "$work/sim.sock" >"$work/sim.out" 2>"$work/sim.log" &
pids+=($!)
await 10 test -e "$work/ttyUSB2"
cat >"$work/zanryod.toml" <<CONF
[daemon]
discover = "off"      # only the simulator, never this machine's own modems

[[modem]]
device = "$work/ttyUSB2"
method = "sms"
sms_number = "00000"
sms_text = "残高"
min_interval = "0s"
CONF
/usr/sbin/zanryod --bus "$bus" --config "$work/zanryod.toml" --state-dir "$work/state" 2>"$work/zanryod.log" &
pids+=($!)
has_reading() { /usr/bin/zanryoctl status --bus "$bus" 2>/dev/null | grep -q 'sms:'; }
await 60 has_reading || { cat "$work/zanryod.log" >&2; /usr/bin/zanryoctl status --bus "$bus" >&2 || true; exit 1; }
/usr/bin/zanryoctl status --bus "$bus"
for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
pids=()

echo "== apt-get purge"
apt-get purge -y -qq "${packages[@]}" >"$work/purge.log" 2>&1 || { cat "$work/purge.log" >&2; exit 1; }
left=0
for p in "${packages[@]}"; do
	if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -qv 'not-installed'; then
		echo "FAIL: $p is still known to dpkg: $(dpkg-query -W -f='${Status}' "$p")" >&2; left=1
	fi
done
for f in /usr/sbin/zanryod /usr/bin/zanryoctl /etc/zanryo /var/lib/zanryo /lib/systemd/system/zanryod.service \
	/usr/share/dbus-1/system.d/org.zanryo.Zanryo1.conf /usr/share/doc/zanryo /usr/share/zanryo \
	/usr/lib/sysusers.d/zanryo.conf /usr/lib/tmpfiles.d/zanryo.conf /usr/include/zanryo; do
	[ -e "$f" ] && { echo "FAIL: $f is left after purge" >&2; left=1; }
done
ls /usr/lib/*/zanryo /usr/lib/*/libzanryo-client* >/dev/null 2>&1 && { echo "FAIL: libraries left after purge" >&2; left=1; }
[ "$left" -eq 0 ] || exit 1
echo "purge: nothing left but the system user zanryo ($(getent passwd zanryo | cut -d: -f1,6))"
echo "packages: install, run and purge OK"
