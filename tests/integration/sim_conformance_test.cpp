// One conformance table for every backend (issue 13 §1): each case is a scripted modem
// and network (a scenario file both simulators read, plus control-socket commands) and
// the session outcome every backend must give. The table runs against AtModem on
// zanryo-modem-sim and QmiModem (real libqmi-glib) on zanryo-qmi-sim. A new backend
// joins by adding one entry to drivers(): a factory that starts its simulator with the
// scenario and opens its Modem on it.
//
// Where a backend cannot behave the same, the case says so (notOn) with the reason, and
// the case is skipped there with that reason printed.

#include <utility>  // before Boost 1.74 awaitable.hpp, which uses std::exchange

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "libmodem/backend/at_modem.hpp"
#include "support/sim_modem.hpp"
#include "support/temp_dir.hpp"
#ifdef ZANRYO_CONFORMANCE_QMI
#include "libmodem/qmi/qmi_modem.hpp"
#include "support/qmi_sim.hpp"
#endif

namespace zanryo {
namespace {

using namespace std::chrono_literals;
namespace asio = boost::asio;

/// The session options a case needs; every driver passes them to its backend.
struct BenchOptions {
	std::chrono::milliseconds staleAfter{ 120s };
	std::chrono::milliseconds menuTimeout{ 180s };
	std::chrono::milliseconds terminatedGrace{ 1500ms };
};

/// One backend on its simulator, opened. What a case may use.
class Bench
{
public:
	virtual ~Bench() = default;
	virtual Modem &modem() = 0;
	/// A control-socket command of the simulator.
	virtual std::string control(const std::string &command) = 0;
	virtual std::string simLog() = 0;
	/// The simulated network's USSD state: "idle", "pending" or "menu".
	virtual std::string simUssd() = 0;
	/// How many messages the simulated modem holds in its storage (every memory).
	virtual std::size_t simStoredSms() = 0;

	asio::io_context io;
	/// QMI's answers come from libqmi's thread: without work of its own io would run
	/// out between them and stop.
	asio::executor_work_guard<asio::io_context::executor_type> work{ io.get_executor() };
	std::vector<UssdReply> notifications;

	/// Run \a aw to its end on io (at most \a limit).
	template<typename T>
	std::optional<T> run(asio::awaitable<T> aw, std::chrono::milliseconds limit = 30s)
	{
		std::optional<T> result;
		auto wrapper = [](asio::awaitable<T> inner, std::optional<T> &out) -> asio::awaitable<void> {
			out.emplace(co_await std::move(inner));
		};
		asio::co_spawn(io, wrapper(std::move(aw), result), [](std::exception_ptr) {});
		pump([&] { return result.has_value(); }, limit);
		return result;
	}
	/// Start \a aw and return at once; its result lands in \a out.
	template<typename T>
	void start(asio::awaitable<T> aw, std::optional<T> &out)
	{
		auto wrapper = [](asio::awaitable<T> inner, std::optional<T> &o) -> asio::awaitable<void> {
			o.emplace(co_await std::move(inner));
		};
		asio::co_spawn(io, wrapper(std::move(aw), out), [](std::exception_ptr) {});
	}
	bool pump(const std::function<bool()> &cond, std::chrono::milliseconds limit)
	{
		auto deadline = std::chrono::steady_clock::now() + limit;
		while (!cond() && std::chrono::steady_clock::now() < deadline)
			io.run_one_for(20ms);
		return cond();
	}
	/// Let the modem run until \a d has passed (a case about what time does).
	void pumpFor(std::chrono::milliseconds d)
	{
		auto until = std::chrono::steady_clock::now() + d;
		pump([&] { return std::chrono::steady_clock::now() >= until; }, d + 1s);
	}

protected:
	void hookNotifications()
	{
		ModemEventHandlers h;
		h.networkUssd = [this](const UssdReply &r) { notifications.push_back(r); };
		modem().setEventHandlers(std::move(h));
	}
	void openOrThrow()
	{
		hookNotifications();
		auto r = run(modem().open());
		if (!r || !r->ok())
			throw std::runtime_error("open failed: " + (r ? r->error().message() : std::string("no answer")) +
						 "\n" + simLog());
	}
	void closeModem()
	{
		auto closing = [](Modem &m) -> asio::awaitable<bool> {
			co_await m.close();
			co_return true;
		};
		(void)run(closing(modem()), 10s);
	}
};

nlohmann::json statusOf(const std::string &text)
{
	auto j = nlohmann::json::parse(text, nullptr, false);
	return j.is_discarded() ? nlohmann::json::object() : j;
}

class AtBench final : public Bench
{
public:
	AtBench(const std::string &scenario, const BenchOptions &o) : sim_(test::SimModem::fromToml(scenario))
	{
		AtModemOptions opts;
		opts.ussdStaleAfter = std::chrono::duration_cast<std::chrono::seconds>(o.staleAfter);
		opts.ussdMenuTimeout = o.menuTimeout;
		opts.ussdTerminatedGrace = o.terminatedGrace;
		modem_ = AtModem::create(io.get_executor(), sim_->link(), opts);
		openOrThrow();
	}
	~AtBench() override { closeModem(); }
	Modem &modem() override { return *modem_; }
	std::string control(const std::string &c) override { return sim_->control(c); }
	std::string simLog() override { return sim_->log(); }
	std::string simUssd() override { return statusOf(sim_->control("status")).value("ussd", "?"); }
	std::size_t simStoredSms() override { return statusOf(sim_->control("status")).value("stored_sms", 0u); }

private:
	std::unique_ptr<test::SimModem> sim_;
	std::shared_ptr<AtModem> modem_;
};

#ifdef ZANRYO_CONFORMANCE_QMI
class QmiBench final : public Bench
{
public:
	QmiBench(const std::string &scenario, const BenchOptions &o) : sim_(dir_.write("scenario.toml", scenario))
	{
		QmiModemOptions opts;
		opts.ussdStaleAfter = o.staleAfter;
		opts.ussdMenuTimeout = o.menuTimeout;
		opts.ussdTerminatedGrace = o.terminatedGrace;
		modem_ = std::make_unique<QmiModem>(io.get_executor(), sim_.link(), opts);
		openOrThrow();
	}
	~QmiBench() override { closeModem(); }
	Modem &modem() override { return *modem_; }
	std::string control(const std::string &c) override { return sim_.control(c); }
	std::string simLog() override { return sim_.log(); }
	std::string simUssd() override { return statusOf(sim_.control("status")).value("ussd", "?"); }
	std::size_t simStoredSms() override { return statusOf(sim_.control("status")).value("sms_stored", 0u); }

private:
	test::TempDir dir_;
	test::QmiSim sim_;
	std::unique_ptr<QmiModem> modem_;
};
#endif

/// A backend as the table sees it. Add one line here for a new backend.
struct Driver {
	std::string name;
	std::function<std::unique_ptr<Bench>(const std::string &scenario, const BenchOptions &)> make;
};

std::vector<Driver> drivers()
{
	std::vector<Driver> d;
	d.push_back({ "at", [](const std::string &s, const BenchOptions &o) { return std::make_unique<AtBench>(s, o); } });
#ifdef ZANRYO_CONFORMANCE_QMI
	d.push_back({ "qmi", [](const std::string &s, const BenchOptions &o) { return std::make_unique<QmiBench>(s, o); } });
#endif
	return d;
}

// The scripted network of every case: both simulators read this file.
const char *const kScenario = R"([modem]
manufacturer = "zanryo"
model = "SIM-LTE"
quirk = "generic"

[sim]
msisdn = "+15550100"

[network]
mcc = "001"
mnc = "01"
ussd_delay_ms = 150

[[ussd]]
code = "*100#"
text = "Your balance is 12.34 GBP."

[[ussd]]
code = "*101#"
text = "1. Balance\n2. Data"
  [[ussd.menu]]
  answer = "1"
  text = "Balance: 12.34 GBP"
  [[ussd.menu]]
  answer = "2"
  text = "Data: 1.5 GB left"

[[ussd]]
code = "*102#"
status = 2
text = "Balance 5.00 EUR. Session ended."

[[ussd]]
code = "*103#"
status = 2
text = "Please wait"
then_text = "Balance 7.00 EUR"
then_delay_ms = 400

[[ussd]]
code = "*199#"
text = "Too late"
delay_ms = 60000

[[sms_reply]]
keyword = "BALANCE"
to = "00000"
from = "00000"
text = "Balance 12.34 GBP, data 1.5 GB left until 31.12. Thank you for using the test network, your friendly carrier."
parts = 3
order = "shuffled"
delay_ms = 200
)";

struct Case {
	const char *name;
	BenchOptions options;
	/// The script: steps and the outcome every backend must give.
	std::function<void(Bench &, const std::string &backend)> script;
	/// Backends that cannot behave the same, with the reason.
	std::map<std::string, std::string> notOn;
};

bool isErr(const Result<UssdReply> &r, Errc c)
{
	return !r && r.error().code == make_error_code(c);
}

const std::vector<Case> &cases()
{
	static const std::vector<Case> table = {
		{ "plainReply", {}, [](Bench &b, const std::string &) {
			  auto r = b.run(b.modem().ussdInitiate("*100#", 10s));
			  ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "no answer");
			  EXPECT_EQ((*r)->status, UssdStatus::Done);
			  EXPECT_EQ((*r)->text, "Your balance is 12.34 GBP.");
			  EXPECT_FALSE((*r)->networkInitiated);
		  }, {} },
		{ "menuThenRespond", {}, [](Bench &b, const std::string &) {
			  auto menu = b.run(b.modem().ussdInitiate("*101#", 10s));
			  ASSERT_TRUE(menu && menu->ok()) << (menu ? menu->error().message() : "no answer");
			  EXPECT_EQ((*menu)->status, UssdStatus::ActionRequired);
			  EXPECT_EQ((*menu)->text, "1. Balance\n2. Data");
			  auto done = b.run(b.modem().ussdRespond("2", 10s));
			  ASSERT_TRUE(done && done->ok()) << (done ? done->error().message() : "no answer");
			  EXPECT_EQ((*done)->status, UssdStatus::Done);
			  EXPECT_EQ((*done)->text, "Data: 1.5 GB left");
			  auto after = b.run(b.modem().ussdRespond("1", 10s));
			  ASSERT_TRUE(after);
			  EXPECT_TRUE(isErr(*after, Errc::NotFound)) << "the session ended with the answer";
		  }, {} },
		{ "respondWithNoSession", {}, [](Bench &b, const std::string &) {
			  auto r = b.run(b.modem().ussdRespond("1", 10s));
			  ASSERT_TRUE(r);
			  ASSERT_TRUE(isErr(*r, Errc::NotFound)) << (r->ok() ? (*r)->text : r->error().message());
			  EXPECT_EQ(r->error().message(), "no USSD session is open");
			  EXPECT_EQ(b.simUssd(), "idle") << "nothing was sent";
		  }, {} },
		{ "freshMenuMakesInitiateBusy", {}, [](Bench &b, const std::string &) {
			  auto menu = b.run(b.modem().ussdInitiate("*101#", 10s));
			  ASSERT_TRUE(menu && menu->ok());
			  auto busy = b.run(b.modem().ussdInitiate("*100#", 10s));
			  ASSERT_TRUE(busy);
			  EXPECT_TRUE(isErr(*busy, Errc::Busy));
			  EXPECT_EQ(b.simUssd(), "menu") << "the open menu was left alone";
		  }, {} },
		{ "releasedWithTextIsTheAnswer", { .terminatedGrace = 1500ms }, [](Bench &b, const std::string &backend) {
			  auto r = b.run(b.modem().ussdInitiate("*102#", 10s));
			  ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "no answer");
			  EXPECT_EQ((*r)->text, "Balance 5.00 EUR. Session ended.");
			  // AT: +CUSD: 2 with text, returned when the grace passes. QMI: the text is the
			  // Originate USSD response (no status of its own), the release a separate
			  // indication.
			  EXPECT_EQ((*r)->status, backend == "qmi" ? UssdStatus::Done : UssdStatus::Terminated);
		  }, {} },
		{ "releasedThenAnswerWithinGrace", { .terminatedGrace = 3s }, [](Bench &b, const std::string &) {
			  auto r = b.run(b.modem().ussdInitiate("*103#", 10s));
			  ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "no answer");
			  EXPECT_EQ((*r)->status, UssdStatus::Done);
			  EXPECT_EQ((*r)->text, "Balance 7.00 EUR") << "the later status-0 reply is the answer";
			  EXPECT_TRUE(b.notifications.empty()) << "the released text is not a notification";
		  },
		  { { "qmi", "QMI has no released-with-text before the answer: Originate USSD resolves once, "
			     "with the final text, and Release USSD carries none (then_text is AT only)" } } },
		{ "timeoutCancelsOnTheModem", {}, [](Bench &b, const std::string &) {
			  auto started = std::chrono::steady_clock::now();
			  auto r = b.run(b.modem().ussdInitiate("*199#", 1500ms));
			  ASSERT_TRUE(r);
			  EXPECT_TRUE(isErr(*r, Errc::Timeout)) << (r->ok() ? (*r)->text : r->error().message());
			  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
			  EXPECT_TRUE(b.pump([&] { return b.simUssd() == "idle"; }, 5s)) << "no cancel reached the modem";
			  auto next = b.run(b.modem().ussdInitiate("*100#", 10s));
			  ASSERT_TRUE(next && next->ok()) << (next ? next->error().message() : "no answer");
			  EXPECT_EQ((*next)->text, "Your balance is 12.34 GBP.");
		  }, {} },
		{ "cancelDuringInitiate", {}, [](Bench &b, const std::string &) {
			  std::optional<Result<UssdReply>> initiated;
			  b.start(b.modem().ussdInitiate("*199#", 120s), initiated);
			  ASSERT_TRUE(b.pump([&] { return b.simUssd() == "pending"; }, 10s)) << b.simLog();
			  auto cancelled = b.run(b.modem().ussdCancel(), 5s);
			  ASSERT_TRUE(b.pump([&] { return initiated.has_value(); }, 3s)) << "the Initiate still waits";
			  EXPECT_TRUE(isErr(*initiated, Errc::Cancelled));
			  ASSERT_TRUE(cancelled);
			  EXPECT_TRUE(cancelled->ok()) << cancelled->error().message();
			  EXPECT_TRUE(b.pump([&] { return b.simUssd() == "idle"; }, 5s));
		  }, {} },
		{ "staleMenuCancelledBeforeANewInitiate", { .staleAfter = 1s, .menuTimeout = 0ms }, [](Bench &b, const std::string &) {
			  auto menu = b.run(b.modem().ussdInitiate("*101#", 10s));
			  ASSERT_TRUE(menu && menu->ok());
			  b.pumpFor(1200ms);  // the menu grows stale
			  EXPECT_EQ(b.simUssd(), "menu");
			  auto r = b.run(b.modem().ussdInitiate("*100#", 10s));
			  ASSERT_TRUE(r && r->ok()) << (r ? r->error().message() : "no answer");
			  // Had the menu not been closed first, the code would be its answer.
			  EXPECT_EQ((*r)->text, "Your balance is 12.34 GBP.");
		  }, {} },
		{ "idleMenuCancelledAfterTimeout", { .menuTimeout = 1s }, [](Bench &b, const std::string &) {
			  auto menu = b.run(b.modem().ussdInitiate("*101#", 10s));
			  ASSERT_TRUE(menu && menu->ok());
			  ASSERT_EQ(b.simUssd(), "menu");
			  EXPECT_TRUE(b.pump([&] { return b.simUssd() == "idle"; }, 5s)) << "the idle menu is still open";
			  auto late = b.run(b.modem().ussdRespond("1", 10s));
			  ASSERT_TRUE(late);
			  EXPECT_TRUE(isErr(*late, Errc::NotFound));
		  }, {} },
		{ "networkInitiatedIsANotification", {}, [](Bench &b, const std::string &) {
			  // AT: +CUSD presentation is on after the first AT+CUSD=1 (TS 27.007 §7.15).
			  auto first = b.run(b.modem().ussdInitiate("*100#", 10s));
			  ASSERT_TRUE(first && first->ok());
			  ASSERT_EQ(b.control("ussd-notify Free minutes: 100"), "ok");
			  ASSERT_TRUE(b.pump([&] { return !b.notifications.empty(); }, 5s));
			  EXPECT_EQ(b.notifications.front().text, "Free minutes: 100");
			  EXPECT_TRUE(b.notifications.front().networkInitiated);
			  auto next = b.run(b.modem().ussdInitiate("*100#", 10s));
			  ASSERT_TRUE(next && next->ok()) << "the notification opened no session";
		  }, {} },
		{ "identityHasTheMsisdn", {}, [](Bench &b, const std::string &) {
			  // AT+CNUM (TS 27.007 §7.1) / DMS Get MSISDN.
			  auto id = b.run(b.modem().identity(true));
			  ASSERT_TRUE(id && id->ok()) << (id ? id->error().message() : "no answer");
			  EXPECT_EQ((*id)->msisdn, "+15550100");
			  EXPECT_EQ((*id)->imei, "350000000000006");
		  }, {} },
		{ "smsMultipartOutOfOrder", {}, [](Bench &b, const std::string &) {
			  SmsFilter f;
			  f.senders = { "00000" };
			  f.since = std::chrono::system_clock::now();  // the reply may come before waitSms
			  auto sent = b.run(b.modem().sendSms("00000", "BALANCE"));
			  ASSERT_TRUE(sent && sent->ok()) << (sent ? sent->error().message() : "no answer");
			  auto m = b.run(b.modem().waitSms(f, 20s));
			  ASSERT_TRUE(m && m->ok()) << (m ? m->error().message() : "no answer");
			  EXPECT_TRUE((*m)->complete);
			  EXPECT_EQ((*m)->partsTotal, 3u);
			  EXPECT_EQ((*m)->text, "Balance 12.34 GBP, data 1.5 GB left until 31.12. Thank you for using the "
						"test network, your friendly carrier.");
			  EXPECT_EQ((*m)->storageIndexes.size(), 3u);
		  }, {} },
		{ "unrelatedSmsLeftInStorage", {}, [](Bench &b, const std::string &) {
			  ASSERT_EQ(b.control("deliver-sms +15550999 Your bank code is 4711"), "ok");
			  ASSERT_TRUE(b.pump([&] { return b.simStoredSms() == 1; }, 5s));
			  SmsFilter f;
			  f.senders = { "00000" };
			  f.since = std::chrono::system_clock::now();
			  auto sent = b.run(b.modem().sendSms("00000", "BALANCE"));
			  ASSERT_TRUE(sent && sent->ok());
			  auto m = b.run(b.modem().waitSms(f, 20s));
			  ASSERT_TRUE(m && m->ok()) << (m ? m->error().message() : "no answer");
			  EXPECT_EQ((*m)->sender, "00000");
			  EXPECT_EQ(b.simStoredSms(), 4u) << "receiving and waiting delete nothing";
			  auto deleted = b.run(b.modem().deleteStoredSms((*m)->storageIndexes));
			  ASSERT_TRUE(deleted && deleted->ok());
			  EXPECT_EQ(b.simStoredSms(), 1u) << "only the consumed reply went";
			  auto listed = b.run(b.modem().listStoredSms());
			  ASSERT_TRUE(listed && listed->ok());
			  ASSERT_EQ((*listed)->size(), 1u);
			  EXPECT_EQ((**listed)[0].text, "Your bank code is 4711");
		  }, {} },
	};
	return table;
}

struct Param {
	std::size_t caseIndex;
	std::size_t driverIndex;
};

class Conformance : public ::testing::TestWithParam<Param>
{
};

TEST_P(Conformance, behavesAsTheTableSays)
{
	const Case &c = cases()[GetParam().caseIndex];
	const Driver d = drivers()[GetParam().driverIndex];
	if (auto it = c.notOn.find(d.name); it != c.notOn.end())
		GTEST_SKIP() << d.name << " cannot: " << it->second;
	auto bench = d.make(kScenario, c.options);
	c.script(*bench, d.name);
	if (HasFailure())
		ADD_FAILURE() << "simulator log:\n" << bench->simLog();
}

std::vector<Param> allParams()
{
	std::vector<Param> out;
	for (std::size_t i = 0; i < cases().size(); ++i)
		for (std::size_t j = 0; j < drivers().size(); ++j)
			out.push_back({ i, j });
	return out;
}

INSTANTIATE_TEST_SUITE_P(Table, Conformance, ::testing::ValuesIn(allParams()),
			 [](const ::testing::TestParamInfo<Param> &p) {
				 return std::string(cases()[p.param.caseIndex].name) + "_" +
					drivers()[p.param.driverIndex].name;
			 });

} /* namespace */
} /* namespace zanryo */
