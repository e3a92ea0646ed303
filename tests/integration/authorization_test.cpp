// zanryod checks the caller of privileged methods itself, behind the bus policy: on a
// private bus whose policy lets anyone call anything, an unprivileged uid still gets
// NotAuthorized, and root still gets answers. Real dbus-daemon, zanryo-modem-sim and
// zanryod; asserted through busctl run as nobody (setpriv --clear-groups).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

constexpr const char *kNotAuthorized = "org.zanryo.Zanryo1.Error.NotAuthorized";

TEST(Authorization, unprivilegedCallerIsRefusedByZanryodEvenWhenThePolicyAllows)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus(PrivateBus::Policy::Permissive);
	Zanryod daemon(bus, { "[[modem]]\ndevice = \"" + sim.link() +
				      "\"\nmethod = \"ussd\"\nussd = \"*100#\"\nmin_interval = \"0s\"\n",
			      {},
			      {} });
	daemon.waitReady();
	std::string path = modemObjectPath(bus, within(20s));
	ASSERT_FALSE(path.empty()) << daemon.log();
	// The first poll has run: any later query would be one a refused call started.
	ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Stale") == "false"; }, within(30s)))
		<< daemon.log();
	size_t queries = occurrences(sim.log(), "AT+CUSD=1,");

	// dbus-send prints the error name busctl leaves out.
	auto asNobody = [&](const std::string &object, const std::string &method, std::vector<std::string> args) {
		std::vector<std::string> argv = { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "dbus-send",
						  "--bus=" + bus.address(), "--print-reply", "--reply-timeout=20000",
						  std::string("--dest=") + kService, object, method };
		argv.insert(argv.end(), args.begin(), args.end());
		return Process::run("setpriv", argv, 30s);
	};
	struct Call {
		std::string object;
		std::string method;
		std::vector<std::string> args;
	};
	const std::vector<Call> privileged = {
		{ "/org/zanryo/Zanryo1", "org.zanryo.Zanryo1.Manager.RefreshAll", {} },
		{ path, "org.zanryo.Zanryo1.Balance.Refresh", {} },
		{ path, "org.zanryo.Zanryo1.Modem.GetIdentity", {} },
		{ path, "org.zanryo.Zanryo1.Ussd.Initiate", { "string:*100#" } },
		{ path, "org.zanryo.Zanryo1.Ussd.Respond", { "string:1" } },
		{ path, "org.zanryo.Zanryo1.Ussd.Cancel", {} },
	};
	for (const Call &c : privileged) {
		auto r = asNobody(c.object, c.method, c.args);
		EXPECT_NE(r.exitCode, 0) << c.method << ": " << r.out;
		EXPECT_NE(r.err.find(std::string("Error ") + kNotAuthorized + ": "), std::string::npos)
			<< c.method << ": " << r.err;
		EXPECT_NE(r.err.find("is for root and members of group zanryo; uid 65534 is neither"), std::string::npos)
			<< c.method << ": " << r.err << daemon.log();
	}
	EXPECT_EQ(occurrences(sim.log(), "AT+CUSD=1,"), queries) << "nothing reached the modem";

	// Reads stay open to everyone, and root keeps its answers.
	auto read = bus.busctl({ "get-property", kService, path, kModem, "Model" }, 10s, "nobody");
	ASSERT_EQ(read.exitCode, 0) << read.err;
	EXPECT_EQ(busctlValue(read.out), "E3372");
	auto identity = bus.busctl({ "call", kService, path, kModem, "GetIdentity" });
	ASSERT_EQ(identity.exitCode, 0) << identity.err;
	EXPECT_NE(identity.out.find("250010123456789"), std::string::npos);
}

} // namespace
} // namespace zanryo::test
