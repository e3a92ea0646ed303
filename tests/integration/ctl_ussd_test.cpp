// zanryoctl ussd / ussd-respond / ussd-cancel through zanryod (no --device): the CLI calls
// org.zanryo.Zanryo1.Ussd through libzanryo-client, the session stays open in the daemon
// between two zanryoctl processes, and busctl sees the same state.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

std::vector<std::string> modemPaths(PrivateBus &bus)
{
	auto r = bus.busctl({ "--list", "tree", kService });
	std::vector<std::string> out;
	static const std::regex re("/org/zanryo/Zanryo1/modem/[0-9a-f]{16}");
	for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), re); it != std::sregex_iterator(); ++it)
		out.push_back(it->str());
	return out;
}

bool waitForModems(PrivateBus &bus, std::size_t n, Deadline deadline)
{
	// "ready" on every modem: identity read, so Ussd calls reach the network.
	return waitUntil(
		[&] {
			auto paths = modemPaths(bus);
			if (paths.size() != n)
				return false;
			for (const auto &p : paths) {
				auto r = bus.busctl({ "get-property", kService, p, "org.zanryo.Zanryo1.Modem", "State" });
				if (r.exitCode != 0 || busctlValue(r.out) != "ready")
					return false;
			}
			return true;
		},
		deadline);
}

std::string ussdState(PrivateBus &bus, const std::string &path)
{
	auto r = bus.busctl({ "get-property", kService, path, "org.zanryo.Zanryo1.Ussd", "State" });
	return r.exitCode == 0 ? busctlValue(r.out) : "<error: " + r.err + ">";
}

Process::Result zanryoctl(PrivateBus &bus, std::vector<std::string> args)
{
	args.push_back("--bus");
	args.push_back(bus.address());
	return Process::run(binaryPath("dbus/zanryoctl/zanryoctl"), args, 60s);
}

std::string modemConfig(const std::string &device)
{
	return "[[modem]]\ndevice = \"" + device + "\"\nmethod = \"none\"\n";
}

TEST(ZanryoctlUssd, menuAcrossTwoCallsThroughTheDaemon)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { modemConfig(sim.link()), {}, {} });
	daemon.waitReady();
	ASSERT_TRUE(waitForModems(bus, 1, within(20s))) << daemon.log();
	const std::string path = modemPaths(bus).front();

	auto menu = zanryoctl(bus, { "ussd", "*111#" });
	ASSERT_EQ(menu.exitCode, 0) << menu.err << daemon.log();
	EXPECT_EQ(menu.out, "1 Баланс\n2 Интернет\n0 Выход\n");
	EXPECT_EQ(ussdState(bus, path), "user-response") << "the menu stays open after zanryoctl exits";

	auto answer = zanryoctl(bus, { "ussd-respond", "1", "--json" });
	ASSERT_EQ(answer.exitCode, 0) << answer.err << daemon.log();
	auto j = nlohmann::json::parse(answer.out, nullptr, false);
	ASSERT_FALSE(j.is_discarded()) << answer.out;
	EXPECT_EQ(j.value("text", ""), "Баланс: 125.50 руб.");
	EXPECT_EQ(j.value("state", ""), "idle");
	EXPECT_EQ(j.value("modem", ""), path);
	EXPECT_EQ(ussdState(bus, path), "idle");

	// The simulator saw one session: the code, then the answer, on the real port.
	auto log = sim.log();
	auto code = log.find("network: USSD request *111#");
	ASSERT_NE(code, std::string::npos) << log;
	EXPECT_NE(log.find("network: USSD menu answer \"1\"", code), std::string::npos) << log;

	// No menu open any more: the daemon's Busy error, exit 5 (zanryoctl(1), EXIT STATUS).
	auto again = zanryoctl(bus, { "ussd-respond", "1" });
	EXPECT_EQ(again.exitCode, 5);
	EXPECT_NE(again.err.find("org.zanryo.Zanryo1.Error.Busy"), std::string::npos) << again.err;
}

TEST(ZanryoctlUssd, thenWalksTheMenuAndCancelEndsASession)
{
	SimModem sim("ru-prepaid");
	PrivateBus bus;
	Zanryod daemon(bus, { modemConfig(sim.link()), {}, {} });
	daemon.waitReady();
	ASSERT_TRUE(waitForModems(bus, 1, within(20s))) << daemon.log();
	const std::string path = modemPaths(bus).front();

	auto walked = zanryoctl(bus, { "ussd", "*111#", "--then", "2" });
	ASSERT_EQ(walked.exitCode, 0) << walked.err << daemon.log();
	EXPECT_EQ(walked.out, "1 Баланс\n2 Интернет\n0 Выход\nИнтернет: 3.2 ГБ до 31.12.2026\n");

	auto open = zanryoctl(bus, { "ussd", "*111#" });
	ASSERT_EQ(open.exitCode, 0) << open.err;
	ASSERT_EQ(ussdState(bus, path), "user-response");
	auto cancel = zanryoctl(bus, { "ussd-cancel" });
	ASSERT_EQ(cancel.exitCode, 0) << cancel.err;
	EXPECT_EQ(ussdState(bus, path), "idle");
	EXPECT_NE(sim.log().find("AT+CUSD=2"), std::string::npos) << sim.log();

	// A plain balance code: no menu, one answer; --then past the end of the menu fails.
	auto balance = zanryoctl(bus, { "ussd", "*100#", "--then", "1" });
	EXPECT_EQ(balance.exitCode, 1);
	EXPECT_NE(balance.out.find("125.50"), std::string::npos) << balance.out;
	EXPECT_NE(balance.err.find("the menu ended before answer 1 ('1')"), std::string::npos) << balance.err;

	// Hostile codes are refused by the daemon before anything reaches the modem (exit 2).
	auto hostile = zanryoctl(bus, { "ussd", "*100#\r\nAT+CFUN=0" });
	EXPECT_EQ(hostile.exitCode, 2);
	EXPECT_NE(hostile.err.find("org.zanryo.Zanryo1.Error.InvalidArgument"), std::string::npos) << hostile.err;
	EXPECT_EQ(sim.log().find("CFUN"), std::string::npos);
}

TEST(ZanryoctlUssd, severalModemsNeedModemAndTheErrorListsThem)
{
	SimModem ru("ru-prepaid");
	SimModem en("generic-en");
	PrivateBus bus;
	Zanryod daemon(bus, { modemConfig(ru.link()) + modemConfig(en.link()), {}, {} });
	daemon.waitReady();
	ASSERT_TRUE(waitForModems(bus, 2, within(30s))) << daemon.log();

	auto ambiguous = zanryoctl(bus, { "ussd", "*100#" });
	EXPECT_EQ(ambiguous.exitCode, 2);
	EXPECT_NE(ambiguous.err.find("several modems"), std::string::npos) << ambiguous.err;
	EXPECT_NE(ambiguous.err.find("(" + ru.link() + ")"), std::string::npos) << ambiguous.err;
	EXPECT_NE(ambiguous.err.find("(" + en.link() + ")"), std::string::npos) << ambiguous.err;
	EXPECT_EQ(ru.log().find("AT+CUSD=1"), std::string::npos) << "nothing was sent";
	EXPECT_EQ(en.log().find("AT+CUSD=1"), std::string::npos) << "nothing was sent";

	auto byDevice = zanryoctl(bus, { "ussd", "*101#", "--then", "1", "--modem", en.link() });
	ASSERT_EQ(byDevice.exitCode, 0) << byDevice.err << daemon.log();
	EXPECT_EQ(byDevice.out, "1. Balance\n2. Data\n3. Offers\nBalance: 12.34 GBP\n");
	EXPECT_EQ(ru.log().find("AT+CUSD=1"), std::string::npos) << "the other modem was left alone";

	auto unknown = zanryoctl(bus, { "ussd", "*100#", "--modem", "/dev/ttyUSB9" });
	EXPECT_EQ(unknown.exitCode, 2);
	EXPECT_NE(unknown.err.find("no modem '/dev/ttyUSB9'; modems: "), std::string::npos) << unknown.err;

	auto both = zanryoctl(bus, { "--device", en.link(), "ussd", "*100#", "--modem", en.link() });
	EXPECT_EQ(both.exitCode, 2);
	EXPECT_NE(both.err.find("give one"), std::string::npos) << both.err;
}

} // namespace
} // namespace zanryo::test
