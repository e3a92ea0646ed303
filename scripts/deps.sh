#!/usr/bin/env bash
# Install the Debian 12 packages zanryo builds and tests with, only those missing.
# Usage: scripts/deps.sh [extra-package ...]
set -euo pipefail

packages=(
	cmake ninja-build g++ pkg-config git
	libboost-dev libfmt-dev nlohmann-json3-dev libcli11-dev
	libsdbus-c++-dev libsdbus-c++-bin libsystemd-dev dbus
	libqmi-glib-dev libglib2.0-dev
	# qmi-glib.pc requires mbim-glib (Requires.private): pkg-config fails without it.
	libmbim-glib-dev
	# the real qmi-proxy, for the QMI proxy-mode test
	libqmi-proxy
	libtomlplusplus-dev libpugixml-dev libpcre2-dev libsqlite3-dev
	mobile-broadband-provider-info
	libgtest-dev libgmock-dev libbenchmark-dev
	gammu
	# zanryo-export's tests: a real Prometheus server (and promtool) and MQTT broker;
	# curl reads /metrics and Prometheus' query API
	prometheus mosquitto mosquitto-clients libmosquitto-dev curl
	# the zsh completion's test completes in a real zsh (it is skipped without one)
	zsh
	# ... and the bash completion's test with bash-completion's helpers loaded, as on a
	# desktop (it runs without them too)
	bash-completion
	"$@"
)

missing=()
for p in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$p")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "zanryo: installing missing Debian packages: ${missing[*]}" >&2
sudo=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null || { echo "zanryo: run as root to install: ${missing[*]}" >&2; exit 1; }
	sudo=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
