// Traffic counting against the kernel's own numbers: each test runs in a network and
// mount namespace of its own, with a veth pair it creates, and sends UDP datagrams to an
// address inside that namespace only. zanryod (on a private bus, with the simulated
// modem) is asserted through busctl, as users see it.
#include <gtest/gtest.h>

#include <sstream>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <regex>
#include <sched.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <unistd.h>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

// One datagram on the wire: payload + UDP 8 + IPv4 20 + Ethernet 14 (veth has no FCS).
constexpr std::uint64_t kPayload = 1000;
constexpr std::uint64_t kFrame = kPayload + 8 + 20 + 14;

std::string run(const std::vector<std::string> &args)
{
	auto r = Process::run(args[0], { args.begin() + 1, args.end() }, 10s);
	if (r.exitCode != 0)
		throw std::runtime_error(args[0] + " " + args[1] + " failed: " + r.err);
	return r.out;
}

std::uint64_t readNumber(const std::string &path)
{
	return std::stoull(readFile(path));
}

/// A private network namespace (with its own /sys) holding veth pair v0/v1, v0 at
/// 10.77.0.1/24, 10.77.0.2 a permanent neighbour behind v1: datagrams to it leave
/// through v0 and nothing else moves on the link (IPv6 off, no ARP).
class Netns
{
public:
	/// False (with \a why) when this process may not make namespaces.
	static bool enter(std::string &why)
	{
		if (::geteuid() != 0) {
			why = "needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN) for a private network namespace";
			return false;
		}
		if (::unshare(CLONE_NEWNET | CLONE_NEWNS) != 0) {
			why = std::string("unshare(CLONE_NEWNET|CLONE_NEWNS): ") + std::strerror(errno);
			return false;
		}
		// Our own /sys shows this namespace's interfaces; nothing leaks to the host.
		if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0 ||
		    ::mount("sysfs", "/sys", "sysfs", 0, nullptr) != 0) {
			why = std::string("mounting a private sysfs: ") + std::strerror(errno);
			return false;
		}
		// No IPv6 router solicitations or MLD reports on the link (when IPv6 exists).
		for (const char *knob : { "/proc/sys/net/ipv6/conf/default/disable_ipv6",
					  "/proc/sys/net/ipv6/conf/all/disable_ipv6" })
			if (::access(knob, W_OK) == 0)
				writeFile(knob, "1\n");
		return true;
	}

	static void createVeth()
	{
		run({ "ip", "link", "add", "v0", "type", "veth", "peer", "name", "v1" });
		run({ "ip", "addr", "add", "10.77.0.1/24", "dev", "v0" });
		run({ "ip", "link", "set", "v1", "up" });
		run({ "ip", "link", "set", "v0", "up" });
		std::string mac = readFile("/sys/class/net/v1/address");
		mac.erase(mac.find_last_not_of("\n") + 1);
		run({ "ip", "neigh", "replace", "10.77.0.2", "lladdr", mac, "dev", "v0", "nud", "permanent" });
	}

	static void deleteVeth() { run({ "ip", "link", "del", "v0" }); }

	/// rx_bytes + tx_bytes of v0 as the kernel counts them.
	static std::uint64_t kernelBytes()
	{
		return readNumber("/sys/class/net/v0/statistics/rx_bytes") +
		       readNumber("/sys/class/net/v0/statistics/tx_bytes");
	}

	/// \a count UDP datagrams of kPayload bytes to 10.77.0.2:9; returns the wire bytes.
	static std::uint64_t send(unsigned count)
	{
		int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			throw std::runtime_error("socket failed");
		sockaddr_in to{};
		to.sin_family = AF_INET;
		to.sin_port = htons(9);
		::inet_pton(AF_INET, "10.77.0.2", &to.sin_addr);
		std::string payload(kPayload, 'z');
		for (unsigned i = 0; i < count; i++)
			if (::sendto(fd, payload.data(), payload.size(), 0, reinterpret_cast<sockaddr *>(&to), sizeof to) !=
			    ssize_t(payload.size())) {
				::close(fd);
				throw std::runtime_error(std::string("sendto: ") + std::strerror(errno));
			}
		::close(fd);
		return count * kFrame;
	}
};

std::uint64_t used(PrivateBus &bus, const std::string &path)
{
	std::string v = getProperty(bus, path, kUsage, "UsedThisPeriod");
	try {
		return std::stoull(v);
	} catch (const std::exception &) {
		throw std::runtime_error("UsedThisPeriod: " + v);
	}
}

/// Whether \a monitor (watching Usage's PropertiesChanged) printed the count \a count.
bool announced(Process &monitor, std::uint64_t count)
{
	return monitor.waitForLine(std::regex("uint64 " + std::to_string(count)), within(15s)).has_value();
}

/// The local date \a days from today, as a TOML date ("2026-12-31").
std::string localDateIn(int days)
{
	std::time_t t = std::time(nullptr) + std::time_t(days) * 86400;
	std::tm tm{};
	::localtime_r(&t, &tm);
	char out[16];
	std::strftime(out, sizeof out, "%Y-%m-%d", &tm);
	return out;
}

std::string config(const std::string &device, const std::string &extra = {})
{
	return "[[modem]]\ndevice = \"" + device + "\"\nmethod = \"none\"\ninterface = \"v0\"\nusage_interval = \"1s\"\n" + extra;
}

#define ENTER_NETNS()                                                                          \
	do {                                                                                   \
		std::string why;                                                               \
		if (!Netns::enter(why))                                                        \
			GTEST_SKIP() << why;                                                   \
	} while (0)

TEST(Usage, countEqualsTheKernelsNumbersAndIsSignalled)
{
	ENTER_NETNS();
	Netns::createVeth();
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Process monitor("dbus-monitor", { "--address", bus.address(),
					  "type='signal',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged',"
					  "arg0='org.zanryo.Zanryo1.Usage'" });
	Zanryod daemon(bus, { config(sim.link(), "[modem.plan]\nallowance = \"1GB\"\n"), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kUsage, "Interface") == "v0"; }, within(10s)))
		<< daemon.log();
	EXPECT_EQ(used(bus, path), 0u) << "the first sample is a baseline";
	std::uint64_t before = Netns::kernelBytes();

	std::uint64_t sent = Netns::send(200);
	std::uint64_t kernel = Netns::kernelBytes() - before;
	EXPECT_EQ(kernel, sent) << "nothing else moved on v0";
	EXPECT_EQ(used(bus, path), kernel);
	EXPECT_EQ(getProperty(bus, path, kUsage, "HasEstimate"), "true");
	EXPECT_EQ(getProperty(bus, path, kUsage, "EstimatedDataRemaining"), std::to_string((1ull << 30) - kernel));
	EXPECT_EQ(getProperty(bus, path, kUsage, "Allowance"), std::to_string(1ull << 30));
	// The timer sample at usage_interval announces the new count.
	EXPECT_TRUE(monitor.waitForLine(std::regex("UsedThisPeriod"), within(10s))) << monitor.stdoutText();
}

TEST(Usage, deletedAndReCreatedInterfaceIsCountedWhole)
{
	ENTER_NETNS();
	Netns::createVeth();
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { config(sim.link()), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kUsage, "Interface") == "v0"; }, within(10s)));
	ASSERT_EQ(used(bus, path), 0u);

	// Sent and deleted before zanryod samples again: only RTM_DELLINK's counters know.
	std::uint64_t first = Netns::send(150);
	Netns::deleteVeth();
	ASSERT_TRUE(waitUntil([&] { return used(bus, path) == first; }, within(10s)))
		<< used(bus, path) << " != " << first << "\n" << daemon.log();

	Netns::createVeth(); // a new ifindex, counters from zero
	std::uint64_t second = Netns::send(70);
	ASSERT_TRUE(waitUntil([&] { return used(bus, path) == first + second; }, within(10s)))
		<< used(bus, path) << " != " << first + second << "\n" << daemon.log();
}

TEST(Usage, restartCountsWhatWentThroughWhileStopped)
{
	ENTER_NETNS();
	Netns::createVeth();
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	TempDir state;
	std::uint64_t first = 0, second = 0;
	std::string path;
	{
		Zanryod daemon(bus, { config(sim.link()), {}, state.path() });
		daemon.waitReady();
		path = modemObjectPath(bus, within(20s));
		ASSERT_FALSE(path.empty()) << daemon.log();
		ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kUsage, "Interface") == "v0"; }, within(10s)));
		first = Netns::send(100);
		ASSERT_EQ(used(bus, path), first);
		ASSERT_EQ(daemon.process().terminate(), 0) << daemon.log();
	}
	second = Netns::send(40); // nobody is counting
	Zanryod daemon(bus, { config(sim.link()), {}, state.path() });
	daemon.waitReady();
	ASSERT_EQ(modemObjectPath(bus, within(20s)), path);
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kUsage, "Interface") == "v0"; }, within(10s)));
	EXPECT_EQ(used(bus, path), first + second) << daemon.log();
}

// End to end: the carrier's reading (the Japanese MVNO's SMS: 1.25 GB left) minus what
// zanryod counted since.
TEST(Usage, estimateIsTheCarrierReadingMinusTheCount)
{
	ENTER_NETNS();
	Netns::createVeth();
	SimModem sim("jp-mvno");
	PrivateBus bus;
	Zanryod daemon(bus, { "[[modem]]\ndevice = \"" + sim.link() +
				      "\"\nmethod = \"sms\"\nsms_number = \"00000\"\nsms_text = \"残高\"\n"
				      "min_interval = \"0s\"\nreply_timeout = \"20s\"\ninterface = \"v0\"\n"
				      "[modem.plan]\nallowance = \"20GB\"\nreset_day = 1\n",
			      {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "HasData") == "true"; }, within(30s)))
		<< daemon.log() << sim.log();
	EXPECT_EQ(getProperty(bus, path, kUsage, "EstimatedDataRemaining"), "1342177280");
	std::uint64_t sent = Netns::send(300);
	EXPECT_EQ(getProperty(bus, path, kUsage, "EstimatedDataRemaining"), std::to_string(1342177280ull - sent));
	EXPECT_EQ(getProperty(bus, path, kUsage, "HasEstimate"), "true");
	EXPECT_NE(getProperty(bus, path, kUsage, "PeriodStart"), "0");
	EXPECT_NE(getProperty(bus, path, kUsage, "DaysLeft"), "0");
}

// The counted bytes also reach the hourly history (History.GetHistory, zanryoctl history).
TEST(Usage, countedBytesReachTheHourlyHistory)
{
	ENTER_NETNS();
	Netns::createVeth();
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { config(sim.link()), {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kUsage, "Interface") == "v0"; }, within(10s)))
		<< daemon.log();
	std::uint64_t before = Netns::kernelBytes();
	Netns::send(100);
	std::uint64_t kernel = Netns::kernelBytes() - before;
	// Hours of the reply "a(tsbttbsst)a(tt) 0 N h1 b1 h2 b2 ...": the bytes add up to the count.
	auto historyBytes = [&] {
		auto r = bus.busctl({ "call", kService, path, "org.zanryo.Zanryo1.History", "GetHistory", "u", "1" });
		std::istringstream in(r.out);
		std::string sig;
		std::uint64_t readings = 0, hours = 0, total = 0;
		in >> sig >> readings >> hours;
		for (std::uint64_t i = 0; i < hours; i++) {
			std::uint64_t hour = 0, bytes = 0;
			in >> hour >> bytes;
			total += bytes;
		}
		return total;
	};
	ASSERT_TRUE(waitUntil([&] { return historyBytes() >= kernel; }, within(15s))) << historyBytes() << " of " << kernel;
	EXPECT_EQ(historyBytes(), used(bus, path)) << "history and UsedThisPeriod agree";
}

// A SIM that is never queried (method "none", as on most Japanese and travel SIMs): the
// count alone takes the estimate across the thresholds, and each crossing is signalled
// once, with the estimate as its value.
TEST(Usage, countedTrafficCrossesThresholdsOnce)
{
	ENTER_NETNS();
	Netns::createVeth();
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Process monitor("dbus-monitor", { "--address", bus.address(),
					  "type='signal',interface='org.zanryo.Zanryo1.Balance',member='Low'",
					  "type='signal',member='PropertiesChanged',arg0='org.zanryo.Zanryo1.Usage'" });
	constexpr std::uint64_t kAllowance = 300 * 1024;
	Zanryod daemon(bus, { config(sim.link(), "[modem.thresholds]\ndata_bytes = \"150KB\"\ndata_percent = 60\n"
						 "[modem.plan]\nallowance = \"300KB\"\n"),
			      {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kUsage, "Interface") == "v0"; }, within(10s)))
		<< daemon.log();
	// The figures' PropertiesChanged and the thresholds come from the same change: once
	// a count is announced, its crossings (or none) have been signalled before it.
	auto lowSignals = [&] { return occurrences(monitor.stdoutText(), "member=Low"); };
	std::uint64_t first = Netns::send(60); // 61.5 KB: 80 % left, above both
	ASSERT_TRUE(announced(monitor, first)) << monitor.stdoutText() << daemon.log();
	EXPECT_EQ(lowSignals(), 0u) << monitor.stdoutText();

	std::uint64_t second = first + Netns::send(90); // 153 KB counted: 49 % left, below both
	ASSERT_TRUE(announced(monitor, second)) << monitor.stdoutText() << daemon.log();
	std::uint64_t third = second + Netns::send(20); // lower still: the same crossings
	ASSERT_TRUE(announced(monitor, third)) << monitor.stdoutText() << daemon.log();

	auto text = monitor.stdoutText();
	EXPECT_EQ(lowSignals(), 2u) << text;
	std::smatch m;
	ASSERT_TRUE(std::regex_search(text, m, std::regex("string \"data-bytes\"\\s+uint64 (\\d+)\\s+uint64 (\\d+)")))
		<< text;
	EXPECT_LE(std::stoull(m[1]), 150u * 1024) << "the value is the estimate when it crossed";
	EXPECT_GE(std::stoull(m[1]), kAllowance - second);
	EXPECT_EQ(m[2], std::to_string(150 * 1024));
	ASSERT_TRUE(std::regex_search(text, m, std::regex("string \"data-percent\"\\s+uint64 (\\d+)\\s+uint64 60")))
		<< text;
	EXPECT_LE(std::stoull(m[1]), 60u);
}

// run_out through D-Bus: a pack that never renews (period "none", counting from now,
// expiring in 30 days). The first traffic sets the pace: 61.5 KB of 300 KB within the
// first hour (the pace is taken over at least an hour) runs the rest out within a day,
// long before the pack expires, so Low("run-out") comes once, its value the days to the
// projected run-out (1), its threshold the days left (30 or 31); ProjectedRunOut is that
// moment. More traffic at the same pace does not repeat the signal.
TEST(Usage, runOutIsSignalledOnceWhenThePaceEmptiesThePackBeforeItExpires)
{
	ENTER_NETNS();
	Netns::createVeth();
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Process monitor("dbus-monitor", { "--address", bus.address(),
					  "type='signal',interface='org.zanryo.Zanryo1.Balance',member='Low'",
					  "type='signal',member='PropertiesChanged',arg0='org.zanryo.Zanryo1.Usage'" });
	const std::string expires = localDateIn(30);
	Zanryod daemon(bus, { config(sim.link(), "[modem.thresholds]\nrun_out = true\n[modem.plan]\nallowance = \"300KB\"\n"
						 "period = \"none\"\nexpires = " + expires + "\n"),
			      {}, {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kUsage, "Interface") == "v0"; }, within(10s)))
		<< daemon.log();
	EXPECT_EQ(getProperty(bus, path, kUsage, "ProjectedRunOut"), "0") << "no traffic, no pace";

	auto runOutSignals = [&] { return occurrences(monitor.stdoutText(), "\"run-out\""); };
	std::int64_t before = std::time(nullptr);
	std::uint64_t first = Netns::send(60);
	ASSERT_TRUE(announced(monitor, first)) << monitor.stdoutText() << daemon.log();
	// The pace needs a second of counting behind it: the signal may come a sample later.
	ASSERT_TRUE(waitUntil([&] { return runOutSignals() == 1; }, within(15s))) << monitor.stdoutText();
	std::smatch m;
	auto text = monitor.stdoutText();
	ASSERT_TRUE(std::regex_search(text, m, std::regex("string \"run-out\"\\s+uint64 (\\d+)\\s+uint64 (\\d+)")))
		<< text;
	EXPECT_EQ(m[1], "1") << "days to the projected run-out";
	EXPECT_GE(std::stoull(m[2]), 30u) << "days left in the pack";
	EXPECT_LE(std::stoull(m[2]), 31u);
	std::int64_t runOut = std::stoll(getProperty(bus, path, kUsage, "ProjectedRunOut"));
	EXPECT_GT(runOut, before);
	EXPECT_LE(runOut, std::int64_t(std::time(nullptr)) + 86400);

	std::uint64_t second = first + Netns::send(20);
	ASSERT_TRUE(announced(monitor, second)) << monitor.stdoutText() << daemon.log();
	EXPECT_EQ(runOutSignals(), 1u) << "once per period: " << monitor.stdoutText();
}

} // namespace
} // namespace zanryo::test
