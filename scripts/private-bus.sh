# Sourced (not run) by scripts/demo.sh and tests/install/check_packages.sh: waiting on a
# condition, and a private dbus-daemon in the caller's $work directory. The caller owns
# $work and the array pids, and stops every process in it on exit.

# await SECONDS COMMAND...: run COMMAND until it succeeds, for up to SECONDS; the
# message on time-out starts with $await_prefix.
await() {
	local seconds=$1; shift
	local end=$((SECONDS + seconds))
	until "$@" >/dev/null 2>&1; do
		if [ $SECONDS -ge $end ]; then echo "${await_prefix:-zanryo}: timed out waiting for: $*" >&2; return 1; fi
		sleep 0.2
	done
}

# start_private_bus: a dbus-daemon on unix:path=$work/bus that lets anyone own any name;
# sets $bus to its address once it listens.
start_private_bus() {
	cat >"$work/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:path=$work/bus</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*"/><allow receive_sender="*"/><allow own="*"/></policy></busconfig>
CONF
	dbus-daemon --config-file="$work/bus.conf" --nofork 2>"$work/dbus.log" &
	pids+=($!)
	bus="unix:path=$work/bus"
	await 10 test -S "$work/bus"
}
