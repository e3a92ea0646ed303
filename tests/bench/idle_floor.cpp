// The floor under zanryod's resident memory: the smallest program on the same D-Bus
// stack (sdbus-c++ 1.2 over libsystemd, libstdc++) that owns a bus name and waits.
// bench_idle.sh starts it beside zanryod and prints both, so a figure for zanryod can be
// read against what any daemon built on these Debian libraries costs before doing anything.
//
//   idle_floor ADDRESS

#include <cstdio>

#include <sdbus-c++/sdbus-c++.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		std::fprintf(stderr, "usage: idle_floor ADDRESS\n");
		return 2;
	}
	auto bus = sdbus::createSessionBusConnectionWithAddress(argv[1]);
	bus->requestName("org.zanryo.IdleFloor");
	bus->enterEventLoop();
	return 0;
}
