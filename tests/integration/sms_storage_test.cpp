// The SMS storage policy end to end (docs/configuration.md, "SMS storage"): zanryo
// deletes only the messages it consumed, and only where it is asked to. An unrelated
// message (a bank code, a personal SMS) that arrives during a balance query is still on
// the SIM afterwards, in daemon mode and in direct mode. Checked through the simulator's
// storage (its control socket) and through `zanryoctl --device ... sms list`.
#include <gtest/gtest.h>
#include <ostream>

#include <chrono>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>

#include "support/private_bus.hpp"
#include "support/sim_modem.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

using namespace std::chrono_literals;

const char *const kBankSender = "+819012345678";
const char *const kBankText = "Your bank code is 123456";
const char *const kReplyText = "Balance 12.34 GBP. Data left: 2.5 GB, valid until 31/12/2026.";

/// The simulator's SIM, slot by slot (status "storage").
nlohmann::json storage(SimModem &sim)
{
	return nlohmann::json::parse(sim.control("status"))["storage"];
}

std::size_t storedFrom(SimModem &sim, const std::string &sender)
{
	std::size_t n = 0;
	for (const auto &slot : storage(sim))
		if (slot["from"] == sender)
			++n;
	return n;
}

Process::Result ctl(std::vector<std::string> args)
{
	return Process::run(binaryPath("dbus/zanryoctl/zanryoctl"), std::move(args), 60s);
}

/// `zanryoctl --device LINK sms list`, parsed.
nlohmann::json listed(SimModem &sim)
{
	auto r = ctl({ "--device", sim.link(), "sms", "list" });
	EXPECT_EQ(r.exitCode, 0) << r.err;
	return r.exitCode == 0 ? nlohmann::json::parse(r.out) : nlohmann::json::array();
}

bool listHas(const nlohmann::json &list, const std::string &sender, const std::string &text)
{
	for (const auto &m : list)
		if (m["sender"] == sender && m["text"] == text)
			return true;
	return false;
}

std::string daemonConfig(const std::string &device, const std::string &extra)
{
	return "[[modem]]\n"
	       "device = \"" +
	       device +
	       "\"\n"
	       "method = \"sms\"\n"
	       "sms_number = \"00000\"\n"
	       "sms_text = \"BALANCE\"\n"
	       "min_interval = \"0s\"\n"
	       "reply_timeout = \"20s\"\n" +
	       extra;
}

struct DaemonCase {
	const char *name;
	const char *extra;   ///< config lines added to the modem
	bool replyDeleted;
};

void PrintTo(const DaemonCase &c, std::ostream *os)
{
	*os << c.name;
}

class SmsStorageDaemonTest : public ::testing::TestWithParam<DaemonCase>
{
};

// zanryod asks 00000 for the balance; a bank code arrives while it waits for the reply.
TEST_P(SmsStorageDaemonTest, unrelatedSmsDuringQueryStaysStored)
{
	const DaemonCase &c = GetParam();
	SimModem sim("generic-en");
	PrivateBus bus;
	{
		Zanryod daemon(bus, { daemonConfig(sim.link(), c.extra), {}, {} });
		daemon.waitReady();
		std::string path = modemObjectPath(bus, within(20s));
		ASSERT_FALSE(path.empty()) << daemon.log();
		// The query is out (AT+CMGS): the bank's message comes before the reply (300 ms).
		ASSERT_TRUE(sim.waitForLog(std::regex(R"(AT<: AT\+CMGS=)"), within(30s))) << sim.log();
		ASSERT_EQ(sim.control(std::string("deliver-sms ") + kBankSender + " " + kBankText), "ok");
		ASSERT_TRUE(waitUntil([&] { return getProperty(bus, path, kBalance, "Source") == "sms:00000:BALANCE"; },
				      within(30s)))
			<< daemon.log() << sim.log();
		EXPECT_EQ(getProperty(bus, path, kBalance, "RawReply"), kReplyText);
		if (c.replyDeleted) {
			EXPECT_TRUE(waitUntil([&] { return storedFrom(sim, "00000") == 0; }, within(10s)))
				<< storage(sim).dump() << daemon.log();
		}
		// Stopped: whatever zanryod was going to delete, it has.
		daemon.process().terminate();
	}
	EXPECT_EQ(storedFrom(sim, kBankSender), 1u) << storage(sim).dump();
	EXPECT_EQ(storedFrom(sim, "00000"), c.replyDeleted ? 0u : 1u) << storage(sim).dump();
	// Only zanryo's own deletions: one AT+CMGD per reply slot, none for the bank's.
	EXPECT_EQ(occurrences(sim.log(), "AT<: AT+CMGD="), c.replyDeleted ? 1u : 0u) << sim.log();

	auto list = listed(sim);
	EXPECT_TRUE(listHas(list, kBankSender, kBankText)) << list.dump(2);
	EXPECT_EQ(listHas(list, "00000", kReplyText), !c.replyDeleted) << list.dump(2);
}

INSTANTIATE_TEST_SUITE_P(
	DeleteReplies, SmsStorageDaemonTest,
	::testing::Values(DaemonCase{ "byDefaultTheReplyIsDeleted", "", true },
			  DaemonCase{ "deleteRepliesFalseKeepsTheReply", "delete_replies = false\n", false }),
	[](const ::testing::TestParamInfo<DaemonCase> &i) { return std::string(i.param.name); });

struct DirectCase {
	const char *name;
	bool deleteFlag;  ///< sms wait --delete
};

void PrintTo(const DirectCase &c, std::ostream *os)
{
	*os << c.name;
}

class SmsStorageDirectTest : public ::testing::TestWithParam<DirectCase>
{
};

// zanryoctl --device ... sms wait --from 00000: the bank code that comes first is read and
// passed over; nothing is deleted, unless --delete, and then only the message printed.
TEST_P(SmsStorageDirectTest, smsWaitDeletesOnlyWhatItWasAskedTo)
{
	const DirectCase &c = GetParam();
	SimModem sim("generic-en");
	std::vector<std::string> args{ "--device", sim.link(), "sms", "wait", "--from", "00000", "--timeout", "20" };
	if (c.deleteFlag)
		args.push_back("--delete");
	std::size_t initsBefore = occurrences(sim.log(), "AT<: AT+CNMI=");
	Process wait(binaryPath("dbus/zanryoctl/zanryoctl"), args);
	// Listening once the new-message indications are set (AT+CNMI, the last init step).
	ASSERT_TRUE(waitUntil([&] { return occurrences(sim.log(), "AT<: AT+CNMI=") > initsBefore; }, within(15s)))
		<< sim.log();
	ASSERT_EQ(sim.control(std::string("deliver-sms ") + kBankSender + " " + kBankText), "ok");
	ASSERT_EQ(sim.control(std::string("deliver-sms 00000 ") + kReplyText), "ok");
	auto code = wait.wait(within(30s));
	ASSERT_TRUE(code.has_value()) << sim.log();
	EXPECT_EQ(*code, 0) << wait.stderrText();
	EXPECT_EQ(wait.stdoutText(), std::string(kReplyText) + "\n");

	EXPECT_EQ(storedFrom(sim, kBankSender), 1u) << storage(sim).dump();
	EXPECT_EQ(storedFrom(sim, "00000"), c.deleteFlag ? 0u : 1u) << storage(sim).dump();
	auto list = listed(sim);
	EXPECT_TRUE(listHas(list, kBankSender, kBankText)) << list.dump(2);
	EXPECT_EQ(listHas(list, "00000", kReplyText), !c.deleteFlag) << list.dump(2);
	// Listing deleted nothing either.
	EXPECT_EQ(storedFrom(sim, kBankSender), 1u) << storage(sim).dump();
}

INSTANTIATE_TEST_SUITE_P(
	Direct, SmsStorageDirectTest,
	::testing::Values(DirectCase{ "withoutDeleteNothingIsDeleted", false },
			  DirectCase{ "deleteRemovesOnlyTheMessagePrinted", true }),
	[](const ::testing::TestParamInfo<DirectCase> &i) { return std::string(i.param.name); });

} /* namespace */
} /* namespace zanryo::test */
