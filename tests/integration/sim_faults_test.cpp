// Every fault of zanryo-modem-sim's control socket, seen from a raw AT client.
#include <algorithm>
#include <filesystem>

#include "sim_test_helpers.hpp"

namespace zanryo::test {
namespace {

bool statusHas(SimModem &sim, const std::string &fragment)
{
	return sim.control("status").find(fragment) != std::string::npos;
}

TEST(SimFaults, hangStopsAnswersUntilUnhang)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.sim->control("hang"), "ok");
	EXPECT_FALSE(s.at->command("AT+CGMI", 500ms).has_value());
	EXPECT_EQ(s.sim->control("urc +CREG: 1"), "ok");  // held while hung
	EXPECT_EQ(s.at->collect(within(200ms)), "");
	EXPECT_EQ(s.sim->control("unhang"), "ok");
	EXPECT_EQ(s.waitFor(R"(\+CREG: 1\r\n)"), "\r\n+CREG: 1\r\n");
	EXPECT_EQ(s.cmd("AT+CGMI"), "\r\nzanryo\r\n\r\nOK\r\n");
	EXPECT_TRUE(s.sim->waitForLog(std::regex("AT\\+CGMI \\(hung: not answering\\)"), within(1s)));
}

TEST(SimFaults, garbageIncludesNulAndFf)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.sim->control("garbage 64"), "ok");
	std::string junk;
	ASSERT_TRUE(waitUntil(
		[&] {
			junk += s.at->collect(within(20ms));
			return junk.size() >= 64;
		},
		within(3s)));
	EXPECT_EQ(junk.size(), 64u);
	EXPECT_EQ(junk.front(), '\0');
	EXPECT_EQ(static_cast<unsigned char>(junk.back()), 0xFF);
	EXPECT_EQ(s.cmd("AT"), "\r\nOK\r\n");  // the modem still answers afterwards
	EXPECT_EQ(s.sim->control("garbage 0"), "error: garbage wants a byte count 1..65536");
}

TEST(SimFaults, urcInTheMiddleOfAReply)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.sim->control("urc-in-reply +CMTI: \"SM\",3"), "ok");
	EXPECT_EQ(s.cmd("AT+CGMM"), "\r\nSIM-LTE\r\n\r\n+CMTI: \"SM\",3\r\n\r\nOK\r\n");
	EXPECT_EQ(s.cmd("AT+CGMM"), "\r\nSIM-LTE\r\n\r\nOK\r\n");  // one-shot
}

TEST(SimFaults, cmeErrorFollowsCmee)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.sim->control("cme-error +CUSD 30"), "ok");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\nERROR\r\n");
	ASSERT_EQ(s.cmd("AT+CMEE=1"), "\r\nOK\r\n");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\n+CME ERROR: 30\r\n");
	ASSERT_EQ(s.cmd("AT+CMEE=2"), "\r\nOK\r\n");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\n+CME ERROR: no network service\r\n");
	EXPECT_EQ(s.sim->control("cme-error AT+CGMI 10"), "ok");  // "AT" in the prefix is allowed
	EXPECT_EQ(s.cmd("AT+CGMI"), "\r\n+CME ERROR: SIM not inserted\r\n");
	EXPECT_EQ(s.sim->control("cme-error +CUSD off"), "ok");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\nOK\r\n");
	EXPECT_EQ(parseCusd(s.waitFor(kCusdRegex)).status, 0);
}

TEST(SimFaults, cusdStatusIsOneShot)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.sim->control("cusd-status 2"), "ok");
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\nOK\r\n");
	Cusd released = parseCusd(s.waitFor(kCusdRegex));
	EXPECT_EQ(released.status, 2);
	EXPECT_FALSE(released.hasText);
	EXPECT_EQ(s.cmd("AT+CUSD=1,\"*100#\",15"), "\r\nOK\r\n");
	EXPECT_EQ(parseCusd(s.waitFor(kCusdRegex)).status, 0);
}

TEST(SimFaults, dropSmsReply)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.sim->control("drop-sms-reply"), "ok");
	EXPECT_NE(sendSms(s, "00000", "BALANCE").find("+CMGS: "), std::string::npos);
	EXPECT_TRUE(s.sim->waitForLog(std::regex("drop-sms-reply"), within(2s)));
	EXPECT_EQ(s.at->collect(within(800ms)), "");  // reply delay is 300 ms: nothing came
	EXPECT_TRUE(statusHas(*s.sim, "\"stored_sms\":0"));
	EXPECT_EQ(s.sim->control("drop-sms-reply off"), "ok");
	EXPECT_NE(sendSms(s, "00000", "BALANCE").find("+CMGS: "), std::string::npos);
	EXPECT_NE(s.waitFor(R"(\+CMTI: "SM",\d+\r\n)"), "<timeout>");
}

TEST(SimFaults, slowWritesByteByByte)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.sim->control("slow 20"), "ok");
	ASSERT_TRUE(s.at->send("AT+CGMI\r"));
	// "\r\nzanryo\r\n\r\nOK\r\n" is 16 bytes: at 20 ms each it cannot all be there soon.
	std::string early = s.at->collect(within(100ms));
	EXPECT_LT(early.size(), 16u);
	auto rest = s.at->readUntil(finalResultRegex(), within(5s));
	ASSERT_TRUE(rest.has_value());
	EXPECT_EQ(early + *rest, "\r\nzanryo\r\n\r\nOK\r\n");
	EXPECT_EQ(s.sim->control("slow 0"), "ok");
	EXPECT_EQ(s.cmd("AT"), "\r\nOK\r\n");
}

TEST(SimFaults, unplugRemovesThePathAndReplugBringsTheSameLinkBack)
{
	SimSession s("generic-en");
	ASSERT_EQ(s.cmd("AT+CMEE=1"), "\r\nOK\r\n");
	std::string firstPty = s.sim->ptyPath();
	EXPECT_EQ(std::filesystem::read_symlink(s.sim->link()).string(), firstPty);
	EXPECT_EQ(s.sim->control("unplug"), "ok");
	// The client's open port is dead: a read ends with EOF/EIO.
	s.at->collect(within(300ms));
	EXPECT_TRUE(s.at->gone());
	EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(s.sim->link())));
	// The kernel removes the slave node once the master is closed and the last slave
	// file handle (this client's) is gone.
	s.at.reset();
	EXPECT_TRUE(waitUntil([&] { return !std::filesystem::exists(firstPty); }, within(2s))) << firstPty;
	EXPECT_TRUE(statusHas(*s.sim, "\"open\":false"));
	EXPECT_EQ(s.sim->control("unplug"), "error: already unplugged");

	EXPECT_EQ(s.sim->control("replug"), "ok");
	ASSERT_TRUE(waitUntil([&] { return std::filesystem::exists(s.sim->link()); }, within(3s)));
	PtyClient again(s.sim->link());
	EXPECT_EQ(again.command("AT").value_or(""), "AT\r\r\nOK\r\n");  // power-on settings: echo on
	EXPECT_EQ(again.command("ATE0;+CMEE?").value_or(""), "ATE0;+CMEE?\r\r\n+CMEE: 0\r\n\r\nOK\r\n");
	// The new slave path is printed on stdout like the first one.
	std::string out = s.sim->process().stdoutText();
	EXPECT_EQ(std::count(out.begin(), out.end(), '\n'), 2) << out;
}

TEST(SimFaults, faultsFromTheScenarioFile)
{
	auto sim = SimModem::fromToml("[faults]\ngarbage_at_start = 16\nurc_in_reply = \"^RSSI: 20\"\n"
				      "[[faults.cme_error]]\ncommand = \"+CIMI\"\ncode = 10\n");
	PtyClient at(sim->link());
	std::string junk;
	waitUntil(
		[&] {
			junk += at.collect(within(20ms));
			return junk.size() >= 16;
		},
		within(2s));
	EXPECT_EQ(junk.size(), 16u);
	EXPECT_EQ(at.command("ATE0").value_or(""), "ATE0\r\r\n^RSSI: 20\r\n\r\nOK\r\n");
	EXPECT_EQ(at.command("AT+CMEE=1;+CIMI").value_or(""), "\r\n+CME ERROR: 10\r\n");
}

TEST(SimFaults, controlSocketRejectsUnknownCommands)
{
	SimSession s("generic-en");
	EXPECT_EQ(s.sim->control("explode"), "error: unknown command \"explode\"");
	EXPECT_EQ(s.sim->control("echo maybe"), "error: echo on|off");
	EXPECT_EQ(s.sim->control("replug"), "error: not unplugged");
	EXPECT_TRUE(statusHas(*s.sim, "\"commands_seen\":"));
}

} /* namespace */
} /* namespace zanryo::test */
