// QmiModem (real libqmi-glib 1.32) against zanryo-qmi-sim on a pty: identity, USSD
// (plain, UCS-2, menus), a VOICE service that refuses, and a modem that stops answering.
#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <gtest/gtest.h>
#include <optional>
#include <sched.h>
#include <unistd.h>

#include "libmodem/qmi/qmi_modem.hpp"
#include "support/qmi_rig.hpp"
#include "support/qmi_sim.hpp"
#include "support/wait.hpp"

namespace zanryo::test {
namespace {

namespace asio = boost::asio;
using namespace std::chrono_literals;

struct IdentityCase {
	const char *name;
	const char *scenario;
	ModemIdentity expected;
};

// The scenario files' [modem], [sim] and [network] tables, as DMS and NAS report them.
const IdentityCase kIdentity[] = {
	{ "genericEn", "generic-en",
	  { "zanryo", "SIM-LTE", "SIM-LTE_1.0.0", "350000000000006", "001010123456789", "8900101234567890123",
	    "+10000000001", "Test Mobile", "001", "01", "Test Network" } },
	{ "quectelEc25JpMvno", "jp-mvno",
	  { "Quectel", "EC25", "EC25JFAR06A05M4G", "867000000000005", "440100123456789", "8981100012345678901",
	    "+81700000000", "Sim MVNO", "440", "10", "NTT DOCOMO" } },
	{ "huaweiE3372RuPrepaid", "ru-prepaid",
	  { "huawei", "E3372", "22.328.62.00.1217", "866000000000003", "250010123456789", "8970101234567890123",
	    "+79000000000", "", "250", "01", "MTS RUS" } },
};

class QmiIdentity : public ::testing::TestWithParam<IdentityCase>
{
};

TEST_P(QmiIdentity, readsDmsAndNasThroughLibqmi)
{
	const IdentityCase &c = GetParam();
	Rig rig(c.scenario);
	EXPECT_EQ(rig.modem->state(), ModemState::Ready);
	EXPECT_EQ(rig.modem->transport(), "qmi");
	auto id = run(rig.io, rig.modem->identity());
	ASSERT_TRUE(id) << id.error().message();
	EXPECT_EQ(id->manufacturer, c.expected.manufacturer);
	EXPECT_EQ(id->model, c.expected.model);
	EXPECT_EQ(id->revision, c.expected.revision);
	EXPECT_EQ(id->imei, c.expected.imei);
	EXPECT_EQ(id->imsi, c.expected.imsi);
	EXPECT_EQ(id->iccid, c.expected.iccid);
	EXPECT_EQ(id->spn, c.expected.spn);  // UIM Read Transparent EF_SPN; ru-prepaid has none
	EXPECT_EQ(id->operatorMcc, c.expected.operatorMcc);
	EXPECT_EQ(id->operatorMnc, c.expected.operatorMnc);
	EXPECT_EQ(id->operatorName, c.expected.operatorName);
}

// no-sim-commands.toml: a firmware whose DMS UIM messages answer NotSupported; IMSI and
// ICCID come from EF_IMSI and EF_ICCID over UIM Read Transparent.
TEST(QmiIdentityUim, scenarioWithoutDmsUimReadsTheSimFiles)
{
	Rig rig("no-sim-commands");
	auto id = run(rig.io, rig.modem->identity());
	ASSERT_TRUE(id) << id.error().message();
	EXPECT_EQ(id->imsi, "001010987654321");
	EXPECT_EQ(id->iccid, "8900109876543210987");
	EXPECT_EQ(id->spn, "Data Only");
	EXPECT_NE(rig.sim.log().find("fault: DMS 0x0043 answers error 94"), std::string::npos) << rig.sim.log();
}

// The same refusal switched on at run time, on another scenario.
TEST(QmiIdentityUim, dmsUimNotSupportedFallsBackToSimFiles)
{
	Rig rig("jp-mvno", { "qmi-error DMS 0x43 NotSupported", "qmi-error DMS 0x3c NotSupported" });
	auto id = run(rig.io, rig.modem->identity());
	ASSERT_TRUE(id) << id.error().message();
	EXPECT_EQ(id->imsi, "440100123456789");
	EXPECT_EQ(id->iccid, "8981100012345678901");
	EXPECT_EQ(id->spn, "Sim MVNO");
	EXPECT_NE(rig.sim.log().find("read transparent 0x6F07"), std::string::npos);
	EXPECT_NE(rig.sim.log().find("read transparent 0x2FE2"), std::string::npos);
}

// Neither DMS UIM nor UIM: the fields stay empty, the rest of the identity is there.
TEST(QmiIdentityUim, noWayToTheSimLeavesFieldsEmpty)
{
	Rig rig("jp-mvno", { "qmi-error DMS 0x43 NotSupported", "qmi-error DMS 0x3c NotSupported",
			     "qmi-error UIM 0x20 NotSupported" });
	auto id = run(rig.io, rig.modem->identity());
	ASSERT_TRUE(id) << id.error().message();
	EXPECT_EQ(id->imsi, "");
	EXPECT_EQ(id->iccid, "");
	EXPECT_EQ(id->spn, "");
	EXPECT_EQ(id->model, "EC25");
}

INSTANTIATE_TEST_SUITE_P(Scenarios, QmiIdentity, ::testing::ValuesIn(kIdentity),
			 [](const auto &p) { return std::string(p.param.name); });

struct UssdCase {
	const char *name;
	const char *scenario;
	const char *control;  ///< a simulator command before the request, or nullptr
	const char *code;
	const char *expected;
	const char *rawPrefix;  ///< which TLV carried the text
};

const UssdCase kUssd[] = {
	// ASCII text: USS Data with scheme ASCII (0x01), no UTF-16 TLV.
	{ "plainAscii", "generic-en", nullptr, "*100#",
	  "Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026.", "scheme 1:" },
	// Cyrillic: the "USS Data UTF16" TLV 0x16 is used when present...
	{ "cyrillicUtf16Tlv", "ru-prepaid", nullptr, "*100#", "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026",
	  "utf16:" },
	// ...and the UCS-2 USS Data (scheme 0x03) when the firmware sends no UTF-16 TLV.
	{ "cyrillicUcs2DataOnly", "ru-prepaid", "utf16-tlv off", "*100#",
	  "Баланс: 125.50 руб. Интернет: 3.2 ГБ до 31.12.2026", "scheme 3:" },
	// ASCII text a firmware still sends as UCS-2 (many Qualcomm firmwares do).
	{ "asciiAsUcs2", "generic-en", "ucs2 on", "*100#",
	  "Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026.", "utf16:" },
};

class QmiUssd : public ::testing::TestWithParam<UssdCase>
{
};

TEST_P(QmiUssd, originateReturnsTheNetworkAnswer)
{
	const UssdCase &c = GetParam();
	Rig rig(c.scenario);
	if (c.control) {
		ASSERT_EQ(rig.sim.control(c.control), "ok");
	}
	auto r = run(rig.io, rig.modem->ussdInitiate(c.code, 10s));
	ASSERT_TRUE(r) << r.error().message() << "\n" << rig.sim.log();
	EXPECT_EQ(r->status, UssdStatus::Done);
	EXPECT_EQ(r->text, c.expected);
	EXPECT_EQ(r->raw.rfind(c.rawPrefix, 0), 0u) << r->raw;
	EXPECT_FALSE(r->networkInitiated);
	// The session is over: a second request is not Busy.
	auto again = run(rig.io, rig.modem->ussdInitiate(c.code, 10s));
	EXPECT_TRUE(again) << again.error().message();
}

INSTANTIATE_TEST_SUITE_P(Replies, QmiUssd, ::testing::ValuesIn(kUssd),
			 [](const auto &p) { return std::string(p.param.name); });

// generic-en.toml *101#: a menu, a sub-menu ("3"), and a final answer ("1").
TEST(QmiUssdSession, menuAnswerSubmenuAndFinalAnswer)
{
	Rig rig("generic-en");
	auto menu = run(rig.io, rig.modem->ussdInitiate("*101#", 10s));
	ASSERT_TRUE(menu) << menu.error().message();
	EXPECT_EQ(menu->status, UssdStatus::ActionRequired);
	EXPECT_EQ(menu->text, "1. Balance\n2. Data\n3. Offers");

	auto busy = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
	ASSERT_FALSE(busy);
	EXPECT_TRUE(is(busy.error(), Errc::Busy)) << busy.error().message();

	auto offers = run(rig.io, rig.modem->ussdRespond("3", 10s));
	ASSERT_TRUE(offers) << offers.error().message();
	EXPECT_EQ(offers->status, UssdStatus::ActionRequired);
	EXPECT_EQ(offers->text, "1. 1 GB for 2 GBP\n2. 5 GB for 5 GBP");

	auto done = run(rig.io, rig.modem->ussdRespond("1", 10s));
	ASSERT_TRUE(done) << done.error().message();
	EXPECT_EQ(done->status, UssdStatus::Done);
	EXPECT_EQ(done->text, "1 GB added. Balance: 10.34 GBP");

	auto none = run(rig.io, rig.modem->ussdRespond("1", 10s));
	ASSERT_FALSE(none);
	EXPECT_TRUE(is(none.error(), Errc::NotFound)) << none.error().message();
}

// ru-prepaid.toml *111#, answer "0": the network ends the session with no text.
TEST(QmiUssdSession, networkReleasesTheSession)
{
	Rig rig("ru-prepaid");
	auto menu = run(rig.io, rig.modem->ussdInitiate("*111#", 10s));
	ASSERT_TRUE(menu) << menu.error().message();
	EXPECT_EQ(menu->text, "1 Баланс\n2 Интернет\n0 Выход");
	auto end = run(rig.io, rig.modem->ussdRespond("0", 10s));
	ASSERT_FALSE(end);
	EXPECT_TRUE(is(end.error(), Errc::NetworkError)) << end.error().message();
	EXPECT_NE(end.error().what.find("NetworkAborted"), std::string::npos) << end.error().what;
}

TEST(QmiUssdSession, cancelClosesAnOpenMenu)
{
	Rig rig("generic-en");
	auto menu = run(rig.io, rig.modem->ussdInitiate("*101#", 10s));
	ASSERT_TRUE(menu) << menu.error().message();
	auto cancelled = run(rig.io, rig.modem->ussdCancel());
	ASSERT_TRUE(cancelled) << cancelled.error().message();
	EXPECT_NE(rig.sim.control("status").find("\"ussd\":\"idle\""), std::string::npos);
	auto next = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
	EXPECT_TRUE(next) << next.error().message();
}

// jp-mvno.toml: the network answers every code "not supported" (+CUSD: 4 over AT); over
// QMI that is a SUPS failure of Originate USSD, a network refusal, not a modem limit.
TEST(QmiUssdSession, networkRefusalIsNetworkError)
{
	Rig rig("jp-mvno");
	auto r = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
	ASSERT_FALSE(r);
	EXPECT_TRUE(is(r.error(), Errc::NetworkError)) << r.error().message();
	EXPECT_NE(r.error().what.find("QMI protocol error: SupsFailureCase"), std::string::npos) << r.error().what;
}

TEST(QmiUssdSession, networkInitiatedNotification)
{
	Rig rig("generic-en");
	std::optional<UssdReply> seen;
	ModemEventHandlers handlers;
	handlers.networkUssd = [&](const UssdReply &r) { seen = r; };
	rig.modem->setEventHandlers(handlers);
	ASSERT_EQ(rig.sim.control("ussd-notify Your data pack expires tomorrow"), "ok");
	rig.io.restart();
	rig.io.run_for(10ms);
	auto deadline = within(10s);
	while (!seen && Clock::now() < deadline) {
		rig.io.restart();
		rig.io.run_for(20ms);
	}
	ASSERT_TRUE(seen.has_value());
	EXPECT_TRUE(seen->networkInitiated);
	EXPECT_EQ(seen->status, UssdStatus::Done);
	EXPECT_EQ(seen->text, "Your data pack expires tomorrow");
}

struct RefusalCase {
	const char *name;
	std::vector<std::string> beforeOpen;
	const char *afterOpen;
	const char *mentions;
};

// A VOICE service the firmware does not have, or that refuses USSD: Unsupported, so the
// caller can fall back to the AT port (UssdFallbackModem, sim_qmi_fallback_test.cpp).
const RefusalCase kRefusals[] = {
	{ "originateNotSupported", {}, "qmi-error VOICE 0x3a NotSupported", "QMI protocol error: NotSupported" },
	{ "originateInvalidQmiCommand", {}, "qmi-error VOICE 0x3a InvalidQmiCommand",
	  "QMI protocol error: InvalidQmiCommand" },
	{ "noVoiceService", { "voice off" }, nullptr, "VOICE" },
};

class QmiVoiceRefusal : public ::testing::TestWithParam<RefusalCase>
{
};

TEST_P(QmiVoiceRefusal, ussdIsUnsupported)
{
	const RefusalCase &c = GetParam();
	Rig rig("generic-en", c.beforeOpen);
	if (c.afterOpen) {
		ASSERT_EQ(rig.sim.control(c.afterOpen), "ok");
	}
	auto r = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
	ASSERT_FALSE(r);
	EXPECT_TRUE(is(r.error(), Errc::Unsupported)) << r.error().message();
	EXPECT_NE(r.error().what.find(c.mentions), std::string::npos) << r.error().what;
	// The rest of the modem still works.
	auto id = run(rig.io, rig.modem->identity());
	EXPECT_TRUE(id) << id.error().message();
}

INSTANTIATE_TEST_SUITE_P(Faults, QmiVoiceRefusal, ::testing::ValuesIn(kRefusals),
			 [](const auto &p) { return std::string(p.param.name); });

TEST(QmiFaults, noResponseIsTimeoutAndTheNextRequestWorks)
{
	QmiModemOptions options;
	options.requestTimeout = 1s;
	Rig rig("generic-en", {}, options);
	ASSERT_EQ(rig.sim.control("hang"), "ok");
	auto lost = run(rig.io, rig.modem->identity(true));
	ASSERT_FALSE(lost);
	EXPECT_TRUE(is(lost.error(), Errc::Timeout)) << lost.error().message();
	auto ussd = run(rig.io, rig.modem->ussdInitiate("*100#", 1500ms));
	ASSERT_FALSE(ussd);
	EXPECT_TRUE(is(ussd.error(), Errc::Timeout)) << ussd.error().message();

	ASSERT_EQ(rig.sim.control("unhang"), "ok");
	auto id = run(rig.io, rig.modem->identity(true));
	ASSERT_TRUE(id) << id.error().message();
	EXPECT_EQ(id->imei, "350000000000006");
	auto reply = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
	ASSERT_TRUE(reply) << reply.error().message();
	EXPECT_EQ(reply->text, "Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026.");
}

TEST(QmiFaults, missingDeviceIsDeviceGone)
{
	asio::io_context io;
	TempDir dir;
	QmiModem modem(io.get_executor(), dir.file("cdc-wdm9"));
	auto r = run(io, modem.open());
	ASSERT_FALSE(r);
	EXPECT_TRUE(is(r.error(), Errc::DeviceGone)) << r.error().message();
	EXPECT_EQ(modem.state(), ModemState::Absent);  // as AtModem: the path does not exist
}

// A port that never answers CTL (here: the simulator hung from the start) is not a QMI
// modem; once it answers, the same QmiModem opens.
TEST(QmiFaults, silentPortIsNotAModemThenOpens)
{
	asio::io_context io;
	QmiSim sim("generic-en");
	ASSERT_EQ(sim.control("hang"), "ok");
	QmiModemOptions options;
	options.openTimeout = 1s;
	QmiModem modem(io.get_executor(), sim.link(), options);
	std::vector<ModemState> states;
	ModemEventHandlers handlers;
	handlers.stateChanged = [&](ModemState s) { states.push_back(s); };
	modem.setEventHandlers(handlers);
	auto r = run(io, modem.open());
	ASSERT_FALSE(r);
	EXPECT_TRUE(is(r.error(), Errc::NotAModem)) << r.error().message();
	EXPECT_EQ(modem.state(), ModemState::Closed);
	EXPECT_EQ(states, (std::vector<ModemState>{ ModemState::Opening, ModemState::Closed }));

	ASSERT_EQ(sim.control("unhang"), "ok");
	auto again = run(io, modem.open());
	ASSERT_TRUE(again) << again.error().message();
	EXPECT_EQ(modem.state(), ModemState::Ready);
	auto id = run(io, modem.identity());
	ASSERT_TRUE(id) << id.error().message();
	EXPECT_EQ(id->model, "SIM-LTE");
	runVoid(io, modem.close());
}

/// End the qmi-proxy processes of this process's network namespace (libqmi spawns the
/// proxy detached, so it is found by its namespace, not by its parent).
void stopProxiesInThisNamespace()
{
	namespace fs = std::filesystem;
	std::error_code ec;
	auto own = fs::read_symlink("/proc/self/ns/net", ec);
	for (const auto &entry : fs::directory_iterator("/proc", ec)) {
		std::string pid = entry.path().filename();
		if (pid.find_first_not_of("0123456789") != std::string::npos)
			continue;
		if (readFile(entry.path() / "comm") != "qmi-proxy\n")
			continue;
		std::error_code nsEc;
		if (fs::read_symlink(entry.path() / "ns" / "net", nsEc) != own || nsEc)
			continue;
		pid_t p = static_cast<pid_t>(std::stol(pid));
		::kill(p, SIGTERM);
		waitUntil([&] { return ::kill(p, 0) != 0; }, within(5s));
	}
}

// QMI_DEVICE_OPEN_FLAGS_PROXY: libqmi connects to the abstract socket "qmi-proxy",
// spawning the real /usr/libexec/qmi-proxy, which opens the simulator's pty. The test
// runs in a network namespace of its own (abstract sockets are per namespace), so it
// neither meets nor leaves a proxy on the host.
TEST(QmiProxy, identityAndUssdThroughTheRealQmiProxy)
{
	if (::geteuid() != 0)
		GTEST_SKIP() << "needs root for a private network namespace";
	if (::access("/usr/libexec/qmi-proxy", X_OK) != 0)
		GTEST_SKIP() << "/usr/libexec/qmi-proxy is not installed (Debian package libqmi-proxy)";
	ASSERT_EQ(::unshare(CLONE_NEWNET), 0) << std::strerror(errno);
	{
		QmiModemOptions options;
		options.useProxy = true;
		Rig rig("generic-en", {}, options);
		auto id = run(rig.io, rig.modem->identity());
		ASSERT_TRUE(id) << id.error().message();
		EXPECT_EQ(id->imei, "350000000000006");
		auto reply = run(rig.io, rig.modem->ussdInitiate("*100#", 10s));
		ASSERT_TRUE(reply) << reply.error().message();
		EXPECT_EQ(reply->text, "Your balance is 12.34 GBP. Data: 2.5 GB left, valid until 31/12/2026.");
	}
	stopProxiesInThisNamespace();
}

TEST(QmiLifecycle, closeReleasesEveryClient)
{
	// DMS, NAS, VOICE, WMS, WDS and UIM.
	auto rig = std::make_unique<Rig>("generic-en");
	EXPECT_NE(rig->sim.control("status").find("\"clients\":6"), std::string::npos) << rig->sim.control("status");
	runVoid(rig->io, rig->modem->close());
	EXPECT_EQ(rig->modem->state(), ModemState::Closed);
	EXPECT_NE(rig->sim.control("status").find("\"clients\":0"), std::string::npos) << rig->sim.control("status");
	auto r = run(rig->io, rig->modem->identity(true));
	EXPECT_FALSE(r);
	rig->modem.reset();
}

} /* namespace */
} /* namespace zanryo::test */
